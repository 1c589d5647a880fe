"""What operators rely on: the health endpoint, request ids, JSON logs and the replica router."""

import json
import logging
from unittest import mock

import pytest

from django.db import OperationalError, connections
from django.test import RequestFactory

from bouwstenen.models import Bouwsteen
from core import db_router
from core.observability import JsonFormatter, RequestIdFilter, request_id


@pytest.mark.django_db
def test_health_is_ok_when_the_database_answers(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "databases": {"default": "ok"}}
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_health_is_503_when_the_database_is_down(client):
    with mock.patch.object(
        connections["default"],
        "cursor",
        side_effect=OperationalError("verbinding geweigerd"),
    ):
        response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["databases"]["default"] == "fout: OperationalError"


@pytest.mark.django_db
def test_every_response_carries_a_request_id_and_keeps_a_valid_incoming_one(client):
    generated = client.get("/health")["X-Request-ID"]
    assert len(generated) == 32
    assert (
        client.get("/health", HTTP_X_REQUEST_ID="proxy-123")["X-Request-ID"]
        == "proxy-123"
    )
    assert (
        client.get("/health", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"]
        != "<script>"
    )


def test_json_logs_carry_the_request_id():
    record = logging.LogRecord(
        "registry.access", logging.INFO, __file__, 1, "GET /health 200", (), None
    )
    record.status = 200
    token = request_id.set("abc123")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id.reset(token)
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "abc123"
    assert line["status"] == 200 and line["message"] == "GET /health 200"


@pytest.fixture
def with_replica(monkeypatch):
    # The router reads the configured aliases; pretend one replica is configured.
    monkeypatch.setattr(db_router, "replicas", lambda: ["replica_1"])


def _through_middleware(method: str, work):
    request = getattr(RequestFactory(), method.lower())("/")
    seen = {}

    def view(request):
        seen["result"] = work()
        from django.http import HttpResponse

        return HttpResponse()

    db_router.PrimaryForWritesMiddleware(view)(request)
    return seen["result"]


def test_without_replicas_everything_uses_the_primary():
    router = db_router.ReplicaRouter()
    assert (
        _through_middleware("GET", lambda: router.db_for_read(Bouwsteen)) == "default"
    )


def test_reads_go_to_a_replica_and_writes_to_the_primary(with_replica):
    router = db_router.ReplicaRouter()
    assert (
        _through_middleware("GET", lambda: router.db_for_read(Bouwsteen)) == "replica_1"
    )
    assert (
        _through_middleware("GET", lambda: router.db_for_write(Bouwsteen)) == "default"
    )


def test_a_read_after_a_write_in_the_same_request_uses_the_primary(with_replica):
    router = db_router.ReplicaRouter()

    def write_then_read():
        router.db_for_write(Bouwsteen)
        return router.db_for_read(Bouwsteen)

    assert _through_middleware("GET", write_then_read) == "default"
    # The next request starts on the replicas again.
    assert (
        _through_middleware("GET", lambda: router.db_for_read(Bouwsteen)) == "replica_1"
    )


def test_a_writing_request_reads_from_the_primary_throughout(with_replica):
    router = db_router.ReplicaRouter()
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        assert (
            _through_middleware(method, lambda: router.db_for_read(Bouwsteen))
            == "default"
        )


def test_reads_inside_a_transaction_use_the_primary(with_replica):
    router = db_router.ReplicaRouter()

    with mock.patch.object(connections["default"], "in_atomic_block", True):
        assert (
            _through_middleware("GET", lambda: router.db_for_read(Bouwsteen))
            == "default"
        )


def test_migrations_run_only_on_the_primary():
    router = db_router.ReplicaRouter()
    assert router.allow_migrate("default", "bouwstenen")
    assert not router.allow_migrate("replica_1", "bouwstenen")


@pytest.mark.django_db
def test_the_interface_is_dutch_even_for_an_english_browser_until_english_is_chosen(
    client,
):
    response = client.get("/over", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response["Content-Language"] == "nl"
    assert '<html lang="nl"' in response.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/over"})
    response = client.get("/over", HTTP_ACCEPT_LANGUAGE="nl")
    assert response["Content-Language"] == "en"
