"""Facet counts for the list of building blocks, computed the disjunctive way.

A dimension's counts apply every filter except that dimension's own, so ticking a second
thema shows how many blocks it would add. For any value, the count equals the number of
results the list returns when that one value is chosen for the dimension.

All dimensions are counted in one statement: the matching blocks are selected once per
distinct set of filters (once in all, when no dimension is filtered) in a CTE, and each
dimension groups over its set. Selecting the matches is the expensive part of a broad
search (a few microseconds per matching block), so doing it once instead of eight times
is what keeps facets of a common word affordable on a large catalogue. Counts that were
slow to compute (the empty query or a common word on a large catalogue) are cached too,
keyed by the state of the catalogue, so they are computed once per change. Each process
remembers which statements were slow; the others ask neither the state nor the cache.
"""

import hashlib
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connections
from django.db.models import Max, QuerySet

from bouwstenen.constants import Levensfase, Soort
from registry.constants import OrganisatieSoort

# Parameters that shape the list but do not select blocks.
NOT_FILTERS = {"sort", "page", "pageSize", "format"}
# Counts that took this long (a large catalogue, a common word) are cached, keyed by the
# state of the catalogue (see _cache_key), from the second time a process finds them
# slow; cheap ones are always counted afresh. What the key cannot see, a renamed thema or
# a deleted block, shows within CACHE_SECONDS.
CACHE_SLOWER_THAN = 0.1
CACHE_SECONDS = 60
# The statements (by digest) this process found slow, the most recently used last: only
# those look in the cache, and the least recently used are forgotten first. A bounded
# memory of the common words and filters, per process: after a restart each worker
# counts a slow statement once more before it looks in the shared cache again.
SLOW_REMEMBERED = 512
_slow: OrderedDict[str, None] = OrderedDict()


@dataclass(frozen=True)
class Dimension:
    name: str  # the filter parameter
    value: str  # the field path of the value
    label: str | None = None  # the field path of a display name, if not a choice label
    choices: dict | None = None
    top: int | None = None
    # How to count it in SQL over a CTE ``m`` of matching blocks (id, soort,
    # levensfase, licentie, organisatie_id): the joins, the value and its name.
    joins: str = ""
    sql_value: str = ""
    sql_label: str = "NULL"


_ORGANISATIE = "JOIN registry_organisatie o ON o.id = m.organisatie_id"
DIMENSIONS = [
    Dimension("soort", "soort", choices=dict(Soort.choices), sql_value="m.soort"),
    Dimension(
        "levensfase",
        "levensfase",
        choices=dict(Levensfase.choices),
        sql_value="m.levensfase",
    ),
    Dimension(
        "thema",
        "themas__slug",
        "themas__naam",
        joins="JOIN bouwstenen_bouwsteen_themas x ON x.bouwsteen_id = m.id "
        "JOIN registry_thema t ON t.id = x.thema_id",
        sql_value="t.slug",
        sql_label="t.naam",
    ),
    Dimension(
        "laag",
        "lagen__slug",
        "lagen__naam",
        joins="JOIN bouwstenen_bouwsteen_lagen x ON x.bouwsteen_id = m.id "
        "JOIN registry_laag t ON t.id = x.laag_id",
        sql_value="t.slug",
        sql_label="t.naam",
    ),
    Dimension(
        "referentiecomponent",
        "referentiecomponenten__gemma_id",
        "referentiecomponenten__naam",
        top=20,
        joins="JOIN bouwstenen_bouwsteen_referentiecomponenten x "
        "ON x.bouwsteen_id = m.id "
        "JOIN registry_referentiecomponent t ON t.id = x.referentiecomponent_id",
        # As text: the values of all dimensions share one column of the UNION.
        sql_value="CAST(t.gemma_id AS TEXT)",
        sql_label="t.naam",
    ),
    Dimension(
        "organisatieSoort",
        "organisatie__soort",
        choices=dict(OrganisatieSoort.choices),
        joins=_ORGANISATIE,
        sql_value="o.soort",
    ),
    Dimension(
        "organisatie",
        "organisatie__code",
        "organisatie__naam",
        top=20,
        joins=_ORGANISATIE,
        sql_value="o.code",
        sql_label="o.naam",
    ),
    Dimension("licentie", "licentie", sql_value="m.licentie"),
]
_MATCH_COLUMNS = ("id", "soort", "levensfase", "licentie", "organisatie_id")


class InvalidFilters(Exception):
    def __init__(self, errors):
        self.errors = errors
        super().__init__(str(errors))


def _key(params) -> tuple:
    """The filters of ``params`` (without what only shapes the list), in a fixed order."""
    return tuple(
        sorted((k, tuple(v)) for k, v in params.lists() if k not in NOT_FILTERS)
    )


def facets(
    base: QuerySet, params, filterset_class, *, filtered=None
) -> dict[str, list[dict]]:
    """Per dimension, the values with their counts, most frequent first.

    ``params`` is a QueryDict of list parameters (``q`` included); ``base`` is what the
    user may see. A fixed number of queries, whatever the size of the catalogue.
    ``filtered``: a valid filter set of the same class over ``base`` that the caller
    already has (the search page's list); the dimensions none of its filters choose
    count its matches, so a search is not parsed, corrected and built twice.
    """
    # Dimensions whose remaining filters are the same share one set of matches.
    groups: dict[tuple, tuple[QuerySet, list[Dimension]]] = {}
    if filtered is not None:
        groups[_key(filtered.data)] = (
            filtered.qs.order_by().values(*_MATCH_COLUMNS),
            [],
        )
    filters = params.copy()
    for name in NOT_FILTERS:
        filters.pop(name, None)
    for dimension in DIMENSIONS:
        others = filters.copy()
        others.pop(dimension.name, None)
        key = _key(others)
        if key not in groups:
            filterset = filterset_class(others, queryset=base)
            if not filterset.is_valid():
                raise InvalidFilters(filterset.errors)
            # Every filter matches through a one-to-one join or ``pk IN (...)``, so the
            # filtered rows are the matches themselves: no second pass over the blocks.
            matching = filterset.qs.order_by().values(*_MATCH_COLUMNS)
            groups[key] = (matching, [])
        groups[key][1].append(dimension)

    sql, sql_params = _statement([group for group in groups.values() if group[1]])
    statement = _digest(base.db, sql, sql_params)
    cache_key = None
    if statement in _slow:
        # Only a statement that was slow before asks for the catalogue's state and the
        # cache: a cheap one is counted afresh without either.
        _remember_slow(statement)
        cache_key = _cache_key(base, statement)
        cached = cache.get(cache_key)
        if cached is not None:
            return cached
    started = time.perf_counter()
    with connections[base.db].cursor() as cursor:
        cursor.execute(sql, sql_params)
        rows = cursor.fetchall()
    result = _shape(rows)
    if time.perf_counter() - started >= CACHE_SLOWER_THAN:
        _remember_slow(statement)
        if cache_key is not None:
            # The key was taken before counting: a block saved meanwhile moved the
            # state on, so these counts can never pass for the newer catalogue. The
            # first slow count only marks the statement; the next one caches.
            cache.set(cache_key, result, CACHE_SECONDS)
    return result


def _statement(groups) -> tuple[str, list]:
    """One SELECT: a CTE of matching blocks per group, a UNION ALL of the dimensions."""
    ctes, parts, params = [], [], []
    for number, (matching, dimensions) in enumerate(groups):
        sql, cte_params = matching.query.sql_with_params()
        ctes.append(f"m{number} AS ({sql})")
        params += cte_params
        parts += [_counted(dimension, f"m{number}") for dimension in dimensions]
    # The database orders, as the ORM did: its collation decides ties between names.
    statement = (
        f"WITH {', '.join(ctes)} {' UNION ALL '.join(parts)} "
        "ORDER BY dimensie, aantal DESC, waarde"
    )
    return statement, params


def _counted(dimension: Dimension, matches: str) -> str:
    """The counts of one dimension over a CTE of matches (SQL from constants only)."""
    label = dimension.sql_label
    group_by = dimension.sql_value + (f", {label}" if label != "NULL" else "")
    # Names, values and joins are this module's constants, never input.
    counted = (
        f"SELECT '{dimension.name}' AS dimensie, {dimension.sql_value} AS waarde, "  # noqa: S608
        f"{label} AS naam, COUNT(*) AS aantal "
        f"FROM {matches} m {dimension.joins} GROUP BY {group_by}"
    )
    if dimension.top:
        # The top by the ORM's order: most frequent first, then by value.
        counted = (
            f"SELECT * FROM ({counted} ORDER BY aantal DESC, {dimension.sql_value} "  # noqa: S608
            f"LIMIT {int(dimension.top)}) top_{dimension.name}"
        )
    return counted


def _shape(rows) -> dict[str, list[dict]]:
    by_name = {dimension.name: dimension for dimension in DIMENSIONS}
    result: dict[str, list[dict]] = {dimension.name: [] for dimension in DIMENSIONS}
    for name, value, label, aantal in rows:
        dimension = by_name[name]
        if dimension.name == "referentiecomponent":
            # SQLite keeps a uuid as 32 hex digits; the API shows the usual form.
            value = uuid.UUID(str(value))
        result[name].append(
            {
                "waarde": str(value),
                "naam": label
                if dimension.label
                else (dimension.choices or {}).get(value, value),
                "aantal": aantal,
            }
        )
    return result


def _digest(db: str, sql: str, params: list) -> str:
    return hashlib.sha256(
        repr((db, sql, [str(p) for p in params])).encode()
    ).hexdigest()


def _remember_slow(statement: str) -> None:
    """Mark ``statement`` slow and most recently used; the least recently used go."""
    _slow[statement] = None
    _slow.move_to_end(statement)
    while len(_slow) > SLOW_REMEMBERED:
        _slow.popitem(last=False)


def _cache_key(base: QuerySet, statement: str) -> str:
    """A key for this statement that changes with every saved or added block.

    Every save of a block moves the latest ``gewijzigd_op`` (auto_now) and every new
    block the highest id; both come from an index, so asking costs next to nothing.
    """
    state = base.model._default_manager.using(base.db).aggregate(
        changed=Max("gewijzigd_op"), last=Max("pk")
    )
    digest = hashlib.sha256(repr((statement, state)).encode()).hexdigest()
    return f"facetten:{digest}"
