"""What each PostgreSQL connection sets for its session when Django opens it.

``SET`` on the new connection rather than libpq's ``options`` in the connection string:
a connection pooler such as pgbouncer refuses startup options it does not know (or drops
them), and options a ``DATABASE_URL`` carries stay as they are.
"""

from django.conf import settings


def apply_session_settings(sender, connection, **kwargs) -> None:
    """``connection_created``: parallel workers per query (``DATABASE_PARALLEL_WORKERS``).

    On the driver's connection itself: setting a connection up is no work of the
    request that happened to open it (nor counted as such)."""
    if connection.vendor != "postgresql":
        return
    workers = int(settings.DATABASE_PARALLEL_WORKERS)
    with connection.connection.cursor() as cursor:
        cursor.execute(f"SET max_parallel_workers_per_gather = {workers}")
