"""The OpenAPI document: committed, served, and matching the API-Version of every response."""

from pathlib import Path

import pytest
import yaml

from django.conf import settings
from django.core.management import call_command

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
VERSION = settings.SPECTACULAR_SETTINGS["VERSION"]


def test_the_committed_openapi_document_matches_the_code(tmp_path):
    generated = tmp_path / "openapi.yaml"
    # The same command as `make schema`; it also fails on warnings and invalid output.
    call_command(
        "spectacular",
        "--lang",
        "nl",
        "--validate",
        "--fail-on-warn",
        "--file",
        str(generated),
    )
    committed = (ROOT / "openapi.yaml").read_text()
    assert generated.read_text() == committed, (
        "openapi.yaml is verouderd: draai `make schema` en commit het resultaat."
    )


def test_openapi_json_is_served_to_anyone_from_anywhere(anonymous):
    response = anonymous.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    served = response.json()
    committed = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    assert served == committed
    assert served["info"]["version"] == VERSION
    assert set(served["info"]["contact"]) == {"name", "email", "url"}
    assert served["servers"] == [{"url": "/api/v1", "description": "Dit register"}]


def test_the_version_is_semantic_and_its_major_is_in_the_path():
    major, minor, patch = VERSION.split(".")
    assert all(part.isdigit() for part in (major, minor, patch))
    assert settings.SPECTACULAR_SETTINGS["SERVERS"][0]["url"] == f"/api/v{major}"


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/api/v1/bouwstenen", 200),
        ("get", "/api/v1/organisaties/GM0363", 200),
        ("get", "/api/v1/openapi.json", 200),
        ("get", "/api/v1/docs", 200),
        ("get", "/api/v1/bouwstenen?soort=app", 400),
        ("post", "/api/v1/bouwstenen", 401),
        ("get", "/api/v1/bestaat-niet", 404),
        ("get", "/api/v1/bouwstenen/", 404),
        ("delete", "/api/v1/themas", 401),
    ],
)
def test_every_api_response_carries_the_api_version(anonymous, method, path, status):
    response = getattr(anonymous, method)(path)
    assert response.status_code == status
    assert response["API-Version"] == VERSION


def test_json_responses_carry_the_security_headers_of_the_adr(anonymous):
    response = anonymous.get("/api/v1/bouwstenen")
    assert response["Cache-Control"] == "no-store"
    assert (
        response["Content-Security-Policy"]
        == "default-src 'none'; frame-ancestors 'none'"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["Content-Type"] == "application/json"


def test_pages_outside_the_api_keep_their_own_headers(client):
    response = client.get("/admin/login/")
    assert "API-Version" not in response
    assert response.get("Cache-Control") != "no-store"


def test_the_docs_page_uses_only_the_projects_own_static_files(anonymous):
    page = anonymous.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert (
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    )
    assert "cdn" not in html.lower() and "https://" not in html
    # The start script is a separate file, so the page needs no inline script.
    assert "<script>" not in html
    script = anonymous.get("/api/v1/docs?script=")
    assert script.status_code == 200
    assert "/api/v1/openapi.json" in script.content.decode()


def test_every_operation_has_a_dutch_summary_and_problem_responses():
    schema = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation.get("summary"), (method, path)
            for status, response in operation["responses"].items():
                assert "API-Version" in response.get("headers", {}), (method, path)
                if status >= "400":
                    assert list(response["content"]) == ["application/problem+json"]
