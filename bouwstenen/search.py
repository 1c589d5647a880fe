"""Search over building blocks, on PostgreSQL and on SQLite, with the same answers.

``reindex`` keeps each block's Zoekdocument up to date (call it after every write; the
services, the admin and the loaders do). ``search`` filters and ranks a queryset; the API's
``q`` and the catalogue pages both use it.
"""

import re
from collections.abc import Iterable

from django.contrib.postgres.search import (
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection, transaction
from django.db.models import Count, F, FloatField, Func, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from bouwstenen.models import Bouwsteen, Zoekdocument
from core.search import backends, text
from core.search.text import Phrase, Query, QueryTooLong, Term
from registry.models import Organisatie, Referentiecomponent, Thema

__all__ = [
    "QueryTooLong",
    "highlight",
    "reindex",
    "search",
    "similar_to",
    "suggestions",
]

# Typo tolerance (PostgreSQL only): how close a query must be to a block's names.
TRIGRAM_THRESHOLD = 0.5
# Relative weights of naam, samenvatting, beschrijving and context, on both databases.
# Ranking reads naam and samenvatting only: a block found through its beschrijving or
# context (organisation, thema's, components) ranks after those that carry the words in
# their name or summary, in name order. On PostgreSQL that lets ranking use the small
# ``vector_kort`` (docs/performance.md); SQLite's bm25 gets the same zero weights.
WEIGHTS = (1.0, 0.4, 0.0, 0.0)


def _document(bouwsteen: Bouwsteen) -> Zoekdocument:
    themas = [t.naam for t in bouwsteen.themas.all()]
    componenten = [r.naam for r in bouwsteen.referentiecomponenten.all()]
    context = " ".join(
        [
            bouwsteen.organisatie.naam,
            bouwsteen.organisatie.code,
            bouwsteen.get_soort_display(),
            bouwsteen.get_vorm_display() if bouwsteen.vorm else "",
            *themas,
            *componenten,
            *(laag.naam for laag in bouwsteen.lagen.all()),
        ]
    )
    # Only SQLite's FTS5 index reads the Python-stemmed columns; PostgreSQL stems itself.
    stems = connection.vendor != "postgresql"
    return Zoekdocument(
        bouwsteen=bouwsteen,
        naam=bouwsteen.naam,
        samenvatting=bouwsteen.samenvatting,
        beschrijving=bouwsteen.beschrijving,
        context=context,
        trefwoorden=text.fold(
            " ".join(
                [bouwsteen.naam, bouwsteen.organisatie.naam, *themas, *componenten]
            )
        ),
        stam_naam=text.stemmed(bouwsteen.naam) if stems else "",
        stam_samenvatting=text.stemmed(bouwsteen.samenvatting) if stems else "",
        stam_beschrijving=text.stemmed(bouwsteen.beschrijving) if stems else "",
        stam_context=text.stemmed(context) if stems else "",
    )


def reindex(ids: Iterable[int] | None = None, *, batch_size: int = 500) -> int:
    """(Re)build the search documents of the given blocks, or of all blocks."""
    queryset = Bouwsteen.objects.select_related("organisatie").prefetch_related(
        "themas", "referentiecomponenten", "lagen"
    )
    if ids is not None:
        ids = list(ids)
        queryset = queryset.filter(pk__in=ids)
    done = 0
    with transaction.atomic():
        if ids is None:
            Zoekdocument.objects.all().delete()
        else:
            Zoekdocument.objects.filter(bouwsteen_id__in=ids).delete()
        batch: list[Zoekdocument] = []
        for bouwsteen in queryset.order_by("pk").iterator(chunk_size=batch_size):
            batch.append(_document(bouwsteen))
            if len(batch) >= batch_size:
                done += _store(batch)
                batch = []
        done += _store(batch)
    return done


def _store(documents: list[Zoekdocument]) -> int:
    if not documents:
        return 0
    Zoekdocument.objects.bulk_create(documents)
    if connection.vendor == "postgresql":
        config = backends.POSTGRES_CONFIG
        Zoekdocument.objects.filter(
            bouwsteen_id__in=[d.bouwsteen_id for d in documents]
        ).update(
            vector=SearchVector("naam", weight="A", config=config)
            + SearchVector("samenvatting", weight="B", config=config)
            + SearchVector("beschrijving", weight="C", config=config)
            + SearchVector("context", weight="D", config=config),
            vector_kort=SearchVector("naam", weight="A", config=config)
            + SearchVector("samenvatting", weight="B", config=config),
        )
    return len(documents)


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


def search(queryset: QuerySet[Bouwsteen], raw_query: str | None) -> QuerySet[Bouwsteen]:
    """Filter to the blocks that match and annotate ``zoekscore`` (higher is better).

    An empty query (or only stop words) filters nothing; a query of only exclusions
    (``-woord``) leaves out the blocks that contain them, all equally relevant. Raises
    QueryTooLong.
    """
    query = text.parse(raw_query)
    if query.is_empty:
        unscored = Value(0.0, output_field=FloatField())
        if query.excluded:
            queryset = _without(queryset, query.excluded)
        return queryset.annotate(zoekscore=unscored)
    if connection.vendor == "postgresql":
        return _search_postgres(queryset, query)
    return _search_sqlite(queryset, query)


def _without(queryset, clauses: list[Term | Phrase]):
    """Leave out the blocks whose document holds any of the clauses.

    The same document as an exclusion next to wanted words ("schulden -huur"): the
    whole vector on PostgreSQL, every column of the FTS5 index on SQLite.
    """
    if connection.vendor == "postgresql":
        matching = Zoekdocument.objects.filter(
            vector=backends.postgres_any(clauses)
        ).values("bouwsteen_id")
    else:
        matching = RawSQL(
            "SELECT rowid FROM bouwstenen_zoekindex WHERE bouwstenen_zoekindex MATCH %s",
            [backends.fts5_any(clauses)],
        )
    return queryset.exclude(pk__in=matching)


def _search_postgres(queryset, query: Query):
    search_query = backends.postgres_query(query)
    # Rank on the wanted words only: ts_rank scores a query with a negation as zero.
    wanted = Query([[c for c in group if not c.negated] for group in query.groups])
    wanted.groups = [group for group in wanted.groups if group]
    rank = SearchRank(
        F("zoekdocument__vector_kort"),
        backends.postgres_query(wanted),
        weights=list(reversed(WEIGHTS)),
    )
    plain = all(
        isinstance(c, Term) and not c.negated for group in query.groups for c in group
    )
    if plain and len(query.groups) == 1:
        # A word, or alternatives: a block scores above zero exactly when its naam or
        # samenvatting holds one of them, and every such block matches. So those come
        # first (core.paging reads a page from them when they fill it), and the
        # full vector is only unpacked for the blocks that lack the words there.
        in_short = Q(zoekdocument__vector_kort=search_query)
        found = queryset.filter(
            in_short | Q(zoekdocument__vector=search_query)
        ).with_leading_subset(in_short, "-zoekscore")
    else:
        found = queryset.filter(zoekdocument__vector=search_query)
    if not plain or found.exists():
        return found.annotate(zoekscore=rank)
    # Nothing matched the words: perhaps a typo. Fall back to trigram similarity with the
    # names of the block, its thema's and components (the %> operator uses the GIN index).
    typed = " ".join(query.text_terms)
    with connection.cursor() as cursor:
        # The default threshold (0.6) misses a dropped letter in a short word ("jeugzorg").
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)",
            [str(TRIGRAM_THRESHOLD)],
        )
    return queryset.filter(
        zoekdocument__trefwoorden__trigram_word_similar=typed
    ).annotate(
        zoekscore=TrigramWordSimilarity(typed, "zoekdocument__trefwoorden")
        + TrigramWordSimilarity(typed, "zoekdocument__naam")
    )


def _search_sqlite(queryset, query: Query):
    match = backends.fts5_match(query)
    matching = RawSQL(
        "SELECT rowid FROM bouwstenen_zoekindex WHERE bouwstenen_zoekindex MATCH %s",
        [match],
    )
    return queryset.filter(pk__in=matching).annotate(zoekscore=_Bm25(match))


class _Bm25(Func):
    """The bm25() score of each block for an FTS5 match, negated: higher is better.

    The full-text query runs once per statement: its (rowid, score) pairs are
    materialised (``LIMIT -1`` stops SQLite from folding the subquery back into a
    per-row one) and each block looks its score up by id. A correlated
    ``... MATCH ? AND rowid = id`` would evaluate the match again for every block:
    25 s for a word in nearly every block of 10,000 (docs/performance.md).
    """

    output_field = FloatField()

    def __init__(self, match: str):
        super().__init__(F("pk"))
        self.match = match

    def as_sql(self, compiler, connection, **extra_context):
        pk_sql, pk_params = compiler.compile(self.get_source_expressions()[0])
        weights = ", ".join(str(w) for w in WEIGHTS)
        sql = (
            "(SELECT zoekscores.score FROM ("  # noqa: S608 - constants; the match is bound
            f"SELECT rowid AS id, -bm25(bouwstenen_zoekindex, {weights}) AS score "
            "FROM bouwstenen_zoekindex WHERE bouwstenen_zoekindex MATCH %s LIMIT -1"
            f") AS zoekscores WHERE zoekscores.id = {pk_sql})"
        )
        return sql, [self.match, *pk_params]


_WORD_OR_OTHER = re.compile(r"(\w+)", re.UNICODE)


def highlight(value: str, raw_query: str | None) -> SafeString:
    """Escape ``value`` and wrap the words that match the query in <mark>."""
    try:
        query = text.parse(raw_query)
    except QueryTooLong:
        return escape(value)
    stems, prefixes = set(), set()
    for group in query.groups:
        for clause in group:
            if clause.negated:
                continue
            if isinstance(clause, Phrase):
                stems.update(text.stem(w) for w in clause.words)
            else:
                stems.add(text.stem(clause.word))
                if clause.prefix:
                    prefixes.add(clause.word)
    if not stems:
        return escape(value)
    out = []
    for part in _WORD_OR_OTHER.split(value or ""):
        folded = text.fold(part)
        if (
            part
            and folded.isalnum()
            and (
                text.stem(folded) in stems
                or any(folded.startswith(p) for p in prefixes)
            )
        ):
            out.append(f"<mark>{escape(part)}</mark>")
        else:
            out.append(escape(part))
    return mark_safe("".join(out))  # noqa: S308 - every part was escaped above


def _words_of(*values: str) -> set[str]:
    stop = text.stopwords()
    return {
        text.stem(w)
        for value in values
        for w in text.words(value)
        if w not in stop and len(w) > 2
    }


def similar_to(
    candidates: QuerySet[Bouwsteen],
    *,
    naam: str,
    samenvatting: str = "",
    thema_ids: Iterable[int] = (),
    component_ids: Iterable[int] = (),
    exclude_pk: int | None = None,
    limit: int = 5,
) -> list[tuple[Bouwsteen, float]]:
    """The most similar blocks among ``candidates``, with a score between 0 and 1.

    Text similarity (shared stemmed words of naam and samenvatting, Jaccard) counts for
    half; shared GEMMA components and shared thema's for the rest.
    """
    thema_ids, component_ids = set(thema_ids), set(component_ids)
    own_words = _words_of(naam, samenvatting)
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    # A candidate shares a thema or component, or at least one significant word.
    words_query = " or ".join(sorted(own_words)[:30])
    textual = (
        set(search(candidates, words_query).values_list("pk", flat=True)[:200])
        if own_words
        else set()
    )
    # Pick at most 300 candidates first, then count what they share: grouping every
    # block that shares a thema (a quarter of a large catalogue) before the LIMIT cost
    # over a second at 100,000 blocks. Semi-joins (pk IN ...) need no DISTINCT, so the
    # scan stops at the 300th candidate.
    themas = Bouwsteen.themas.through.objects.filter(thema_id__in=thema_ids)
    components = Bouwsteen.referentiecomponenten.through.objects.filter(
        referentiecomponent_id__in=component_ids
    )
    related = (
        Q(pk__in=themas.values("bouwsteen_id"))
        | Q(pk__in=components.values("bouwsteen_id"))
        | Q(pk__in=textual)
    )
    pool = (
        candidates.filter(pk__in=candidates.filter(related).values("pk")[:300])
        .annotate(
            _gedeelde_themas=Count(
                "themas", filter=Q(themas__in=thema_ids), distinct=True
            ),
            _gedeelde_componenten=Count(
                "referentiecomponenten",
                filter=Q(referentiecomponenten__in=component_ids),
                distinct=True,
            ),
        )
        .select_related("organisatie")
    )
    scored = []
    for other in pool:
        other_words = _words_of(other.naam, other.samenvatting)
        union = own_words | other_words
        jaccard = len(own_words & other_words) / len(union) if union else 0.0
        themas = other._gedeelde_themas / len(thema_ids) if thema_ids else 0.0
        componenten = (
            other._gedeelde_componenten / len(component_ids) if component_ids else 0.0
        )
        score = 0.5 * jaccard + 0.25 * themas + 0.25 * componenten
        if score > 0:
            scored.append((other, round(score, 3)))
    scored.sort(key=lambda pair: (-pair[1], pair[0].naam))
    return scored[:limit]


def suggestions(
    raw_query: str, published: QuerySet[Bouwsteen], *, limit: int = 5
) -> dict[str, list]:
    """Names that start (per word) with what was typed, per kind, for the search box."""
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

    blokken = search(published, " ".join(words)).order_by("-zoekscore", "naam")
    return {
        "bouwstenen": pick(blokken.values_list("uuid", "naam", "slug")[:50]),
        "themas": pick(Thema.objects.values_list("slug", "naam")),
        "organisaties": pick(Organisatie.objects.values_list("code", "naam")),
        "referentiecomponenten": pick(
            Referentiecomponent.objects.values_list("gemma_id", "naam")
        ),
    }
