"""Search on PostgreSQL: weighted tsvectors in Dutch, websearch syntax.

Each document stores two vectors: the full one over every field (weights A to D in the
order of the index's fields), which decides what matches, and a short one over the
weighted fields only, which ranks: small enough to stay in the row, so ranking a common
word does not unpack every document's full vector (docs/performance.md).

Only words (``\\w+``) from the parser reach a tsquery, each as a bound parameter, so no
user input is ever interpreted as tsquery operators.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import F, Q, TextField, Value

from core.paging import LeadingSubset
from core.search.backends.base import Found, SearchBackend, SearchIndex
from core.search.text import Clause, Compound, Phrase, Query, Term

CONFIG = "registry_nl"  # a copy of "dutch" with unaccent; see the app's migration
_LABELS = "ABCD"


def _word(word: str, prefix: bool = True, *, negated: bool = False) -> SearchQuery:
    """The word (its stem), or also the start of longer words; ``negated``: neither.
    Django negates only a single SearchQuery, so a negation is built with De Morgan."""
    query = SearchQuery(word, config=CONFIG, search_type="plain", invert=negated)
    if prefix:
        start = SearchQuery(
            f"{word}:*", config="simple", search_type="raw", invert=negated
        )
        query = query & start if negated else query | start
    return query


def _clause(clause: Clause, *, negated: bool = False) -> SearchQuery:
    if isinstance(clause, Phrase):
        return SearchQuery(
            " ".join(clause.words), config=CONFIG, search_type="phrase", invert=negated
        )
    if isinstance(clause, Compound):
        # Any joined form, or all parts; negated: no joined form, and not all parts.
        combined = None
        if clause.parts:
            for part in (_word(p, negated=negated) for p in clause.parts):
                if combined is None:
                    combined = part
                else:
                    combined = combined | part if negated else combined & part
        for joined in clause.joined:
            form = _word(joined, negated=negated)
            if combined is None:
                combined = form
            else:
                combined = form & combined if negated else form | combined
        return combined
    return _word(clause.word, clause.prefix, negated=negated)


def any_of(clauses: list[Clause]) -> SearchQuery:
    """A tsquery for the documents that contain any of the clauses."""
    combined = _clause(clauses[0])
    for clause in clauses[1:]:
        combined |= _clause(clause)
    return combined


def tsquery(query: Query) -> SearchQuery | None:
    combined = None
    for group in query.groups:
        wanted = [c for c in group if not c.negated]
        part = None
        for clause in wanted:
            part = _clause(clause) if part is None else part | _clause(clause)
        for clause in (c for c in group if c.negated):
            unwanted = _clause(clause, negated=True)
            part = unwanted if part is None else part & unwanted
        if part is not None:
            combined = part if combined is None else combined & part
    return combined if not query.is_empty else None


def _vector(fields, texts: dict[str, str]) -> SearchVector:
    """The weighted vector of the texts, computed by PostgreSQL in the statement that
    stores them."""
    combined = None
    for label, field in fields:
        text = Value(texts.get(field.name) or "", output_field=TextField())
        vector = SearchVector(text, weight=label, config=CONFIG)
        combined = vector if combined is None else combined + vector
    return combined


def _plain(query: Query) -> bool:
    """A word, or alternatives: no phrase, no exclusion, no second group. And each word
    one lexeme: PostgreSQL splits ``abc_def`` in two, and ts_rank scores a document
    that holds only one of them in a weighted field above zero, though the short
    vector does not match the whole word (so it would fall outside the leading rows
    and still rank above the rest)."""
    return len(query.groups) == 1 and all(
        isinstance(c, Term) and not c.negated and "_" not in c.word
        for c in query.groups[0]
    )


class PostgresSearchBackend(SearchBackend):
    def stored_forms(self, index: SearchIndex, texts: dict[str, str]) -> dict:
        # In the INSERT itself: an UPDATE of the rows just inserted afterwards cost
        # every write a second statement and a second version of each row.
        labelled = list(zip(_LABELS, index.fields, strict=False))
        return {
            index.vector: _vector(labelled, texts),
            index.rank_vector: _vector(
                [(label, f) for label, f in labelled if f.weight > 0], texts
            ),
        }

    def exclude(self, index, queryset, clauses):
        # The whole vector: the same document as an exclusion next to wanted words.
        matching = (
            self.documents(index)
            .filter(**{index.vector: any_of(clauses)})
            .values(index.object_field)
        )
        return queryset.exclude(pk__in=matching)

    def match(self, index, queryset, query):
        search_query = tsquery(query)
        # Rank on the wanted words only: ts_rank scores a query with a negation as zero.
        wanted = Query([[c for c in group if not c.negated] for group in query.groups])
        wanted.groups = [group for group in wanted.groups if group]
        rank = SearchRank(
            F(index.lookup(index.rank_vector)),
            tsquery(wanted),
            # ts_rank takes the weights as {D, C, B, A}.
            weights=[0.0] * (4 - len(index.fields)) + list(reversed(index.weights)),
        )
        in_full = Q(**{index.lookup(index.vector): search_query})
        leading = None
        if _plain(query):
            # A word, or alternatives: a document scores above zero exactly when one of
            # its weighted fields holds one of them, and every such document matches. So
            # those come first (the paginator reads a page from them when they fill
            # it). The matches are those of the full vector alone: it holds the short
            # one's words too. Written as "short or full", the planner estimated the
            # two apart, added them up and scanned every document to count a word in 8%
            # of them (372 ms at 100,000, against 54 ms through the full vector's index).
            # Every other match scores zero: they tie (core.paging.LeadingSubset).
            in_short = Q(**{index.lookup(index.rank_vector): search_query})
            leading = LeadingSubset(in_short, f"-{index.score}", rest_ties=True)
            found = queryset.filter(in_full)
        else:
            found = queryset.filter(in_full)
        return Found(found.annotate(**{index.score: rank}), leading)
