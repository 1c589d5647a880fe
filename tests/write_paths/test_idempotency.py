"""Safe retries: every POST of the API that writes honours an Idempotency-Key.

A repeat with the same key answers the first answer (``Idempotent-Replayed: true``) and
stores nothing new; the same key with another body is a 422; another user's key is
another key; after ``REGISTRY_IDEMPOTENCY_HOURS`` a key may be used again.
"""

import datetime
import json

import pytest

from django.test import override_settings
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator

from bouwstenen import services
from bouwstenen.models import (
    Antwoord,
    Behoefte,
    Bouwsteen,
    BouwsteenConcept,
    Deelname,
    Hergebruik,
    Melding,
    Opschalingsantwoord,
    Overdracht,
    Relatie,
    Vraag,
)
from core.models import Idempotentiesleutel
from tests.interop.conftest import own_file
from tests.needs import make_need
from tests.write_paths.doors import API, api_client

pytestmark = pytest.mark.django_db

# POST routes that write nothing (a question answered from the catalogue).
READ_ONLY_POSTS = {"/bouwstenen/vergelijkbaar"}


def _hergebruik_gemeld(world):
    services.hergebruik_report(
        user=world.users["publicist"],
        bouwsteen=world.published,
        organisatie=world.utrecht,
        bron="de eigenaar",
    )
    return f"{API}/{world.published.uuid}/hergebruik/GM0344"


def _overdracht(world):
    overdracht = services.overdracht_request(
        user=world.users["publicist"], bouwsteen=world.published, naar=world.utrecht
    )
    return f"{API}/{world.published.uuid}/overdrachten/{overdracht.uuid}"


def _submitted(world):
    services.bouwsteen_transition(
        bouwsteen=world.draft, user=world.users["redacteur"], actie="indienen"
    )
    return f"{API}/{world.draft.uuid}"


def _archived(world):
    services.bouwsteen_transition(
        bouwsteen=world.published, user=world.users["publicist"], actie="archiveren"
    )
    return f"{API}/{world.published.uuid}"


NEEDS = "/api/v1/behoeften"


def _need(world, status="gepubliceerd"):
    need = make_need(organisatie=world.amsterdam, status=status)
    return f"{NEEDS}/{need.uuid}"


def _asked(world) -> Vraag:
    return services.vraag_stellen(
        user=world.users["utrechter"],
        bouwsteen=world.published,
        titel="Hoe schaalt dit?",
        tekst="Wij willen het in Utrecht gebruiken.",
    )


def _vraag(world):
    return f"/api/v1/vragen/{_asked(world).uuid}"


def _antwoord(world):
    antwoord = services.vraag_beantwoorden(
        user=world.users["publicist"], vraag=_asked(world), tekst="Goed."
    )
    return f"/api/v1/antwoorden/{antwoord.uuid}"


# path in the OpenAPI document: (who, url(world), body, another body)
POSTS = {
    "/bouwstenen": (
        "redacteur",
        lambda w: API,
        {
            "naam": "Nieuw dashboard",
            "soort": "datatoepassing",
            "samenvatting": "Een nieuw dashboard.",
            "organisatie": "GM0363",
            "licentie": "EUPL-1.2",
        },
        {
            "naam": "Een ander dashboard",
            "soort": "datatoepassing",
            "samenvatting": "Iets anders.",
            "organisatie": "GM0363",
            "licentie": "EUPL-1.2",
        },
    ),
    "/bouwstenen/{uuid}/indienen": (
        "redacteur",
        lambda w: f"{API}/{w.draft.uuid}/indienen",
        None,
        {"reden": "iets anders"},
    ),
    "/bouwstenen/{uuid}/publiceren": (
        "publicist",
        lambda w: _submitted(w) + "/publiceren",
        None,
        {"x": 1},
    ),
    "/bouwstenen/{uuid}/terugsturen": (
        "publicist",
        lambda w: _submitted(w) + "/terugsturen",
        {"reden": "Graag meer uitleg."},
        {"reden": "Iets anders."},
    ),
    "/bouwstenen/{uuid}/archiveren": (
        "publicist",
        lambda w: f"{API}/{w.published.uuid}/archiveren",
        None,
        {"x": 1},
    ),
    "/bouwstenen/{uuid}/herstellen": (
        "publicist",
        lambda w: _archived(w) + "/herstellen",
        None,
        {"x": 1},
    ),
    "/bouwstenen/{uuid}/relaties": (
        "redacteur",
        lambda w: f"{API}/{w.draft.uuid}/relaties",
        lambda w: {"type": "gebruikt", "naar": str(w.published.uuid)},
        lambda w: {"type": "onderdeel-van", "naar": str(w.published.uuid)},
    ),
    "/bouwstenen/import-publiccode": (
        "publicist",
        lambda w: f"{API}/import-publiccode",
        {
            "inhoud": own_file("volledig-nl.yml")
            .read_text()
            .replace("wachttijdenmonitor-wmo", "wachttijden-amsterdam")
            .replace("gemeente/gm0344", "gemeente/gm0363")
        },
        {"inhoud": "name: anders"},
    ),
    "/bouwstenen/{uuid}/hergebruik": (
        "ander",
        lambda w: f"{API}/{w.published.uuid}/hergebruik",
        {"organisatie": "GM0344", "stadium": "pilot"},
        {"organisatie": "GM0344", "stadium": "in-gebruik"},
    ),
    "/bouwstenen/{uuid}/hergebruik/{organisatie}/bevestigen": (
        "utrechter",
        lambda w: _hergebruik_gemeld(w) + "/bevestigen",
        {"stadium": "pilot"},
        {"stadium": "gestopt"},
    ),
    "/bouwstenen/{uuid}/hergebruik/{organisatie}/afwijzen": (
        "utrechter",
        lambda w: _hergebruik_gemeld(w) + "/afwijzen",
        {"reden": "Niet bij ons."},
        {"reden": "Anders."},
    ),
    "/bouwstenen/{uuid}/overdrachten": (
        "publicist",
        lambda w: f"{API}/{w.published.uuid}/overdrachten",
        {"naar": "GM0344"},
        {"naar": "GM0599"},
    ),
    "/bouwstenen/{uuid}/overdrachten/{id}/accepteren": (
        "ander",
        lambda w: _overdracht(w) + "/accepteren",
        {},
        {"toelichting": "anders"},
    ),
    "/bouwstenen/{uuid}/overdrachten/{id}/afwijzen": (
        "ander",
        lambda w: _overdracht(w) + "/afwijzen",
        {},
        {"toelichting": "anders"},
    ),
    "/bouwstenen/{uuid}/overdrachten/{id}/intrekken": (
        "publicist",
        lambda w: _overdracht(w) + "/intrekken",
        {},
        {"toelichting": "anders"},
    ),
    "/behoeften": (
        "redacteur",
        lambda w: NEEDS,
        {"titel": "Chatbot afval", "beschrijving": "x", "organisatie": "GM0363"},
        {"titel": "Iets anders", "beschrijving": "y", "organisatie": "GM0363"},
    ),
    "/behoeften/{uuid}/indienen": (
        "redacteur",
        lambda w: _need(w, "concept") + "/indienen",
        None,
        {"x": 1},
    ),
    "/behoeften/{uuid}/publiceren": (
        "publicist",
        lambda w: _need(w, "ter-beoordeling") + "/publiceren",
        None,
        {"x": 1},
    ),
    "/behoeften/{uuid}/terugsturen": (
        "publicist",
        lambda w: _need(w, "ter-beoordeling") + "/terugsturen",
        {"reden": "Voor wie?"},
        {"reden": "Iets anders."},
    ),
    "/behoeften/{uuid}/archiveren": (
        "publicist",
        lambda w: _need(w) + "/archiveren",
        None,
        {"x": 1},
    ),
    "/behoeften/{uuid}/herstellen": (
        "publicist",
        lambda w: _need(w, "gearchiveerd") + "/herstellen",
        None,
        {"x": 1},
    ),
    "/behoeften/{uuid}/sluiten": (
        "publicist",
        lambda w: _need(w) + "/sluiten",
        lambda w: {"bouwsteen": str(w.published.uuid)},
        lambda w: {"bouwsteen": str(w.imported.uuid)},
    ),
    "/behoeften/{uuid}/deelnemers": (
        "ander",
        lambda w: _need(w) + "/deelnemers",
        {"organisatie": "GM0344"},
        {"organisatie": "GM0344", "toelichting": "anders"},
    ),
    "/bouwstenen/{uuid}/vragen": (
        "utrechter",
        lambda w: f"{API}/{w.published.uuid}/vragen",
        {"titel": "Werkt dit ook voor Wmo?", "tekst": "Graag uitleg."},
        {"titel": "Iets anders", "tekst": "Anders."},
    ),
    "/vragen/{id}/antwoorden": (
        "publicist",
        lambda w: _vraag(w) + "/antwoorden",
        {"tekst": "Ja."},
        {"tekst": "Nee."},
    ),
    "/vragen/{id}/afsluiten": (
        "utrechter",
        lambda w: _vraag(w) + "/afsluiten",
        None,
        {"x": 1},
    ),
    "/vragen/{id}/meldingen": (
        "publicist",
        lambda w: _vraag(w) + "/meldingen",
        {"reden": "spam"},
        {"reden": "onjuist"},
    ),
    "/antwoorden/{id}/meldingen": (
        "utrechter",
        lambda w: _antwoord(w) + "/meldingen",
        {"reden": "onjuist"},
        {"reden": "spam"},
    ),
}


def stored() -> tuple:
    return (
        sorted(
            Bouwsteen.objects.values_list("pk", "naam", "publicatiestatus", "versie")
        ),
        sorted(Hergebruik.objects.values_list("pk", "status", "stadium")),
        sorted(Relatie.objects.values_list("pk", "type")),
        sorted(Opschalingsantwoord.objects.values_list("pk", "antwoord")),
        sorted(BouwsteenConcept.objects.values_list("pk", "publicatiestatus")),
        sorted(Overdracht.objects.values_list("pk", "status")),
        sorted(
            Behoefte.objects.values_list(
                "pk", "titel", "publicatiestatus", "versie", "beantwoord_door_id"
            )
        ),
        sorted(Deelname.objects.values_list("pk", "organisatie_id")),
        sorted(Vraag.objects.values_list("pk", "status")),
        sorted(Antwoord.objects.values_list("pk", "tekst")),
        sorted(Melding.objects.values_list("pk", "reden")),
    )


def _value(item, world):
    return item(world) if callable(item) else item


def test_every_post_that_writes_is_in_this_table():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    posts = {path for path, ops in schema["paths"].items() if "post" in ops}
    assert posts - READ_ONLY_POSTS == set(POSTS)


@pytest.mark.parametrize("path", POSTS)
def test_a_retry_with_the_same_key_answers_the_first_answer(world, path):
    who, url, body, other = POSTS[path]
    url, body, other = url(world), _value(body, world), _value(other, world)
    client = api_client(world.users[who])
    first = client.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="sleutel-1")
    assert 200 <= first.status_code < 300, first.content
    after_first = stored()

    again = client.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="sleutel-1")

    assert again.status_code == first.status_code
    assert again["Idempotent-Replayed"] == "true"
    assert json.loads(again.content) == json.loads(first.content)
    for header in ("Location", "ETag"):
        assert again.get(header) == first.get(header)
    assert stored() == after_first
    # The same key with another request is a mistake of the client.
    reused = client.post(url, other, format="json", HTTP_IDEMPOTENCY_KEY="sleutel-1")
    assert reused.status_code == 422, reused.content
    assert reused.json()["code"] == "idempotency_key_reused"
    assert stored() == after_first


def test_keys_are_per_user_and_expire(world):
    who, url, body, _other = POSTS["/bouwstenen"]
    first = api_client(world.users["redacteur"]).post(
        url(world), body, format="json", HTTP_IDEMPOTENCY_KEY="gedeeld"
    )
    # Another user's identical key is another key: a second block.
    second = api_client(world.users["publicist"]).post(
        url(world), body, format="json", HTTP_IDEMPOTENCY_KEY="gedeeld"
    )
    assert first.status_code == second.status_code == 201
    assert first.json()["uuid"] != second.json()["uuid"]
    Idempotentiesleutel.objects.update(
        aangemaakt_op=timezone.now() - datetime.timedelta(hours=25)
    )
    with override_settings(REGISTRY_IDEMPOTENCY_HOURS=24):
        later = api_client(world.users["redacteur"]).post(
            url(world), body, format="json", HTTP_IDEMPOTENCY_KEY="gedeeld"
        )
    assert later.status_code == 201 and "Idempotent-Replayed" not in later
    assert Bouwsteen.objects.filter(naam="Nieuw dashboard").count() == 3


def test_a_refused_request_is_not_stored_under_its_key(world):
    client = api_client(world.users["redacteur"])
    url = f"{API}/{world.draft.uuid}/publiceren"
    refused = client.post(url, HTTP_IDEMPOTENCY_KEY="te-vroeg")
    assert refused.status_code in (403, 409)
    assert not Idempotentiesleutel.objects.exists()


@pytest.mark.parametrize("key", ["", " ", "x" * 256, "sleutel\u00e9", "a\tb"])
def test_a_malformed_key_is_a_400_naming_the_header(world, key):
    response = api_client(world.users["redacteur"]).post(
        f"{API}/{world.draft.uuid}/indienen", HTTP_IDEMPOTENCY_KEY=key
    )
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == ["Idempotency-Key"]
    assert Bouwsteen.objects.get(pk=world.draft.pk).publicatiestatus == "concept"


def test_an_upload_is_recognised_by_its_content(world):
    """A multipart upload (a publiccode.yml, or anything else) has a fingerprint too:
    the same file again is a replay, another file with the same key a 422."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = api_client(world.users["ander"])
    url = f"{API}/import-publiccode"

    def upload(content: bytes):
        return client.post(
            url,
            {"bestand": SimpleUploadedFile("publiccode.yml", content), "proef": "true"},
            format="multipart",
            HTTP_IDEMPOTENCY_KEY="upload-1",
        )

    text = own_file("volledig-nl.yml").read_bytes()
    first = upload(text)
    assert first.status_code == 200, first.content
    again = upload(text)
    assert again["Idempotent-Replayed"] == "true"
    assert upload(b"\x89PNG\r\n\x1a\n\x00\x00binary").status_code == 422
