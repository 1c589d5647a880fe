"""Read settings from the environment, each variable once, with a help text.

Every variable read here is recorded in ``DOCUMENTED``, so tests can check that the
compose file and ``.env.example`` only use variables the settings know.
"""

import os

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
