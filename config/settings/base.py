"""Settings for every environment, read from environment variables in one place.

``dev`` and ``test`` only set defaults for a few variables and then import this
module; production imports it directly (``config.settings.base``). It composes
``security`` (debug, the key, hosts, logins, transport and browser security), ``api``
and ``logging``; each variable is read once, in whichever of them it belongs to.
"""

from pathlib import Path

import dj_database_url

from django.core.exceptions import ImproperlyConfigured

from config.settings.api import *
from config.settings.logging import *
from config.settings.security import *
from core.env import email_settings, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

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
# A request's statements are short, and the gunicorn workers already keep the cores busy:
# a parallel worker only adds its start (6 to 35 ms measured at 100,000 blocks, against
# 0.3 ms of work) and takes a core from another request (docs/performance.md). Set on
# each new connection (core/postgresql_session.py).
DATABASE_PARALLEL_WORKERS = env_int(
    "DATABASE_PARALLEL_WORKERS",
    0,
    help_text="Parallelle werkers per query (max_parallel_workers_per_gather) op de "
    "PostgreSQL-verbindingen van het register; 0 = geen, zoals past bij korte verzoeken.",
)
if DATABASE_PARALLEL_WORKERS < 0:
    raise ImproperlyConfigured("DATABASE_PARALLEL_WORKERS moet 0 of meer zijn.")
DATABASE_REPLICA_MAX_LAG = env_int(
    "DATABASE_REPLICA_MAX_LAG",
    30,
    help_text="Seconden dat een leesreplica achter mag lopen; een replica die verder achter is (of niet antwoordt) krijgt geen leesverzoeken tot hij weer bij is.",
)
# psycopg prepares a statement on the server from its fifth execution on a connection
# when the values travel apart from the SQL (server-side binding); PostgreSQL may then
# skip planning it again. Measured from outside at 10,000 blocks in one sitting: selective
# search 227 -> 330/s, detail 851 -> 1,022/s, nothing slower (docs/performance.md, which
# also says what a generic plan risks). A pooler in transaction mode (pgbouncer before
# 1.21) does not keep prepared statements.
DATABASE_PREPARED_STATEMENTS = env_bool(
    "DATABASE_PREPARED_STATEMENTS",
    True,
    help_text="PostgreSQL: waarden los van de SQL sturen en vaak gebruikte statements op "
    "de server voorbereiden; zet uit achter een pooler in transactiemodus.",
)
for _alias, _database in DATABASES.items():
    if _database["ENGINE"].endswith("postgresql") and DATABASE_PREPARED_STATEMENTS:
        _database.setdefault("OPTIONS", {}).update(
            {"server_side_binding": True, "prepare_threshold": 5}
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
    "django.contrib.humanize",
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
    # Anonymous reads for pages on other sites (CORS), answered before anything else.
    "core.api.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A weak ETag on every GET that has none (lists, searches, facets, pages) and 304 for
    # a client that sends it back: a repeated request costs no bytes on the wire. HEAD
    # gets the same tag as its GET.
    "core.api.middleware.ConditionalGetMiddleware",
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
                "bouwstenen.context_processors.beheerder",
            ],
        },
    },
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

# Who runs this installation: the footer, /over, the accessibility and privacy statements
# and the error pages name them, so a visitor always knows whom to ask.
REGISTRY_BEHEERDER = env_str(
    "REGISTRY_BEHEERDER",
    "de beheerder van deze installatie",
    help_text="Naam van de organisatie die dit register beheert, zoals die in de voettekst, op /over en in de privacy- en toegankelijkheidsverklaring staat.",
)
REGISTRY_CONTACT_EMAIL = env_str(
    "REGISTRY_CONTACT_EMAIL",
    "",
    help_text="E-mailadres voor vragen, fouten en verzoeken over persoonsgegevens; leeg = de pagina's zeggen dat er geen adres is ingesteld.",
)
REGISTRY_CONTACT_ADRES = env_str(
    "REGISTRY_CONTACT_ADRES",
    "",
    help_text="Postadres van de beheerder (één regel), getoond op /over en in de privacyverklaring; leeg = niet getoond.",
)

# Where the register lives for its users: e-mails link to its pages and its admin, and
# an e-mail has no request to take the host from.
REGISTRY_URL = env_str(
    "REGISTRY_URL",
    "http://127.0.0.1:8000",
    help_text="Het adres van dit register zoals gebruikers het openen (https://bouwstenen.example.nl); de links in e-mails beginnen ermee.",
).rstrip("/")

# E-mail: notifications are stored in an outbox with the write and sent after the commit
# (core.notifications); what fails is sent again by manage.py send_notifications.
globals().update(
    email_settings(
        env_str(
            "EMAIL_URL",
            "console:",
            help_text="Hoe e-mail wordt verstuurd: smtp://gebruiker:wachtwoord@host:25, smtp+tls://...:587 (STARTTLS), smtps://...:465, console: (naar de uitvoer; standaard) of file:///map (één bestand per bericht).",
        )
    )
)
DEFAULT_FROM_EMAIL = env_str(
    "EMAIL_FROM",
    "Bouwstenenregister <noreply@localhost>",
    help_text="Afzender van de e-mails van het register.",
)
EMAIL_TIMEOUT = env_int(
    "EMAIL_TIMEOUT",
    10,
    help_text="Seconden dat het versturen van e-mail op de mailserver wacht; daarna blijft het bericht staan voor send_notifications.",
)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

DATA_UPLOAD_MAX_MEMORY_SIZE = env_int(
    "DATA_UPLOAD_MAX_MEMORY_SIZE",
    1_048_576,
    help_text="Grootste toegestane body van een verzoek in bytes (API en formulieren); groter geeft 413.",
)
