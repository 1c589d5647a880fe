"""``/api/v1/behoeften``: reading, filtering, conditional requests, the closest blocks,
"wij ook" as a sub-resource, problems for every error, and constant query counts."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bouwstenen import services
from bouwstenen.services import behoeften as behoeften_services
from registry.permissions import OPERATOR
from tests.api.helpers import assert_problem, invalid_names, ready_to_publish
from tests.factories import BouwsteenFactory
from tests.needs import make_need

pytestmark = pytest.mark.django_db
LIST = "/api/v1/behoeften"
# Measured on both databases: count, page and 3 prefetches (thema's, lagen, who joined)
# for the list; the need and its 3 prefetches for the detail. A token adds its lookup
# and the caller's memberships.
CEILINGS = {"lijst": 5, "detail": 4, "deelnemers": 3}


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries)


def joined_by_utrecht(cast, need):
    services.deelname_add(
        user=cast.users["ander"], behoefte=need, organisatie=cast.utrecht
    )


def test_list_and_detail_cost_the_same_at_two_and_twenty_needs(
    anonymous, cast, monkeypatch
):
    # One person joins all of them here; the limit on posting is tested elsewhere.
    monkeypatch.setattr(behoeften_services, "PER_UUR", 100)

    def grow(n):
        made = []
        for i in range(n):
            need = make_need(organisatie=cast.amsterdam, titel=f"Behoefte {i}")
            joined_by_utrecht(cast, need)
            made.append(need)
        return made

    needs = grow(2)
    first = {
        "lijst": queries(anonymous, LIST),
        "detail": queries(anonymous, f"{LIST}/{needs[0].uuid}"),
        "deelnemers": queries(anonymous, f"{LIST}/{needs[0].uuid}/deelnemers"),
    }
    grow(18)
    second = {
        "lijst": queries(anonymous, LIST),
        "detail": queries(anonymous, f"{LIST}/{needs[0].uuid}"),
        "deelnemers": queries(anonymous, f"{LIST}/{needs[0].uuid}/deelnemers"),
    }
    assert first == second
    assert all(second[key] <= CEILINGS[key] for key in CEILINGS), second


def test_anonymous_readers_see_published_needs_members_also_their_drafts(
    anonymous, client_for, cast
):
    public = make_need(organisatie=cast.amsterdam, titel="Openbaar")
    draft = make_need(organisatie=cast.amsterdam, titel="Concept", status="concept")
    titles = {n["titel"] for n in anonymous.get(LIST).json()["results"]}
    assert titles == {"Openbaar"}
    assert_problem(anonymous.get(f"{LIST}/{draft.uuid}"), 404)
    assert_problem(client_for("ander").get(f"{LIST}/{draft.uuid}"), 404)
    own = {n["titel"] for n in client_for("redacteur").get(LIST).json()["results"]}
    assert own == {"Openbaar", "Concept"}
    body = anonymous.get(f"{LIST}/{public.uuid}").json()
    assert body["status"] == "open"
    assert body["organisatie"]["code"] == "GM0363"
    assert body["themas"][0]["slug"] == "jeugdzorg"


def test_filters_by_thema_soort_organisation_and_status(anonymous, cast):
    make_need(organisatie=cast.amsterdam, titel="Jeugd", thema="jeugdzorg")
    wonen = make_need(organisatie=cast.utrecht, titel="Wonen", thema="wonen")
    block = ready_to_publish(
        BouwsteenFactory(organisatie=cast.utrecht, gepubliceerd=True)
    )
    services.behoefte_close(user=OPERATOR, behoefte=wonen, bouwsteen=block)

    def titles(**params):
        return {n["titel"] for n in anonymous.get(LIST, params).json()["results"]}

    assert titles(thema="wonen") == {"Wonen"}
    assert titles(organisatie="GM0363") == {"Jeugd"}
    assert titles(organisatieSoort="gemeente") == {"Jeugd", "Wonen"}
    assert titles(organisatieSoort="provincie") == set()
    assert titles(status="gesloten") == {"Wonen"}
    assert titles(status="open") == {"Jeugd"}
    closed = anonymous.get(f"{LIST}/{wonen.uuid}").json()
    assert closed["beantwoordDoor"]["uuid"] == str(block.uuid)
    response = anonymous.get(LIST, {"thema": "bestaat-niet"})
    assert_problem(response, 400)
    assert invalid_names(response) == {"thema"}


def test_a_need_has_an_etag_and_a_stale_write_is_a_412(client_for, cast):
    need = make_need(organisatie=cast.amsterdam, status="concept")
    client = client_for("redacteur")
    response = client.get(f"{LIST}/{need.uuid}")
    etag = response["ETag"]
    assert client.get(f"{LIST}/{need.uuid}", HTTP_IF_NONE_MATCH=etag).status_code == 304
    changed = client.patch(
        f"{LIST}/{need.uuid}", {"titel": "Scherper"}, format="json", HTTP_IF_MATCH=etag
    )
    assert changed.status_code == 200 and changed["ETag"] != etag
    stale = client.patch(
        f"{LIST}/{need.uuid}", {"titel": "Oud"}, format="json", HTTP_IF_MATCH=etag
    )
    assert_problem(stale, 412)


def test_creating_names_wrong_fields_and_the_new_need(client_for):
    client = client_for("redacteur")
    response = client.post(
        LIST,
        {
            "titel": "",
            "beschrijving": "x",
            "organisatie": "GM0363",
            "lagen": ["dak"],
            "contactpunt": {"email": "geen-adres"},
        },
        format="json",
    )
    assert_problem(response, 400)
    assert invalid_names(response) == {"titel", "lagen", "contactpunt.email"}
    response = client.post(
        LIST,
        {
            "titel": "Open data over afval",
            "beschrijving": "Een dataset.",
            "organisatie": "GM0363",
            "levensfase": "productie",
            "lagen": ["data"],
        },
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert response["Location"] == body["url"]
    assert (body["publicatiestatus"], body["slug"], body["levensfase"]) == (
        "concept",
        "open-data-over-afval",
        "productie",
    )


def test_the_closest_blocks_and_who_joined(anonymous, cast):
    close = ready_to_publish(
        BouwsteenFactory(
            organisatie=cast.utrecht,
            gepubliceerd=True,
            naam="Dashboard wachttijden jeugdzorg",
        )
    )
    from bouwstenen import search

    search.reindex([close.pk])
    need = make_need(organisatie=cast.amsterdam)
    services.deelname_add(
        user=cast.users["ander"],
        behoefte=need,
        organisatie=cast.utrecht,
        values={"toelichting": "Ook per school.", "contact_email": "j@utrecht.example"},
    )
    matches = anonymous.get(f"{LIST}/{need.uuid}/vergelijkbaar").json()["results"]
    assert [m["uuid"] for m in matches] == [str(close.uuid)]
    assert 0 < matches[0]["gelijkenis"] <= 1
    joined = anonymous.get(f"{LIST}/{need.uuid}/deelnemers").json()
    assert [(d["organisatie"]["code"], d["toelichting"]) for d in joined] == [
        ("GM0344", "Ook per school.")
    ]
    assert joined[0]["contactpunt"]["email"] == "j@utrecht.example"
    one = anonymous.get(f"{LIST}/{need.uuid}/deelnemers/GM0344")
    assert one.status_code == 200
    assert_problem(anonymous.get(f"{LIST}/{need.uuid}/deelnemers/GM0363"), 404)


def test_closing_with_an_unknown_block_is_a_400_naming_the_field(client_for, cast):
    need = make_need(organisatie=cast.amsterdam)
    response = client_for("publicist").post(
        f"{LIST}/{need.uuid}/sluiten",
        {"bouwsteen": "00000000-0000-4000-8000-000000000000"},
        format="json",
    )
    assert_problem(response, 400)
    assert invalid_names(response) == {"bouwsteen"}
    response = client_for("publicist").post(
        f"{LIST}/{need.uuid}/sluiten", {"bouwsteen": "geen-uuid"}, format="json"
    )
    assert invalid_names(response) == {"bouwsteen"}
