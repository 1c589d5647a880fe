"""Pages on other sites read the API: CORS for anonymous GET and HEAD (never for writes
or a token), HEAD with the ETag of its GET, and 406 for an Accept the API cannot serve."""

import pytest

from tests.api.helpers import assert_problem
from tests.api.test_queries import fill

pytestmark = pytest.mark.django_db

ORIGIN = "https://gemeente.example"
LIST = "/api/v1/bouwstenen"


def _reads(block) -> list[str]:
    return [
        LIST,
        f"{LIST}/{block.uuid}",
        f"{LIST}/facetten",
        "/api/v1/organisaties",
        "/api/v1/organisaties/GM0363",
        "/api/v1/themas",
        "/api/v1/dcat",
        f"{LIST}/{block.uuid}/publiccode",
    ]


def test_anonymous_reads_may_be_read_by_any_site(anonymous, cast):
    block = fill(cast, 2)[0]
    for path in _reads(block):
        for method in (anonymous.get, anonymous.head):
            response = method(path, HTTP_ORIGIN=ORIGIN)
            assert response.status_code == 200, path
            assert response["Access-Control-Allow-Origin"] == "*", path
            assert "ETag" in response["Access-Control-Expose-Headers"]
            assert "Access-Control-Allow-Credentials" not in response
    # An error is readable too, so the page can show the problem.
    missing = anonymous.get(f"{LIST}/00000000-0000-4000-8000-000000000000")
    assert missing.status_code == 404
    assert missing["Access-Control-Allow-Origin"] == "*"


def test_no_cors_for_writes_or_requests_with_a_token(anonymous, client_for, cast):
    block = fill(cast, 2)[0]
    with_token = client_for("redacteur").get(LIST, HTTP_ORIGIN=ORIGIN)
    assert with_token.status_code == 200
    assert "Access-Control-Allow-Origin" not in with_token
    assert "Authorization" in with_token["Vary"]
    for method, path in (
        (anonymous.post, LIST),
        (anonymous.patch, f"{LIST}/{block.uuid}"),
        (anonymous.delete, f"{LIST}/{block.uuid}"),
    ):
        response = method(path, {}, format="json", HTTP_ORIGIN=ORIGIN)
        assert response.status_code in (401, 403), path
        assert "Access-Control-Allow-Origin" not in response


@pytest.mark.parametrize(
    ("method", "headers", "allowed"),
    [
        ("GET", "", True),
        ("GET", "If-None-Match, Accept", True),
        ("HEAD", "accept-language", True),
        ("GET", "Authorization", False),
        ("POST", "Content-Type", False),
        ("PATCH", "", False),
        ("DELETE", "", False),
    ],
)
def test_a_preflight_allows_reads_only(anonymous, cast, method, headers, allowed):
    response = anonymous.options(
        LIST,
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD=method,
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS=headers,
    )
    assert response.status_code == 204
    assert ("Access-Control-Allow-Origin" in response) is allowed
    if allowed:
        assert response["Access-Control-Allow-Methods"] == "GET, HEAD"
        assert "Authorization" not in response["Access-Control-Allow-Headers"]


def test_head_carries_the_etag_of_its_get(anonymous, client_for, cast):
    block = fill(cast, 2)[0]
    for client in (anonymous, client_for("beheerder")):
        for path in (
            f"{LIST}/{block.uuid}",
            f"{LIST}/{block.uuid}?fields=naam",
            LIST,
            f"{LIST}?fields=naam",
            "/api/v1/organisaties",
        ):
            get, head = client.get(path), client.head(path)
            assert head.status_code == 200
            assert head.content == b""
            assert head["ETag"] == get["ETag"], path
            again = client.head(path, HTTP_IF_NONE_MATCH=get["ETag"])
            assert again.status_code == 304, path


@pytest.mark.parametrize("accept", ["text/html", "image/png", "application/xml"])
def test_an_accept_the_api_cannot_serve_is_a_406(anonymous, cast, accept):
    block = fill(cast, 2)[0]
    for path in (LIST, f"{LIST}/{block.uuid}", "/api/v1/organisaties"):
        response = anonymous.get(path, HTTP_ACCEPT=accept)
        assert_problem(response, 406)
    assert anonymous.get(LIST, HTTP_ACCEPT="application/*").status_code == 200
