"""Lenient readers of publiccode.yml values, shared by the validator, the mapping and the
export: a key in the wrong case, a date as text, an obfuscated e-mail address."""

import datetime
import uuid
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from bouwstenen.interop.publiccode import standard as std


def get_key(mapping: dict, key: str):
    """``mapping[key]``, or the value of a key that differs only in case (leniency)."""
    if key in mapping:
        return mapping[key]
    lowered = key.lower()
    for other, value in mapping.items():
        if isinstance(other, str) and other.lower() == lowered:
            return value
    return None


def is_http_url(value) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def is_date(value) -> bool:
    if isinstance(value, datetime.date):
        return True
    if not isinstance(value, str) or not std.DATE.match(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def read_version(value) -> tuple[int, int] | None:
    """``(0, 5)`` for "0.5", "0.5.0" or 0.5; None when it is no version number."""
    text = str(value).strip() if isinstance(value, str | int | float) else ""
    parts = text.split(".")
    if len(parts) < 2 or not all(p.isdigit() for p in parts[:3]) or len(parts) > 3:
        return None
    return int(parts[0]), int(parts[1])


def deobfuscate_email(value: str) -> str:
    """``info\\x64example.nl`` as some files write it (the standard's own advice) → ``@``."""
    return value.strip().replace("\\x64", "@").replace("\\x40", "@")


def read_email(value: str) -> tuple[str, bool]:
    """``(address, obfuscated)``: the valid address ``value`` holds, as written or once
    deobfuscated (then ``obfuscated`` is true); ``("", False)`` when it holds none."""
    for candidate, obfuscated in (
        (value.strip(), False),
        (deobfuscate_email(value), True),
    ):
        try:
            validate_email(candidate)
        except ValidationError:
            continue
        return candidate, obfuscated
    return "", False


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters at a sentence or word end, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    sentence = cut.rfind(". ")
    if sentence >= limit // 2:
        return cut[: sentence + 1]
    space = cut.rfind(" ")
    if space > 0:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "…"


def registry_record_uuid(url: str) -> uuid.UUID | None:
    """The uuid when ``url`` is a block's record in a registry (…/bouwstenen/<uuid>)."""
    parts = urlsplit(url or "").path.rstrip("/").split("/")
    if len(parts) >= 2 and parts[-2] == "bouwstenen":
        try:
            return uuid.UUID(parts[-1])
        except ValueError:
            return None
    return None
