"""Reads for the organisation pages: who publishes and reuses what, and the neighbours.

"Gluren bij de buren": a gemeente learns most from comparable organisations (the same
soort in the same province) and from those that already reuse the same blocks. Every
function costs a fixed number of queries, however many organisations take part.
"""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from bouwstenen.constants import HergebruikStatus
from bouwstenen.models import Bouwsteen, Hergebruik
from bouwstenen.readiness import ACTIVE_REUSE
from registry.constants import Publicatiestatus
from registry.models import Organisatie

PUBLISHED = Publicatiestatus.GEPUBLICEERD


def with_counts(queryset: QuerySet[Organisatie]) -> QuerySet[Organisatie]:
    """Published blocks and confirmed reuse of published blocks, per organisation."""
    confirmed_reuse = Q(
        hergebruik__bouwsteen__publicatiestatus=PUBLISHED,
        hergebruik__status=HergebruikStatus.BEVESTIGD,
    )
    return queryset.select_related("provincie").annotate(
        gepubliceerd=Count(
            "bouwstenen",
            filter=Q(bouwstenen__publicatiestatus=PUBLISHED),
            distinct=True,
        ),
        hergebruikt=Count("hergebruik", filter=confirmed_reuse, distinct=True),
    )


def organisations(*, active_only: bool = True) -> QuerySet[Organisatie]:
    """Organisations with their counts; by default only those that take part."""
    queryset = with_counts(Organisatie.objects.all())
    if active_only:
        queryset = queryset.filter(Q(gepubliceerd__gt=0) | Q(hergebruikt__gt=0))
    return queryset.order_by("naam", "soort", "pk")


def shared_names(organisaties) -> set[str]:
    """Names borne by more than one organisation (Utrecht the gemeente and the
    province): wherever those appear, the soort is shown with the name."""
    names = Organisatie.objects.values("naam").annotate(n=Count("pk")).filter(n__gt=1)
    wanted = {o.naam for o in organisaties}
    return {row["naam"] for row in names if row["naam"] in wanted}


def reuse_by(organisatie: Organisatie) -> list[Hergebruik]:
    """What the organisation itself confirmed it uses."""
    return list(
        Hergebruik.objects.bevestigd()
        .filter(organisatie=organisatie, bouwsteen__publicatiestatus=PUBLISHED)
        .select_related("bouwsteen__organisatie")
        .order_by("stadium", "bouwsteen__naam")
    )


def reported_use(organisatie: Organisatie) -> list[Hergebruik]:
    """What others reported the organisation uses and it has not confirmed yet: shown
    apart, and never counted."""
    return list(
        Hergebruik.objects.filter(
            organisatie=organisatie,
            status=HergebruikStatus.GEMELD,
            bouwsteen__publicatiestatus=PUBLISHED,
        )
        .select_related("bouwsteen__organisatie", "gemeld_namens")
        .order_by("bouwsteen__naam")
    )


def _alike_filter(organisatie: Organisatie) -> Q:
    alike = Q(soort=organisatie.soort) & ~Q(pk=organisatie.pk)
    if organisatie.provincie_id:
        alike &= Q(provincie_id=organisatie.provincie_id)
    return alike


def alike(organisatie: Organisatie, *, limit: int = 8) -> list[Organisatie]:
    """The same soort in the same province, the most active first."""
    return list(
        with_counts(Organisatie.objects.filter(_alike_filter(organisatie)))
        .filter(Q(gepubliceerd__gt=0) | Q(hergebruikt__gt=0))
        .order_by("-hergebruikt", "-gepubliceerd", "naam", "pk")[:limit]
    )


def _used_by(organisatie: Organisatie) -> QuerySet[Bouwsteen]:
    """Published blocks the organisation publishes or confirmed it uses."""
    return Bouwsteen.objects.filter(publicatiestatus=PUBLISHED).filter(
        Q(organisatie=organisatie)
        | Q(
            hergebruik__organisatie=organisatie,
            hergebruik__status=HergebruikStatus.BEVESTIGD,
        )
    )


def sharing_reuse(organisatie: Organisatie, *, limit: int = 6) -> list[Organisatie]:
    """Other organisations that confirmed using the most of the same blocks."""
    shared = Q(
        hergebruik__status=HergebruikStatus.BEVESTIGD,
        hergebruik__bouwsteen__in=_used_by(organisatie).values("pk"),
    )
    return list(
        Organisatie.objects.exclude(pk=organisatie.pk)
        .annotate(gedeeld=Count("hergebruik__bouwsteen", filter=shared, distinct=True))
        .filter(gedeeld__gt=0)
        .order_by("-gedeeld", "naam", "pk")[:limit]
    )


def used_by_alike(organisatie: Organisatie, *, limit: int = 6) -> list[Bouwsteen]:
    """Published blocks comparable organisations use (pilot or in use) that this one
    neither publishes nor uses: what the neighbours have that it might reuse."""
    neighbours = Organisatie.objects.filter(_alike_filter(organisatie)).values("pk")
    in_use = Q(
        hergebruik__status=HergebruikStatus.BEVESTIGD,
        hergebruik__stadium__in=ACTIVE_REUSE,
        hergebruik__organisatie__in=neighbours,
    )
    own = _used_by(organisatie).filter(pk=OuterRef("pk"))
    return list(
        Bouwsteen.objects.filter(publicatiestatus=PUBLISHED)
        .exclude(Exists(own))
        .annotate(buren=Count("hergebruik__organisatie", filter=in_use, distinct=True))
        .filter(buren__gt=0)
        .select_related("organisatie")
        .order_by("-buren", "naam", "pk")[:limit]
    )
