"""The opschalingscheck and relations in a block's representation, written by its owner,
and the derived figures (reuse counts, score) in lists: shown, filtered and sorted on."""

import pytest

from bouwstenen.constants import Voorwaarde
from bouwstenen.models import Hergebruik, Opschalingsantwoord, Relatie
from registry.models import Organisatie
from tests.api.helpers import assert_problem, invalid_names, ready_to_publish
from tests.factories import BouwsteenFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/bouwstenen"


@pytest.fixture
def blok(blocks):
    """A draft whose check nobody has answered yet: its owner's answers and relations
    change it in place (a published block gets them in its concept, see the tests at
    the end)."""
    blocks["concept"].opschalingsantwoorden.all().delete()
    return blocks["concept"]


def check_url(bouwsteen) -> str:
    return f"{LIST}/{bouwsteen.uuid}/opschalingscheck"


def answer(client, bouwsteen, *antwoorden, **headers):
    return client.patch(
        check_url(bouwsteen), {"antwoorden": list(antwoorden)}, format="json", **headers
    )


def by_code(body) -> dict:
    return {v["voorwaarde"]: v for v in body["opschalingscheck"]["voorwaarden"]}


# --- the opschalingscheck -----------------------------------------------------------


def test_the_detail_lists_every_precondition_answered_or_not(client_for, blok):
    body = client_for("redacteur").get(f"{LIST}/{blok.uuid}").json()
    assert body["opschalingsscore"] is None
    check = body["opschalingscheck"]
    assert check["beantwoord"] == 0
    assert [v["voorwaarde"] for v in check["voorwaarden"]] == Voorwaarde.values
    dpia = by_code(body)["dpia"]
    assert dpia["naam"] == "DPIA uitgevoerd" and dpia["uitleg"]
    assert (dpia["antwoord"], dpia["toelichting"], dpia["bewijs"]) == (None, "", None)
    assert dpia["ontbreekt"] is True


def test_the_owner_answers_and_the_score_follows_deels_and_nvt(client_for, blok):
    response = answer(
        client_for("publicist"),
        blok,
        {
            "voorwaarde": "dpia",
            "antwoord": "ja",
            "toelichting": "DPIA vastgesteld in 2024.",
            "bewijs": "https://amsterdam.example/dpia.pdf",
        },
        {"voorwaarde": "roadmap", "antwoord": "ja"},
        {"voorwaarde": "documentatie", "antwoord": "deels"},
        {"voorwaarde": "gebruikerstesten", "antwoord": "nee"},
        {"voorwaarde": "open-licentie-en-broncode", "antwoord": "nvt"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    # 2 x ja + 1 x deels out of 13 applicable preconditions (one is n.v.t.).
    assert body["opschalingsscore"] == pytest.approx(100 * 2.5 / 13)
    assert body["opschalingscheck"]["beantwoord"] == 5
    dpia = by_code(body)["dpia"]
    assert dpia["antwoord"] == "ja" and dpia["ontbreekt"] is False
    assert dpia["bewijs"] == "https://amsterdam.example/dpia.pdf"
    assert by_code(body)["documentatie"]["ontbreekt"] is True
    assert by_code(body)["open-licentie-en-broncode"]["ontbreekt"] is False
    listed = client_for("redacteur").get(LIST).json()["results"]
    assert {b["uuid"]: b["opschalingsscore"] for b in listed}[str(blok.uuid)] == (
        pytest.approx(100 * 2.5 / 13)
    )


def test_what_is_not_sent_stays_as_it_was(client_for, blok):
    client = client_for("publicist")
    answer(
        client,
        blok,
        {"voorwaarde": "dpia", "antwoord": "deels", "toelichting": "Loopt nog."},
        {"voorwaarde": "roadmap", "antwoord": "ja"},
    )
    response = answer(client, blok, {"voorwaarde": "dpia", "antwoord": "ja"})
    assert response.status_code == 200
    answers = by_code(response.json())
    assert answers["dpia"]["toelichting"] == "Loopt nog."
    assert answers["roadmap"]["antwoord"] == "ja"
    cleared = answer(client, blok, {"voorwaarde": "dpia", "bewijs": None})
    assert by_code(cleared.json())["dpia"]["antwoord"] == "ja"
    nothing = client.patch(check_url(blok), {}, format="json")
    assert nothing.status_code == 200
    assert nothing["ETag"] == client.get(f"{LIST}/{blok.uuid}")["ETag"]


@pytest.mark.parametrize(
    ("antwoorden", "field"),
    [
        ([{"voorwaarde": "dpia", "antwoord": "misschien"}], "antwoorden.0.antwoord"),
        ([{"voorwaarde": "dpia", "antwoord": None}], "antwoorden.0.antwoord"),
        ([{"voorwaarde": "geluk", "antwoord": "ja"}], "antwoorden.0.voorwaarde"),
        ([{"antwoord": "ja"}], "antwoorden.0.voorwaarde"),
        (
            [{"voorwaarde": "roadmap", "antwoord": "ja"}, {"voorwaarde": "dpia"}],
            "antwoorden.1.antwoord",
        ),
        (
            [{"voorwaarde": "dpia", "antwoord": "ja", "bewijs": "geen link"}],
            "antwoorden.0.bewijs",
        ),
        (
            [
                {"voorwaarde": "dpia", "antwoord": "ja"},
                {"voorwaarde": "dpia", "antwoord": "nee"},
            ],
            "antwoorden",
        ),
        ("dpia", "antwoorden"),
    ],
)
def test_a_wrong_answer_is_a_400_naming_the_field(client_for, blok, antwoorden, field):
    response = client_for("publicist").patch(
        check_url(blok), {"antwoorden": antwoorden}, format="json"
    )
    assert_problem(response, 400, "invalid")
    assert invalid_names(response) == {field}
    assert not blok.opschalingsantwoorden.exists()


def test_a_stale_if_match_changes_nothing(client_for, blok):
    client = client_for("publicist")
    etag = client.get(f"{LIST}/{blok.uuid}")["ETag"]
    first = answer(
        client, blok, {"voorwaarde": "dpia", "antwoord": "ja"}, HTTP_IF_MATCH=etag
    )
    assert first.status_code == 200
    assert first["ETag"] != etag
    stale = answer(
        client, blok, {"voorwaarde": "dpia", "antwoord": "nee"}, HTTP_IF_MATCH=etag
    )
    assert_problem(stale, 412)
    assert blok.opschalingsantwoorden.get().antwoord == "ja"


def test_a_harvested_block_is_read_only(client_for, blok):
    blok.bron_register = "https://ander-register.example"
    blok.bron_uuid = blok.uuid
    blok.save()
    response = answer(
        client_for("publicist"), blok, {"voorwaarde": "dpia", "antwoord": "ja"}
    )
    assert_problem(response, 403)


# --- relations --------------------------------------------------------------------


@pytest.fixture
def andere(cast):
    return ready_to_publish(
        BouwsteenFactory(
            organisatie=cast.utrecht, gepubliceerd=True, naam="Utrechts blok"
        )
    )


def relate(client, van, naar, type_="gebruikt", **headers):
    return client.post(
        f"{LIST}/{van.uuid}/relaties",
        {"type": type_, "naar": str(naar.uuid)},
        format="json",
        **headers,
    )


def test_a_relation_shows_in_both_directions(client_for, anonymous, blok, andere):
    response = relate(client_for("publicist"), blok, andere, "gebaseerd-op")
    assert response.status_code == 200, response.content
    assert response.json()["relaties"] == [
        {
            "type": "gebaseerd-op",
            "richting": "uit",
            "omschrijving": "is gebaseerd op",
            "bouwsteen": {
                "url": f"http://testserver{LIST}/{andere.uuid}",
                "uuid": str(andere.uuid),
                "naam": "Utrechts blok",
                "organisatie": {
                    "url": "http://testserver/api/v1/organisaties/GM0344",
                    "code": "GM0344",
                    "naam": "Utrecht",
                    "soort": "gemeente",
                },
            },
        }
    ]
    # Amsterdam's members see their draft point at Utrecht's block; strangers do not.
    other = client_for("redacteur").get(f"{LIST}/{andere.uuid}").json()["relaties"]
    assert [
        (r["richting"], r["omschrijving"], r["bouwsteen"]["uuid"]) for r in other
    ] == [("in", "is de basis voor", str(blok.uuid))]
    assert anonymous.get(f"{LIST}/{andere.uuid}").json()["relaties"] == []


def test_a_relation_is_removed_by_its_type_and_target(client_for, blok, andere):
    client = client_for("publicist")
    relate(client, blok, andere)
    url = f"{LIST}/{blok.uuid}/relaties/gebruikt/{andere.uuid}"
    assert_problem(
        client.delete(f"{LIST}/{blok.uuid}/relaties/onderdeel-van/{andere.uuid}"), 404
    )
    assert_problem(
        client.delete(f"{LIST}/{blok.uuid}/relaties/gebruikt/geen-uuid"), 404
    )
    response = client.delete(url)
    assert response.status_code == 200
    assert response.json()["relaties"] == []
    assert not Relatie.objects.exists()
    assert_problem(client.delete(url), 404)


def test_no_duplicate_relation_and_none_to_itself(client_for, blok, andere):
    client = client_for("publicist")
    assert relate(client, blok, andere).status_code == 200
    assert_problem(relate(client, blok, andere), 409, "conflict")
    # Another type to the same block is another relation.
    assert relate(client, blok, andere, "alternatief-voor").status_code == 200
    itself = relate(client, blok, blok)
    assert_problem(itself, 400)
    assert invalid_names(itself) == {"naar"}
    assert Relatie.objects.count() == 2


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"type": "houdt-van", "naar": None}, {"type", "naar"}),
        ({"type": "gebruikt"}, {"naar"}),
        ({"type": "gebruikt", "naar": "geen-uuid"}, {"naar"}),
        (
            {"type": "gebruikt", "naar": "00000000-0000-0000-0000-000000000000"},
            {"naar"},
        ),
    ],
)
def test_a_wrong_relation_is_a_400_naming_the_field(client_for, blok, body, field):
    response = client_for("publicist").post(
        f"{LIST}/{blok.uuid}/relaties", body, format="json"
    )
    assert_problem(response, 400)
    assert invalid_names(response) == field


def publish_concept(client_for, bouwsteen):
    """Amsterdam's publicist submits the concept, the second publicist publishes it."""
    url = f"{LIST}/{bouwsteen.uuid}"
    assert client_for("publicist").post(f"{url}/indienen").status_code == 200
    response = client_for("publicist2").post(f"{url}/publiceren")
    assert response.status_code == 200, response.content
    return response


def test_a_draft_of_another_organisation_is_unknown_and_hidden(
    client_for, anonymous, blocks
):
    published = blocks["gepubliceerd"]
    hidden = relate(client_for("publicist"), published, blocks["concept-utrecht"])
    assert_problem(hidden, 400)
    assert invalid_names(hidden) == {"naar"}
    # Amsterdam relates to its own draft: its members see it, strangers do not.
    assert (
        relate(client_for("publicist"), published, blocks["concept"]).status_code == 200
    )
    publish_concept(client_for, published)
    assert anonymous.get(f"{LIST}/{published.uuid}").json()["relaties"] == []
    own = client_for("redacteur").get(f"{LIST}/{published.uuid}").json()["relaties"]
    assert [r["bouwsteen"]["naam"] for r in own] == ["Concept A"]


# --- a published block: answers and relations wait in its concept --------------------


def test_answers_to_a_published_block_wait_for_a_second_person(
    client_for, anonymous, blocks
):
    published = blocks["gepubliceerd"]
    # Complete, every precondition answered "n.v.t."; the publicist says DPIA is done.
    response = answer(
        client_for("publicist"), published, {"voorwaarde": "dpia", "antwoord": "ja"}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    # The answer shows the public block as it still is, and where the concept is.
    assert by_code(body)["dpia"]["antwoord"] == "nvt"
    assert body["concept"]["status"] == "concept"
    concept = client_for("redacteur").get(body["concept"]["url"]).json()
    assert by_code(concept)["dpia"]["antwoord"] == "ja"
    assert (
        by_code(anonymous.get(f"{LIST}/{published.uuid}").json())["dpia"]["antwoord"]
        == "nvt"
    )
    assert anonymous.get(f"{LIST}/{published.uuid}").json()["concept"] is None
    assert_problem(anonymous.get(body["concept"]["url"]), 404)
    # The one who gave the answer does not publish it alone.
    url = f"{LIST}/{published.uuid}"
    assert client_for("publicist").post(f"{url}/indienen").status_code == 200
    refused = assert_problem(client_for("publicist").post(f"{url}/publiceren"), 403)
    assert refused["code"] == "vier_ogen"
    done = client_for("publicist2").post(f"{url}/publiceren").json()
    assert by_code(done)["dpia"]["antwoord"] == "ja" and done["concept"] is None
    assert by_code(anonymous.get(url).json())["dpia"]["antwoord"] == "ja"
    assert published.opschalingsantwoorden.get(voorwaarde="dpia").antwoord == "ja"


def test_a_relation_of_a_published_block_waits_for_a_second_person(
    client_for, anonymous, blocks, andere
):
    published = blocks["gepubliceerd"]
    assert relate(client_for("redacteur"), published, andere).status_code == 200
    assert not Relatie.objects.exists()
    assert anonymous.get(f"{LIST}/{published.uuid}").json()["relaties"] == []
    assert_problem(relate(client_for("redacteur"), published, andere), 409)
    publish_concept(client_for, published)
    assert Relatie.objects.get().naar == andere


# --- derived figures in lists: shown, filtered, sorted -------------------------------


@pytest.fixture
def scored(cast):
    """Four published blocks with known scores and reuse."""
    reusers = list(Organisatie.objects.filter(soort="gemeente").order_by("code")[:4])

    def block(naam, antwoorden, stadia):
        bouwsteen = BouwsteenFactory(
            naam=naam, organisatie=cast.amsterdam, gepubliceerd=True
        )
        for voorwaarde, antwoord in zip(Voorwaarde.values, antwoorden, strict=False):
            Opschalingsantwoord.objects.create(
                bouwsteen=bouwsteen, voorwaarde=voorwaarde, antwoord=antwoord
            )
        for organisatie, stadium in zip(reusers, stadia, strict=False):
            Hergebruik.objects.create(
                bouwsteen=bouwsteen, organisatie=organisatie, stadium=stadium
            )
        return bouwsteen

    return {
        # 14 x ja: 100
        "klaar": block("Klaar", ["ja"] * 14, ["interesse"]),
        # 7 x ja, 7 x nvt: 100 too (n.v.t. does not count)
        "half-nvt": block("Half nvt", ["ja"] * 7 + ["nvt"] * 7, ["pilot", "gestopt"]),
        # 14 x deels: 50
        "deels": block(
            "Deels", ["deels"] * 14, ["in-gebruik", "in-gebruik", "pilot", "verkenning"]
        ),
        # 1 x ja of 14: 7.1
        "begin": block("Begin", ["ja"], ["in-gebruik", "pilot"]),
        "leeg": block("Leeg", [], []),
    }


def results(client, **params) -> list[dict]:
    response = client.get(LIST, params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_the_list_shows_counts_and_score(anonymous, scored):
    shown = {b["naam"]: b for b in results(anonymous)}
    assert shown["Deels"]["inGebruik"] == 2
    assert shown["Deels"]["inPilot"] == 1
    assert shown["Deels"]["hergebruikActief"] == 3
    assert shown["Half nvt"]["hergebruikActief"] == 1  # gestopt does not count
    assert shown["Klaar"]["opschalingsscore"] == pytest.approx(100)
    assert shown["Half nvt"]["opschalingsscore"] == pytest.approx(100)
    assert shown["Deels"]["opschalingsscore"] == pytest.approx(50)
    assert shown["Begin"]["opschalingsscore"] == pytest.approx(100 / 14)
    assert shown["Leeg"]["opschalingsscore"] is None
    assert "opschalingscheck" not in shown["Leeg"]  # only in the detail


def test_filter_on_the_minimum_score(anonymous, scored):
    def names(value):
        return sorted(b["naam"] for b in results(anonymous, opschalingsscoreMin=value))

    assert names("100") == ["Half nvt", "Klaar"]
    assert names("50") == ["Deels", "Half nvt", "Klaar"]
    assert names("0") == ["Begin", "Deels", "Half nvt", "Klaar"]  # no score: out
    assert names("7.2") == ["Deels", "Half nvt", "Klaar"]


def test_sort_on_reuse_and_on_score(anonymous, scored):
    def order(sort):
        return [b["naam"] for b in results(anonymous, sort=sort)]

    assert order("-hergebruik,naam") == ["Deels", "Begin", "Half nvt", "Klaar", "Leeg"]
    assert order("hergebruik,naam") == ["Klaar", "Leeg", "Half nvt", "Begin", "Deels"]
    # No score sorts last in both directions.
    assert order("-opschalingsscore,naam") == [
        "Half nvt",
        "Klaar",
        "Deels",
        "Begin",
        "Leeg",
    ]
    assert order("opschalingsscore,naam")[-1] == "Leeg"
    assert order("opschalingsscore,naam")[0] == "Begin"


def test_search_with_the_derived_filter_and_sort(anonymous, scored):
    from bouwstenen.search import reindex

    reindex()
    found = results(anonymous, q="deels", sort="-opschalingsscore")
    assert [b["naam"] for b in found] == ["Deels"]
