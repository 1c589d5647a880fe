"""Creating and changing building blocks: natural keys in, the same rules as the admin."""

import pytest
from reversion.models import Version

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bouwstenen.models import Bouwsteen
from registry.models import Referentiecomponent
from tests.api.helpers import assert_problem, invalid_names

pytestmark = pytest.mark.django_db

LIST = "/api/v1/bouwstenen"


def new_block(**overrides) -> dict:
    component = Referentiecomponent.objects.order_by("naam").first()
    body = {
        "naam": "Wachtlijstmonitor jeugdhulp",
        "soort": "datatoepassing",
        "vorm": "dashboard",
        "samenvatting": "Laat per wijk zien hoe lang jongeren op jeugdhulp wachten.",
        "beschrijving": "## Wat het doet\n\nWachttijden per wijk.",
        "organisatie": "GM0363",
        "levensfase": "pilot",
        "themas": ["jeugdzorg"],
        "referentiecomponenten": [str(component.gemma_id)],
        "lagen": ["interactie", "data"],
        "licentie": "eupl-1.2",
        "links": {"repository": "https://github.com/amsterdam/wachtlijstmonitor"},
        "contactpunt": {"naam": "Datalab", "email": "datalab@amsterdam.example"},
    }
    body.update(overrides)
    return body


def test_create_writes_natural_keys_and_returns_the_new_block(client_for, cast):
    response = client_for("redacteur").post(LIST, new_block(), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    bouwsteen = Bouwsteen.objects.get(uuid=body["uuid"])
    assert response["Location"] == body["url"]
    assert response["ETag"].startswith(f'"{bouwsteen.uuid}-1-')
    assert body["publicatiestatus"] == "concept"
    assert body["slug"] == "wachtlijstmonitor-jeugdhulp"
    assert body["licentie"] == "EUPL-1.2"
    assert body["organisatie"]["code"] == "GM0363"
    assert [thema["slug"] for thema in body["themas"]] == ["jeugdzorg"]
    assert body["lagen"] == ["interactie", "data"]
    assert body["links"]["repository"].endswith("/wachtlijstmonitor")
    assert bouwsteen.contact_email == "datalab@amsterdam.example"
    assert bouwsteen.repository_url.endswith("/wachtlijstmonitor")
    assert bouwsteen.referentiecomponenten.count() == 1
    # Through the service: with a history entry by this user.
    version = Version.objects.get_for_object(bouwsteen).get()
    assert version.revision.user == cast.users["redacteur"]


def test_a_taken_slug_gets_a_number(client_for, cast):
    first = client_for("redacteur").post(LIST, new_block(), format="json").json()
    second = client_for("redacteur").post(LIST, new_block(), format="json").json()
    assert (first["slug"], second["slug"]) == (
        "wachtlijstmonitor-jeugdhulp",
        "wachtlijstmonitor-jeugdhulp-2",
    )
    response = client_for("redacteur").post(
        LIST, new_block(slug=first["slug"]), format="json"
    )
    body = assert_problem(response, 400)
    assert body["invalidParams"] == [
        {
            "name": "slug",
            "code": "unique",
            "reason": "Deze slug is al in gebruik. Kies een andere.",
        }
    ]
    assert Bouwsteen.objects.count() == 2


def test_a_slug_is_checked_once_and_only_when_it_changes(client_for, cast):
    """Whether another block has the slug is the service's question, asked once on a
    create and not at all when a change keeps the block's own slug; its form is still
    the field's rule."""
    redacteur = client_for("redacteur")
    with CaptureQueriesContext(connection) as captured:
        first = redacteur.post(LIST, new_block(slug="eerste"), format="json")
    assert first.status_code == 201, first.content
    assert len(_asks_for_slug(captured, "eerste")) == 1
    second = redacteur.post(LIST, new_block(slug="tweede"), format="json").json()

    url = f"{LIST}/{second['uuid']}"
    with CaptureQueriesContext(connection) as captured:
        kept = redacteur.patch(
            url, {"slug": "tweede", "naam": "Nog steeds"}, format="json"
        )
    assert kept.status_code == 200, kept.content
    assert _asks_for_slug(captured, "tweede") == []

    taken = redacteur.patch(url, {"slug": "eerste"}, format="json")
    assert_problem(taken, 400)
    assert invalid_names(taken) == {"slug"}
    malformed = redacteur.patch(url, {"slug": "Met Spaties"}, format="json")
    assert_problem(malformed, 400)
    assert invalid_names(malformed) == {"slug"}
    # One reason per wrong field: the length is checked once.
    too_long = redacteur.patch(url, {"slug": "a" * 201}, format="json")
    assert [p["code"] for p in assert_problem(too_long, 400)["invalidParams"]] == [
        "max_length"
    ]
    assert Bouwsteen.objects.get(uuid=second["uuid"]).slug == "tweede"


def _asks_for_slug(captured, slug):
    return [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].startswith("SELECT") and f"\"slug\" = '{slug}'" in q["sql"]
    ]


def test_a_new_block_is_found_by_search_at_once(client_for, anonymous, cast):
    client_for("redacteur").post(LIST, new_block(), format="json")
    found = client_for("redacteur").get(LIST, {"q": "wachtlijstmonitor"}).json()
    assert [item["naam"] for item in found["results"]] == [
        "Wachtlijstmonitor jeugdhulp"
    ]


@pytest.mark.parametrize(
    ("overrides", "names"),
    [
        ({"soort": "app"}, {"soort"}),
        ({"levensfase": "klaar"}, {"levensfase"}),
        ({"organisatie": "GM9999"}, {"organisatie"}),
        ({"organisatie": 363}, {"organisatie"}),
        ({"themas": ["bestaat-niet"]}, {"themas"}),
        ({"themas": "jeugdzorg"}, {"themas"}),
        ({"themas": {}}, {"themas"}),
        ({"lagen": {"data": 1}}, {"lagen"}),
        ({"lagen": ["fundament"]}, {"lagen"}),
        ({"referentiecomponenten": ["geen-uuid"]}, {"referentiecomponenten"}),
        ({"licentie": "Gemeentelicentie-1.0"}, {"licentie"}),
        ({"naam": "x" * 201}, {"naam"}),
        ({"samenvatting": "x" * 301}, {"samenvatting"}),
        ({"contactpunt": {"email": "geen-adres"}}, {"contactpunt.email"}),
        ({"links": {"demo": "geen url"}}, {"links.demo"}),
        ({"links": "geen object"}, {"links"}),
        ({"naam": None}, {"naam"}),
        ({"naam": 0}, {"naam"}),
        ({"slug": 123}, {"slug"}),
        ({"contactpunt": {"naam": 1.5}}, {"contactpunt.naam"}),
        ({"naam": "nul\x00teken"}, {"naam"}),
    ],
)
def test_invalid_input_names_each_wrong_field(client_for, cast, overrides, names):
    response = client_for("redacteur").post(LIST, new_block(**overrides), format="json")
    assert_problem(response, 400, "invalid")
    assert invalid_names(response) == names
    assert not Bouwsteen.objects.exists()


def test_required_fields_are_named(client_for, cast):
    response = client_for("redacteur").post(LIST, {}, format="json")
    assert invalid_names(response) == {
        "naam",
        "soort",
        "samenvatting",
        "organisatie",
        "licentie",
    }
    assert {p["code"] for p in response.json()["invalidParams"]} == {"required"}


def test_model_rules_come_back_under_the_api_names(client_for, cast):
    response = client_for("redacteur").post(
        LIST, new_block(soort="werkwijze", vorm="dashboard"), format="json"
    )
    assert_problem(response, 400)
    assert "vorm" in invalid_names(response)


def test_put_replaces_and_patch_changes_only_what_is_sent(client_for, cast):
    created = client_for("redacteur").post(LIST, new_block(), format="json").json()
    url = created["url"]

    patched = client_for("redacteur").patch(
        url, {"links": {"demo": "https://demo.example/monitor"}}, format="json"
    )
    assert patched.status_code == 200, patched.content
    links = patched.json()["links"]
    assert links["demo"] == "https://demo.example/monitor"
    assert links["repository"].endswith("/wachtlijstmonitor")
    assert patched.json()["versie"] == 2
    assert patched["ETag"].startswith(f'"{created["uuid"]}-2-')

    replaced = client_for("redacteur").put(
        url,
        new_block(naam="Wachtlijstmonitor", themas=[], lagen=["data"], vorm=None),
        format="json",
    )
    assert replaced.status_code == 200, replaced.content
    body = replaced.json()
    assert body["naam"] == "Wachtlijstmonitor"
    assert body["themas"] == [] and body["lagen"] == ["data"]
    assert body["vorm"] is None
    assert body["slug"] == "wachtlijstmonitor-jeugdhulp"

    incomplete = client_for("redacteur").put(
        url, {"naam": "Alleen een naam"}, format="json"
    )
    assert_problem(incomplete, 400)


def test_publicatiestatus_is_read_only(client_for, cast):
    response = client_for("redacteur").post(
        LIST, new_block(publicatiestatus="gepubliceerd"), format="json"
    )
    assert response.json()["publicatiestatus"] == "concept"


def test_a_block_cannot_be_given_away(client_for, cast):
    url = client_for("redacteur").post(LIST, new_block(), format="json").json()["url"]
    response = client_for("redacteur").patch(
        url, {"organisatie": "GM0344"}, format="json"
    )
    body = assert_problem(response, 403, "eigenaar")
    assert "overdracht" in body["detail"]
    assert Bouwsteen.objects.get().organisatie == cast.amsterdam


def test_delete_archives_and_never_destroys(client_for, blocks):
    bouwsteen = blocks["gepubliceerd"]
    response = client_for("publicist").delete(f"{LIST}/{bouwsteen.uuid}")
    assert response.status_code == 200
    assert response.json()["publicatiestatus"] == "gearchiveerd"
    bouwsteen.refresh_from_db()
    assert bouwsteen.publicatiestatus == "gearchiveerd"
