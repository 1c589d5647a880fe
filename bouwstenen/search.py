"""Search over building blocks, on PostgreSQL and on SQLite, with the same answers.

What a block's search document is lives in ``bouwstenen.search_index``; the database's
own work in ``core.search.backends`` (one backend per database, chosen once). Here is
what the rest of the app calls: ``reindex`` keeps the documents up to date (after every
write; the services, the admin and the loaders do), ``find``/``search`` filter and rank a
queryset (the API's ``q`` and the catalogue pages; ``Found.leading`` names the blocks that
rank first, for the paginator), and similarity and suggestions build on them.
"""

from collections.abc import Callable, Iterable

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery

from bouwstenen import readiness
from bouwstenen.models import Bouwsteen
from bouwstenen.search_index import (
    INDEX,
    SIMILAR_LIMIT,
    SIMILAR_POOL,
    SIMILAR_QUERY_WORDS,
    SIMILAR_TEXTUAL,
    SUGGESTIONS_LIMIT,
    SUGGESTIONS_SEARCHED,
    WEIGHTS,
)
from core.search import likeness, text
from core.search.backends import Found, get_backend
from core.search.forgiving import distance, max_edits
from core.search.highlight import marker
from core.search.text import QueryTooLong
from registry.models import Organisatie, Referentiecomponent, Thema

__all__ = [
    "BY_RELEVANCE",
    "WEIGHTS",
    "QueryTooLong",
    "find",
    "marker",
    "reindex",
    "reindex_written",
    "search",
    "similar_to",
    "suggestions",
    "themas_close_to",
]


# Most relevant first; pk last: blocks can share a name, and equal ones must come in one
# order. The API, the search page and suggestions rank alike.
BY_RELEVANCE = ("-zoekscore", "naam", "pk")


def reindex(ids: Iterable[int] | None = None, *, batch_size: int = 500) -> int:
    """(Re)build the search documents of the given blocks, or of all blocks."""
    return get_backend().update(INDEX, ids, batch_size=batch_size)


def reindex_written(bouwsteen: Bouwsteen) -> int:
    """Rebuild the search document of a block the services just wrote, from the block
    in hand: its owner is read with it and ``content.apply`` kept its thema's, layers
    and components, so nothing is read again."""
    return get_backend().update(INDEX, objects=[bouwsteen])


def reindex_related(model, pks: Iterable[int]) -> int:
    """Reindex the blocks that show the name of these organisations, thema's or components."""
    pks = list(pks)
    if model is Organisatie:
        ids = Bouwsteen.objects.filter(organisatie__in=pks)
    elif model is Thema:
        ids = Bouwsteen.objects.filter(themas__in=pks)
    elif model is Referentiecomponent:
        ids = Bouwsteen.objects.filter(referentiecomponenten__in=pks)
    else:
        return 0
    return reindex(set(ids.values_list("pk", flat=True)))


def find(
    queryset: QuerySet[Bouwsteen], raw_query: str | None, *, forgiving: bool = True
) -> Found:
    """The blocks of ``queryset`` that match, annotated with ``zoekscore`` (higher is
    better), and the blocks that rank first when the database knows them.

    An empty query (or only stop words) filters nothing; a query of only exclusions
    (``-woord``) leaves out the blocks that contain them, all equally relevant. A
    misspelled word is corrected against the catalogue's words and compounds are found
    split and joined (``core.search.forgiving``); ``Found.correction`` says when a word
    was corrected. Raises QueryTooLong.
    """
    return get_backend().search(INDEX, queryset, raw_query, forgiving=forgiving)


def search(
    queryset: QuerySet[Bouwsteen], raw_query: str | None, *, forgiving: bool = True
) -> QuerySet[Bouwsteen]:
    """``find``, as a queryset only."""
    return find(queryset, raw_query, forgiving=forgiving).queryset


def _textual_candidates(candidates, query: str, typed: bool) -> QuerySet[Bouwsteen]:
    """Typed text: the best matching first. An existing block's own words: in the
    catalogue's order (by name), as the benchmark's floor selects them."""
    found = find(candidates, query, forgiving=typed).queryset
    return found.order_by("-zoekscore", "pk") if typed else found


def similar_to(
    candidates: QuerySet[Bouwsteen],
    *,
    naam: str,
    samenvatting: str = "",
    thema_ids: Iterable[int] = (),
    component_ids: Iterable[int] = (),
    exclude_pk: int | None = None,
    limit: int = SIMILAR_LIMIT,
    typed: bool = False,
    read: Callable[[QuerySet[Bouwsteen]], QuerySet[Bouwsteen]] | None = None,
) -> list[tuple[Bouwsteen, float]]:
    """The most similar blocks among ``candidates``, with a score between 0 and 1.

    Text counts for half: the share of stemmed words naam and samenvatting have in
    common, or for a typed name its likeness (``core.search.likeness``, as "Bestaat dit
    al?" judges it) if that is higher. Shared GEMMA components and shared thema's count for the rest.
    ``typed``: the texts were typed by someone (a new block), so the textual candidates
    are found by the search that forgives typos and split or joined compounds; an
    existing block's own words need no forgiving. ``read``: how the few blocks that
    come out are read (with their owner by default), in the same query.
    """
    thema_ids, component_ids = set(thema_ids), set(component_ids)
    own_stems = likeness.stems(f"{naam} {samenvatting}")
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    # A candidate shares a thema or component, or at least one significant word, the
    # best matching first.
    if typed:
        words = likeness.significant(f"{naam} {samenvatting}")[:SIMILAR_QUERY_WORDS]
    else:
        words = sorted(own_stems)[:SIMILAR_QUERY_WORDS]
    textual = (
        set(
            _textual_candidates(candidates, " or ".join(words), typed).values_list(
                "pk", flat=True
            )[:SIMILAR_TEXTUAL]
        )
        if words
        else set()
    )
    # Pick at most 300 candidates first, then count what they share: grouping every
    # block that shares a thema (a quarter of a large catalogue) before the LIMIT cost
    # over a second at 100,000 blocks. Whether a block shares a thema or component is
    # asked per block, in name order (a scalar subquery over the link table's index),
    # so the scan stops at the 300th candidate; as pk IN (...) PostgreSQL first hashed
    # every block that shares a thema, most of the statement's time.
    shared_themas = Bouwsteen.themas.through.objects.filter(thema_id__in=thema_ids)
    shared_components = Bouwsteen.referentiecomponenten.through.objects.filter(
        referentiecomponent_id__in=component_ids
    )
    related = Q(pk__in=textual)
    if thema_ids:
        related |= Q(_deelt_thema__isnull=False)
    if component_ids:
        related |= Q(_deelt_component__isnull=False)
    first = candidates.annotate(
        _deelt_thema=_one_of(shared_themas), _deelt_component=_one_of(shared_components)
    ).filter(related)
    pool = (
        candidates.filter(pk__in=first.values("pk")[:SIMILAR_POOL])
        # Counted per block, as subqueries: joined and grouped, the 300 rows became
        # one per link before they were counted back.
        .annotate(
            _gedeelde_themas=readiness.count_per_block(shared_themas),
            _gedeelde_componenten=readiness.count_per_block(shared_components),
        )
        # What the score needs, as plain values: building 300 blocks (and their
        # owners) to score them and keep five cost more than the scoring.
        .values_list(
            "pk", "naam", "samenvatting", "_gedeelde_themas", "_gedeelde_componenten"
        )
    )
    scored = []
    for (
        pk,
        other_naam,
        other_samenvatting,
        gedeelde_themas,
        gedeelde_componenten,
    ) in pool:
        words_shared = likeness.jaccard(
            own_stems, likeness.stems(f"{other_naam} {other_samenvatting}")
        )
        # A typed name is also judged by its likeness (typos, split compounds); an
        # existing block's own name by its words, as the benchmark's floor counts them.
        tekst = (
            max(words_shared, likeness.name_likeness(naam, other_naam))
            if typed
            else words_shared
        )
        themas = gedeelde_themas / len(thema_ids) if thema_ids else 0.0
        componenten = (
            gedeelde_componenten / len(component_ids) if component_ids else 0.0
        )
        score = 0.5 * tekst + 0.25 * themas + 0.25 * componenten
        if score > 0:
            scored.append((pk, other_naam, round(score, 3)))
    scored.sort(key=lambda found: (-found[2], found[1], found[0]))
    scored = scored[:limit]
    if not scored:
        return []
    winners = (read or _with_owner)(candidates.filter(pk__in=[pk for pk, *_ in scored]))
    blocks = {block.pk: block for block in winners}
    # A winner unpublished or deleted since the pool was read is left out.
    return [(blocks[pk], score) for pk, _naam, score in scored if pk in blocks]


def _one_of(links: QuerySet) -> Subquery:
    """One of ``links`` (rows of a block's link table) for the outer block, or NULL."""
    return Subquery(
        links.filter(bouwsteen_id=OuterRef("pk")).values("bouwsteen_id")[:1],
        output_field=IntegerField(),
    )


def _with_owner(blocks: QuerySet[Bouwsteen]) -> QuerySet[Bouwsteen]:
    return blocks.select_related("organisatie")


def suggestions(
    raw_query: str,
    published: QuerySet[Bouwsteen],
    *,
    limit: int = SUGGESTIONS_LIMIT,
) -> dict[str, list]:
    """Names that start (per word) with what was typed, per kind, for the search box.

    A misspelled word is corrected as in a search: the names then start with the
    corrected words, and ``correctie`` (a ``Correction``) says so.
    """
    words = text.words(raw_query or "")
    if not words:
        return {
            "bouwstenen": [],
            "themas": [],
            "organisaties": [],
            "referentiecomponenten": [],
        }
    if len(raw_query) > text.MAX_QUERY_LENGTH:
        raise QueryTooLong()

    def matches(name: str) -> bool:
        name_words = text.words(name)
        return all(any(nw.startswith(w) for nw in name_words) for w in words)

    def pick(rows):
        return [row for row in rows if matches(row[1])][:limit]

    found = find(published, " ".join(words))
    if found.correction is not None:
        words = text.words(found.correction.gezocht_op)
    suggested = {
        "bouwstenen": pick(_best_blocks(found)),
        "themas": pick(Thema.objects.values_list("slug", "naam")),
        "organisaties": pick(Organisatie.objects.values_list("code", "naam")),
        "referentiecomponenten": pick(
            Referentiecomponent.objects.values_list("gemma_id", "naam")
        ),
    }
    if found.correction is not None:
        suggested["correctie"] = found.correction
    return suggested


def _best_blocks(found: Found) -> list[tuple]:
    """(uuid, naam, slug) of the best ranked blocks a suggestion picks from.

    The blocks with the words in naam or samenvatting (the leading subset, when the
    backend names one) rank before every other: when there are enough of them, the best
    are among them, and the rest is not ranked (core.paging reads a page the same way).
    For a common beginning ("jeug") that spares ranking a sixth of the catalogue. When
    the others tie (``LeadingSubset.rest_ties``), too few are completed in name order.
    """
    blokken = found.queryset.order_by(*BY_RELEVANCE)
    columns = ("uuid", "naam", "slug")
    leading = found.leading
    if leading is not None and leading.first_order == BY_RELEVANCE[0]:
        best = list(
            blokken.filter(leading.condition).values_list(*columns)[
                :SUGGESTIONS_SEARCHED
            ]
        )
        if len(best) == SUGGESTIONS_SEARCHED:
            return best
        rest = leading.rest(found.queryset, BY_RELEVANCE)
        if rest is not None:
            return best + list(
                rest.values_list(*columns)[: SUGGESTIONS_SEARCHED - len(best)]
            )
    return list(blokken.values_list(*columns)[:SUGGESTIONS_SEARCHED])


def themas_close_to(
    raw_query: str, published: QuerySet[Bouwsteen], *, limit: int = 4
) -> list[Thema]:
    """The thema's a query that found nothing comes close to, for the empty result page:
    first those of the blocks the query finds without the page's other filters (most
    blocks first), then those whose name is close to a word of the query."""
    found = search(published, raw_query)
    by_blocks = list(
        Thema.objects.filter(bouwstenen__in=found.values("pk"))
        .annotate(aantal=Count("bouwstenen", distinct=True))
        .order_by("-aantal", "naam")[:limit]
    )
    stop = text.stopwords()
    typed = [w for w in text.words(raw_query) if len(w) > 2 and w not in stop]

    def close(naam: str) -> bool:
        return any(
            word.startswith(typed_word)
            or (len(word) > 3 and typed_word.startswith(word))
            or distance(typed_word, word, max_edits(typed_word))
            <= max_edits(typed_word)
            for typed_word in typed
            for word in text.words(naam)
            if len(word) > 2 and word not in stop
        )

    by_name = [
        thema
        for thema in Thema.objects.order_by("naam")
        if thema not in by_blocks and close(thema.naam)
    ]
    return (by_blocks + by_name)[:limit]
