"""The health of each read replica, per process: does it answer, and how far behind is it.

core.db_router sends no reads to a replica this finds unhealthy; /health reports it.
"""

import logging
import threading
import time
from collections import deque
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

logger = logging.getLogger("core.db_router")

# How often (seconds) a process checks each replica's health at most.
RECHECK_SECONDS = 5.0


def replicas() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


def max_lag() -> float:
    return float(getattr(settings, "DATABASE_REPLICA_MAX_LAG", 30))


def parse_lsn(text: str | None) -> int | None:
    """PostgreSQL's ``16/B374D848`` as a number, so positions compare."""
    if not text:
        return None
    high, _, low = text.partition("/")
    return (int(high, 16) << 32) | int(low, 16)


def format_lsn(value: int) -> str:
    return f"{value >> 32:X}/{value & 0xFFFFFFFF:X}"


@dataclass
class ReplicaState:
    alias: str
    healthy: bool = False
    lag: float | None = None  # seconds; None when unknown
    reason: str = "nog niet gecontroleerd"
    replayed: int = 0  # the highest replay position seen
    checked_at: float = float("-inf")  # time.monotonic()
    # (time.monotonic(), the primary's position then): bounds the lag of an idle primary.
    primary_positions: deque = field(default_factory=lambda: deque(maxlen=12))

    def as_dict(self) -> dict:
        return {
            "status": "ok" if self.healthy else "overgeslagen",
            "lag_seconds": None if self.lag is None else round(self.lag, 1),
            "reason": self.reason,
        }


class ReplicaHealth:
    """Which replicas may serve reads; checked lazily, at most every RECHECK_SECONDS."""

    def __init__(self):
        self._states: dict[str, ReplicaState] = {}
        self._lock = threading.Lock()
        self._probing: set[str] = set()

    def state(self, alias: str) -> ReplicaState:
        with self._lock:
            return self._states.setdefault(alias, ReplicaState(alias))

    def usable(self) -> list[str]:
        """The replicas that may serve reads now (checking the stale ones first)."""
        now = time.monotonic()
        usable = []
        for alias in replicas():
            state = self.state(alias)
            if now - state.checked_at >= RECHECK_SECONDS and self._claim(alias):
                try:
                    self._probe(state)
                finally:
                    self._release(alias)
            if state.healthy:
                usable.append(alias)
        return usable

    def check(self, alias: str) -> ReplicaState:
        """Check now (for /health) and remember the result."""
        state = self.state(alias)
        self._probe(state)
        return state

    def mark_down(self, alias: str, reason: str) -> None:
        state = self.state(alias)
        state.healthy = False
        state.reason = reason
        state.checked_at = time.monotonic()
        logger.warning("Leesreplica %s overgeslagen: %s", alias, reason)

    def saw_replayed(self, alias: str, position: int) -> None:
        state = self.state(alias)
        state.replayed = max(state.replayed, position)

    def forget(self) -> None:
        with self._lock:
            self._states.clear()

    def _claim(self, alias: str) -> bool:
        # One thread checks; the others go on with what was known.
        with self._lock:
            if alias in self._probing:
                return False
            self._probing.add(alias)
            return True

    def _release(self, alias: str) -> None:
        with self._lock:
            self._probing.discard(alias)

    def _probe(self, state: ReplicaState) -> None:
        was_healthy = state.healthy
        try:
            primary = primary_position()
        except DatabaseError:
            primary = None  # the request fails on the primary anyway; judge the replica
        try:
            with connections[state.alias].cursor() as cursor:
                cursor.execute(
                    "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text,"
                    " EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())"
                )
                in_recovery, replayed_text, since_last_replay = cursor.fetchone()
        except DatabaseError as exc:
            state.healthy, state.lag = False, None
            state.reason = f"onbereikbaar: {type(exc).__name__}"
        else:
            self._judge(state, primary, in_recovery, replayed_text, since_last_replay)
        state.checked_at = time.monotonic()
        if primary is not None:
            state.primary_positions.append((state.checked_at, primary))
        if was_healthy != state.healthy:
            log = logger.info if state.healthy else logger.warning
            log("Leesreplica %s: %s", state.alias, state.reason)

    def _judge(self, state, primary, in_recovery, replayed_text, since_last_replay):
        replayed = parse_lsn(replayed_text)
        if not in_recovery or replayed is None:
            state.healthy, state.lag = False, None
            state.reason = "geen replica: de database is niet in herstel"
            return
        state.replayed = max(state.replayed, replayed)
        state.lag = self._lag(state, primary, replayed, since_last_replay)
        if state.lag is None:
            state.healthy, state.reason = False, "achterstand onbekend"
        elif state.lag > max_lag():
            state.healthy = False
            state.reason = f"{state.lag:.0f} s achter (meer dan {max_lag():.0f} s)"
        else:
            state.healthy, state.reason = True, "ok"

    @staticmethod
    def _lag(state, primary, replayed, since_last_replay) -> float | None:
        if primary is not None and replayed >= primary:
            return 0.0
        # The time since the last replayed commit overstates the lag after the primary
        # was idle; an earlier check that saw the primary at a position the replica has
        # now replayed bounds it.
        bound = None
        now = time.monotonic()
        for seen_at, position in state.primary_positions:
            if position <= replayed:
                bound = now - seen_at
        lags = [
            value
            for value in (
                None
                if since_last_replay is None
                else max(0.0, float(since_last_replay)),
                bound,
            )
            if value is not None
        ]
        return min(lags) if lags else None


health = ReplicaHealth()


def primary_position() -> int | None:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        return parse_lsn(cursor.fetchone()[0])


def replay_position(alias: str) -> int | None:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT pg_last_wal_replay_lsn()::text")
        return parse_lsn(cursor.fetchone()[0])
