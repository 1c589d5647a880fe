"""Prefetch caches filled by hand, for rows a caller already holds or knows are none.

A related manager answers from ``instance._prefetched_objects_cache`` when its name is
there, and ``prefetch_related_objects`` skips such a name: a queryset whose rows are set
here is read by both as if Django had prefetched it.
"""

from django.db.models import Model, QuerySet


def answering(model: type[Model], rows: list) -> QuerySet:
    """A queryset of ``model`` that answers ``rows`` without asking the database; any
    further filtering of it answers nothing (it is ``none()`` underneath)."""
    queryset = model._default_manager.none()
    queryset._result_cache = rows
    queryset._prefetch_done = True
    return queryset
