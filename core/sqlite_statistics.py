"""SQLite plans on statistics it does not gather by itself; each new connection sees to it.

Without ``sqlite_stat1`` SQLite guesses that an equality on an indexed column selects a
handful of rows, however many it selects. A query that filters on a column with a few
values and orders by another index then reads every matching row and sorts them all,
instead of walking the other index and stopping at the LIMIT (the first page of a list:
20 ms against 0.3 ms at 10,000 rows, docs/performance.md). PostgreSQL's autovacuum keeps
its own statistics up to date.

So when Django opens a SQLite connection, the statistics are checked. ANALYZE runs on a
table that has rows but was never analysed, and on one analysed while small (an install
starts empty) that has more than doubled since; a table analysed at ``SETTLED`` rows or
more is left alone, so ANALYZE reads a large table once at most. (Not with
``analysis_limit``: its estimates were too rough for exactly such a plan.) An index added
to a table analysed before has no statistics until the table is analysed again; the
migration that adds it should do so (an empty partial index never gets a row, so a
missing row cannot tell "new" from "empty").

A persistent connection (``DATABASE_CONN_MAX_AGE``) checks once in its lifetime, in three
statements: whether there are statistics, the tables with their analysed size, and one
count per table not yet settled that stops early. Statistics only make plans faster: a
database that cannot be written now (read-only, or another writer holding the lock) is
left as it is, and the next connection tries again.
"""

import logging
import sqlite3

logger = logging.getLogger(__name__)

# How long ANALYZE may wait for another writer before it leaves the work to a later
# connection.
BUSY_TIMEOUT_MS = 50
# A table that grew past this many times its analysed size is analysed again ...
GROWTH = 2
# ... unless it already had this many rows: by then the statistics tell the planner what
# it needs (an index on a few values selects many rows), and growing changes no plan.
SETTLED = 10_000


def _quoted(table: str) -> str:
    return '"' + table.replace('"', '""') + '"'


def stale_tables(db) -> list[str]:
    """The tables with rows whose statistics are missing or out of date; ``db`` is the
    sqlite3 connection itself. Two or three statements, whatever the number of tables."""
    has_statistics = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
    ).fetchone()
    # The rows a table had when analysed: the first number of its indexes' statistics.
    analysed = (
        "(SELECT max(CAST(s.stat AS INTEGER)) FROM sqlite_stat1 s WHERE s.tbl = m.tbl_name)"
        if has_statistics
        else "NULL"
    )
    tables = db.execute(
        f"SELECT m.tbl_name, {analysed} FROM sqlite_master m "  # noqa: S608 - constants
        "WHERE m.type = 'index' AND m.tbl_name NOT LIKE 'sqlite_%' "
        "GROUP BY m.tbl_name ORDER BY m.tbl_name"
    ).fetchall()
    unsettled = [(table, then) for table, then in tables if (then or 0) < SETTLED]
    if not unsettled:
        return []
    # Each counted only up to where it matters, so this stays small on any table.
    counts = " UNION ALL ".join(
        f"SELECT ?, (SELECT count(*) FROM (SELECT 1 FROM {_quoted(table)} LIMIT ?))"  # noqa: S608
        for table, _then in unsettled
    )
    params = []
    for table, then in unsettled:
        params += [table, 1 if then is None else then * GROWTH + 1]
    now = dict(db.execute(counts, params).fetchall())
    return [
        table
        for table, then in unsettled
        if now[table] and (then is None or now[table] > then * GROWTH)
    ]


def keep_statistics(sender, connection, **kwargs) -> None:
    """``connection_created``: analyse the tables whose statistics are missing or stale.

    On the sqlite3 connection itself: this is setting the connection up, as its PRAGMAs
    are, not work of the request that happened to open it (nor counted as such)."""
    if connection.vendor != "sqlite":
        return
    db = connection.connection
    try:
        stale = stale_tables(db)
        if not stale:
            return
        (waited,) = db.execute("PRAGMA busy_timeout").fetchone()
        # Never keep the request that opened the connection waiting for another writer.
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
        try:
            for table in stale:
                db.execute(f"ANALYZE {_quoted(table)}")
        finally:
            db.execute(f"PRAGMA busy_timeout = {int(waited)}")
    except sqlite3.OperationalError as exc:
        logger.info("SQLite-statistieken niet bijgewerkt: %s", exc)
