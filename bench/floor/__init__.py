"""The floor: each read scenario's rows fetched by hand-written SQL and encoded with orjson.

Nothing on top: no ORM, no serializers, no middleware, no HTTP. On PostgreSQL through
psycopg (``postgresql``), on SQLite through sqlite3 (``sqlite``); what both share, and
the registry's own numbers they are built from, in ``common``. Each floor returns the
JSON bytes, so the encoding is paid for too.

The SQL is what a careful person would write for the same answer: the count and the
page as two statements, related names aggregated per page row after the LIMIT, facets
in one statement (GROUPING SETS for the columns, UNION ALL for the many-to-many links).
"""

import threading
import time
import uuid
from dataclasses import dataclass

import orjson

from bench.floor import postgresql, sqlite
from bench.floor.common import (
    SUGGESTIONS_LIMIT,
    block_json,
    decoded,
    facet_json,
    rank_similar,
    significant_words,
    starts_a_word,
    total,
    uuid_text,
    words_query,
)
from bench.scenarios import FILTERS, SOORT, SUGGESTIES, Query, Scenario
from core.search.forgiving import nearest, spread

DATABASES = {"postgresql": postgresql, "sqlite": sqlite}

# The floor's statements of each list scenario, by the filters it sends.
_LIST_QUERIES = {
    frozenset(): "list",
    frozenset(FILTERS): "filtered",
    frozenset(SOORT): "soort",
}


@dataclass
class Sample:
    """Blocks the detail-like scenarios visit, the same for endpoint and floor."""

    uuids: list[str]


class Floor:
    """One database connection and the floor of every scenario kind on it."""

    def __init__(self, vendor: str, dsn: str, base_url: str):
        self.vendor = vendor
        self.base = base_url
        self.database = DATABASES[vendor]
        self.db = self.database.connect(dsn)
        self.sql = self.database.SQL

    def close(self) -> None:
        self.db.close()

    def _rows(self, name: str, params: dict) -> list:
        return self.database.rows(self.db, self.sql[name], params)

    def _one(self, name: str, params: dict):
        rows = self._rows(name, params)
        return rows[0][0] if rows else None

    # Each returns the encoded JSON body, as an endpoint would.

    def list(self, params: dict | None = None) -> bytes:
        """The list, unfiltered or with the filters of a list scenario."""
        params = params or {}
        prefix = _LIST_QUERIES[frozenset(params)]
        count = self._one(f"{prefix}_count", params)
        rows = self._rows(f"{prefix}_page", params)
        return orjson.dumps(
            {**total(count), "results": [block_json(r, self.base) for r in rows]}
        )

    def search(self, query: Query) -> bytes:
        params = self._match(query)
        count = self._one("search_count", params)
        rows = self._rows("search_page", params)
        body = {**total(count), "results": [block_json(r, self.base) for r in rows]}
        if query.corrected:
            body |= {"suggestie": query.corrected, "gezochtOp": query.corrected}
        return orjson.dumps(body)

    def facets(self, query: Query | None = None) -> bytes:
        if query is None:
            rows = self._rows("facets", {})
        else:
            rows = self._rows("search_facets", self._match(query))
        return orjson.dumps(facet_json(rows))

    def page(self, query: Query | None = None) -> bytes:
        """The search page: cards with reuse counts, the total, and the facets."""
        if query is None:
            count = self._one("list_count", {})
            rows = self._rows("card_page", {})
            facets = self._rows("facets", {})
        else:
            params = self._match(query)
            count = self._one("search_count", params)
            rows = self._rows("card_search_page", params)
            facets = self._rows("search_facets", params)
        cards = [
            {
                **block_json(r, self.base),
                "hergebruik": r[28:30],
                "antwoorden": decoded(r[30]),
            }
            for r in rows
        ]
        return orjson.dumps(
            {**total(count), "results": cards, "facetten": facet_json(facets)}
        )

    def _uuid(self, value: str) -> str:
        # Django keeps a uuid in SQLite as 32 hex digits without dashes.
        return value if self.vendor == "postgresql" else uuid.UUID(value).hex

    def detail(self, block: str) -> bytes:
        rows = self._rows("detail", {"uuid": self._uuid(block)})
        return orjson.dumps(block_json(rows[0], self.base) if rows else None)

    def suggest(self, query: Query) -> bytes:
        searched = self._rows("suggest_blocks", self._match(query))
        blocks = [
            [uuid_text(key), naam, slug]
            for key, naam, slug in searched
            if starts_a_word(naam, query.text)
        ][:SUGGESTIONS_LIMIT]
        result = {"bouwstenen": blocks}
        for kind, key, naam in self._rows("suggest_names", {"prefix": query.text}):
            if kind == "referentiecomponenten":
                key = uuid_text(key)
            result.setdefault(kind, []).append([key, naam])
        return orjson.dumps(result)

    def similar(self, block: str) -> bytes:
        pk, naam, samenvatting, n_themas, n_componenten = self._rows(
            "me", {"uuid": self._uuid(block)}
        )[0]
        own = significant_words(naam, samenvatting)
        textual: list[int] = []
        query = words_query(own) if own else None
        if own and query is None:
            # Only stop words are left: an empty search, which filters nothing.
            textual = [row[0] for row in self._rows("similar_any", {"id": pk})]
        elif query is not None:
            tsquery, fts5 = query
            params = {"q": tsquery if self.vendor == "postgresql" else fts5, "id": pk}
            textual = [row[0] for row in self._rows("similar_textual", params)]
        ids = textual if self.vendor == "postgresql" else orjson.dumps(textual).decode()
        rows = self._rows("similar", {"id": pk, "textual": ids})
        return orjson.dumps(rank_similar(rows, own, n_themas, n_componenten))

    def _match(self, query: Query) -> dict:
        if query.corrected:
            # The correction reads the vocabulary only: the candidates of the typed
            # word, nearest first (core.search.forgiving), then searches as usual.
            shortest, longest = spread(query.text)
            candidates = self._rows(
                "vocabulary",
                {"begin": query.text[0], "shortest": shortest, "longest": longest},
            )
            if nearest(query.text, candidates) != query.corrected:
                raise RuntimeError(f"{query.text} wordt niet {query.corrected}")
        return {"q": query.tsquery if self.vendor == "postgresql" else query.fts5}


def operation_for(scenario: Scenario, sample: Sample):
    """The floor of one operation of ``scenario``: a function of (floor, i)."""
    queries = scenario.queries
    kind = scenario.kind
    if kind == "api-list":
        return lambda floor, i: floor.list(scenario.params_for(i))
    if kind == "api-search":
        return lambda floor, i: floor.search(queries[i % len(queries)])
    if kind == "api-facets":
        return lambda floor, i: floor.facets(queries[0] if queries else None)
    if kind == "page":
        return lambda floor, i: floor.page(
            queries[i % len(queries)] if queries else None
        )
    if kind == "suggest":
        return lambda floor, i: floor.suggest(SUGGESTIES[i % len(SUGGESTIES)])
    if kind in ("detail", "publiccode"):
        return lambda floor, i: floor.detail(sample.uuids[i % len(sample.uuids)])
    if kind == "similar":
        return lambda floor, i: floor.similar(sample.uuids[i % len(sample.uuids)])
    return None


@dataclass
class FloorMeasurement:
    latencies: list[float]
    elapsed: float

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0


def measure(
    vendor: str,
    dsn: str,
    base_url: str,
    operation,
    *,
    concurrency: int,
    warmup: int,
    duration: float,
    min_operations: int,
    max_operations: int,
) -> FloorMeasurement:
    """Run the floor from ``concurrency`` threads, each with its own connection.

    The same concurrency as the HTTP clients, so both share the two cores the same way;
    psycopg and sqlite3 release the GIL while the database works.
    """
    latencies: list[float] = []
    lock = threading.Lock()
    counter = iter(range(10**9))
    ready = threading.Barrier(concurrency + 1)
    start = [0.0]

    def worker() -> None:
        floor = Floor(vendor, dsn, base_url)
        try:
            for _ in range(warmup):  # also gets the statements prepared
                operation(floor, next(counter))
            ready.wait()
            ready.wait()
            while True:
                with lock:
                    elapsed = time.perf_counter() - start[0]
                    done = len(latencies)
                    if done >= max_operations or (
                        elapsed >= duration and done >= min_operations
                    ):
                        return
                    i = next(counter)
                began = time.perf_counter()
                operation(floor, i)
                latency = time.perf_counter() - began
                with lock:
                    latencies.append(latency)
        finally:
            floor.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    ready.wait()
    start[0] = time.perf_counter()
    ready.wait()
    for thread in threads:
        thread.join()
    return FloorMeasurement(latencies, time.perf_counter() - start[0])
