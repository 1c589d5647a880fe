"""Where the replica router sends a read: its decisions, without a real replica.

tests/replicas/ runs the same rules against a real primary and a streaming replica.
"""

from contextlib import contextmanager
from types import SimpleNamespace
from unittest import mock

import pytest

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import OperationalError, connections
from django.http import HttpResponse
from django.test import RequestFactory
from rest_framework.authtoken.models import Token

from bouwstenen.models import Bouwsteen, GemisteZoekvraag
from core import db_router, replica_health
from registry.models import Lidmaatschap, Organisatie

router = db_router.ReplicaRouter()
PRIMARY = replica_health.parse_lsn("0/3000060")


class FakeReplicas:
    """One configured replica, healthy, that has replayed up to ``replayed``."""

    def __init__(self, monkeypatch):
        self.replayed = PRIMARY
        self.asked = 0
        self.primary = PRIMARY
        monkeypatch.setattr(db_router, "replicas", lambda: ["replica_1"])
        monkeypatch.setattr(db_router.health, "usable", lambda: ["replica_1"])
        monkeypatch.setattr(db_router, "_connects", lambda alias: True)
        monkeypatch.setattr(db_router, "replay_position", self._replay_position)
        monkeypatch.setattr(db_router, "primary_position", lambda: self.primary)
        monkeypatch.setattr(db_router, "_had_errors", lambda alias: False)
        db_router.health.forget()

    def _replay_position(self, alias):
        self.asked += 1
        return self.replayed


@pytest.fixture
def replica(monkeypatch):
    fake = FakeReplicas(monkeypatch)
    yield fake
    db_router.health.forget()
    cache.clear()


def serve(method, work, *, cookies=None, user=None, auth=None):
    """Run ``work`` as the view of a request through the middleware."""
    request = getattr(RequestFactory(), method.lower())("/")
    request.COOKIES.update(cookies or {})
    if user is not None:
        request.user = user
    seen = {}

    def view(request):
        if auth is not None:
            request.auth = auth
        seen["result"] = work()
        return HttpResponse()

    response = db_router.PrimaryForWritesMiddleware(view)(request)
    return seen["result"], response


@contextmanager
def fake_connection(alias, connection):
    """Django's connection for ``alias`` in this thread is ``connection``."""
    setattr(connections._connections, alias, connection)
    try:
        yield
    finally:
        delattr(connections._connections, alias)


def read(model=Bouwsteen):
    return lambda: router.db_for_read(model)


def a_user(pk=7):
    return SimpleNamespace(pk=pk, is_authenticated=True)


# --- the plain rules ----------------------------------------------------------------


def test_without_replicas_everything_uses_the_primary():
    assert serve("GET", read())[0] == "default"


def test_an_anonymous_read_goes_to_a_replica_and_a_write_to_the_primary(replica):
    assert serve("GET", read())[0] == "replica_1"
    assert serve("GET", lambda: router.db_for_write(Bouwsteen))[0] == "default"


def test_outside_a_request_reads_use_the_primary(replica):
    # Management commands, migrations, background jobs: add_member then create_api_token.
    assert router.db_for_read(Bouwsteen) == "default"


def test_code_outside_a_request_may_ask_for_the_replicas(replica):
    with db_router.reading_from_replicas():
        assert router.db_for_read(Bouwsteen) == "replica_1"
        router.db_for_write(Bouwsteen)
        assert router.db_for_read(Bouwsteen) == "default"
    assert router.db_for_read(Bouwsteen) == "default"


def test_a_read_after_a_write_in_the_same_request_uses_the_primary(replica):
    def write_then_read():
        router.db_for_write(Bouwsteen)
        return router.db_for_read(Bouwsteen)

    assert serve("GET", write_then_read)[0] == "default"


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_a_writing_request_reads_from_the_primary_throughout(replica, method):
    assert serve(method, read())[0] == "default"


def test_reads_inside_a_transaction_use_the_primary(replica):
    with mock.patch.object(connections["default"], "in_atomic_block", True):
        assert serve("GET", read())[0] == "default"


@pytest.mark.parametrize(
    "model", [get_user_model(), Session, Token, Lidmaatschap], ids=lambda m: m.__name__
)
def test_accounts_sessions_tokens_and_memberships_are_read_from_the_primary(
    replica, model
):
    # So a login, a new member and a fresh token work at once.
    assert serve("GET", read(model))[0] == "default"
    assert serve("GET", read(Organisatie))[0] == "replica_1"


def test_saving_a_session_does_not_take_a_reader_off_the_replicas(replica):
    def save_session_then_read():
        router.db_for_write(Session)
        return router.db_for_read(Bouwsteen)

    result, response = serve("GET", save_session_then_read)
    assert result == "replica_1"
    assert db_router.COOKIE not in response.cookies


def test_counting_a_search_without_hits_does_not_take_a_reader_off_the_replicas(
    replica,
):
    # A statistic nobody reads back (GemisteZoekvraag.written_unseen): the searcher
    # is no writer, gets no position and goes on reading from the replica.
    def count_then_read():
        assert router.db_for_write(GemisteZoekvraag) == "default"
        return router.db_for_read(Bouwsteen)

    result, response = serve("GET", count_then_read)
    assert result == "replica_1"
    assert db_router.COOKIE not in response.cookies


def test_one_request_reads_from_one_replica(replica, monkeypatch):
    monkeypatch.setattr(db_router.health, "usable", lambda: ["replica_1", "replica_2"])
    seen = serve("GET", lambda: {router.db_for_read(Bouwsteen) for _ in range(20)})[0]
    assert len(seen) == 1


def test_the_migrations_run_only_on_the_primary():
    assert router.allow_migrate("default", "bouwstenen")
    assert not router.allow_migrate("replica_1", "bouwstenen")


# --- a writer's position across requests ---------------------------------------------


def test_a_request_that_wrote_hands_a_browser_its_position_in_a_signed_cookie(replica):
    _, response = serve("POST", lambda: router.db_for_write(Bouwsteen))
    cookie = response.cookies[db_router.COOKIE]
    assert cookie["httponly"] and cookie["max-age"] == db_router.position_lifetime()
    assert "0/3000060" in cookie.value  # signed, not encrypted
    request = RequestFactory().get("/")
    request.COOKIES[db_router.COOKIE] = cookie.value
    assert db_router._cookie_position(request) == PRIMARY


def test_a_request_that_wrote_nothing_hands_out_nothing(replica):
    _, response = serve("POST", read())
    assert db_router.COOKIE not in response.cookies


def _cookie_for(position):
    _, response = serve("POST", lambda: router.db_for_write(Bouwsteen))
    return {db_router.COOKIE: response.cookies[db_router.COOKIE].value}


def test_the_writer_reads_from_the_primary_until_the_replica_has_replayed_its_write(
    replica,
):
    cookies = _cookie_for(PRIMARY)
    replica.replayed = PRIMARY - 1
    assert serve("GET", read(), cookies=cookies)[0] == "default"
    replica.replayed = PRIMARY
    assert serve("GET", read(), cookies=cookies)[0] == "replica_1"
    # Someone else never waited.
    replica.replayed = PRIMARY - 1
    db_router.health.forget()
    assert serve("GET", read())[0] == "replica_1"


def test_the_replica_is_asked_at_most_once_per_request(replica):
    cookies = _cookie_for(PRIMARY)
    replica.replayed = PRIMARY - 1
    serve(
        "GET",
        lambda: [router.db_for_read(Bouwsteen) for _ in range(10)],
        cookies=cookies,
    )
    assert replica.asked == 1


def test_a_position_the_process_saw_replayed_costs_no_question(replica):
    cookies = _cookie_for(PRIMARY)
    db_router.health.saw_replayed("replica_1", PRIMARY + 100)
    assert serve("GET", read(), cookies=cookies)[0] == "replica_1"
    assert replica.asked == 0


def test_a_forged_cookie_is_ignored(replica):
    replica.replayed = PRIMARY - 1
    forged = {db_router.COOKIE: "FFFF/FFFFFFFF"}
    assert serve("GET", read(), cookies=forged)[0] == "replica_1"


def test_an_api_client_keeps_its_position_per_user_in_the_shared_cache(replica):
    user = a_user()
    _, response = serve(
        "POST", lambda: router.db_for_write(Bouwsteen), user=user, auth=object()
    )
    # A token client gets no cookie: its position is kept for its user.
    assert db_router.COOKIE not in response.cookies
    assert cache.get(db_router._cache_key(user.pk)) == "0/3000060"
    replica.replayed = PRIMARY - 1
    assert serve("GET", read(), user=user)[0] == "default"
    assert serve("GET", read(), user=a_user(pk=8))[0] == "replica_1"
    replica.replayed = PRIMARY
    assert serve("GET", read(), user=user)[0] == "replica_1"


def test_an_older_position_does_not_replace_a_newer_one(replica):
    user = a_user()
    serve("POST", lambda: router.db_for_write(Bouwsteen), user=user, auth=object())
    replica.primary = PRIMARY - 10
    serve("POST", lambda: router.db_for_write(Bouwsteen), user=user, auth=object())
    assert cache.get(db_router._cache_key(user.pk)) == "0/3000060"


def test_the_user_known_only_after_authentication_is_taken_into_account(replica):
    # DRF authenticates a token inside the view, after the first read may have happened.
    user = a_user()
    cache.set(db_router._cache_key(user.pk), "0/3000060")
    replica.replayed = PRIMARY - 1
    request = RequestFactory().get("/")

    def view(request):
        before = router.db_for_read(Bouwsteen)
        request.user = user
        return HttpResponse(f"{before} {router.db_for_read(Bouwsteen)}")

    response = db_router.PrimaryForWritesMiddleware(view)(request)
    assert response.content.decode() == "replica_1 default"


# --- unhealthy replicas --------------------------------------------------------------


def test_without_a_healthy_replica_reads_use_the_primary(replica, monkeypatch):
    monkeypatch.setattr(db_router.health, "usable", lambda: [])
    assert serve("GET", read())[0] == "default"


def test_a_replica_that_does_not_connect_is_skipped_and_marked_down(
    replica, monkeypatch
):
    monkeypatch.undo()
    monkeypatch.setattr(db_router, "replicas", lambda: ["replica_1"])
    monkeypatch.setattr(db_router.health, "usable", lambda: ["replica_1"])
    broken = mock.Mock()
    broken.ensure_connection.side_effect = OperationalError("verbinding geweigerd")
    with fake_connection("replica_1", broken):
        assert serve("GET", read())[0] == "default"
    assert (
        db_router.health.state("replica_1").reason == "onbereikbaar: OperationalError"
    )


def test_a_safe_request_that_failed_on_a_replica_is_answered_from_the_primary(
    replica, monkeypatch
):
    monkeypatch.setattr(db_router, "_had_errors", lambda alias: True)
    served = []

    def view(request):
        alias = router.db_for_read(Bouwsteen)
        served.append(alias)
        return HttpResponse(status=500 if alias != "default" else 200)

    response = db_router.PrimaryForWritesMiddleware(view)(RequestFactory().get("/"))
    assert response.status_code == 200
    assert served == ["replica_1", "default"]
    assert not db_router.health.state("replica_1").healthy


def _probed(monkeypatch, row=None, primary=PRIMARY, error=None):
    """The state after one check of replica_1 that answers ``row``."""
    monkeypatch.setattr(replica_health, "replicas", lambda: ["replica_1"])
    monkeypatch.setattr(replica_health, "primary_position", lambda: primary)
    cursor = mock.MagicMock()
    cursor.__enter__.return_value.fetchone.return_value = row
    if error is not None:
        cursor.__enter__.side_effect = error
    connection = mock.Mock()
    connection.cursor.return_value = cursor
    health = replica_health.ReplicaHealth()
    with fake_connection("replica_1", connection):
        return health, health.check("replica_1")


def test_a_replica_that_has_replayed_everything_is_healthy(monkeypatch):
    _, state = _probed(monkeypatch, (True, "0/3000060", 600))
    assert (state.healthy, state.lag) == (True, 0.0)
    assert state.as_dict() == {"status": "ok", "lag_seconds": 0.0, "reason": "ok"}


def test_a_replica_further_behind_than_the_bound_is_skipped(monkeypatch, settings):
    settings.DATABASE_REPLICA_MAX_LAG = 30
    _, state = _probed(monkeypatch, (True, "0/3000000", 31))
    assert not state.healthy and state.lag == 31
    assert state.as_dict()["status"] == "overgeslagen"
    _, state = _probed(monkeypatch, (True, "0/3000000", 29))
    assert state.healthy


def test_a_database_that_is_not_in_recovery_is_no_replica(monkeypatch):
    _, state = _probed(monkeypatch, (False, None, None))
    assert not state.healthy and "geen replica" in state.reason


def test_a_replica_that_does_not_answer_is_skipped(monkeypatch):
    _, state = _probed(monkeypatch, error=OperationalError("timeout expired"))
    assert not state.healthy
    assert state.reason == "onbereikbaar: OperationalError"


def test_after_an_idle_primary_an_earlier_check_bounds_the_lag(monkeypatch):
    # The last replayed commit is an hour old because nothing was written for an hour.
    health, state = _probed(monkeypatch, (True, "0/3000060", 3600))
    assert state.lag == 0.0
    health._judge(state, PRIMARY + 500, True, "0/3000060", 3600)
    assert state.healthy and state.lag < replica_health.RECHECK_SECONDS


def test_each_replica_is_checked_at_most_every_few_seconds(monkeypatch):
    monkeypatch.setattr(replica_health, "replicas", lambda: ["replica_1"])
    health = replica_health.ReplicaHealth()
    checks = []

    def probe(state):
        checks.append(state.alias)
        state.healthy = True
        state.checked_at = clock[0]

    clock = [1000.0]
    monkeypatch.setattr(health, "_probe", probe)
    monkeypatch.setattr(replica_health.time, "monotonic", lambda: clock[0])
    assert health.usable() == ["replica_1"]
    clock[0] += replica_health.RECHECK_SECONDS - 1
    assert health.usable() == ["replica_1"]
    assert checks == ["replica_1"]
    clock[0] += 1
    health.usable()
    assert checks == ["replica_1", "replica_1"]


def test_lsn_positions_compare_as_numbers():
    assert replica_health.parse_lsn("1/0") > replica_health.parse_lsn("0/FFFFFFFF")
    assert (
        replica_health.format_lsn(replica_health.parse_lsn("16/B374D848"))
        == "16/B374D848"
    )
    assert replica_health.parse_lsn(None) is None


# --- /health ------------------------------------------------------------------------


@pytest.mark.django_db
def test_health_reports_each_replica_and_stays_ok_when_one_is_down(client, monkeypatch):
    monkeypatch.setattr(replica_health, "replicas", lambda: ["replica_1"])
    down = replica_health.ReplicaState(
        "replica_1", healthy=False, lag=None, reason="onbereikbaar: OperationalError"
    )
    monkeypatch.setattr(replica_health.health, "check", lambda alias: down)
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "databases": {"default": "ok"},
        "replicas": {
            "replica_1": {
                "status": "overgeslagen",
                "lag_seconds": None,
                "reason": "onbereikbaar: OperationalError",
            }
        },
    }


def test_replicas_without_a_shared_cache_are_warned_about(monkeypatch, settings):
    monkeypatch.setattr(db_router, "replicas", lambda: ["replica_1"])
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    assert [w.id for w in db_router.check_shared_cache()] == ["core.W001"]
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}
    }
    assert db_router.check_shared_cache() == []
