"""Similar building blocks, and "bestaat dit al?" as a dry run that anyone may call."""

import pytest

from rest_framework.throttling import SimpleRateThrottle

from bouwstenen import search, weergave
from bouwstenen.models import Bouwsteen, Hergebruik, Weergave
from registry.models import Organisatie, Referentiecomponent, Thema
from tests.api.helpers import assert_problem, invalid_names
from tests.factories import BouwsteenFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/bouwstenen"
DRY_RUN = "/api/v1/bouwstenen/vergelijkbaar"


@pytest.fixture
def related(cast):
    """Three blocks about waiting times in youth care, one about something else, a draft."""
    jeugdzorg = Thema.objects.get(slug="jeugdzorg")
    component = Referentiecomponent.objects.order_by("naam").first()

    def block(naam, samenvatting, organisatie, **kwargs):
        themas = kwargs.pop("themas", [jeugdzorg])
        bouwsteen = BouwsteenFactory(
            naam=naam, samenvatting=samenvatting, organisatie=organisatie, **kwargs
        )
        bouwsteen.themas.set(themas)
        return bouwsteen

    blocks = {
        "dashboard": block(
            "Wachttijden jeugdzorg dashboard",
            "Laat de wachttijden in de jeugdzorg per wijk zien.",
            cast.amsterdam,
            gepubliceerd=True,
        ),
        "monitor": block(
            "Wachtlijstmonitor jeugdzorg",
            "Volgt wachttijden en wachtlijsten in de jeugdzorg.",
            cast.utrecht,
            gepubliceerd=True,
        ),
        "werkwijze": block(
            "Werkwijze jeugdhulp in de wijk",
            "Hoe wijkteams jeugdhulp dichtbij organiseren.",
            cast.utrecht,
            gepubliceerd=True,
            soort="werkwijze",
        ),
        "anders": block(
            "Dijkbewaking met sensoren",
            "Sensordata van dijken in één beeld.",
            cast.utrecht,
            gepubliceerd=True,
            themas=[Thema.objects.get(slug="veiligheid")],
        ),
        "concept": block(
            "Wachttijden jeugdzorg concept",
            "Wachttijden in de jeugdzorg, nog niet gepubliceerd.",
            cast.amsterdam,
        ),
    }
    blocks["monitor"].referentiecomponenten.set([component])
    reusers = Organisatie.objects.filter(soort="gemeente").order_by("code")[3:6]
    for organisatie, stadium in zip(
        reusers, ["in-gebruik", "pilot", "gestopt"], strict=True
    ):
        Hergebruik.objects.create(
            bouwsteen=blocks["monitor"], organisatie=organisatie, stadium=stadium
        )
    search.reindex()
    blocks["component"] = component
    return blocks


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["naam"] for item in response.json()["results"]]


def test_similar_published_blocks_with_score_owner_and_reuse(anonymous, related):
    url = f"{LIST}/{related['dashboard'].uuid}/vergelijkbaar"
    response = anonymous.get(url)
    found = names(response)
    assert found[0] == "Wachtlijstmonitor jeugdzorg"
    assert "Wachttijden jeugdzorg dashboard" not in found  # not itself
    assert "Wachttijden jeugdzorg concept" not in found  # not a draft
    assert "Dijkbewaking met sensoren" not in found  # nothing in common
    first = response.json()["results"][0]
    assert first["organisatie"]["code"] == "GM0344"
    assert first["organisatie"]["url"].endswith("/api/v1/organisaties/GM0344")
    assert first["url"].endswith(f"/api/v1/bouwstenen/{related['monitor'].uuid}")
    assert (first["inGebruik"], first["inPilot"], first["hergebruikActief"]) == (
        1,
        1,
        2,
    )
    scores = [item["score"] for item in response.json()["results"]]
    assert all(0 < score <= 1 for score in scores)
    assert scores == sorted(scores, reverse=True)


def test_reuse_figures_come_from_the_stored_rows_or_are_counted_apart(
    anonymous, related
):
    url = f"{LIST}/{related['dashboard'].uuid}/vergelijkbaar"

    def figures():
        first = anonymous.get(url).json()["results"][0]
        return (
            first["naam"],
            first["inGebruik"],
            first["inPilot"],
            first["hergebruikActief"],
        )

    expected = ("Wachtlijstmonitor jeugdzorg", 1, 1, 2)
    assert figures() == expected
    # The stored figures are what is read: a stored row that says otherwise is shown.
    Weergave.objects.filter(bouwsteen=related["monitor"]).update(hergebruik_pilot=7)
    assert figures()[2] == 7
    # A published block without its row yet is counted, not shown as unused.
    Weergave.objects.filter(bouwsteen=related["monitor"]).delete()
    assert figures() == expected
    # Rendered again, as rebuild_representations would (the autouse check compares).
    weergave.changed(weergave.BLOK, [related["monitor"].pk])
    weergave.flush()


def test_a_member_asks_about_a_draft_a_stranger_gets_404(client_for, related):
    url = f"{LIST}/{related['concept'].uuid}/vergelijkbaar"
    assert "Wachttijden jeugdzorg dashboard" in names(client_for("redacteur").get(url))
    assert_problem(client_for(None).get(url), 404)
    assert_problem(client_for("ander").get(url), 404)


def test_bestaat_dit_al_finds_what_exists_and_writes_nothing(anonymous, related):
    before = Bouwsteen.objects.count()
    response = anonymous.post(
        DRY_RUN,
        {
            "naam": "Dashboard wachttijden jeugdzorg",
            "samenvatting": "Wachttijden in de jeugdzorg per wijk.",
            "themas": ["jeugdzorg"],
            "referentiecomponenten": [str(related["component"].gemma_id)],
        },
        format="json",
    )
    found = names(response)
    # The same name in another word order is the likeliest duplicate; the shared GEMMA
    # component puts the monitor next, above the werkwijze that only shares the thema.
    assert found[:2] == [
        "Wachttijden jeugdzorg dashboard",
        "Wachtlijstmonitor jeugdzorg",
    ]
    assert "Wachttijden jeugdzorg concept" not in found
    assert len(found) <= 5
    assert Bouwsteen.objects.count() == before
    assert response["API-Version"]


@pytest.mark.parametrize(
    ("naam", "expected"),
    [
        # Misspelled, as the admin's "Bestaat dit al?" forgives it (issue 18).
        ("Jeugzorg dashbord wachtijden", "Wachttijden jeugdzorg dashboard"),
        # A compound typed apart, and words in another order.
        ("wachtlijst monitor", "Wachtlijstmonitor jeugdzorg"),
        ("jeugdzorg wachtlijstmonitor", "Wachtlijstmonitor jeugdzorg"),
    ],
)
def test_bestaat_dit_al_forgives_typos_and_split_compounds(
    anonymous, related, naam, expected
):
    found = names(anonymous.post(DRY_RUN, {"naam": naam}, format="json"))
    assert found[:1] == [expected]


def test_bestaat_dit_al_with_only_a_name(anonymous, related):
    assert "Wachtlijstmonitor jeugdzorg" in names(
        anonymous.post(DRY_RUN, {"naam": "wachtlijstmonitor"}, format="json")
    )
    assert names(anonymous.post(DRY_RUN, {"naam": "xyzzy"}, format="json")) == []


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({}, {"naam"}),
        ({"naam": ""}, {"naam"}),
        ({"naam": "x" * 201}, {"naam"}),
        ({"naam": "x", "samenvatting": "x" * 301}, {"samenvatting"}),
        ({"naam": "x", "themas": ["bestaat-niet"]}, {"themas"}),
        ({"naam": "x", "themas": "jeugdzorg"}, {"themas"}),
        ({"naam": "x", "referentiecomponenten": {}}, {"referentiecomponenten"}),
        (
            {"naam": "x", "referentiecomponenten": ["geen-id"]},
            {"referentiecomponenten"},
        ),
        ({"naam": ["lijst"]}, {"naam"}),
        ({"naam": "0", "samenvatting": 0}, {"samenvatting"}),
        ({"naam": True}, {"naam"}),
    ],
)
def test_bestaat_dit_al_refuses_bad_input_naming_the_field(anonymous, db, body, fields):
    response = anonymous.post(DRY_RUN, body, format="json")
    assert_problem(response, 400, "invalid")
    assert invalid_names(response) == fields


def test_bestaat_dit_al_is_throttled_like_reading(anonymous, db, monkeypatch):
    """Anonymous callers may ask, and their questions count towards the read limit."""
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": "3/minute"}
    )
    assert anonymous.post(DRY_RUN, {"naam": "x"}, format="json").status_code == 200
    assert anonymous.get(LIST).status_code == 200
    response = anonymous.post(DRY_RUN, {"naam": "x"}, format="json")
    assert_problem(response, 429, "throttled")
    assert response["Retry-After"]


def test_a_revoked_token_is_refused_even_for_the_dry_run(client_for, related):
    assert_problem(
        client_for("ingetrokken").post(DRY_RUN, {"naam": "x"}, format="json"), 401
    )
