"""Every error under /api is a problem document, also those no API view answers.

A bad Host header is refused by the middleware, before any view; an error while DRF
finishes a response escapes its exception handler. Django's handler400/403/404/500
(core.error_views) answer those; outside /api the site keeps its own pages.
"""

import json

import pytest

from django.core.exceptions import (
    DisallowedHost,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
)
from django.http import Http404
from django.test import Client, RequestFactory

from bouwstenen.api.referentiedata.views import ThemaViewSet
from core import error_views
from tests.api.helpers import assert_problem

pytestmark = pytest.mark.django_db

LIST = "/api/v1/bouwstenen"


@pytest.fixture
def quiet_client() -> Client:
    """A client that gets the 500 response instead of the exception."""
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("method", ["get", "post", "delete", "options"])
def test_a_host_that_is_not_allowed_is_a_400_problem(client, method):
    response = getattr(client, method)(LIST, HTTP_HOST="aanvaller.example")
    body = assert_problem(response, 400, "bad_host")
    assert body["instance"] == LIST
    assert "aanvaller.example" not in response.content.decode()
    assert response["API-Version"]
    assert response["Content-Language"] == "nl"


def test_outside_the_api_a_bad_host_keeps_djangos_page(client):
    response = client.get("/over", HTTP_HOST="aanvaller.example")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


def test_an_error_after_the_view_is_a_500_problem(quiet_client, monkeypatch):
    def broken(self, request, response, *args, **kwargs):
        raise RuntimeError("geheim detail")

    # finalize_response runs outside DRF's exception handling.
    monkeypatch.setattr(ThemaViewSet, "finalize_response", broken)
    response = quiet_client.get("/api/v1/themas")
    body = assert_problem(response, 500, "server_error")
    assert "geheim" not in response.content.decode()
    assert body["instance"] == "/api/v1/themas"
    assert response["API-Version"]


def test_outside_the_api_an_error_keeps_djangos_page(quiet_client, monkeypatch):
    from bouwstenen import selectors

    def broken():
        raise RuntimeError("geheim detail")

    monkeypatch.setattr(selectors, "themas_with_counts", broken)
    response = quiet_client.get("/themas")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert "geheim" not in response.content.decode()


@pytest.mark.parametrize(
    "path",
    ["/api/v1/bestaat-niet", "/api/v1/bouwstenen/%00", "/api/v1/themas/%FF"],
)
def test_unknown_api_paths_are_404_problems(client, path):
    assert_problem(client.get(path), 404, "not_found")


def test_a_method_that_is_not_allowed_is_a_405_problem(client_for, cast):
    editor = client_for("redacteur")
    for method in ("PUT", "DELETE", "TRACE"):
        response = editor.generic(method, "/api/v1/themas")
        assert_problem(response, 405, "method_not_allowed")


@pytest.mark.parametrize(
    ("handler", "exception", "status", "code"),
    [
        (error_views.bad_request, DisallowedHost("x"), 400, "bad_host"),
        (error_views.bad_request, RequestDataTooBig("x"), 413, "request_too_large"),
        (error_views.bad_request, SuspiciousOperation("x"), 400, "bad_request"),
        (
            error_views.permission_denied,
            PermissionDenied("x"),
            403,
            "permission_denied",
        ),
        (error_views.page_not_found, Http404("x"), 404, "not_found"),
    ],
)
def test_each_handler_answers_a_problem_under_api_and_a_page_elsewhere(
    handler, exception, status, code
):
    factory = RequestFactory()
    response = handler(factory.get("/api/v1/iets"), exception)
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body = json.loads(response.content)
    assert body["code"] == code and body["status"] == status and body["detail"]
    page = handler(factory.get("/iets"), exception)
    assert page["Content-Type"].startswith("text/html")


def test_the_handlers_are_the_projects():
    from config import urls

    assert urls.handler400 == "core.error_views.bad_request"
    assert urls.handler403 == "core.error_views.permission_denied"
    assert urls.handler404 == "core.error_views.page_not_found"
    assert urls.handler500 == "core.error_views.server_error"
