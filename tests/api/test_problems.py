"""Every error is a problem document (RFC 9457) with title, status and detail; never a 500."""

import json

import pytest

from django.test import override_settings
from rest_framework.throttling import SimpleRateThrottle

from tests.api.helpers import assert_problem, invalid_names

pytestmark = pytest.mark.django_db

LIST = "/api/v1/bouwstenen"


def test_shape_of_a_problem(anonymous, db):
    body = assert_problem(anonymous.get(f"{LIST}/onbekend"), 404, "not_found")
    assert body == {
        "title": "Niet gevonden",
        "status": 404,
        "detail": "De gevraagde resource bestaat niet of is niet zichtbaar voor u.",
        "code": "not_found",
        "instance": f"{LIST}/onbekend",
    }


def test_shape_of_a_validation_problem(anonymous, db):
    response = anonymous.get(LIST, {"soort": "app", "pageSize": "0"})
    body = assert_problem(response, 400, "invalid")
    assert body["detail"] == "Het verzoek bevat ongeldige invoer; zie invalidParams."
    assert body["invalidParams"] == [
        {
            "name": "soort",
            "code": "invalid_choice",
            "reason": "Selecteer een geldige keuze. app is geen beschikbare keuze.",
        }
    ]


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        ("{niet: json", "application/json"),
        ("", "application/json"),
        ("[1, 2]", "application/json"),
        ('"alleen tekst"', "application/json"),
        ('{"naam": NaN}', "application/json"),
        ("[" * 100_000 + "]" * 100_000, "application/json"),
    ],
)
def test_malformed_json_is_a_400(client_for, cast, content, content_type):
    response = client_for("redacteur").generic(
        "POST", LIST, content, content_type=content_type
    )
    assert_problem(response, 400)


def test_a_wrong_type_is_a_400_naming_the_field(client_for, cast):
    response = client_for("redacteur").post(
        LIST, {"naam": ["lijst"], "lagen": "data"}, format="json"
    )
    assert_problem(response, 400)
    assert {"naam", "lagen"} <= invalid_names(response)


def test_no_token_on_a_write_is_a_401_with_www_authenticate(anonymous, db):
    response = anonymous.post(LIST, {}, format="json")
    body = assert_problem(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == "Token"
    assert "Authorization: Token" in body["detail"]


@pytest.mark.parametrize(
    "header", ["Token onzin", "Token", "Token a b", "Bearer abc", "Token \u00e9\u00e9n"]
)
def test_a_bad_token_is_a_401_even_for_reading(anonymous, db, header):
    # Another scheme too: never quietly anonymous (tests/api/test_authentication.py).
    anonymous.credentials(HTTP_AUTHORIZATION=header)
    assert_problem(anonymous.get(LIST), 401)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/bestaat-niet",
        "/api/v1/bouwstenen/",
        "/api/v2/bouwstenen",
        "/api/",
        "/api/v1",
        "/api/v1/bouwstenen/00000000-0000-0000-0000-000000000000/onbekend",
    ],
)
def test_unknown_paths_under_api_are_404_problems(anonymous, db, path):
    for method in ("get", "post", "delete"):
        assert_problem(getattr(anonymous, method)(path), 404, "not_found")


def test_a_trailing_slash_is_explained(anonymous, db):
    body = assert_problem(anonymous.get("/api/v1/bouwstenen/"), 404)
    assert "probeer /api/v1/bouwstenen" in body["detail"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("delete", LIST),
        ("put", LIST),
        ("put", "/api/v1/organisaties/GM0363"),
        ("post", "/api/v1/themas"),
        ("get", f"{LIST}/00000000-0000-0000-0000-000000000000/indienen"),
    ],
)
def test_a_method_that_is_not_allowed_is_a_405_with_allow(
    client_for, cast, method, path
):
    response = getattr(client_for("beheerder"), method)(path)
    assert_problem(response, 405, "method_not_allowed")
    assert response["Allow"]


def test_trace_is_not_allowed(client_for, cast, anonymous):
    assert_problem(client_for("redacteur").generic("TRACE", LIST), 405)
    # Authentication comes first: without a token, any method but reading is a 401.
    assert_problem(anonymous.generic("TRACE", LIST), 401)


def test_asking_for_anything_but_json_is_a_406(anonymous, db):
    response = anonymous.get(LIST, HTTP_ACCEPT="application/xml")
    body = assert_problem(response, 406, "not_acceptable")
    assert "application/json" in body["detail"]
    assert anonymous.get(LIST, HTTP_ACCEPT="application/json").status_code == 200
    assert anonymous.get(LIST, HTTP_ACCEPT="*/*").status_code == 200


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        ("naam=x", "application/x-www-form-urlencoded"),
        ("<bouwsteen/>", "application/xml"),
        ("naam", "text/plain"),
    ],
)
def test_a_body_that_is_not_json_is_a_415(client_for, cast, content, content_type):
    response = client_for("redacteur").generic(
        "POST", LIST, content, content_type=content_type
    )
    assert_problem(response, 415, "unsupported_media_type")


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_an_oversized_body_is_a_413(client_for, cast):
    body = json.dumps({"naam": "x", "beschrijving": "y" * 2000})
    response = client_for("redacteur").generic(
        "POST", LIST, body, content_type="application/json"
    )
    problem = assert_problem(response, 413, "request_too_large")
    assert "1000 bytes" in problem["detail"]


def test_the_default_limit_refuses_more_than_a_mebibyte(client_for, cast):
    body = json.dumps({"beschrijving": "y" * 1_100_000})
    response = client_for("redacteur").generic(
        "POST", LIST, body, content_type="application/json"
    )
    assert_problem(response, 413)


@pytest.fixture
def strict_limits(monkeypatch):
    """DRF reads the rates once, into a class attribute; patch that attribute."""
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": "3/minute"}
    )


def test_too_many_anonymous_requests_is_a_429_with_retry_after(
    anonymous, db, strict_limits
):
    assert anonymous.get(LIST).status_code == 200
    assert anonymous.get(LIST).status_code == 200
    response = anonymous.get(LIST)
    body = assert_problem(response, 429, "throttled")
    assert 0 < int(response["Retry-After"]) <= 60
    assert f"over {response['Retry-After']} seconden" in body["detail"]


def test_callers_with_a_token_have_their_own_limit(client_for, cast, strict_limits):
    client = client_for("redacteur")
    for _ in range(3):
        assert client.get(LIST).status_code == 200
    assert_problem(client.get(LIST), 429)
    # Another user is counted apart.
    assert client_for("publicist").get(LIST).status_code == 200


def test_an_unexpected_error_is_a_500_problem_not_a_page(anonymous, db, monkeypatch):
    from bouwstenen import selectors

    def broken(*args):
        raise RuntimeError("kapot")

    # The serialized list and the stored one (bouwstenen.api.weergave) alike.
    monkeypatch.setattr(selectors, "bouwstenen_visible_to", broken)
    monkeypatch.setattr(selectors, "bouwsteen_list_stored", broken)
    body = assert_problem(anonymous.get(LIST), 500, "server_error")
    assert "kapot" not in json.dumps(body)


def test_a_conflicting_write_is_a_409_problem(client_for, cast, monkeypatch):
    from django.db import IntegrityError

    from bouwstenen import services

    def collides(**kwargs):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(services, "bouwsteen_create", collides)
    response = client_for("redacteur").post(
        LIST,
        {
            "naam": "Dubbel",
            "soort": "werkwijze",
            "samenvatting": "x",
            "organisatie": "GM0363",
            "licentie": "MIT",
        },
        format="json",
    )
    body = assert_problem(response, 409, "conflict")
    assert "duplicate" not in body["detail"]
