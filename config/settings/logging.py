"""Logging: one line per record, as text or as JSON, each with the request's id.
Composed into ``base``."""

from core.env import env_str

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
