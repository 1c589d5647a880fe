"""The API of questions: reading what one may see, writing through the services,
problem documents with the field, the posting limit as 429, constant query counts."""

import pytest

from django.test import override_settings
from rest_framework.test import APIClient

from bouwstenen import services
from bouwstenen.models import Antwoord, Melding, Vraag
from tests.api.helpers import assert_problem, invalid_names
from tests.vragen.conftest import answer, ask

pytestmark = pytest.mark.django_db


def client(world, who=None) -> APIClient:
    c = APIClient()
    if who:
        c.credentials(HTTP_AUTHORIZATION=f"Token {world.keys[who]}")
    return c


def vragen_url(world) -> str:
    return f"/api/v1/bouwstenen/{world.block.uuid}/vragen"


def test_asking_and_answering_through_the_api(world):
    response = client(world, "vrager").post(
        vragen_url(world),
        {
            "titel": "Werkt dit met Suite4Jeugd?",
            "tekst": "Wij gebruiken *Suite4Jeugd*.",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert response["Location"] == body["url"]
    assert body["organisatie"]["code"] == "GM0344"
    assert body["bouwsteen"]["uuid"] == str(world.block.uuid)
    assert body["status"] == "open" and body["besloten"] is False
    assert body["aantalAntwoorden"] == 0

    answered = client(world, "eigenaar").post(
        body["antwoorden"], {"tekst": "Ja, via de koppeling."}, format="json"
    )
    assert answered.status_code == 201, answered.content
    assert answered.json()["organisatie"]["code"] == "GM0363"
    assert answered["Location"] == answered.json()["url"]
    assert client(world).get(answered["Location"]).json()["tekst"] == (
        "Ja, via de koppeling."
    )

    listed = client(world).get(body["antwoorden"]).json()
    assert [a["tekst"] for a in listed["results"]] == ["Ja, via de koppeling."]
    thread = client(world).get(body["url"]).json()
    assert thread["aantalAntwoorden"] == 1

    closed = client(world, "vrager2").post(body["url"] + "/afsluiten")
    assert closed.status_code == 200 and closed.json()["status"] == "beantwoord"
    assert closed.json()["afgeslotenOp"]
    late = client(world, "eigenaar").post(
        body["antwoorden"], {"tekst": "Nog iets."}, format="json"
    )
    assert_problem(late, 409, "conflict")


def test_bad_input_is_a_problem_with_the_field(world):
    response = client(world, "vrager").post(
        vragen_url(world), {"titel": "", "tekst": 5, "besloten": "ja?"}, format="json"
    )
    assert_problem(response, 400, "invalid")
    assert invalid_names(response) == {"titel", "tekst", "besloten"}
    response = client(world, "vrager").post(
        vragen_url(world), {"titel": "Twee\nregels", "tekst": "x"}, format="json"
    )
    assert invalid_names(response) == {"titel"}
    vraag = ask(world)
    response = client(world, "derde").post(
        f"/api/v1/vragen/{vraag.uuid}/meldingen", {"reden": "boos"}, format="json"
    )
    assert_problem(response, 400)
    assert invalid_names(response) == {"reden"}
    assert not Vraag.objects.exclude(pk=vraag.pk).exists()
    assert not Melding.objects.exists()


def test_who_may_write_what(world):
    vraag = ask(world)
    url = f"/api/v1/vragen/{vraag.uuid}"
    assert_problem(client(world).post(vragen_url(world), {}, format="json"), 401)
    assert_problem(
        client(world, "geen-lid").post(
            vragen_url(world), {"titel": "a", "tekst": "b"}, format="json"
        ),
        403,
    )
    assert_problem(
        client(world, "derde").post(url + "/antwoorden", {"tekst": "b"}, format="json"),
        403,
    )
    assert_problem(client(world, "derde").post(url + "/afsluiten"), 403)
    draft = client(world, "vrager").post(
        f"/api/v1/bouwstenen/{world.draft.uuid}/vragen",
        {"titel": "a", "tekst": "b"},
        format="json",
    )
    assert_problem(draft, 404)
    assert Antwoord.objects.count() == 0 and Vraag.objects.count() == 1


def test_a_private_question_does_not_exist_for_others(world):
    private = ask(world, besloten=True, titel="Besloten")
    public = ask(world, titel="Openbaar")
    reply = answer(world, private)
    paths = [
        f"/api/v1/vragen/{private.uuid}",
        f"/api/v1/vragen/{private.uuid}/antwoorden",
        f"/api/v1/antwoorden/{reply.uuid}",
    ]
    for who in (None, "derde", "beheerder"):
        listed = client(world, who).get(vragen_url(world)).json()
        assert [v["titel"] for v in listed["results"]] == ["Openbaar"]
        assert listed["count"] == 1
        for path in paths:
            assert_problem(client(world, who).get(path), 404)
        if who:
            for path, body in (
                (paths[0] + "/meldingen", {"reden": "spam"}),
                (paths[2] + "/meldingen", {"reden": "spam"}),
                (paths[1], {"tekst": "Ik ook"}),
                (paths[0] + "/afsluiten", {}),
            ):
                assert_problem(client(world, who).post(path, body, format="json"), 404)
    for who in ("eigenaar", "vrager2"):
        listed = client(world, who).get(vragen_url(world)).json()
        assert {v["titel"] for v in listed["results"]} == {"Besloten", "Openbaar"}
        for path in paths:
            assert client(world, who).get(path).status_code == 200
    assert public


def test_reports_and_hidden_messages(world):
    vraag = ask(world)
    reply = answer(world, vraag)
    response = client(world, "derde").post(
        f"/api/v1/antwoorden/{reply.uuid}/meldingen",
        {"reden": "persoonsgegevens", "toelichting": "Er staat een BSN in."},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "open"
    again = client(world, "derde").post(
        f"/api/v1/antwoorden/{reply.uuid}/meldingen", {"reden": "spam"}, format="json"
    )
    assert_problem(again, 409)
    assert_problem(
        client(world).post(
            f"/api/v1/vragen/{vraag.uuid}/meldingen", {"reden": "spam"}, format="json"
        ),
        401,
    )
    services.melding_afhandelen(
        user=world.users["beheerder"],
        melding=Melding.objects.get(),
        verbergen=True,
    )
    for who in (None, "eigenaar", "vrager"):
        assert_problem(client(world, who).get(f"/api/v1/antwoorden/{reply.uuid}"), 404)
        listed = client(world, who).get(f"/api/v1/vragen/{vraag.uuid}/antwoorden")
        assert listed.json()["results"] == []
        assert (
            client(world, who)
            .get(f"/api/v1/vragen/{vraag.uuid}")
            .json()["aantalAntwoorden"]
            == 0
        )


@override_settings(VRAGEN_POST_RATE="2/minute")
def test_posting_too_often_is_a_429_with_retry_after(world):
    for n in range(2):
        response = client(world, "vrager").post(
            vragen_url(world), {"titel": f"Vraag {n}", "tekst": "t"}, format="json"
        )
        assert response.status_code == 201
    response = client(world, "vrager").post(
        vragen_url(world), {"titel": "Vraag 3", "tekst": "t"}, format="json"
    )
    assert_problem(response, 429, "throttled")
    assert 1 <= int(response["Retry-After"]) <= 60
    assert Vraag.objects.count() == 2


@override_settings(VRAGEN_POST_RATE="1000/hour")
def test_list_queries_do_not_grow(world, django_assert_max_num_queries):
    def fill(n):
        for i in range(n):
            vraag = ask(world, titel=f"Vraag {Vraag.objects.count()} {i}")
            answer(world, vraag)
            answer(world, vraag, "Tweede antwoord")

    fill(2)
    vraag = Vraag.objects.first()
    urls = [vragen_url(world), f"/api/v1/vragen/{vraag.uuid}/antwoorden"]
    # The block (or the question), the count and the page; a member adds their roles.
    for url in urls:
        for who, ceiling in ((None, 3), ("eigenaar", 5)):
            with django_assert_max_num_queries(ceiling):
                assert client(world, who).get(url).status_code == 200
    fill(15)
    for url in urls:
        for who, ceiling in ((None, 3), ("eigenaar", 5)):
            with django_assert_max_num_queries(ceiling):
                assert client(world, who).get(url).status_code == 200
