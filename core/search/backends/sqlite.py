"""Search on SQLite: an FTS5 table over text stemmed in Python, ranked with bm25().

FTS5 has no Dutch stemmer, so the documents keep a stemmed copy of each field (folded,
stop words out, Snowball's Dutch stemmer, as PostgreSQL's ``dutch`` does) and queries are
stemmed the same way. The app's migration creates the FTS5 table and the triggers that
keep it in step with the document table.

Only words (``\\w+``) from the parser reach an FTS5 expression, each quoted, and the
expression is a bound parameter, so no user input is ever interpreted as FTS5 syntax.
"""

from django.db.models import F, FloatField, Func
from django.db.models.expressions import RawSQL

from core.search import text
from core.search.backends.base import Found, SearchBackend, SearchIndex
from core.search.text import Clause, Compound, Phrase, Query


def _word(word: str, prefix: bool = True) -> str:
    stemmed = f'"{text.stem(word)}"'
    if prefix:
        # The stemmer breaks prefixes ("doorloop" → "doorlop"), so the prefix is unstemmed.
        return f'({stemmed} OR "{word}"*)'
    return stemmed


def _clause(clause: Clause) -> str:
    if isinstance(clause, Phrase):
        return '"' + " ".join(text.stem(w) for w in clause.words) + '"'
    if isinstance(clause, Compound):
        either = [_word(w) for w in clause.joined]
        if clause.parts:
            either.append("(" + " AND ".join(_word(w) for w in clause.parts) + ")")
        return "(" + " OR ".join(either) + ")"
    return _word(clause.word, clause.prefix)


def fts5_match(query: Query) -> str | None:
    """An FTS5 MATCH expression, or None when the query has no positive clause."""
    positive, negative = [], []
    for group in query.groups:
        wanted = [c for c in group if not c.negated]
        unwanted = [c for c in group if c.negated]
        if wanted:
            positive.append("(" + " OR ".join(_clause(c) for c in wanted) + ")")
        negative.extend(_clause(c) for c in unwanted)
    if not positive:
        return None
    expression = " AND ".join(positive)
    if negative:
        expression = f"({expression}) NOT ({' OR '.join(negative)})"
    return expression


def fts5_any(clauses: list[Clause]) -> str:
    """An FTS5 MATCH expression for the documents that contain any of the clauses.

    For a query of only exclusions (``-woord``): FTS5 has no NOT without something to
    take it from, so the caller leaves these documents out instead.
    """
    return " OR ".join(_clause(clause) for clause in clauses)


def _matching(index: SearchIndex, match: str) -> RawSQL:
    # The table's name is declared by the app, never typed by a user; the match is bound.
    table = index.fts_table
    sql = f"SELECT rowid FROM {table} WHERE {table} MATCH %s"  # noqa: S608
    return RawSQL(sql, [match])  # noqa: S611


class SQLiteSearchBackend(SearchBackend):
    def starts_with(self, column, prefix):
        # A range, which the column's index answers (LIKE does not use it in SQLite);
        # the same rows as startswith, since SQLite compares text by code point.
        following = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        return f"({column} >= %s AND {column} < %s)", [prefix, following]

    def stored_forms(self, index, texts):
        return {
            f"{index.stem_prefix}{field.name}": text.stemmed(texts[field.name])
            for field in index.fields
        }

    def exclude(self, index, queryset, clauses):
        # Every column of the FTS5 table: the same document as an exclusion next to
        # wanted words.
        return queryset.exclude(pk__in=_matching(index, fts5_any(clauses)))

    def match(self, index, queryset, query):
        match = fts5_match(query)
        return Found(
            queryset.filter(pk__in=_matching(index, match)).annotate(
                **{index.score: Bm25(index, match)}
            )
        )


class Bm25(Func):
    """The bm25() score of each object for an FTS5 match, negated: higher is better.

    The full-text query runs once per statement: its (rowid, score) pairs are a
    MATERIALIZED common table expression, which SQLite computes once even inside the
    correlated subquery, and each object looks its score up by id. A correlated
    ``... MATCH ? AND rowid = id`` would evaluate the match again for every object:
    25 s for a word in nearly every record of 10,000 (docs/performance.md). So did a
    subquery in FROM with ``LIMIT -1``, meant to keep SQLite from folding it back
    into the per-row one: SQLite ran it as a co-routine per object (a word in 87% of
    1,000 blocks: 278 ms a page; 14 ms as a CTE). Without MATERIALIZED (SQLite before
    3.35) that older form is what is left.
    """

    output_field = FloatField()

    def __init__(self, index: SearchIndex, match: str):
        super().__init__(F("pk"))
        self.index = index
        self.match = match

    def as_sql(self, compiler, connection, **extra_context):
        pk_sql, pk_params = compiler.compile(self.get_source_expressions()[0])
        table = self.index.fts_table
        weights = ", ".join(str(w) for w in self.index.weights)
        scores = (
            f"SELECT rowid AS id, -bm25({table}, {weights}) AS score "  # noqa: S608 - declared names; match is bound
            f"FROM {table} WHERE {table} MATCH %s"
        )
        if connection.Database.sqlite_version_info >= (3, 35):
            sql = (
                f"(WITH zoekscores AS MATERIALIZED ({scores}) "  # noqa: S608 - as above
                f"SELECT zoekscores.score FROM zoekscores WHERE zoekscores.id = {pk_sql})"
            )
        else:
            sql = (
                f"(SELECT zoekscores.score FROM ({scores} LIMIT -1) AS zoekscores "  # noqa: S608 - as above
                f"WHERE zoekscores.id = {pk_sql})"
            )
        return sql, [self.match, *pk_params]
