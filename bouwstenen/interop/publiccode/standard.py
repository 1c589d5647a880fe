"""The vocabularies of the publiccode.yml standard that the validator and the mapping share.

Lists as in the standard's documentation (categories-list, scope-list, the enumerations in
schema.core) for publiccodeYmlVersion 0.2 up to 0.5.
"""

import re

# 0.2 up to 0.5 are read as they are; 0.1 (pre-standard) and later versions leniently.
SUPPORTED_VERSIONS = ("0.2", "0.3", "0.4", "0.5")
# The versions the export writes. A block made here gets 0.4 unless 0.5 is asked for
# (issue 22); 0.5 adds ``organisation`` with the owner's TOOI URI.
EXPORT_VERSIONS = ("0.4", "0.5")
EXPORT_VERSION_MADE_HERE = "0.4"
# What a fresh export wrote before 0.4 was the default, and still writes for a harvested
# block or an imported one whose source document cannot be read.
EXPORT_VERSION_OTHERWISE = "0.5"
# Top-level keys 0.4 does not know: the owner as ``organisation`` came with 0.5, and
# ``organizationUri`` / ``organisationUri`` are spellings of later or unofficial versions.
KEYS_NOT_IN_0_4 = ("organisation", "organizationUri", "organisationUri")

# The top-level keys of the standard, in its order (with the two unofficial spellings of
# organisation.uri that files in the wild use): what the validator knows, and where the
# export puts a key it adds.
TOP_LEVEL_KEYS = (
    "publiccodeYmlVersion",
    "name",
    "applicationSuite",
    "url",
    "landingURL",
    "isBasedOn",
    "softwareVersion",
    "releaseDate",
    "logo",
    "monochromeLogo",
    "organisation",
    "organizationUri",
    "organisationUri",
    "inputTypes",
    "outputTypes",
    "platforms",
    "categories",
    "usedBy",
    "fundedBy",
    "roadmap",
    "developmentStatus",
    "softwareType",
    "intendedAudience",
    "description",
    "legal",
    "maintenance",
    "localisation",
    "dependsOn",
)

DEVELOPMENT_STATUSES = ("concept", "development", "beta", "stable", "obsolete")
SOFTWARE_TYPES = (
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
)
MAINTENANCE_TYPES = ("internal", "contract", "community", "none")
PLATFORMS = ("web", "windows", "mac", "linux", "ios", "android")

SCOPES = (
    "agriculture",
    "culture",
    "defence",
    "education",
    "emergency-services",
    "employment",
    "energy",
    "environment",
    "finance-and-economic-development",
    "foreign-affairs",
    "government",
    "healthcare",
    "infrastructures",
    "justice",
    "local-authorities",
    "manufacturing",
    "research",
    "science-and-technology",
    "security",
    "society",
    "sport",
    "tourism",
    "transportation",
    "welfare",
)

# The categories list of the standard (current), plus two names of older versions.
CATEGORIES = (
    "accounting",
    "agile-project-management",
    "applicant-tracking",
    "application-development",
    "appointment-scheduling",
    "backup",
    "billing-and-invoicing",
    "blog",
    "budgeting",
    "business-intelligence",
    "business-process-management",
    "cad",
    "call-center-management",
    "cloud-management",
    "collaboration",
    "communications",
    "compliance-management",
    "contact-management",
    "content-management",
    "crm",
    "customer-service-and-support",
    "data-analytics",
    "data-collection",
    "data-visualization",
    "design",
    "design-system",
    "digital-asset-management",
    "digital-citizenship",
    "document-management",
    "donor-management",
    "e-commerce",
    "e-signature",
    "educational-content",
    "email-management",
    "email-marketing",
    "employee-management",
    "enterprise-project-management",
    "enterprise-social-networking",
    "erp",
    "event-management",
    "facility-management",
    "feedback-and-reviews-management",
    "financial-reporting",
    "fleet-management",
    "fundraising",
    "gamification",
    "geographic-information-systems",
    "grant-management",
    "graphic-design",
    "help-desk",
    "hr",
    "ide",
    "identity-management",
    "instant-messaging",
    "inventory-management",
    "it-asset-management",
    "it-development",
    "it-management",
    "it-security",
    "it-service-management",
    "knowledge-management",
    "learning-management-system",
    "marketing",
    "mind-mapping",
    "mobile-marketing",
    "mobile-payment",
    "network-management",
    "office",
    "online-booking",
    "online-community",
    "payment-gateway",
    "payments-and-donations",
    "payroll",
    "predictive-analysis",
    "procurement",
    "productivity-suite",
    "project-collaboration",
    "project-management",
    "property-management",
    "real-estate-management",
    "remote-support",
    "resource-management",
    "sales-management",
    "seo",
    "service-desk",
    "service-desk-management",
    "social-media-management",
    "survey",
    "talent-management",
    "task-management",
    "taxes-management",
    "test-management",
    "time-management",
    "time-tracking",
    "translation",
    "video-conferencing",
    "video-editing",
    "visitor-management",
    "voip",
    "warehouse-management",
    "web-collaboration",
    "web-conferencing",
    "website-builder",
    "whistleblowing",
    "workflow-management",
)

# The Common Ground layers in the Dutch (OpenCatalogi/VNG) extension
# ``nl.commonground.layerType``, and the registry's laag slugs they stand for.
LAYER_TYPE_TO_LAAG = {
    "interface": "interactie",
    "interaction": "interactie",
    "process": "proces",
    "integration": "integratie",
    "service": "services",
    "services": "services",
    "data": "data",
}
LAAG_TO_LAYER_TYPE = {
    "interactie": "interface",
    "proces": "process",
    "integratie": "integration",
    "services": "service",
    "data": "data",
}

# The registry's own keys in the Dutch country section (``nl.bouwstenenregister``): what
# publiccode.yml has no key for, so that importing an export gives the same block back.
REGISTRY_SECTION = "bouwstenenregister"

SHORT_DESCRIPTION_MAX = 150
LONG_DESCRIPTION_MIN = 150
LONG_DESCRIPTION_MAX = 10_000
GENERIC_NAME_MAX = 35

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# BCP 47, loosely: a primary language subtag and optional subtags (nl, en-GB, sl-IT-nedis).
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def language_of(tag: str) -> str:
    """The primary language subtag: ``nl`` for nl, nl-NL and nl-BE."""
    return tag.split("-", 1)[0].lower()
