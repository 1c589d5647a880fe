"""Settings for every environment, read from environment variables in one place.

``dev`` and ``test`` only set defaults for a few variables and then import this
module; production imports it directly (``config.settings.base``).
"""

from pathlib import Path

import dj_database_url

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str

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
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is niet gezet. Zet een lange willekeurige waarde in de omgeving."
        )
    SECRET_KEY = _INSECURE_KEY_PREFIX + "alleen-voor-lokale-ontwikkeling"
elif SECRET_KEY.startswith(_INSECURE_KEY_PREFIX) and not DEBUG:
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
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Without a timeout a second writer fails at once with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

INSTALLED_APPS = [
    "registry.apps.RegistryAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "reversion",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "registry",
    "bouwstenen",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

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
LOCALE_PATHS = [BASE_DIR / "locale"]
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
    help_text="Vier ogen: een publicist mag niet publiceren wat hij of zij zelf heeft ingediend.",
)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env_str(
            "LOG_LEVEL", "INFO", help_text="Logniveau: DEBUG, INFO, WARNING of ERROR."
        ),
    },
}
