"""What a representation of a block reads besides its row: its thema's, layers and
components (a list item), and its answers, relations and concept (a detail), each in a
fixed number of queries; ``bouwstenen.selectors`` offers these with the other reads.
"""

import copy

from django.db import connections, router
from django.db.models import Prefetch, QuerySet, prefetch_related_objects

from bouwstenen import readiness
from bouwstenen.constants import HergebruikStatus
from bouwstenen.models import Bouwsteen, Hergebruik, Relatie
from bouwstenen.visibility import visible_condition
from core.prefetched import answering
from registry.models import Laag, Referentiecomponent, Thema


def _item_prefetches() -> list[Prefetch]:
    return [
        Prefetch("themas", queryset=Thema.objects.order_by("naam", "pk")),
        Prefetch(
            "referentiecomponenten",
            queryset=Referentiecomponent.objects.order_by("naam", "pk"),
        ),
        Prefetch("lagen", queryset=Laag.objects.order_by("volgorde", "pk")),
    ]


def _detail_prefetches(user, *, relations: bool = True) -> list:
    """The answers, and (``relations``) the relations either way that ``user`` may see."""
    if not relations:
        return ["opschalingsantwoorden"]
    return [
        "opschalingsantwoorden",
        Prefetch(
            "relaties_uit",
            queryset=Relatie.objects.filter(visible_condition(user, "naar__"))
            .select_related("naar__organisatie")
            .order_by("type", "naar__naam", "pk"),
        ),
        Prefetch(
            "relaties_in",
            queryset=Relatie.objects.filter(visible_condition(user, "van__"))
            .select_related("van__organisatie")
            .order_by("type", "van__naam", "pk"),
        ),
    ]


def with_relations(queryset: QuerySet[Bouwsteen]) -> QuerySet[Bouwsteen]:
    """Fetch what a representation of a block reads, in a fixed number of queries."""
    return queryset.select_related("organisatie").prefetch_related(*_item_prefetches())


def with_details(queryset: QuerySet[Bouwsteen], user) -> QuerySet[Bouwsteen]:
    """What the detail adds to a list item: the answers, the relations and the concept of
    changes, in three queries and a join. Relations to blocks the user may not see are
    left out."""
    return queryset.select_related("concept").prefetch_related(
        *_detail_prefetches(user)
    )


def bouwstenen_detailed(pks, user) -> list[Bouwsteen]:
    """These blocks, each with everything its detail shows and its counts, by id: for
    reads of a few blocks (``readiness.attach_counts``)."""
    blocks = with_details(
        with_relations(Bouwsteen.objects.filter(pk__in=pks).order_by("pk")), user
    )
    return readiness.attach_counts(list(blocks))


# What a write may hand over of the block's rows, read or written under its lock: the
# prefetch caches ``bouwsteen_fresh`` takes instead of asking again.
HELD = ("themas", "referentiecomponenten", "lagen", "opschalingsantwoorden")


def bouwsteen_fresh(bouwsteen: Bouwsteen, user) -> Bouwsteen:
    """The block as a write left it, with its counts and details as they are now.

    ``bouwsteen`` is what the service returned (or what the request read): its row is
    what was saved, and what it holds in memory of the thema's, layers, components and
    answers (``HELD``: the content a write wrote, what a workflow step read) is taken
    over, in the order a read shows it (the models' ordering, as ``with_relations``
    asks). The relations and the reuse are read: what the user may see of them is not
    what the service looked at. The owner (and a concept) come with the block as the
    service read it, under its lock; a rename of the organisation that commits between
    that lock and the end of the write is not in this answer or in a stored
    representation rendered from it, until the block's next write or
    ``rebuild_representations``. The answer is a copy: the caller's block keeps the
    caches it had (a service that takes it next reads its rows under its own lock).
    """
    # A model's copy has its own state and caches (Model.__getstate__).
    fresh = copy.copy(bouwsteen)
    held = getattr(bouwsteen, "_prefetched_objects_cache", {})
    fresh._prefetched_objects_cache = {
        name: held[name] for name in HELD if name in held
    }
    alone = _alone(fresh)
    if alone:
        for name in ("relaties_uit", "relaties_in"):
            fresh._prefetched_objects_cache[name] = answering(Relatie, [])
    # Prefetching skips what an instance already holds.
    prefetch_related_objects(
        [fresh], *_item_prefetches(), *_detail_prefetches(user, relations=not alone)
    )
    return readiness.attach_counts([fresh], unused=[fresh.pk] if alone else ())[0]


# Whether a block has any relation, either way, or any confirmed reuse: plain SQL over
# three indexes. Most writes are of blocks that have neither (a new block, a draft),
# and for them this one question replaces the two relation reads and the reuse count,
# each a wide statement the ORM compiles anew (about 3 ms each at 100,000; the
# database answers in well under one).
_ALONE = (
    "SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM {relatie} WHERE van_id = %s) "
    "AND NOT EXISTS (SELECT 1 FROM {relatie} WHERE naar_id = %s) "
    "AND NOT EXISTS (SELECT 1 FROM {hergebruik} WHERE bouwsteen_id = %s "
    "AND status = %s)"
)


def _alone(bouwsteen: Bouwsteen) -> bool:
    database = router.db_for_read(Relatie, instance=bouwsteen)
    quote = connections[database].ops.quote_name
    sql = _ALONE.format(
        relatie=quote(Relatie._meta.db_table),
        hergebruik=quote(Hergebruik._meta.db_table),
    )
    pk = bouwsteen.pk
    with connections[database].cursor() as cursor:
        cursor.execute(sql, [pk, pk, pk, HergebruikStatus.BEVESTIGD.value])
        return cursor.fetchone() is not None
