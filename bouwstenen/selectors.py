"""Every read of building blocks, shared by the API and the pages, so they never disagree
about what is visible.

The API shows published blocks to everyone and a member also their own organisations'
others; the pages show published blocks only, also to logged-in members: drafts live in
the admin. Every function here costs a fixed number of queries, however many blocks
match. Search, facet counts and the readiness score are read modules of their own
(``search``, ``facets``, ``readiness``); the functions here combine them with visibility
(``visibility``) and the filter set (``bouwstenen.filters``).
"""

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import get_language

from bouwstenen import facets, kaart, readiness, search, weergave
from bouwstenen.constants import HergebruikStatus
from bouwstenen.detail import (  # noqa: F401 - the reads of one block, offered here too
    bouwsteen_fresh,
    bouwstenen_detailed,
    with_details,
    with_relations,
)
from bouwstenen.filters import CatalogusFilter
from bouwstenen.models import Bouwsteen, Hergebruik, Overdracht, Relatie
from bouwstenen.visibility import bouwstenen_visible_to
from registry import permissions
from registry.constants import Publicatiestatus
from registry.models import Laag, Referentiecomponent, Thema

SIMILAR_LIMIT = 5

# --- what a user may see, and what a representation reads ---------------------------


def licenties_in_gebruik(user) -> list[tuple[str, int]]:
    """The licences of the blocks ``user`` may see, each with how many use it, the most
    used first: what the admin form offers before the common ones."""
    return list(
        bouwstenen_visible_to(user)
        .exclude(licentie="")
        .order_by()
        .values("licentie")
        .annotate(n=Count("pk"))
        .order_by("-n", "licentie")
        .values_list("licentie", "n")
    )


# --- the API ---------------------------------------------------------------------


def bouwsteen_list(user) -> QuerySet[Bouwsteen]:
    """What the user may see, each block with its counts, by name.

    The counts are subqueries in the same query: no extra query per block.
    """
    visible = bouwstenen_visible_to(user)
    return with_relations(readiness.with_counts(visible)).order_by("naam", "pk")


def bouwsteen_list_stored() -> QuerySet[Bouwsteen]:
    """The published blocks by name, with the figures their stored representations keep
    (``Weergave``) under the names the filter set sorts and filters on: the list a reader
    without a role gets, read with each block's stored list item."""
    weergave.flush()
    # The same queryset for every request, built once per process and cloned: composing
    # its four annotations and the join anew was a tenth of a list's time in Python.
    global _LIST_STORED
    if _LIST_STORED is None:
        _LIST_STORED = _with_stored_figures(public()).order_by("naam", "pk")
    return _LIST_STORED.all()


_LIST_STORED: QuerySet[Bouwsteen] | None = None


def bouwsteen_detail_queryset(user) -> QuerySet[Bouwsteen]:
    """The list's blocks with everything a single block shows."""
    return with_details(bouwsteen_list(user), user)


def bouwsteen_to_change(user) -> QuerySet[Bouwsteen]:
    """The blocks a write may start from: what the user may see, with the owner (the
    permission checks read it), without the counts and details a read shows; the
    answer to the write adds them to what the service returns (``bouwsteen_fresh``)."""
    return bouwstenen_visible_to(user).select_related("organisatie")


def bouwsteen_comparable(user) -> QuerySet[Bouwsteen]:
    """Only what similarity compares; the answer shows other blocks."""
    return bouwstenen_visible_to(user).prefetch_related(
        "themas", "referentiecomponenten"
    )


def bouwsteen_visible(user, uuid) -> Bouwsteen | None:
    """The block with this uuid if the user may see it."""
    return bouwstenen_visible_to(user).filter(uuid=uuid).first()


def bouwsteen_by_uuid(uuid) -> Bouwsteen | None:
    return Bouwsteen.objects.filter(uuid=uuid).first()


def similar_blocks(
    *,
    naam: str,
    samenvatting: str,
    thema_ids,
    component_ids,
    exclude_pk: int | None = None,
    typed: bool = False,
) -> list[Bouwsteen]:
    """The most similar published blocks, each with ``gelijkenis`` and its reuse counts;
    ``typed``: see ``search.similar_to``.

    Two queries for the candidates (``search.similar_to``), one for the few that come
    back, with their owner and their reuse figures as the stored representation holds
    them (``Weergave``: every published block has one, kept at the write door); a block
    whose row is not there yet is counted apart.
    """
    weergave.flush()
    found = search.similar_to(
        Bouwsteen.objects.published(),
        naam=naam,
        samenvatting=samenvatting,
        thema_ids=thema_ids,
        component_ids=component_ids,
        exclude_pk=exclude_pk,
        limit=SIMILAR_LIMIT,
        typed=typed,
        read=lambda blocks: blocks.select_related("organisatie", "weergave"),
    )
    blocks, uncounted = [], []
    for bouwsteen, score in found:
        bouwsteen.gelijkenis = score
        stored = getattr(bouwsteen, "weergave", None)
        if stored is None:
            uncounted.append(bouwsteen)
        else:
            bouwsteen.hergebruik_in_gebruik = stored.hergebruik_in_gebruik
            bouwsteen.hergebruik_pilot = stored.hergebruik_pilot
            bouwsteen.hergebruik_actief = stored.hergebruik_actief
        blocks.append(bouwsteen)
    readiness.attach_reuse_counts(uncounted)
    return blocks


def hergebruik_of(bouwsteen: Bouwsteen, user) -> QuerySet[Hergebruik]:
    """The reuse of a block; a rejected report concerns the two organisations only."""
    own = list(permissions.roles_of(user))
    shown = ~Q(status=HergebruikStatus.AFGEWEZEN) | Q(organisatie__in=own)
    if bouwsteen.organisatie_id in own or user.is_superuser:
        shown = Q()
    return (
        Hergebruik.objects.filter(bouwsteen=bouwsteen)
        .filter(shown)
        .select_related("organisatie", "bouwsteen", "gemeld_namens")
        .order_by("organisatie__naam", "pk")
    )


def hergebruik_standing(bouwsteen: Bouwsteen, organisatie) -> list[Hergebruik]:
    """The organisation's record of reuse of the block, unless it rejected it: recording
    its reuse now makes a rejected report its own (the services do that)."""
    return list(
        Hergebruik.objects.filter(bouwsteen=bouwsteen, organisatie=organisatie)
        .exclude(status=HergebruikStatus.AFGEWEZEN)
        .select_related("bouwsteen", "organisatie")
    )


def overdrachten_of(bouwsteen: Bouwsteen, user) -> QuerySet[Overdracht]:
    """Transfers of a block; only members of the two organisations (and beheerders)."""
    queryset = Overdracht.objects.filter(bouwsteen=bouwsteen).select_related(
        "bouwsteen__organisatie", "van", "naar", "aangevraagd_namens"
    )
    if not user.is_superuser:
        own = list(permissions.roles_of(user))
        queryset = queryset.filter(Q(van__in=own) | Q(naar__in=own))
    return queryset.order_by("-aangemaakt_op", "pk")


# --- the public catalogue pages ------------------------------------------------------


def public() -> QuerySet[Bouwsteen]:
    return Bouwsteen.objects.published()


def stored_figures(queryset: QuerySet[Bouwsteen]) -> QuerySet[Bouwsteen]:
    """The reuse counts and the score as a published block's stored representation keeps
    them (``Weergave``), under the names ``readiness.with_counts`` gives them: one join
    instead of seven subqueries a block."""
    # What writes outside the door left pending is rendered first.
    weergave.flush()
    return _with_stored_figures(queryset)


def _with_stored_figures(queryset: QuerySet[Bouwsteen]) -> QuerySet[Bouwsteen]:
    return queryset.annotate(
        hergebruik_in_gebruik=Coalesce(F("weergave__hergebruik_in_gebruik"), 0),
        hergebruik_pilot=Coalesce(F("weergave__hergebruik_pilot"), 0),
        hergebruik_actief=Coalesce(F("weergave__hergebruik_actief"), 0),
        opschalingsscore=F("weergave__opschalingsscore"),
    )


def cards(blocks: QuerySet[Bouwsteen] | list[int]) -> list[kaart.Kaart]:
    """The result cards of an ordered (and perhaps sliced) queryset of published blocks,
    or of their ids in order, from their stored list items: the ids, the items and the
    thema's, in three queries whatever the number of cards."""
    if isinstance(blocks, QuerySet):
        blocks = blocks.values_list("pk", flat=True)
    pks = list(blocks)
    return kaart.cards_of(pks) if pks else []


def catalogue_filter(params) -> CatalogusFilter:
    """The search page's filter set over the published blocks; validate, then ``.qs``."""
    return CatalogusFilter(params, queryset=public())


def close_themas(raw_query: str) -> list[Thema]:
    """For a search that found nothing: the thema's it comes close to."""
    return search.themas_close_to(raw_query, public())


def catalogue_facets(
    params, filtered: CatalogusFilter | None = None
) -> dict[str, list[dict]]:
    """The search page's facet counts; raises ``facets.InvalidFilters`` like the list.
    ``filtered``: the page's own valid filter set (``catalogue_filter``), whose matches
    the dimensions it does not filter count."""
    return facets.facets(public(), params, CatalogusFilter, filtered=filtered)


def recently_published(limit: int = 6) -> list[Bouwsteen]:
    """The newest published blocks, with their owner (a list of names, not cards)."""
    return list(
        public()
        .select_related("organisatie")
        .order_by(F("gepubliceerd_op").desc(nulls_last=True), "pk")[:limit]
    )


def featured(limit: int = 6) -> list[kaart.Kaart]:
    """The published blocks the beheerders featured, the most recently featured first."""
    return cards(
        public()
        .filter(uitgelicht__isnull=False)
        .order_by("-uitgelicht__uitgelicht_op", "pk")[:limit]
    )


def most_reused(queryset: QuerySet[Bouwsteen] | None = None, limit: int = 6):
    """Blocks with the most organisations using them (pilot or in use), then by name."""
    queryset = public() if queryset is None else queryset
    return cards(
        stored_figures(queryset)
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
    """Every thema with its number of published blocks, by name in the interface's
    language."""
    themas = Thema.objects.annotate(
        aantal=Count(
            "bouwstenen",
            filter=Q(bouwstenen__publicatiestatus=Publicatiestatus.GEPUBLICEERD),
        )
    )
    return sorted(themas, key=lambda thema: thema.weergavenaam)


def thema_names() -> dict[str, str]:
    """Slug to the name the interface shows, for labels read by SQL (facets,
    statistics); empty in Dutch, where those labels are the names already."""
    if not (get_language() or "nl").startswith("en"):
        return {}
    return {
        t.slug: t.weergavenaam for t in Thema.objects.only("slug", "naam", "naam_en")
    }


def lagen_with_counts() -> list[Laag]:
    return list(
        Laag.objects.annotate(
            aantal=Count(
                "bouwstenen",
                filter=Q(bouwstenen__publicatiestatus=Publicatiestatus.GEPUBLICEERD),
            )
        ).order_by("volgorde")
    )


def public_bouwsteen(slug: str) -> Bouwsteen:
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
