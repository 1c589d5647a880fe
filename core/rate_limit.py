"""A limit on how often one account may do something: ``Limit("x", "10/hour").hit(key)``.

For writes that anyone signed in can make (a question, an answer, a report), so a
compromised or careless account cannot flood a page. Counted in the project's cache as a
sliding window of moments, the way DRF's throttles count requests; the pages may not use
DRF, so this is its own small class that the API and the pages share through the
services. Like DRF's throttles it reads and writes the cache without a lock: two
simultaneous posts may count one less; the limit is a brake, not an exact count.
"""

import time

from django.core.cache import cache

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """``"10/hour"`` as (10, 3600); the period by its first letter, as DRF reads it."""
    number, period = rate.split("/")
    return int(number), PERIODS[period.strip()[0]]


class Limit:
    def __init__(self, scope: str, rate: str):
        self.scope = scope
        self.number, self.duration = parse_rate(rate)

    def _key(self, ident) -> str:
        return f"registry-limit:{self.scope}:{ident}"

    def hit(self, ident) -> float | None:
        """Count one more for ``ident``: None if allowed, else seconds until it is."""
        now = time.time()
        key = self._key(ident)
        history = [m for m in cache.get(key, []) if m > now - self.duration]
        if len(history) >= self.number:
            # Allowed again when the oldest moment that still counts leaves the window.
            return max(history[self.number - 1] + self.duration - now, 1.0)
        history.insert(0, now)
        cache.set(key, history[: self.number], self.duration)
        return None
