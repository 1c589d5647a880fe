"""Counting what people search for and do not find (issue 18).

One row per day and query, its count raised in the database (two searches at once both
count); nothing about who searched. Rows older than twelve months go when a day's first
row is written, so the table holds a year at most.
"""

from datetime import timedelta

from django.db import connections, router
from django.utils import timezone

from bouwstenen.models import GemisteZoekvraag
from core.door import writing
from core.search import text

KEPT_DAYS = 365
MAX_LENGTH = 200


def zoekvraag_zonder_resultaat(*, q: str) -> str:
    """Count one search that found nothing; returns the query as counted ("" for a
    query without words, which is not counted)."""
    counted = " ".join(text.words(q))[:MAX_LENGTH].strip()
    if not counted:
        return ""
    today = timezone.localdate()
    # No transaction around it: the count is one statement, its own implicit transaction
    # that the database applies atomically (an upsert), so a search without hits costs
    # one round trip.
    with writing(atomic=False):
        if _count(today, counted) == 1:
            # The day's first row for this query: the oldest rows go.
            GemisteZoekvraag.objects.filter(
                dag__lt=today - timedelta(days=KEPT_DAYS)
            ).delete()
    return counted


def _count(today, counted: str) -> int:
    """Raise the day's count of ``counted`` by one, inserting its row if it is the
    first; returns the new count. One ``INSERT ... ON CONFLICT DO UPDATE`` on both
    databases: two searches at once both count, neither fails on the unique row.

    On PostgreSQL, in autocommit (outside a caller's transaction), it also commits without
    waiting for the WAL to reach the disk (``synchronous_commit`` off for its own
    implicit transaction only, set in the statement itself). Every search without
    results counts, so under load the same row is raised by many requests at once, each
    holding its lock until its commit is flushed. A crash may lose the last fraction of
    a second of counts, which a statistic can spare; the database stays consistent.
    Inside a caller's transaction the setting would hold for the caller's writes too,
    so there the count commits as they do.
    """
    model = GemisteZoekvraag
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    dag, zoekvraag, aantal = (
        quote(model._meta.get_field(name).column)
        for name in ("dag", "zoekvraag", "aantal")
    )
    insert = f"INSERT INTO {table} ({dag}, {zoekvraag}, {aantal})"  # noqa: S608
    if connection.vendor == "postgresql" and connection.get_autocommit():
        # The statement is its own transaction: the setting ends with it. set_config is
        # volatile, so the CTE is not folded away, and the insert reads its one row.
        lazy = "WITH lazy AS (SELECT set_config('synchronous_commit', 'off', true))"
        source = f"{lazy} {insert} SELECT %s, %s, 1 FROM lazy"  # noqa: S608
    else:
        source = f"{insert} VALUES (%s, %s, 1)"
    # Fixed SQL: the names are the model's own, the day and the query are bound.
    statement = (
        f"{source} ON CONFLICT ({dag}, {zoekvraag}) "
        f"DO UPDATE SET {aantal} = {table}.{aantal} + 1 RETURNING {aantal}"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [today, counted])
        (new,) = cursor.fetchone()
    return new
