"""Turn a parsed query into each database's own full-text syntax.

Only words (``\\w+``) from the parser reach the generated syntax, each quoted or passed as
a bound parameter, so no user input is ever interpreted as FTS5 or tsquery operators.
"""

from django.contrib.postgres.search import SearchQuery

from core.search.text import Phrase, Query, Term, stem

POSTGRES_CONFIG = "registry_nl"  # a copy of "dutch" with unaccent; see the migration


def _fts5_clause(clause: Term | Phrase) -> str:
    if isinstance(clause, Phrase):
        return '"' + " ".join(stem(w) for w in clause.words) + '"'
    stemmed = f'"{stem(clause.word)}"'
    if clause.prefix:
        # The stemmer breaks prefixes ("doorloop" → "doorlop"), so the prefix is unstemmed.
        return f'({stemmed} OR "{clause.word}"*)'
    return stemmed


def fts5_match(query: Query) -> str | None:
    """An FTS5 MATCH expression, or None when the query has no positive clause."""
    positive, negative = [], []
    for group in query.groups:
        wanted = [c for c in group if not c.negated]
        unwanted = [c for c in group if c.negated]
        if wanted:
            positive.append("(" + " OR ".join(_fts5_clause(c) for c in wanted) + ")")
        negative.extend(_fts5_clause(c) for c in unwanted)
    if not positive:
        return None
    expression = " AND ".join(positive)
    if negative:
        expression = f"({expression}) NOT ({' OR '.join(negative)})"
    return expression


def fts5_any(clauses: list[Term | Phrase]) -> str:
    """An FTS5 MATCH expression for the blocks that contain any of the clauses.

    For a query of only exclusions (``-woord``): FTS5 has no NOT without something to
    take it from, so the caller leaves these blocks out instead.
    """
    return " OR ".join(_fts5_clause(clause) for clause in clauses)


def _postgres_clause(clause: Term | Phrase) -> SearchQuery:
    if isinstance(clause, Phrase):
        return SearchQuery(
            " ".join(clause.words), config=POSTGRES_CONFIG, search_type="phrase"
        )
    query = SearchQuery(clause.word, config=POSTGRES_CONFIG, search_type="plain")
    if clause.prefix:
        query |= SearchQuery(f"{clause.word}:*", config="simple", search_type="raw")
    return query


def postgres_any(clauses: list[Term | Phrase]) -> SearchQuery:
    """A tsquery for the blocks that contain any of the clauses (see ``fts5_any``)."""
    combined = _postgres_clause(clauses[0])
    for clause in clauses[1:]:
        combined |= _postgres_clause(clause)
    return combined


def postgres_query(query: Query) -> SearchQuery | None:
    combined = None
    for group in query.groups:
        wanted = [c for c in group if not c.negated]
        part = None
        for clause in wanted:
            part = (
                _postgres_clause(clause)
                if part is None
                else part | _postgres_clause(clause)
            )
        for clause in (c for c in group if c.negated):
            part = (
                ~_postgres_clause(clause)
                if part is None
                else part & ~_postgres_clause(clause)
            )
        if part is not None:
            combined = part if combined is None else combined & part
    return combined if not query.is_empty else None
