"""Who may reach the registry and what it trusts: debug mode and the secret key, the host
names, login protection and passwords, and transport and browser security (all on by
default when DEBUG is off). Composed into ``base``, which reads DEBUG from here.
"""

from django.core.exceptions import ImproperlyConfigured

from core.env import env_bool, env_int, env_list, env_str

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

VRAGEN_POST_RATE = env_str(
    "VRAGEN_POST_RATE",
    "20/hour",
    help_text=(
        "Hoe vaak één gebruiker een vraag, een antwoord of een melding mag plaatsen, "
        "samen geteld, als aantal/periode (second, minute, hour, day); daarna volgt "
        "429 (API) of een melding op de pagina tot de periode om is."
    ),
)

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
