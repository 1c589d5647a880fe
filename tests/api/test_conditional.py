"""No lost updates: ETag on details, 304 with If-None-Match, 412 with a stale If-Match."""

import re

import pytest

from bouwstenen.models import Bouwsteen
from tests.api.helpers import assert_problem, invalid_names

pytestmark = pytest.mark.django_db

LIST = "/api/v1/bouwstenen"


@pytest.fixture
def draft(blocks):
    return blocks["concept"]


def test_details_carry_an_etag_that_changes_with_each_save(client_for, draft):
    client = client_for("redacteur")
    url = f"{LIST}/{draft.uuid}"
    first = client.get(url)["ETag"]
    assert re.fullmatch(rf'"{draft.uuid}-{draft.versie}-[0-9a-f]{{16}}"', first)
    assert client.get(url)["ETag"] == first
    changed = client.patch(url, {"naam": "Andere naam"}, format="json")
    assert changed["ETag"] != first
    assert changed["ETag"].startswith(f'"{draft.uuid}-{draft.versie + 1}-')
    assert client.get(url)["ETag"] == changed["ETag"]


def test_if_none_match_gives_304_without_a_body(client_for, draft):
    client = client_for("redacteur")
    url = f"{LIST}/{draft.uuid}"
    etag = client.get(url)["ETag"]
    for header in (etag, f"W/{etag}", f'"iets-anders", {etag}', "*"):
        response = client.get(url, HTTP_IF_NONE_MATCH=header)
        assert response.status_code == 304, header
        assert response.content == b""
        assert response["ETag"] == etag
        assert response["API-Version"]
    assert client.get(url, HTTP_IF_NONE_MATCH='"oud-1"').status_code == 200


def test_a_write_with_the_current_etag_succeeds(client_for, draft):
    client = client_for("redacteur")
    url = f"{LIST}/{draft.uuid}"
    etag = client.get(url)["ETag"]
    response = client.patch(url, {"naam": "Nieuw"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("patch", "", {"naam": "Te laat"}),
        ("put", "", None),
        ("delete", "", None),
        ("post", "/indienen", None),
    ],
)
def test_a_stale_if_match_is_a_412_and_changes_nothing(
    client_for, draft, method, suffix, body
):
    client = client_for("publicist")
    url = f"{LIST}/{draft.uuid}"
    stale = client.get(url)["ETag"]
    client.patch(url, {"naam": "Iemand anders was eerder"}, format="json")
    before = Bouwsteen.objects.values().get(pk=draft.pk)

    if body is None and method == "put":
        body = {
            "naam": "Te laat",
            "soort": "werkwijze",
            "samenvatting": "x",
            "organisatie": "GM0363",
            "licentie": "MIT",
        }
    response = getattr(client, method)(
        url + suffix, body, format="json", HTTP_IF_MATCH=stale
    )

    assert_problem(response, 412, "precondition_failed")
    assert Bouwsteen.objects.values().get(pk=draft.pk) == before


@pytest.mark.parametrize("header", ["geen etag", "", '"a"b', '"a",', '"a\x01"'])
def test_a_malformed_precondition_header_is_a_400(client_for, draft, header):
    client = client_for("redacteur")
    url = f"{LIST}/{draft.uuid}"
    response = client.patch(url, {"naam": "x"}, format="json", HTTP_IF_MATCH=header)
    assert_problem(response, 400)
    assert invalid_names(response) == {"If-Match"}
    response = client.get(url, HTTP_IF_NONE_MATCH=header)
    assert invalid_names(response) == {"If-None-Match"}
    assert Bouwsteen.objects.get(pk=draft.pk).naam == draft.naam


def test_a_weak_tag_does_not_satisfy_if_match(client_for, draft):
    client = client_for("redacteur")
    etag = client.get(f"{LIST}/{draft.uuid}")["ETag"]
    response = client.patch(
        f"{LIST}/{draft.uuid}", {"naam": "x"}, format="json", HTTP_IF_MATCH=f"W/{etag}"
    )
    assert_problem(response, 412)


def test_a_concurrent_save_between_read_and_lock_is_caught(
    client_for, draft, monkeypatch
):
    """If-Match passed, but another writer saved before the service took its lock."""
    from bouwstenen import services

    real_update = services.bouwsteen_update

    def sneaky(**kwargs):
        Bouwsteen.objects.filter(pk=draft.pk).update(versie=draft.versie + 1)
        return real_update(**kwargs)

    monkeypatch.setattr(services, "bouwsteen_update", sneaky)
    client = client_for("redacteur")
    etag = client.get(f"{LIST}/{draft.uuid}")["ETag"]
    response = client.patch(
        f"{LIST}/{draft.uuid}", {"naam": "Verloren"}, format="json", HTTP_IF_MATCH=etag
    )
    body = assert_problem(response, 412)
    assert "Iemand anders heeft deze bouwsteen intussen gewijzigd" in body["detail"]
    assert Bouwsteen.objects.get(pk=draft.pk).naam != "Verloren"


def test_a_refusal_comes_before_a_stale_if_match(client_for, blocks):
    """Rights first (403), then the precondition (412): RFC 9110, 13.2.2."""
    response = client_for("redacteur").patch(
        f"{LIST}/{blocks['ter-beoordeling'].uuid}",
        {"naam": "x"},
        format="json",
        HTTP_IF_MATCH='"oud-1"',
    )
    assert_problem(response, 403)


def test_lists_searches_and_facets_carry_an_etag_and_answer_304(anonymous, cast):
    from tests.factories import BouwsteenFactory

    BouwsteenFactory(organisatie=cast.amsterdam, naam="Laadpalen", gepubliceerd=True)
    for path in (
        "/api/v1/bouwstenen",
        "/api/v1/bouwstenen?q=laadpalen",
        "/api/v1/bouwstenen/facetten",
    ):
        first = anonymous.get(path)
        assert first.status_code == 200 and first["ETag"]
        again = anonymous.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304 and again.content == b""
        # Another representation is another tag: no stale 304.
        other = anonymous.get(path, HTTP_IF_NONE_MATCH='W/"iets-anders"')
        assert other.status_code == 200
