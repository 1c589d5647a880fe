"""Reads on read replicas, writes on the primary, and nobody misses their own write.

Where a read goes:

- **Outside a request** (management commands, migrations, scripts): the primary, unless
  the code asks for the replicas with ``reading_from_replicas()``.
- **Accounts, sessions, tokens and memberships** (``PRIMARY_ONLY``): the primary always, so
  a login, a new member and a fresh token work at once. Their writes do not count as
  writes below: a session saved on a page view does not take its reader off the replicas.
  Neither do writes to a model that says its writer never reads them back
  (``written_unseen = True``: a statistic such as the count of a search without hits).
- **A request that writes** (any method other than GET, HEAD or OPTIONS) reads from the
  primary throughout, and so does any read after a write or inside a transaction.
- **A reader who wrote recently**: after a request that wrote, the primary's WAL position
  (``pg_current_wal_lsn()``) goes to the client: a signed cookie for a browser, an entry in
  the shared cache for the user (API tokens). The next requests of that client read from a
  replica only once its ``pg_last_wal_replay_lsn()`` has passed that position (checked at
  most once per request per replica), otherwise from the primary. The position is kept for
  ``DATABASE_REPLICA_MAX_LAG`` seconds plus one health check: a replica further behind
  gets no reads anyway.
- **Everyone else** (anonymous readers): one of the healthy replicas, the same one for the
  whole request.

A replica that does not answer, is not a replica, or lags more than
``DATABASE_REPLICA_MAX_LAG`` seconds gets no reads until a later check (at most every
``RECHECK_SECONDS``, per process) finds it well again. A safe request that still fails
because a replica went away under it is answered again from the primary.
"""

import logging
import random
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.core import checks, signing
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from core.replica_health import (
    RECHECK_SECONDS,
    format_lsn,
    health,
    max_lag,
    parse_lsn,
    primary_position,
    replay_position,
    replicas,
)

logger = logging.getLogger(__name__)

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
# Read from the primary always: who someone is and what they may do must be current.
# (Labels, not imports: core knows no domain app.) django_cache is the database cache.
PRIMARY_ONLY_APPS = {"auth", "sessions", "authtoken", "axes", "django_cache"}
PRIMARY_ONLY_MODELS = {"registry.lidmaatschap"}
COOKIE = "registry_wal"
_SALT = "core.db_router"


def primary_only(model) -> bool:
    return (
        model._meta.app_label in PRIMARY_ONLY_APPS
        or model._meta.label_lower in PRIMARY_ONLY_MODELS
    )


def position_lifetime() -> int:
    """How long a client's position matters: after that every healthy replica has it."""
    return int(max_lag() + RECHECK_SECONDS) + 1


# --- what one request (or block of code) may read from -------------------------------


@dataclass
class Reading:
    request: object = None
    replicas_allowed: bool = False
    primary: bool = False  # everything from the primary (a writing request)
    wrote: bool = False  # wrote something that is read from the replicas
    cookie_position: int | None = None
    user_positions: dict = field(default_factory=dict)
    caught_up: dict = field(default_factory=dict)  # replica -> has the position
    chosen: str | None = None  # one replica for the whole request...
    chosen_for: int | None = None  # ...as long as the position is the same
    used: set = field(default_factory=set)

    def position(self) -> int | None:
        """The WAL position this client must see: its cookie's or its user's."""
        user = getattr(self.request, "user", None)
        pk = user.pk if user is not None and user.is_authenticated else None
        if pk not in self.user_positions:
            self.user_positions[pk] = (
                parse_lsn(cache.get(_cache_key(pk))) if pk is not None else None
            )
        known = [p for p in (self.cookie_position, self.user_positions[pk]) if p]
        return max(known) if known else None

    def has_replayed(self, alias: str, position: int) -> bool:
        if alias not in self.caught_up:
            if health.state(alias).replayed >= position:
                self.caught_up[alias] = True
            else:
                try:
                    replayed = replay_position(alias)
                except DatabaseError as exc:
                    health.mark_down(alias, f"onbereikbaar: {type(exc).__name__}")
                    replayed = None
                if replayed is not None:
                    health.saw_replayed(alias, replayed)
                self.caught_up[alias] = replayed is not None and replayed >= position
        return self.caught_up[alias]


_reading: ContextVar[Reading | None] = ContextVar("registry_reading", default=None)


def _cache_key(user_pk) -> str:
    return f"core.db_router:positie:{user_pk}"


@contextmanager
def reading_from_replicas():
    """Let code outside a request (a report, an export) read from the replicas."""
    token = _reading.set(Reading(replicas_allowed=True))
    try:
        yield
    finally:
        _reading.reset(token)


def _connects(alias: str) -> bool:
    """Whether the replica answers now (once per request; Django's own health check)."""
    connection = connections[alias]
    try:
        connection.close_if_health_check_failed()
        connection.ensure_connection()
    except DatabaseError as exc:
        health.mark_down(alias, f"onbereikbaar: {type(exc).__name__}")
        return False
    return True


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        reading = _reading.get()
        if (
            reading is None
            or not reading.replicas_allowed
            or reading.primary
            or primary_only(model)
            or not replicas()
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return DEFAULT_DB_ALIAS
        # The position is known once the user is (a token is read in the view).
        position = reading.position()
        if reading.chosen is not None and reading.chosen_for == position:
            return reading.chosen
        candidates = health.usable()
        if position is not None:
            candidates = [a for a in candidates if reading.has_replayed(a, position)]
        random.shuffle(candidates)
        for alias in candidates:
            if alias in reading.used or _connects(alias):
                reading.chosen, reading.chosen_for = alias, position
                reading.used.add(alias)
                return alias
        reading.primary = True
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        reading = _reading.get()
        if (
            reading is not None
            and not primary_only(model)
            and not getattr(model, "written_unseen", False)
        ):
            reading.primary = True
            reading.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Replicas hold the same data as the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


class PrimaryForWritesMiddleware:
    """Decide per request where reads go, and hand a writer its position afterwards."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replicas():
            return self.get_response(request)
        reading = Reading(
            request=request,
            replicas_allowed=True,
            primary=request.method not in SAFE_METHODS,
            cookie_position=_cookie_position(request),
        )
        token = _reading.set(reading)
        try:
            response = self.get_response(request)
            failed = [a for a in reading.used if _had_errors(a)]
            if (
                failed
                and response.status_code >= 500
                and request.method in SAFE_METHODS
                and not reading.wrote
            ):
                # A replica went away under a safe request: answer it from the primary.
                for alias in failed:
                    health.mark_down(alias, "fout tijdens een verzoek")
                logger.warning(
                    "%s %s opnieuw van de primaire", request.method, request.path
                )
                reading = Reading(request=request, replicas_allowed=True, primary=True)
                _reading.set(reading)
                response = self.get_response(request)
            if reading.wrote:
                _hand_out_position(request, response)
            return response
        finally:
            _reading.reset(token)


def _had_errors(alias: str) -> bool:
    # Set by Django on a connection error (not on an IntegrityError or a DataError).
    return connections[alias].errors_occurred


def _cookie_position(request) -> int | None:
    try:
        value = request.get_signed_cookie(
            COOKIE, default=None, salt=_SALT, max_age=position_lifetime()
        )
        return parse_lsn(value)
    except (ValueError, signing.BadSignature):
        return None


def _hand_out_position(request, response) -> None:
    """After the commit: the primary's position, for the cookie and the user's entry."""
    try:
        position = primary_position()
    except DatabaseError:
        return
    if position is None:
        return
    lifetime = position_lifetime()
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.pk is not None:
        key = _cache_key(user.pk)
        known = parse_lsn(cache.get(key)) or 0
        cache.set(key, format_lsn(max(known, position)), timeout=lifetime)
    if getattr(request, "auth", None) is None:
        # A browser (or any client without a token) carries its position itself.
        response.set_signed_cookie(
            COOKIE,
            format_lsn(position),
            salt=_SALT,
            max_age=lifetime,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )


def check_shared_cache(app_configs=None, **kwargs):
    """With replicas, an API client's position must reach every worker: a shared cache."""
    backend = settings.CACHES["default"]["BACKEND"]
    if replicas() and backend.endswith(("LocMemCache", "DummyCache")):
        return [
            checks.Warning(
                "Leesreplica's met een cache per proces: een API-client die schreef, "
                "kan bij een andere worker zijn eigen wijziging missen.",
                hint="Zet CACHE_URL op redis://... of database (docs/beheer.md).",
                id="core.W001",
            )
        ]
    return []
