"""Counting what people search for and do not find (issue 18).

One row per day and query, its count raised in the database (two searches at once both
count); nothing about who searched. Rows older than twelve months go when a day's first
row is written, so the table holds a year at most.
"""

from datetime import timedelta

from django.db import IntegrityError, connections, router, transaction
from django.db.models import F
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
    with writing():
        _without_waiting_for_disk()
        rows = GemisteZoekvraag.objects.filter(dag=today, zoekvraag=counted)
        if rows.update(aantal=F("aantal") + 1):
            return counted
        try:
            with transaction.atomic():
                GemisteZoekvraag.objects.create(dag=today, zoekvraag=counted, aantal=1)
        except IntegrityError:
            # Another search created it in between: count on that row.
            rows.update(aantal=F("aantal") + 1)
            return counted
        GemisteZoekvraag.objects.filter(
            dag__lt=today - timedelta(days=KEPT_DAYS)
        ).delete()
    return counted


def _without_waiting_for_disk():
    """On PostgreSQL, commit this count without waiting for the WAL to reach the disk.

    Every search without results counts, so under load the same row is raised by many
    requests at once, each holding its lock until its commit is flushed. A crash may lose
    the last fraction of a second of counts, which a statistic can spare; the database
    stays consistent (the setting only holds for this transaction).
    """
    connection = connections[router.db_for_write(GemisteZoekvraag)]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")
