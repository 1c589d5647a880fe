"""Read settings from the environment, each variable once, with a help text.

Every variable read here is recorded in ``DOCUMENTED``, so tests can check that the
compose file and ``.env.example`` only use variables the settings know.
"""

import os
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

DOCUMENTED: dict[str, str] = {}
DEFAULTS: dict[str, str] = {}

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _read(name: str, help_text: str) -> str | None:
    DOCUMENTED[name] = help_text
    return os.environ.get(name)


def env_str(
    name: str, default: str, *, help_text: str, documented_default: str | None = None
) -> str:
    DEFAULTS[name] = default if documented_default is None else documented_default
    value = _read(name, help_text)
    # An empty value (NAME= in a .env file) means "not set", not "set to nothing".
    return default if value is None or value == "" else value


def env_bool(
    name: str, default: bool, *, help_text: str, documented_default: str | None = None
) -> bool:
    DEFAULTS[name] = documented_default or ("true" if default else "false")
    value = _read(name, help_text)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} moet true of false zijn, niet {value!r}.")


def env_int(
    name: str, default: int, *, help_text: str, documented_default: str | None = None
) -> int:
    DEFAULTS[name] = documented_default or str(default)
    value = _read(name, help_text)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} moet een geheel getal zijn.") from exc


def env_list(
    name: str,
    default: list[str],
    *,
    help_text: str,
    documented_default: str | None = None,
) -> list[str]:
    DEFAULTS[name] = documented_default or ",".join(default)
    value = _read(name, help_text)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def markdown_table() -> str:
    """Every variable with its default and help text, for docs/beheer.md."""
    lines = ["| variabele | standaard | betekenis |", "| --- | --- | --- |"]
    for name in sorted(DOCUMENTED):
        default = DEFAULTS.get(name, "")
        shown = f"`{default}`" if default else "(leeg)"
        lines.append(f"| `{name}` | {shown} | {DOCUMENTED[name]} |")
    return "\n".join(lines)


def email_settings(url: str) -> dict:
    """Django's e-mail settings from one ``EMAIL_URL``.

    ``smtp://user:pass@host:port`` (plain, port 25), ``smtp+tls://...`` (STARTTLS, port
    587), ``smtps://...`` (TLS from the start, port 465), ``console:`` (printed) and
    ``file:///folder`` (one file per message). User and password may be %-encoded.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if scheme == "file":
        if not parts.path:
            raise ImproperlyConfigured("EMAIL_URL file:// heeft een map nodig.")
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": unquote(parts.path),
        }
    ports = {"smtp": 25, "smtp+tls": 587, "smtps": 465}
    if scheme not in ports:
        raise ImproperlyConfigured(
            "EMAIL_URL moet beginnen met smtp://, smtp+tls://, smtps://, console: of "
            f"file://, niet {scheme or url!r}."
        )
    if not parts.hostname:
        raise ImproperlyConfigured("EMAIL_URL noemt geen mailserver.")
    try:
        port = parts.port or ports[scheme]
    except ValueError as exc:
        raise ImproperlyConfigured("EMAIL_URL heeft een ongeldige poort.") from exc
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": scheme == "smtp+tls",
        "EMAIL_USE_SSL": scheme == "smtps",
    }
