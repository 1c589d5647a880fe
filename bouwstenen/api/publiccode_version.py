"""The ``publiccodeYmlVersion`` query parameter of the publiccode.yml export: which version
of the standard the file is written in (``bouwstenen.interop.publiccode.export`` decides
what each version holds; the API only reads and checks the choice)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ErrorDetail, ValidationError

from bouwstenen.interop.publiccode import standard as publiccode_standard
from core.api.filters import repeated_error

VERSION_PARAMETER = "publiccodeYmlVersion"
EXPORT_VERSION = OpenApiParameter(
    VERSION_PARAMETER,
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    enum=list(publiccode_standard.EXPORT_VERSIONS),
    description=(
        "De versie van publiccode.yml. Weglaten: 0.4 voor een bouwsteen die in dit "
        "register is gemaakt; een geïmporteerde bouwsteen houdt de versie van zijn "
        "bestand, een geoogste krijgt 0.5. 0.5 voegt organisation toe met de naam en "
        "de TOOI-URI van de eigenaar; 0.4 noemt de eigenaar in legal.repoOwner."
    ),
)


def requested_version(params) -> str | None:
    """The ``publiccodeYmlVersion`` asked for, once and one the export writes; None
    when not given."""
    values = params.getlist(VERSION_PARAMETER)
    if not values:
        return None
    if len(values) > 1:
        raise repeated_error(VERSION_PARAMETER)
    if values[0] not in publiccode_standard.EXPORT_VERSIONS:
        choices = " of ".join(publiccode_standard.EXPORT_VERSIONS)
        raise ValidationError(
            {
                VERSION_PARAMETER: [
                    ErrorDetail(
                        f"Onbekende versie {values[0]!r}: kies {choices}, of laat "
                        f"{VERSION_PARAMETER} weg.",
                        code="invalid_choice",
                    )
                ]
            }
        )
    return values[0]
