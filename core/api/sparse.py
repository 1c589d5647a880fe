"""Sparse fieldsets: ``fields=naam,samenvatting,organisatie`` asks a list or a detail for
those fields only (and always ``url`` and ``uuid``, so each record can still be found).

Without ``fields`` nothing changes. A name the resource does not show, an empty name or
a repeated parameter is a 400 that names the choices. The selection keeps the order of
the full representation, so the same selection always answers the same bytes, and a
detail's ETag gets a suffix per selection (``tagged``): another selection is another
representation, with its own tag, that changes whenever the full one does.
"""

import hashlib
import re

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ErrorDetail, ValidationError

from core.api.filters import repeated_error

FIELDS_PARAMETER = "fields"
ALWAYS = ("url", "uuid")


def requested(request, names: tuple[str, ...]) -> tuple[str, ...] | None:
    """The fields the request selects from ``names`` (in that order), None without
    ``fields``."""
    values = request.query_params.getlist(FIELDS_PARAMETER)
    if not values:
        return None
    if len(values) > 1:
        raise repeated_error(FIELDS_PARAMETER)
    asked = values[0].split(",")
    unknown = [name for name in asked if name not in names]
    if unknown:
        shown = ", ".join(repr(name) for name in unknown)
        raise ValidationError(
            {
                FIELDS_PARAMETER: [
                    ErrorDetail(
                        f"Onbekend veld {shown}: noem velden met komma's en zonder "
                        f"spaties, uit: {', '.join(names)}.",
                        code="invalid_choice",
                    )
                ]
            }
        )
    chosen = set(asked) | set(ALWAYS)
    return tuple(name for name in names if name in chosen)


def select(record: dict, fields: tuple[str, ...]) -> dict:
    return {name: record[name] for name in fields if name in record}


def tagged(etag: str, fields: tuple[str, ...]) -> str:
    """The ETag of a selection: the full representation's tag and the selection."""
    digest = hashlib.sha256(",".join(fields).encode()).hexdigest()[:8]
    return f"{etag[:-1]}-{digest}{etag[-1]}"


def parameter(names: tuple[str, ...], what: str) -> OpenApiParameter:
    """The ``fields`` query parameter of an operation whose records show ``names``."""
    one = "|".join(re.escape(name) for name in names)
    return OpenApiParameter(
        FIELDS_PARAMETER,
        OpenApiTypes.STR,
        OpenApiParameter.QUERY,
        pattern=f"^({one})(,({one}))*$",
        description=f"Alleen deze velden van {what}, met komma's: bijvoorbeeld "
        "naam,samenvatting,organisatie. url en uuid komen altijd mee. Weglaten geeft "
        "alle velden.",
    )
