"""One search backend per database, chosen once from the database's settings.

After Wagtail's ``wagtail/search/backends/database/``: each backend owns both the
indexing and the querying for its database, so nothing else asks which database it runs
on. The class is looked up by the connection's vendor the first time an alias is asked
for, and the backend is kept for the life of the process.
"""

from functools import cache

from django.db import connections
from django.utils.module_loading import import_string

from core.search.backends.base import Field, Found, SearchBackend, SearchIndex

__all__ = ["Field", "Found", "SearchBackend", "SearchIndex", "get_backend"]

# Imported on first use: the PostgreSQL backend needs django.contrib.postgres, which an
# SQLite deployment never loads.
BACKENDS = {
    "postgresql": "core.search.backends.postgresql.PostgresSearchBackend",
    "sqlite": "core.search.backends.sqlite.SQLiteSearchBackend",
}


def get_backend(alias: str = "default") -> SearchBackend:
    return _backend(alias)


@cache  # keyed on the alias alone, however the caller passed it
def _backend(alias: str) -> SearchBackend:
    vendor = connections[alias].vendor
    try:
        path = BACKENDS[vendor]
    except KeyError:
        raise NotImplementedError(
            f"Zoeken werkt op PostgreSQL en SQLite, niet op {vendor}."
        ) from None
    return import_string(path)(alias)
