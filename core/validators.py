"""Text that reads as it is stored: no control characters, no hidden direction changes,
no names that are empty on screen. Used by the models, so every door checks them.

Bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069) let a text show something
else than it says ("Trojan Source"); control characters break feeds, exports and
terminals; a name of only zero-width or combining characters shows as nothing.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.utils.deconstruct import deconstructible

BIDI_CONTROLS = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))
LINE_BREAKS = frozenset("\t\n\r")


def _refuse_hidden(value: str, *, allowed: frozenset[str]) -> None:
    for char in value or "":
        point = ord(char)
        if point in BIDI_CONTROLS:
            raise ValidationError(
                "Dit veld bevat een teken dat de leesrichting omdraait (U+%(code)s); "
                "dat kan niet, want de tekst toont dan iets anders dan er staat.",
                code="bidi_control",
                params={"code": f"{point:04X}"},
            )
        if char in allowed:
            continue
        if unicodedata.category(char) == "Cc":
            raise ValidationError(
                "Dit veld bevat een stuurteken (U+%(code)s); haal het weg.",
                code="control_character",
                params={"code": f"{point:04X}"},
            )


def validate_single_line(value: str) -> None:
    """One line of text: no control characters at all, tab and newline included."""
    _refuse_hidden(value, allowed=frozenset())


def validate_long_text(value: str) -> None:
    """Text with paragraphs: tab and line breaks are fine, other control characters not."""
    _refuse_hidden(value, allowed=LINE_BREAKS)


def is_visible(value: str) -> bool:
    """True when something of ``value`` shows on screen."""
    return any(
        not char.isspace() and unicodedata.category(char) not in ("Mn", "Me", "Cf")
        for char in value or ""
    )


def validate_visible(value: str) -> None:
    """A name must show: not only spaces, zero-width or combining characters."""
    if value and not is_visible(value):
        raise ValidationError(
            "Deze tekst is leeg op het scherm: hij bevat alleen onzichtbare tekens.",
            code="invisible",
        )


@deconstructible
class WebUrlValidator(URLValidator):
    """Only http and https: a link on a public page must open in a browser."""

    message = "Vul een geldige link in die met http:// of https:// begint."

    def __init__(self, **kwargs):
        kwargs.setdefault("schemes", ["http", "https"])
        super().__init__(**kwargs)


validate_web_url = WebUrlValidator()


# The last part of a public address: lower case letters and digits, words joined by
# single hyphens, as ``services.free_slug`` makes them (no capitals, underscores, or
# hyphens at either end).
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z"
validate_slug = RegexValidator(
    SLUG_PATTERN,
    "Een slug bestaat uit kleine letters en cijfers, met enkele streepjes ertussen, "
    "zoals jeugdzorg-dashboard.",
    code="invalid",
)
