"""The published data solutions as a DCAT-AP 3 catalogue in JSON-LD (DCAT-AP-NL 3.0).

Each published datatoepassing is a ``dcat:DataService`` when it is an API and a
``dcat:Dataset`` otherwise (a dashboard, model or pipeline is described by the data it
shows or makes, reachable through one distribution: its best link). Publishers and
creators are the owning organisations by their TOOI URI, themes are EU data themes (the
``eu_data_theme`` of each thema), licences SPDX licences. Every referenced thing carries
its class (``foaf:Agent``, ``skos:Concept``, ``dct:LicenseDocument``…), because the
SHACL shapes of DCAT-AP check classes on the data itself.

The context is inline, so reading the document never needs the network.
"""

from urllib.parse import quote

from django.db.models import QuerySet

from bouwstenen.constants import Soort, Vorm
from bouwstenen.interop.publiccode.export import record_url
from bouwstenen.models import Bouwsteen
from registry.models import Organisatie

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
AUTHORITY = "http://publications.europa.eu/resource/authority"
DATA_THEMES = f"{AUTHORITY}/data-theme"
# Used when a block has no thema with an EU data theme (DCAT-AP-NL requires one).
FALLBACK_THEME = "OP_DATPRO"
# The Dutch labels of the EU data themes (the Publications Office's authority table).
DATA_THEME_LABELS = {
    "AGRI": "Landbouw, visserij, bosbouw en voeding",
    "ECON": "Economie en financiën",
    "EDUC": "Onderwijs, cultuur en sport",
    "ENER": "Energie",
    "ENVI": "Milieu",
    "GOVE": "Overheid en publieke sector",
    "HEAL": "Gezondheid",
    "INTR": "Internationale vraagstukken",
    "JUST": "Justitie, rechtsstelsel en openbare veiligheid",
    "OP_DATPRO": "Voorlopige gegevens",
    "REGI": "Regio's en steden",
    "SOCI": "Bevolking en samenleving",
    "TECH": "Wetenschap en technologie",
    "TRAN": "Vervoer",
}
SPDX_LICENSES = "http://spdx.org/licenses"

CATALOGUE_TITLE = "Bouwstenenregister"
CATALOGUE_DESCRIPTION = (
    "Herbruikbare datatoepassingen van Nederlandse overheden: dashboards, modellen, "
    "datapijplijnen, API's, datasets en softwarecomponenten, met hun organisatie, "
    "maatschappelijke opgave, licentie en contactpunt."
)


def _text(value: str) -> dict:
    return {"@value": value, "@language": "nl"}


def _date(value) -> dict:
    return {"@value": value.isoformat(), "@type": "xsd:dateTime"}


def _document(url: str) -> dict:
    return {"@id": url, "@type": "foaf:Document"}


def _language() -> dict:
    return {
        "@id": f"{AUTHORITY}/language/NLD",
        "@type": "dct:LinguisticSystem",
        "skos:inScheme": {"@id": f"{AUTHORITY}/language"},
    }


def _public_access() -> dict:
    return {
        "@id": f"{AUTHORITY}/access-right/PUBLIC",
        "@type": "dct:RightsStatement",
        "skos:inScheme": {"@id": f"{AUTHORITY}/access-right"},
        "skos:prefLabel": _text("openbaar"),
    }


def _theme(code: str) -> dict:
    return {
        "@id": f"{DATA_THEMES}/{code}",
        "@type": "skos:Concept",
        "skos:prefLabel": _text(DATA_THEME_LABELS.get(code, code)),
        "skos:inScheme": {"@id": DATA_THEMES},
    }


def agent(organisatie: Organisatie, *, base_url: str) -> dict:
    """The organisation as foaf:Agent, identified by its TOOI URI where it has one."""
    iri = organisatie.tooi_uri or (
        f"{base_url.rstrip('/')}/api/v1/organisaties/{quote(organisatie.code)}"
    )
    return {
        "@id": iri,
        "@type": ["foaf:Agent", "foaf:Organization"],
        "foaf:name": _text(organisatie.naam),
        "dct:identifier": organisatie.code,
    }


def licence(expression: str) -> dict:
    """An SPDX licence by its URI; an expression (A OR B) as a described document."""
    # "EUPL-1.2+" (this version or later) has no SPDX page of its own: described.
    if " " not in expression and "(" not in expression and "+" not in expression:
        return {
            "@id": f"{SPDX_LICENSES}/{quote(expression)}",
            "@type": "dct:LicenseDocument",
            "rdfs:label": expression,
        }
    return {"@type": "dct:LicenseDocument", "rdfs:label": expression}


def contact_point(bouwsteen: Bouwsteen) -> dict:
    contact = {
        "@type": ["vcard:Kind", "vcard:Organization"],
        "vcard:fn": bouwsteen.contact_naam or bouwsteen.organisatie.naam,
    }
    if bouwsteen.contact_email:
        contact["vcard:hasEmail"] = {"@id": f"mailto:{bouwsteen.contact_email}"}
    elif bouwsteen.organisatie.website:
        contact["vcard:hasURL"] = {"@id": bouwsteen.organisatie.website}
    return contact


def access_url(bouwsteen: Bouwsteen) -> str:
    """Where the solution itself is reached: its repository (the code to download and
    run). Never a web page about it, such as the organisation's homepage; empty when
    the register knows no such address (docs/interoperabiliteit.md)."""
    return bouwsteen.repository_url


def resource(bouwsteen: Bouwsteen, *, base_url: str) -> dict:
    """One published datatoepassing as dcat:Dataset or dcat:DataService.

    An API is a dcat:DataService when its address is known (DCAT-AP requires
    dcat:endpointURL); without one it is described as a dcat:Dataset, and so is every
    other form. A dataset gets a distribution only where there is something to reach
    (dcat:accessURL is required there too)."""
    own = record_url(bouwsteen, base_url=base_url)
    organisatie = agent(bouwsteen.organisatie, base_url=base_url)
    codes = sorted({t.eu_data_theme for t in bouwsteen.themas.all() if t.eu_data_theme})
    keywords = [t.naam for t in bouwsteen.themas.all()]
    if bouwsteen.vorm:
        keywords.append(bouwsteen.get_vorm_display())
    node = {
        "@id": own,
        "dct:identifier": own,
        "dct:title": _text(bouwsteen.naam),
        "dct:description": _text(bouwsteen.samenvatting),
        "dct:publisher": organisatie,
        "dct:creator": organisatie,
        "dcat:contactPoint": contact_point(bouwsteen),
        "dcat:theme": [_theme(code) for code in codes or [FALLBACK_THEME]],
        "dcat:keyword": [_text(k) for k in keywords],
        "dct:accessRights": _public_access(),
        "dct:language": _language(),
        "dct:modified": _date(bouwsteen.gewijzigd_op),
    }
    if bouwsteen.gepubliceerd_op:
        node["dct:issued"] = _date(bouwsteen.gepubliceerd_op)
    if bouwsteen.website_url:
        node["dcat:landingPage"] = _document(bouwsteen.website_url)
    if bouwsteen.documentatie_url:
        node["foaf:page"] = _document(bouwsteen.documentatie_url)
    reached = access_url(bouwsteen)
    if bouwsteen.vorm == Vorm.API and reached:
        node["@type"] = "dcat:DataService"
        node["dct:license"] = licence(bouwsteen.licentie)
        node["dcat:endpointURL"] = {"@id": reached}
        if bouwsteen.documentatie_url:
            node["dcat:endpointDescription"] = {"@id": bouwsteen.documentatie_url}
        return node
    node["@type"] = "dcat:Dataset"
    if reached:
        node["dcat:distribution"] = {
            "@id": f"{own}#distributie",
            "@type": "dcat:Distribution",
            "dct:title": _text(f"{bouwsteen.naam} (broncode)"),
            "dct:description": _text(bouwsteen.samenvatting),
            "dcat:accessURL": {"@id": reached},
            "dct:language": _language(),
            "dct:license": licence(bouwsteen.licentie),
        }
    return node


def published_datatoepassingen() -> QuerySet[Bouwsteen]:
    return (
        Bouwsteen.objects.published()
        .filter(soort=Soort.DATATOEPASSING)
        .select_related("organisatie")
        .prefetch_related("themas")
        .order_by("naam", "pk")
    )


def dcat_catalogue(
    *, base_url: str, queryset: QuerySet[Bouwsteen] | None = None
) -> dict:
    """The catalogue as a JSON-LD document (a dict ready for json.dumps)."""
    base = base_url.rstrip("/")
    blocks = list(published_datatoepassingen() if queryset is None else queryset)
    resources = [resource(b, base_url=base) for b in blocks]
    catalogue = {
        "@id": f"{base}/api/v1/dcat",
        "@type": "dcat:Catalog",
        "dct:title": _text(CATALOGUE_TITLE),
        "dct:description": _text(CATALOGUE_DESCRIPTION),
        "dct:publisher": {
            "@id": f"{base}/",
            "@type": ["foaf:Agent", "foaf:Organization"],
            "foaf:name": _text("Beheer van het Bouwstenenregister"),
        },
        "dcat:contactPoint": {
            "@type": ["vcard:Kind", "vcard:Organization"],
            "vcard:fn": "Beheer van het Bouwstenenregister",
            "vcard:hasURL": {"@id": f"{base}/"},
        },
        "foaf:homepage": _document(f"{base}/"),
        "dct:language": _language(),
        "dcat:themeTaxonomy": {
            "@id": DATA_THEMES,
            "@type": "skos:ConceptScheme",
            "dct:title": _text("Datathema's van de EU"),
        },
        "dcat:dataset": [r for r in resources if r["@type"] == "dcat:Dataset"],
        "dcat:service": [r for r in resources if r["@type"] == "dcat:DataService"],
    }
    if blocks:
        catalogue["dct:modified"] = _date(max(b.gewijzigd_op for b in blocks))
    return {"@context": CONTEXT, **catalogue}
