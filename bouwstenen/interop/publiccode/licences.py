"""``legal.license`` of a publiccode.yml as the registry's SPDX licence.

The standard asks for an SPDX expression; real files also carry spellings that are not
SPDX, such as ``EUPL-1.2-or-later`` (SPDX writes "or later" as ``+``). Those are read as
their SPDX meaning only when the registry's own SPDX check (``normalise_spdx``) accepts
that meaning; otherwise the file is refused with the reason, never silently changed.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from bouwstenen.validators import normalise_spdx

# Non-SPDX spellings seen in the wild, and what they mean in SPDX.
NON_SPDX_SPELLINGS = {
    "eupl-1.2-or-later": "EUPL-1.2+",
    "eupl-1.1-or-later": "EUPL-1.1+",
    "eupl-1.2-only": "EUPL-1.2",
    "eupl-1.1-only": "EUPL-1.1",
    "eupl 1.2": "EUPL-1.2",
    "eupl v1.2": "EUPL-1.2",
    "eupl": "EUPL-1.2",
}


@dataclass(frozen=True)
class LicenceReading:
    spdx: str | None
    warning: str | None = None
    error: str | None = None


def read_licence(value: str) -> LicenceReading:
    text = (value or "").strip()
    try:
        return LicenceReading(normalise_spdx(text))
    except ValidationError as exc:
        reason = " ".join(exc.messages)
    meaning = NON_SPDX_SPELLINGS.get(text.lower())
    if meaning is None:
        return LicenceReading(None, error=reason)
    try:
        spdx = normalise_spdx(meaning)
    except ValidationError:
        return LicenceReading(
            None,
            error=(
                f"‘{text}’ is geen SPDX-licentie; in SPDX is dat ‘{meaning}’, maar die "
                "schrijfwijze accepteert het register niet. Noem een licentie van "
                "spdx.org/licenses, zoals EUPL-1.2."
            ),
        )
    return LicenceReading(
        spdx, warning=f"‘{text}’ is geen SPDX-licentie; gelezen als ‘{spdx}’."
    )


def licence_problem(value: str) -> str | None:
    """The reason ``value`` cannot be used as a licence, or None."""
    return read_licence(value).error
