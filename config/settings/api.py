"""The REST API: its rate limits, the proxies it trusts, DRF and the OpenAPI document.
Composed into ``base``."""

from core.env import env_int, env_str

API_THROTTLE_ANON = env_str(
    "API_THROTTLE_ANON",
    "60/minute",
    help_text="Limiet voor anonieme API-verzoeken per IP-adres, als aantal/periode (second, minute, hour, day).",
)
API_THROTTLE_USER = env_str(
    "API_THROTTLE_USER",
    "600/minute",
    help_text="Limiet voor API-verzoeken met een token, per gebruiker, als aantal/periode.",
)
API_THROTTLE_AUTH_FAILURES = env_str(
    "API_THROTTLE_AUTH_FAILURES",
    "30/minute",
    help_text=(
        "Mislukte aanmeldingen bij de API (onbekend token, ander schema dan Token) per "
        "IP-adres, als aantal/periode; daarna krijgt elk verzoek met een "
        "Authorization-header vanaf dat adres 429, ook met het juiste token, tot de "
        "periode om is."
    ),
)
API_NUM_PROXIES = env_int(
    "API_NUM_PROXIES",
    0,
    help_text=(
        "Aantal vertrouwde proxy's vóór het register; bepaalt welk adres uit "
        "X-Forwarded-For telt voor de API-limieten en de inlogblokkade (0 = alleen "
        "het directe adres)."
    ),
)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.AutoSchema",
    # DRF's token authentication, plus a 401 for other schemes and a brake on guessing.
    "DEFAULT_AUTHENTICATION_CLASSES": ["core.api.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticatedOrReadOnly"
    ],
    "DEFAULT_RENDERER_CLASSES": ["core.api.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["core.api.parsers.LimitedJSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["core.api.filters.FilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.Paginering",
    "PAGE_SIZE": 20,
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": API_THROTTLE_ANON,
        "user": API_THROTTLE_USER,
        # Failed authentications per address (core.api.authentication).
        "authentication_failures": API_THROTTLE_AUTH_FAILURES,
    },
    # Without this DRF trusts any X-Forwarded-For, so a caller could dodge the limits.
    "NUM_PROXIES": API_NUM_PROXIES,
    "EXCEPTION_HANDLER": "core.api.problems.exception_handler",
    "NON_FIELD_ERRORS_KEY": "nonFieldErrors",
    # ?format= is not part of this API; unknown query parameters are ignored.
    "URL_FORMAT_OVERRIDE": None,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Bouwstenenregister API",
    "DESCRIPTION": (
        "REST API van het Bouwstenenregister: herbruikbare bouwstenen van Nederlandse "
        "overheden zoeken, bekijken, aanmaken, wijzigen en publiceren. Volgt de NL API "
        "Design Rules. Lezen kan anoniem (alleen gepubliceerde bouwstenen); schrijven met "
        "`Authorization: Token <sleutel>` namens een organisatie waarvan u lid bent. "
        "Websites op een ander domein mogen anoniem lezen: elk GET en HEAD zonder "
        "Authorization krijgt `Access-Control-Allow-Origin: *` (CORS; nooit bij "
        "schrijven of met een token). HEAD geeft dezelfde headers als GET, met de ETag. "
        "Een Accept dat de API niet kan leveren geeft 406. De lijst en het detail van "
        "bouwstenen geven met `fields=naam,samenvatting,organisatie` alleen die velden "
        "(plus url en uuid). Zie docs/api.md voor voorbeelden."
    ),
    # The API-Version header of every response repeats this (core.api.middleware).
    "VERSION": "1.0.0",
    "CONTACT": {
        "name": "Team Bouwstenenregister",
        "email": "bouwstenenregister@example.org",
        "url": "https://github.com/bouwstenenregister/bouwstenenregister",
    },
    "LICENSE": {"name": "EUPL-1.2", "url": "https://eupl.eu/1.2/nl/"},
    "SERVERS": [{"url": "/api/v1", "description": "Dit register"}],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "PREPROCESSING_HOOKS": ["core.api.schema.only_api_v1"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.sparse_responses",
    ],
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "OrganisatieSoortEnum": "registry.constants.OrganisatieSoort",
        "LaagEnum": "registry.constants.CommonGroundLaag",
        "PublicatiestatusEnum": "registry.constants.Publicatiestatus",
        "BouwsteenSoortEnum": "bouwstenen.constants.Soort",
        "VormEnum": "bouwstenen.constants.Vorm",
        "LevensfaseEnum": "bouwstenen.constants.Levensfase",
    },
    "TAGS": [
        {
            "name": "bouwstenen",
            "description": "Herbruikbare bouwstenen en hun publicatie.",
        },
        {
            "name": "organisaties",
            "description": "Overheidsorganisaties (alleen lezen).",
        },
        {"name": "themas", "description": "Maatschappelijke opgaven (alleen lezen)."},
        {
            "name": "referentiecomponenten",
            "description": "GEMMA-referentiecomponenten (alleen lezen).",
        },
        {"name": "openapi", "description": "Deze specificatie."},
    ],
}
