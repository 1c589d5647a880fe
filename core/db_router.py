"""Send reads to read replicas and writes to the primary, without stale reads for writers.

A request that writes (any method other than GET, HEAD or OPTIONS) uses the primary for all
of its queries, and so does any query after the first write in a request or inside a
transaction: someone who just saved a record always reads it back.
"""

import random
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

_use_primary: ContextVar[bool] = ContextVar("registry_use_primary", default=False)
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def replicas() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


def stick_to_primary() -> None:
    _use_primary.set(True)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        available = replicas()
        if (
            not available
            or _use_primary.get()
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return DEFAULT_DB_ALIAS
        return random.choice(available)  # noqa: S311 - load spreading, not security

    def db_for_write(self, model, **hints):
        stick_to_primary()
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Replicas hold the same data as the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


class PrimaryForWritesMiddleware:
    """Start each request on the replicas; a writing request stays on the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _use_primary.set(request.method not in SAFE_METHODS)
        try:
            return self.get_response(request)
        finally:
            _use_primary.reset(token)
