"""Reading the needs board: what a visitor may see, the board's facets, the blocks that
come closest to a need, and the needs a block answers. Shared by the API and the pages,
so they never disagree about what is public."""

from django.db.models import Count, Prefetch, Q, QuerySet

from bouwstenen import duplicates, selectors
from bouwstenen.filters import BehoefteFilter
from bouwstenen.models import Behoefte, Bouwsteen, Deelname
from core.markdown import plain_text
from registry import permissions
from registry.constants import OrganisatieSoort, Publicatiestatus
from registry.models import Laag, Thema

# How much of the description the matching reads besides the title.
MATCH_TEXT = 500
ANSWERED_SHOWN = 10


def public() -> QuerySet[Behoefte]:
    return Behoefte.objects.published()


def visible_to(user) -> QuerySet[Behoefte]:
    """Published needs for everyone; a member also sees every need of their own
    organisations (a beheerder all of them)."""
    if permissions.is_beheerder(user):
        return Behoefte.objects.all()
    own = list(permissions.roles_of(user))
    if not own:
        return public()
    return Behoefte.objects.filter(
        Q(publicatiestatus=Publicatiestatus.GEPUBLICEERD) | Q(organisatie__in=own)
    )


def with_details(queryset: QuerySet[Behoefte]) -> QuerySet[Behoefte]:
    """What a list item or the detail of a need reads, in a fixed number of queries."""
    return queryset.select_related(
        "organisatie", "beantwoord_door__organisatie"
    ).prefetch_related(
        Prefetch("themas", queryset=Thema.objects.order_by("naam")),
        Prefetch("lagen", queryset=Laag.objects.order_by("volgorde")),
        Prefetch(
            "deelnames",
            queryset=Deelname.objects.select_related("organisatie").order_by(
                "aangemaakt_op", "pk"
            ),
        ),
    )


def board(params) -> BehoefteFilter:
    """The public board's filter set; validate, then ``.qs``, newest first."""
    return BehoefteFilter(
        params,
        queryset=public().order_by("-gepubliceerd_op", "-pk"),
    )


def _without(params, name: str):
    rest = params.copy()
    rest.pop(name, None)
    return rest


def facets(params) -> dict[str, list[dict]]:
    """Counts per thema and per soort of organisation, each over the board filtered by
    the other choices (as the catalogue's facets count): two queries."""
    chosen_themas = set(params.getlist("thema"))
    chosen_soorten = set(params.getlist("organisatieSoort"))
    by_thema = BehoefteFilter(_without(params, "thema"), queryset=public())
    by_soort = BehoefteFilter(_without(params, "organisatieSoort"), queryset=public())
    themas = []
    if by_thema.is_valid():
        rows = (
            Thema.objects.filter(behoeften__in=by_thema.qs.values("pk"))
            .annotate(aantal=Count("behoeften", distinct=True))
            .order_by("naam")
        )
        themas = [
            {
                "waarde": t.slug,
                "naam": t.weergavenaam,
                "aantal": t.aantal,
                "gekozen": t.slug in chosen_themas,
            }
            for t in rows
        ]
    soorten = []
    if by_soort.is_valid():
        counts = dict(
            by_soort.qs.order_by()
            .values_list("organisatie__soort")
            .annotate(aantal=Count("pk"))
        )
        soorten = [
            {
                "waarde": value,
                "naam": label,
                "aantal": counts[value],
                "gekozen": value in chosen_soorten,
            }
            for value, label in OrganisatieSoort.choices
            if counts.get(value)
        ]
    return {"thema": themas, "organisatieSoort": soorten}


def public_behoefte(slug: str) -> Behoefte:
    return with_details(public()).get(slug=slug)


def matches(behoefte: Behoefte, limit: int = duplicates.LIMIT):
    """The published blocks that come closest to the need: the same matching as the
    admin's "Bestaat dit al?" (``bouwstenen.duplicates``), on title and description."""
    return duplicates.possible_duplicates(
        selectors.public(),
        naam=behoefte.titel,
        samenvatting=plain_text(behoefte.beschrijving)[:MATCH_TEXT],
        limit=limit,
    )


def answered_by(bouwsteen: Bouwsteen, limit: int = ANSWERED_SHOWN) -> list[Behoefte]:
    """The published needs this block answers, newest first: one query, bounded."""
    return list(
        public()
        .filter(beantwoord_door=bouwsteen)
        .select_related("organisatie")
        .annotate(aantal_deelnemers=Count("deelnames"))
        .order_by("-gesloten_op", "-pk")[:limit]
    )
