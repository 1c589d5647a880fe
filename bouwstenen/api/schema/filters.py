"""The OpenAPI description of the filters drf-spectacular cannot read off their form
field (``bouwstenen.filters``).

The filter set is shared with the pages, which know nothing of the API; the annotation
``@extend_schema_field`` would put there is set here instead, when the API is loaded.
"""

from drf_spectacular.utils import extend_schema_field

from bouwstenen.filters import LicentieFilter, ScoreMinFilter

extend_schema_field(
    {
        "type": "array",
        "items": {"type": "string"},
        "description": "SPDX-licentie(expressie) zoals opgeslagen, bijvoorbeeld EUPL-1.2; "
        "wordt eerst genormaliseerd (eupl-1.2 = EUPL-1.2).",
    }
)(LicentieFilter)

extend_schema_field(
    {
        "type": "number",
        "format": "float",
        "minimum": 0,
        "maximum": 100,
        "description": "Alleen bouwstenen met minstens deze opschalingsscore (0 tot en "
        "met 100). Bouwstenen zonder score (nog niets ingevuld) vallen af.",
    }
)(ScoreMinFilter)
