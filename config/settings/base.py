"""Settings for every environment, read from environment variables in one place.

``dev`` and ``test`` only set defaults for a few variables and then import this
module; production imports it directly (``config.settings.base``).
"""

from pathlib import Path

import dj_database_url

from django.core.exceptions import ImproperlyConfigured

from core.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool(
    "DEBUG",
    False,
    help_text="Debugmodus; alleen voor lokale ontwikkeling, nooit aan in productie.",
)
_INSECURE_KEY_PREFIX = "django-insecure-"
SECRET_KEY = env_str(
    "SECRET_KEY",
    "",
    help_text="Geheime sleutel voor sessies en tokens; verplicht in productie (DEBUG uit).",
)
# No key is ever invented here: only config.settings.dev sets a development key, so a
# deployment can never run with DEBUG on and a default key.
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is niet gezet. Zet een lange willekeurige waarde in de omgeving."
    )
if SECRET_KEY.startswith(_INSECURE_KEY_PREFIX) and not DEBUG:
    raise ImproperlyConfigured(
        "Een onveilige SECRET_KEY mag niet gebruikt worden met DEBUG uit."
    )

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS",
    ["127.0.0.1", "localhost"],
    help_text="Komma-gescheiden hostnamen waaronder het register bereikbaar is.",
)
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS",
    [],
    help_text="Komma-gescheiden origins (https://register.example.nl) voor formulieren achter een proxy.",
)

DATABASES = {
    "default": dj_database_url.parse(
        env_str(
            "DATABASE_URL",
            f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
            help_text=(
                "Database-URL. Standaard een SQLite-bestand in de projectmap; "
                "postgres://gebruiker:wachtwoord@host:5432/naam voor PostgreSQL."
            ),
        ),
        conn_max_age=env_int(
            "DATABASE_CONN_MAX_AGE",
            60,
            help_text="Seconden dat een databaseverbinding open blijft (0 = per request).",
        ),
        conn_health_checks=True,
    )
}
# Optional read replicas: reads go there, writes (and a writer's reads) to the primary
# (core/db_router.py).
for _number, _url in enumerate(
    env_list(
        "DATABASE_REPLICA_URLS",
        [],
        help_text="Komma-gescheiden database-URL's van leesreplica's; leeg = geen replica's.",
    ),
    start=1,
):
    DATABASES[f"replica_{_number}"] = dj_database_url.parse(
        _url, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True
    )
    DATABASES[f"replica_{_number}"]["TEST"] = {"MIRROR": "default"}
    if DATABASES[f"replica_{_number}"]["ENGINE"].endswith("postgresql"):
        # A replica that does not answer costs a request 2 s at most; then it is skipped.
        DATABASES[f"replica_{_number}"].setdefault("OPTIONS", {}).setdefault(
            "connect_timeout", 2
        )
DATABASE_REPLICA_MAX_LAG = env_int(
    "DATABASE_REPLICA_MAX_LAG",
    30,
    help_text="Seconden dat een leesreplica achter mag lopen; een replica die verder achter is (of niet antwoordt) krijgt geen leesverzoeken tot hij weer bij is.",
)
DATABASE_ROUTERS = ["core.db_router.ReplicaRouter"]

# Caches live outside the web processes when CACHE_URL is set (redis://... or "database"),
# so any number of gunicorn workers and hosts share them; sessions are in the database.
_CACHE_URL = env_str(
    "CACHE_URL",
    "",
    help_text="redis://host:6379/0 voor Redis, database voor de databasecache, leeg voor een cache per proces.",
)
if _CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _CACHE_URL,
        }
    }
elif _CACHE_URL == "database":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "registry_cache",
        }
    }
elif _CACHE_URL:
    raise ImproperlyConfigured(
        "CACHE_URL moet met redis:// beginnen, 'database' zijn of leeg."
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers may write at once. A deferred transaction that reads first
    # and then writes fails at once with "database is locked"; IMMEDIATE takes the write
    # lock at the start, so a second writer waits (up to the timeout) instead. WAL lets
    # readers go on while someone writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

INSTALLED_APPS = [
    "bouwstenen.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Its lookups (trigram_word_similar) are used on PostgreSQL; harmless on SQLite.
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "reversion",
    "csp",
    "axes",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "core",
    "registry",
    "bouwstenen",
]

MIDDLEWARE = [
    # First, so every log line of the request carries its id.
    "core.observability.RequestIdMiddleware",
    # Only the services write building blocks while a request is served (core.door).
    "core.door.GuardWritesMiddleware",
    "core.db_router.PrimaryForWritesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # After SecurityMiddleware in the list, so its headers win over SecurityMiddleware's defaults.
    "core.api.middleware.ApiHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A weak ETag on every GET that has none (lists, searches, facets, pages) and 304 for
    # a client that sends it back: a repeated request costs no bytes on the wire.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.i18n.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a lockout into a response.
    "axes.middleware.AxesMiddleware",
]
# For the benchmark (make bench): the number of SQL statements of each request in a
# response header. Outermost, so it also counts what the other middleware runs.
if env_bool(
    "QUERY_COUNT_HEADER",
    False,
    help_text="Zet op elk antwoord de header X-Query-Count met het aantal SQL-queries van het verzoek; voor de benchmark, niet voor productie.",
):
    MIDDLEWARE.insert(0, "core.query_count.QueryCountMiddleware")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

AUTHENTICATION_BACKENDS = [
    # Counts failed logins and locks out after AXES_FAILURE_LIMIT (django-axes).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int(
    "AXES_FAILURE_LIMIT",
    5,
    help_text="Aantal mislukte inlogpogingen waarna een gebruikersnaam vanaf een adres wordt geblokkeerd.",
)
AXES_COOLOFF_TIME = (
    env_int(
        "AXES_COOLOFF_MINUTES",
        15,
        help_text="Minuten dat een blokkade na te veel mislukte inlogpogingen duurt.",
    )
    / 60
)
AXES_ADDRESS_FAILURE_LIMIT = env_int(
    "AXES_ADDRESS_FAILURE_LIMIT",
    30,
    help_text=(
        "Aantal mislukte inlogpogingen vanaf één adres, met welke gebruikersnamen "
        "ook, waarna het adres wordt geblokkeerd (tegen het uitproberen van één "
        "wachtwoord op veel gebruikersnamen)."
    ),
)
# A username at an address (AXES_FAILURE_LIMIT) and the address alone (the limit
# above); core.login_protection gives each set its own limit.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "core.login_protection.LoginAttemptHandler"
# The address as the API's throttles see it, so API_NUM_PROXIES serves both.
AXES_CLIENT_IP_CALLABLE = "core.login_protection.client_address"
# 429, a Dutch page in the site's look, and Retry-After.
AXES_LOCKOUT_CALLABLE = "core.login_protection.lockout_response"
# Each attempt during a lockout starts the cool-off again (axes' default, spelled out
# because Retry-After relies on it).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [
    BASE_DIR / "locale",
    # Dutch for the messages of DRF that the API shows (see the file's header).
    BASE_DIR / "core" / "api" / "locale",
]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(
    env_str(
        "STATIC_ROOT",
        str(BASE_DIR / "staticfiles"),
        help_text="Map waarin collectstatic de statische bestanden zet (door whitenoise geserveerd).",
    )
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

REGISTRY_FOUR_EYES = env_bool(
    "REGISTRY_FOUR_EYES",
    True,
    help_text="Vier ogen: een publicist mag niet publiceren wat hij of zij zelf heeft ingediend of het laatst heeft gewijzigd. Alleen uit voor een organisatie met één persoon.",
)
REGISTRY_IDEMPOTENCY_HOURS = env_int(
    "REGISTRY_IDEMPOTENCY_HOURS",
    24,
    help_text="Hoe lang (uren) een Idempotency-Key het eerste antwoord bewaart voor een herhaald POST-verzoek.",
)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- transport and browser security (all on by default when DEBUG is off) -------------
SECURE_SSL_REDIRECT = env_bool(
    "SECURE_SSL_REDIRECT",
    not DEBUG,
    help_text="Stuur http door naar https. Standaard aan als DEBUG uit is.",
    documented_default="true (false met DEBUG)",
)
if env_bool(
    "BEHIND_TLS_PROXY",
    False,
    help_text="Zet aan als een proxy TLS afhandelt en X-Forwarded-Proto meestuurt.",
):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int(
    "SECURE_HSTS_SECONDS",
    0 if DEBUG else 31_536_000,
    help_text="Hoe lang browsers alleen https mogen gebruiken (HSTS), in seconden. Standaard een jaar.",
    documented_default="31536000 (0 met DEBUG)",
)
# Load balancers probe the health endpoint over plain http inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health$"]
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
_SECURE_COOKIES = env_bool(
    "SECURE_COOKIES",
    not DEBUG,
    help_text="Stuur sessie- en CSRF-cookies alleen over https. Standaard aan als DEBUG uit is.",
    documented_default="true (false met DEBUG)",
)
SESSION_COOKIE_SECURE = _SECURE_COOKIES
CSRF_COOKIE_SECURE = _SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# No inline scripts anywhere: every script is a static file. Inline styles stay allowed
# (the admin and its widgets set some).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

DATA_UPLOAD_MAX_MEMORY_SIZE = env_int(
    "DATA_UPLOAD_MAX_MEMORY_SIZE",
    1_048_576,
    help_text="Grootste toegestane body van een verzoek in bytes (API en formulieren); groter geeft 413.",
)

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
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
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
        "Zie docs/api.md voor voorbeelden."
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

_LOG_FORMAT = env_str(
    "LOG_FORMAT",
    "text",
    help_text="text (leesbaar) of json (één JSON-object per regel, voor logverzamelaars).",
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.observability.RequestIdFilter"}},
    "formatters": {
        "text": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
        },
        "json": {"()": "core.observability.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if _LOG_FORMAT == "json" else "text",
        }
    },
    "root": {
        "handlers": ["console"],
        "level": env_str(
            "LOG_LEVEL", "INFO", help_text="Logniveau: DEBUG, INFO, WARNING of ERROR."
        ),
    },
    "loggers": {
        # One line per request; quiet in tests unless asked for.
        "registry.access": {
            "level": env_str(
                "ACCESS_LOG_LEVEL",
                "INFO",
                help_text="Logniveau van de regel per verzoek (INFO toont ze, WARNING verbergt ze).",
            )
        },
    },
}
