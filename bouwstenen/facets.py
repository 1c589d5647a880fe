"""Facet counts for the list of building blocks, computed the disjunctive way.

A dimension's counts apply every filter except that dimension's own, so ticking a second
thema shows how many blocks it would add. For any value, the count equals the number of
results the list returns when that one value is chosen for the dimension.
"""

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from bouwstenen.constants import Levensfase, Soort
from registry.constants import OrganisatieSoort

# Parameters that shape the list but do not select blocks.
NOT_FILTERS = {"sort", "page", "pageSize", "format"}


@dataclass(frozen=True)
class Dimension:
    name: str  # the filter parameter
    value: str  # the field path of the value
    label: str | None = None  # the field path of a display name, if not a choice label
    choices: dict | None = None
    top: int | None = None


DIMENSIONS = [
    Dimension("soort", "soort", choices=dict(Soort.choices)),
    Dimension("levensfase", "levensfase", choices=dict(Levensfase.choices)),
    Dimension("thema", "themas__slug", "themas__naam"),
    Dimension("laag", "lagen__slug", "lagen__naam"),
    Dimension(
        "referentiecomponent",
        "referentiecomponenten__gemma_id",
        "referentiecomponenten__naam",
        top=20,
    ),
    Dimension(
        "organisatieSoort", "organisatie__soort", choices=dict(OrganisatieSoort.choices)
    ),
    Dimension("organisatie", "organisatie__code", "organisatie__naam", top=20),
    Dimension("licentie", "licentie"),
]


class InvalidFilters(Exception):
    def __init__(self, errors):
        self.errors = errors
        super().__init__(str(errors))


def facets(base: QuerySet, params, filterset_class) -> dict[str, list[dict]]:
    """Per dimension, the values with their counts, most frequent first.

    ``params`` is a QueryDict of list parameters (``q`` included); ``base`` is what the
    user may see. One query per dimension, whatever the size of the catalogue.
    """
    result = {}
    for dimension in DIMENSIONS:
        others = params.copy()
        for name in (dimension.name, *NOT_FILTERS):
            others.pop(name, None)
        filterset = filterset_class(others, queryset=base)
        if not filterset.is_valid():
            raise InvalidFilters(filterset.errors)
        matching = base.model._default_manager.filter(pk__in=filterset.qs.values("pk"))
        fields = [dimension.value] + ([dimension.label] if dimension.label else [])
        rows = (
            matching.exclude(**{f"{dimension.value}__isnull": True})
            .values(*fields)
            .annotate(aantal=Count("pk", distinct=True))
            .order_by("-aantal", dimension.value)
        )
        if dimension.top:
            rows = rows[: dimension.top]
        result[dimension.name] = [
            {
                "waarde": str(row[dimension.value]),
                "naam": (
                    row[dimension.label]
                    if dimension.label
                    else (dimension.choices or {}).get(
                        row[dimension.value], row[dimension.value]
                    )
                ),
                "aantal": row["aantal"],
            }
            for row in rows
        ]
    return result
