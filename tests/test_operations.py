"""What operators rely on: the health endpoint, request ids and JSON logs.

The replica router has its own tests: tests/test_db_router.py (its decisions) and
tests/replicas/ (a real primary and streaming replica)."""

import json
import logging
from unittest import mock

import pytest

from django.db import OperationalError, connections

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
