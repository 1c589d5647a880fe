"""What the drill records: every request, every logical write, the restart; and the
retry rule of the careful client it plays."""

from dataclasses import dataclass, field

# A careful client: after no answer, a 5xx or a 429 it sends the same write again, with
# the same Idempotency-Key, after a growing pause (0.2 s, 0.4 s, ... at most 3 s; about
# 12 s in all, well beyond a restart of a few seconds).
MAX_ATTEMPTS = 8
FIRST_PAUSE = 0.2
LONGEST_PAUSE = 3.0


@dataclass
class Event:
    """One HTTP request (for a write: one attempt)."""

    kind: str  # list, search, detail, create, submit
    started: float  # seconds since the start of the drill
    ended: float
    status: int  # 0: no HTTP answer at all
    key: str = ""  # the name written, or the uuid submitted
    attempt: int = 1  # which attempt of its logical write
    replayed: bool = False  # answered with Idempotent-Replayed: true
    cut: bool = False  # the client hung up after sending (the second fault)


@dataclass
class Write:
    """One logical write: one Idempotency-Key, sent until a definitive answer came."""

    kind: str  # create, submit
    key: str  # the Idempotency-Key
    target: str  # create: the name of the new block; submit: the uuid submitted
    attempts: list[Event] = field(default_factory=list)
    uuid: str = ""  # the block a 2xx answer names
    answer: str = ""  # a definitive 4xx: its problem code and detail

    @property
    def final(self) -> Event:
        return self.attempts[-1]

    @property
    def succeeded(self) -> bool:
        return 200 <= self.final.status < 300

    @property
    def undecided(self) -> bool:
        """Every attempt was used and none got a definitive answer."""
        return retryable(self.final.status)


@dataclass
class Restart:
    started: float = 0.0
    ended: float = 0.0
    output: str = ""


@dataclass
class Drill:
    events: list[Event] = field(default_factory=list)
    writes: list[Write] = field(default_factory=list)
    restart: Restart = field(default_factory=Restart)
    duration: float = 0.0
    # The second fault: in this window the first attempt of every write loses its answer.
    cut_from: float = 0.0
    cut_until: float = 0.0
    run: str = ""  # the names and slugs written carry it


def retryable(status: int) -> bool:
    """No answer, a server error or too many requests: not definitive, try again."""
    return status == 0 or status >= 500 or status == 429
