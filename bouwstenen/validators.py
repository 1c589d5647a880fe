import re
from functools import cache

from license_expression import ExpressionError, get_spdx_licensing

from django.core.exceptions import ValidationError


@cache
def _spdx():
    # Building the SPDX index takes a moment; do it on first use, not at import.
    return get_spdx_licensing()


_OR_LATER = re.compile(r"([A-Za-z0-9.\-]+)\+(?=[\s)]|$)")


def normalise_spdx(expression: str) -> str:
    """Return the canonical form of an SPDX expression, or raise ValidationError.

    ``eupl-1.2 or mit`` becomes ``EUPL-1.2 OR MIT``; unknown identifiers are refused.
    """
    text = (expression or "").strip()
    if not text:
        raise ValidationError(
            "Vul een SPDX-licentie in, bijvoorbeeld EUPL-1.2.", code="required"
        )
    try:
        info = _spdx().validate(text, strict=True)
    except (ExpressionError, AttributeError) as exc:
        # license-expression raises AttributeError on some dangling operators ("MIT OR").
        raise ValidationError(
            "Geen geldige SPDX-expressie: %(expression)s",
            code="invalid_expression",
            params={"expression": text},
        ) from exc
    named = sorted(
        str(symbol) for symbol in info.invalid_symbols if str(symbol).strip()
    )
    # SPDX's "+" operator ("EUPL-1.2+": this version or later) is valid SPDX, but the
    # library only knows it for a few GNU licences: check the expression without the
    # operator, then put it back on the identifiers that had it.
    if named and all(name.endswith("+") for name in named):
        or_later = {name[:-1].lower() for name in named}
        base = _OR_LATER.sub(
            lambda m: m.group(1) if m.group(1).lower() in or_later else m.group(0), text
        )
        return re.sub(
            r"[A-Za-z0-9.\-]+",
            lambda m: (
                m.group(0) + "+" if m.group(0).lower() in or_later else m.group(0)
            ),
            normalise_spdx(base),
        )
    if named:
        unknown = ", ".join(named)
        raise ValidationError(
            "Onbekende SPDX-licentie: %(unknown)s. Gebruik een identificatie van "
            "spdx.org/licenses, zoals EUPL-1.2, MIT of Apache-2.0.",
            code="unknown_license",
            params={"unknown": unknown},
        )
    if info.errors or info.invalid_symbols or not info.normalized_expression:
        raise ValidationError(
            "Geen geldige SPDX-expressie: %(errors)s",
            code="invalid_expression",
            params={"errors": "; ".join(info.errors) or text},
        )
    try:
        return str(
            _spdx().parse(info.normalized_expression, validate=True, strict=True)
        )
    except ExpressionError as exc:
        raise ValidationError(
            "Geen geldige SPDX-expressie: %(error)s",
            code="invalid_expression",
            params={"error": exc},
        ) from exc


def validate_spdx(value: str) -> None:
    normalise_spdx(value)
