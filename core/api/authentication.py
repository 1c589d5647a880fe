"""Token authentication that refuses what it does not understand, and slows down guessing.

- ``Authorization: Token <sleutel>`` authenticates as the token's user, as DRF's
  TokenAuthentication does.
- Any other Authorization header (``Bearer ...``, ``Basic ...``, garbage) is a 401 with
  ``WWW-Authenticate: Token``. DRF would read it as anonymous: a client with a wrongly
  configured header would then quietly see only public data, or get a 401 on its first
  write without learning that its header was never read.
- Every failed authentication counts against the client's address, in the project's
  cache and with DRF's notion of that address (``NUM_PROXIES``), as DRF's throttles
  count requests. Once an address reaches API_THROTTLE_AUTH_FAILURES within the period,
  each request from it that carries an Authorization header is a 429 with Retry-After
  until the oldest of those failures leaves the period, the right token included:
  guessing tokens gets no further answers. Requests without the header stay anonymous
  and only meet the ordinary limits. While blocked, nothing is looked up in the database.
"""

from rest_framework import authentication
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from core.api.exceptions import AuthenticationThrottled

HOW = "stuur Authorization: Token <sleutel>"


class FailedAuthenticationThrottle(SimpleRateThrottle):
    """The moments of recent failed authentications of one client address.

    Like DRF's throttles it reads and writes the cache without a lock, so two workers
    failing at the same moment may count one failure less; the limit is a brake on
    guessing, not an exact count.
    """

    scope = "authentication_failures"

    def get_rate(self) -> str:
        # Read when used: DRF's throttles read the rates once, when DRF is imported.
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def get_cache_key(self, request, view=None) -> str:
        return self.cache_format % {
            "scope": self.scope,
            "ident": self.get_ident(request),
        }

    def _recent(self, request) -> list[float]:
        self.key = self.get_cache_key(request)
        self.now = self.timer()
        # Newest first, as in DRF's throttles.
        self.history = [
            moment
            for moment in self.cache.get(self.key, [])
            if moment > self.now - self.duration
        ]
        return self.history

    def blocked_for(self, request) -> float | None:
        """Seconds until the address may try again, or None if it may now."""
        history = self._recent(request)
        if len(history) < self.num_requests:
            return None
        # It may try again when so many failures have left the period that fewer than
        # the limit remain: when the limit-th newest one does.
        return history[self.num_requests - 1] + self.duration - self.now

    def record_failure(self, request) -> None:
        history = self._recent(request)
        history.insert(0, self.now)
        # More than the limit is never needed to decide, so never kept.
        self.cache.set(self.key, history[: self.num_requests], self.duration)


class TokenAuthentication(authentication.TokenAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request)
        if not header.strip():
            return None
        throttle = FailedAuthenticationThrottle()
        wait = throttle.blocked_for(request)
        if wait is not None:
            # Retry-After is in whole seconds; never 0, which would invite a retry now.
            raise AuthenticationThrottled(wait=max(wait, 1))
        try:
            return self._authenticate(header)
        except AuthenticationFailed:
            throttle.record_failure(request)
            raise

    def _authenticate(self, header: bytes):
        parts = header.split()
        if parts[0].lower() != self.keyword.lower().encode():
            raise AuthenticationFailed(
                "Deze API kent alleen tokens in de Authorization-header; " + HOW + "."
            )
        if len(parts) == 1:
            raise AuthenticationFailed("Na Token ontbreekt de sleutel; " + HOW + ".")
        if len(parts) > 2:
            raise AuthenticationFailed(
                "Een token bevat geen spaties; " + HOW + " met één sleutel."
            )
        try:
            key = parts[1].decode()
        except UnicodeError:
            raise AuthenticationFailed(
                "Een token bestaat alleen uit letters en cijfers."
            ) from None
        return self.authenticate_credentials(key)
