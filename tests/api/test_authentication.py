"""Authentication: only ``Token`` is understood, and guessing tokens is slowed down.

A header with another scheme is a 401, never anonymous access; failed authentications
count per client address, and after API_THROTTLE_AUTH_FAILURES every request from that
address that carries an Authorization header is a 429 until the period has passed.
"""

import pytest

from django.conf import settings
from django.test import override_settings

from core.api.authentication import FailedAuthenticationThrottle
from tests.api.helpers import assert_problem

pytestmark = pytest.mark.django_db

LIST = "/api/v1/bouwstenen"
# The limit as configured (API_THROTTLE_AUTH_FAILURES), not one set for the tests.
LIMIT, PERIOD = FailedAuthenticationThrottle().parse_rate(
    settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["authentication_failures"]
)


class Clock:
    def __init__(self, now: float = 1_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(FailedAuthenticationThrottle, "timer", clock)
    return clock


def with_header(client, header: str, address: str = "203.0.113.7"):
    client.credentials(HTTP_AUTHORIZATION=header, REMOTE_ADDR=address)
    return client


def test_the_limit_is_a_few_dozen_a_minute():
    assert PERIOD == 60
    assert 20 <= LIMIT <= 60


@pytest.mark.parametrize(
    "header",
    [
        "Bearer abc",
        "Basic cmVkYWN0ZXVyOndhY2h0d29vcmQ=",
        "Digest username=redacteur",
        "ApiKey 1234",
        "!!!",
        "Tokenabc",
        "abc",
    ],
)
def test_an_unknown_scheme_is_a_401_not_anonymous_access(anonymous, cast, header):
    with_header(anonymous, header)
    for response in (anonymous.get(LIST), anonymous.post(LIST, {}, format="json")):
        body = assert_problem(response, 401, "authentication_failed")
        assert response["WWW-Authenticate"] == "Token"
        assert "Authorization: Token <sleutel>" in body["detail"]


@pytest.mark.parametrize(
    "header", ["Token", "token", "Token a b", "Token \u00e9\u00e9n"]
)
def test_a_malformed_token_header_says_what_is_wrong(anonymous, cast, header):
    body = assert_problem(with_header(anonymous, header).get(LIST), 401)
    assert "Token" in body["detail"] or "letters en cijfers" in body["detail"]


def test_without_the_header_or_with_an_empty_one_a_reader_is_anonymous(anonymous, cast):
    assert anonymous.get(LIST).status_code == 200
    assert with_header(anonymous, "").get(LIST).status_code == 200
    assert with_header(anonymous, "   ").get(LIST).status_code == 200


def test_the_right_token_still_works(client_for, cast):
    assert client_for("redacteur").get(LIST).status_code == 200


def test_after_too_many_wrong_tokens_even_the_right_one_gets_429(
    anonymous, cast, clock, django_assert_num_queries
):
    guesser = with_header(anonymous, "Token geraden")
    for _ in range(LIMIT):
        assert_problem(guesser.get(LIST), 401)
        clock.now += 0.5

    right = with_header(anonymous, f"Token {cast.keys['redacteur']}")
    with django_assert_num_queries(0):  # blocked before any token is looked up
        response = right.get(LIST)
    body = assert_problem(response, 429, "authentication_throttled")
    retry_after = int(response["Retry-After"])
    # The first failure leaves the minute 60 s after it was made, 0.5 s apart each.
    assert retry_after == PERIOD - LIMIT // 2
    assert f"over {retry_after} seconden" in body["detail"]
    assert "mislukte aanmeldingen" in body["detail"]
    assert_problem(right.post(LIST, {}, format="json"), 429)

    # Reading without a header is not authentication: it stays possible.
    anonymous.credentials(REMOTE_ADDR="203.0.113.7")
    assert anonymous.get(LIST).status_code == 200

    # Once the oldest failure has left the period, the right token works again.
    clock.now += retry_after
    assert (
        with_header(anonymous, f"Token {cast.keys['redacteur']}").get(LIST).status_code
        == 200
    )


def test_blocked_requests_do_not_extend_the_block(anonymous, cast, clock):
    guesser = with_header(anonymous, "Token geraden")
    for _ in range(LIMIT):
        guesser.get(LIST)
    for _ in range(10):
        clock.now += 5
        assert_problem(guesser.get(LIST), 429)
    clock.now += PERIOD - 50
    assert_problem(guesser.get(LIST), 401)


def test_unknown_schemes_count_as_failures_too(anonymous, cast, clock):
    guesser = with_header(anonymous, "Bearer geraden")
    for _ in range(LIMIT):
        assert_problem(guesser.get(LIST), 401)
    assert_problem(guesser.get(LIST), 429, "authentication_throttled")


def test_failures_are_counted_per_address(client_for, anonymous, cast, clock):
    guesser = with_header(anonymous, "Token geraden", address="203.0.113.7")
    for _ in range(LIMIT):
        guesser.get(LIST)
    assert_problem(guesser.get(LIST), 429)
    colleague = client_for("redacteur")
    colleague.credentials(
        HTTP_AUTHORIZATION=f"Token {cast.keys['redacteur']}", REMOTE_ADDR="198.51.100.2"
    )
    assert colleague.get(LIST).status_code == 200


def test_a_few_typos_do_not_block(anonymous, cast, clock):
    for _ in range(LIMIT - 1):
        with_header(anonymous, "Token getypt").get(LIST)
    right = with_header(anonymous, f"Token {cast.keys['redacteur']}")
    assert right.get(LIST).status_code == 200


def test_the_address_is_the_one_drf_trusts_behind_proxies(anonymous, cast, clock):
    proxied = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    with override_settings(REST_FRAMEWORK=proxied):
        guesser = with_header(anonymous, "Token geraden", address="10.0.0.1")
        for _ in range(LIMIT):
            guesser.get(LIST, HTTP_X_FORWARDED_FOR="203.0.113.7")
        assert_problem(guesser.get(LIST, HTTP_X_FORWARDED_FOR="203.0.113.7"), 429)
        # Someone else behind the same proxy is another client.
        right = with_header(anonymous, f"Token {cast.keys['redacteur']}", "10.0.0.1")
        response = right.get(LIST, HTTP_X_FORWARDED_FOR="198.51.100.2")
        assert response.status_code == 200
