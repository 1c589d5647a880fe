"""Reads for the public catalogue pages, built on the selectors the API uses.

The pages show published blocks only, also to logged-in members: drafts live in the
admin. Every function here costs a fixed number of queries, however many blocks match.
"""

import django_filters
from django.db.models import Count, F, Prefetch, Q, QuerySet

from bouwstenen import readiness
from bouwstenen.api.filters import BouwsteenFilter
from bouwstenen.constants import HergebruikStatus
from bouwstenen.models import Bouwsteen, Hergebruik, Relatie
from bouwstenen.selectors import with_relations
from registry.constants import Publicatiestatus
from registry.models import Laag, Referentiecomponent, Thema


def public() -> QuerySet[Bouwsteen]:
    return Bouwsteen.objects.published()


def cards(queryset: QuerySet[Bouwsteen]) -> QuerySet[Bouwsteen]:
    """What a result card reads: owner, thema's, layers, reuse counts and the score."""
    return readiness.with_counts(
        queryset.select_related("organisatie").prefetch_related(
            Prefetch("themas", queryset=Thema.objects.order_by("naam")),
            Prefetch("lagen", queryset=Laag.objects.order_by("volgorde")),
        )
    )


def recently_published(limit: int = 6) -> list[Bouwsteen]:
    return list(
        cards(public()).order_by(F("gepubliceerd_op").desc(nulls_last=True), "pk")[
            :limit
        ]
    )


def most_reused(queryset: QuerySet[Bouwsteen] | None = None, limit: int = 6):
    """Blocks with the most organisations using them (pilot or in use), then by name."""
    queryset = public() if queryset is None else queryset
    return list(
        cards(queryset)
        .filter(hergebruik_actief__gt=0)
        .order_by("-hergebruik_actief", "-hergebruik_in_gebruik", "naam", "pk")[:limit]
    )


def recent_experiences(*, thema: Thema | None = None, limit: int = 3):
    """The newest reuse stories told about published blocks."""
    queryset = (
        Hergebruik.objects.bevestigd()
        .filter(bouwsteen__publicatiestatus=Publicatiestatus.GEPUBLICEERD)
        .exclude(ervaring="")
    )
    if thema is not None:
        queryset = queryset.filter(
            bouwsteen__in=Bouwsteen.objects.filter(themas=thema).values("pk")
        )
    return list(
        queryset.select_related("organisatie", "bouwsteen").order_by(
            "-gewijzigd_op", "-pk"
        )[:limit]
    )


def themas_with_counts() -> list[Thema]:
    return list(
        Thema.objects.annotate(
            aantal=Count(
                "bouwstenen",
                filter=Q(bouwstenen__publicatiestatus=Publicatiestatus.GEPUBLICEERD),
            )
        ).order_by("naam")
    )


def lagen_with_counts() -> list[Laag]:
    return list(
        Laag.objects.annotate(
            aantal=Count(
                "bouwstenen",
                filter=Q(bouwstenen__publicatiestatus=Publicatiestatus.GEPUBLICEERD),
            )
        ).order_by("volgorde")
    )


def bouwsteen_detail(slug: str) -> Bouwsteen:
    """One published block with everything its page shows; raises DoesNotExist."""
    return (
        with_relations(readiness.with_counts(public()))
        .prefetch_related(
            "opschalingsantwoorden",
            # Confirmed and reported reuse; the page shows them apart (rejected
            # reports concern the two organisations only).
            Prefetch(
                "hergebruik",
                queryset=Hergebruik.objects.exclude(status=HergebruikStatus.AFGEWEZEN)
                .select_related("organisatie", "gemeld_namens")
                .order_by("stadium", "organisatie__naam"),
            ),
            # A relation to a draft or an archived block is not shown: that block is
            # not public.
            Prefetch(
                "relaties_uit",
                queryset=Relatie.objects.select_related("naar__organisatie").filter(
                    naar__publicatiestatus=Publicatiestatus.GEPUBLICEERD
                ),
            ),
            Prefetch(
                "relaties_in",
                queryset=Relatie.objects.select_related("van__organisatie")
                .filter(van__publicatiestatus=Publicatiestatus.GEPUBLICEERD)
                .order_by("type", "van__naam"),
            ),
        )
        .get(slug=slug)
    )


def componenten_coverage() -> list[Referentiecomponent]:
    """All GEMMA reference components, each with its number of published blocks."""
    return list(
        Referentiecomponent.objects.annotate(
            aantal=Count(
                "bouwstenen",
                filter=Q(bouwstenen__publicatiestatus=Publicatiestatus.GEPUBLICEERD),
            )
        ).order_by("naam")
    )


SCORE_MIN_CHOICES = [(50, "50"), (75, "75"), (90, "90")]


class CatalogusFilter(BouwsteenFilter):
    """The API's filter set, plus the minimum readiness score the search page offers."""

    opschalingsscoreMin = django_filters.TypedChoiceFilter(
        choices=SCORE_MIN_CHOICES, coerce=int, method="filter_score_min"
    )

    def filter_score_min(self, queryset, name, value):
        if value in (None, ""):
            return queryset
        # The score is an annotation; filter through a subquery so the rows never multiply.
        matching = readiness.with_counts(Bouwsteen.objects.all()).filter(
            opschalingsscore__gte=value
        )
        return queryset.filter(pk__in=matching.values("pk"))


def for_comparison(slugs: list[str]) -> list[Bouwsteen]:
    """Published blocks by slug, in the order asked, with everything the comparison
    table shows; a fixed number of queries for two blocks or four."""
    blocks = with_relations(
        readiness.with_counts(public().filter(slug__in=slugs))
    ).prefetch_related(
        "opschalingsantwoorden",
        Prefetch(
            "hergebruik",
            queryset=Hergebruik.objects.bevestigd()
            .select_related("organisatie")
            .order_by("stadium", "organisatie__naam"),
            to_attr="bevestigd_hergebruik",
        ),
    )
    by_slug = {block.slug: block for block in blocks}
    return [by_slug[slug] for slug in slugs if slug in by_slug]
