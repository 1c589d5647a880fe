"""SQLite plans on statistics it does not gather by itself; each new connection sees to it.

Without ``sqlite_stat1`` SQLite guesses that an equality on an indexed column selects a
handful of rows. For the first page of the published blocks by name it then reads every
published block through the status index and sorts them all, instead of walking the
name index and stopping after twenty (20 ms against 1 ms at 10,000 blocks,
docs/performance.md). PostgreSQL's autovacuum keeps its own statistics up to date.

So when Django opens a SQLite connection, the statistics are checked. ANALYZE runs on a
table that has rows but was never analysed, and on one analysed while small (an install
starts empty) that has more than doubled since; a table analysed at ``SETTLED`` rows or
more is left alone, so ANALYZE reads a large table once at most. (Not with
``analysis_limit``: its estimates were too rough for this very plan.) A migration that
adds an index to an analysed table analyses it itself. A persistent connection
(``DATABASE_CONN_MAX_AGE``) checks once in its lifetime: two reads of the schema and its
statistics, and a count that stops early for each table not yet settled.
"""

# A table that grew past this many times its analysed size is analysed again ...
GROWTH = 2
# ... unless it already had this many rows: by then the statistics tell the planner what
# it needs (an index on a few values selects many rows), and growing changes no plan.
SETTLED = 10_000


def _quoted(table: str) -> str:
    return '"' + table.replace('"', '""') + '"'


def stale_tables(cursor) -> list[str]:
    """The tables with rows whose statistics are missing or out of date."""
    cursor.execute(
        "SELECT DISTINCT tbl_name FROM sqlite_master "
        "WHERE type = 'index' AND tbl_name NOT LIKE 'sqlite_%'"
    )
    tables = sorted(table for (table,) in cursor.fetchall())
    cursor.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
    )
    analysed: dict[str, int] = {}
    if cursor.fetchone():
        cursor.execute("SELECT tbl, stat FROM sqlite_stat1")
        for table, stat in cursor.fetchall():
            rows = int((stat or "0").split()[0])
            analysed[table] = max(analysed.get(table, 0), rows)
    stale = []
    for table in tables:
        rows_then = analysed.get(table)
        if rows_then is not None and rows_then >= SETTLED:
            continue
        # Counted only up to where it matters, so the check stays small on any table.
        enough = 1 if rows_then is None else rows_then * GROWTH + 1
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {_quoted(table)} LIMIT %s)",  # noqa: S608
            [enough],
        )
        rows_now = cursor.fetchone()[0]
        if rows_now and (rows_then is None or rows_now > rows_then * GROWTH):
            stale.append(table)
    return stale


def keep_statistics(sender, connection, **kwargs) -> None:
    """``connection_created``: analyse the tables whose statistics are missing or stale."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        tables = stale_tables(cursor)
        if not tables:
            return
        for table in tables:
            cursor.execute(f"ANALYZE {_quoted(table)}")
