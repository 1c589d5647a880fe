"""``GET /api/v1/bouwstenen/vergelijking?uuid=...``: two to four blocks side by side, as
the page /vergelijk shows them."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bouwstenen.constants import HergebruikStadium, Voorwaarde
from bouwstenen.models import Hergebruik, Opschalingsantwoord
from registry.constants import Publicatiestatus
from tests.api.helpers import assert_problem, invalid_names, ready_to_publish
from tests.factories import BouwsteenFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/bouwstenen/vergelijking"


@pytest.fixture
def four(cast):
    blocks = [
        ready_to_publish(
            BouwsteenFactory(
                organisatie=cast.amsterdam,
                gepubliceerd=True,
                naam=f"Monitor {i}",
                repository_url="https://code.example.org/monitor" if i == 0 else "",
            )
        )
        for i in range(4)
    ]
    Opschalingsantwoord.objects.create(
        bouwsteen=blocks[0], voorwaarde="dpia", antwoord="ja"
    )
    Opschalingsantwoord.objects.create(
        bouwsteen=blocks[0], voorwaarde="roadmap", antwoord="deels"
    )
    Hergebruik.objects.create(
        bouwsteen=blocks[0],
        organisatie=cast.utrecht,
        stadium=HergebruikStadium.IN_GEBRUIK,
        sinds=datetime.date(2025, 3, 1),
    )
    return blocks


def ask(client, *blocks):
    return client.get(URL, {"uuid": [str(b.uuid) for b in blocks]})


def test_two_blocks_side_by_side_in_the_order_asked(anonymous, four):
    first, second = four[0], four[1]
    response = ask(anonymous, second, first)
    assert response.status_code == 200
    body = response.json()["bouwstenen"]
    assert [b["uuid"] for b in body] == [str(second.uuid), str(first.uuid)]
    one = body[1]
    assert one["levensfase"] == first.levensfase
    assert one["licentie"] == "EUPL-1.2"
    assert one["lagen"] == ["data"]
    assert [t["slug"] for t in one["themas"]] == ["jeugdzorg"]
    missing = [v["voorwaarde"] for v in one["nogNietGeregeld"]]
    assert "dpia" not in missing and "roadmap" in missing
    assert len(missing) == len(Voorwaarde.values) - 1
    assert one["opschalingsscore"] == pytest.approx(100 * 1.5 / 14)
    assert one["bevestigdHergebruik"] == [
        {
            "organisatie": {
                "url": "http://testserver/api/v1/organisaties/GM0344",
                "code": "GM0344",
                "naam": "Utrecht",
                "soort": "gemeente",
            },
            "stadium": "in-gebruik",
            "sinds": "2025-03-01",
        }
    ]
    assert one["inGebruik"] == 1
    assert one["links"]["repository"] == "https://code.example.org/monitor"
    assert body[0]["links"]["repository"] is None  # not given, said plainly
    assert one["contactpunt"] == {
        "naam": "Team Data",
        "email": "data@amsterdam.example",
    }


def test_commas_and_repeats_ask_the_same(anonymous, four):
    joined = ",".join(str(b.uuid) for b in four[:3])
    response = anonymous.get(URL, {"uuid": [joined, str(four[0].uuid)]})
    assert [b["naam"] for b in response.json()["bouwstenen"]] == [
        "Monitor 0",
        "Monitor 1",
        "Monitor 2",
    ]


@pytest.mark.parametrize("how_many", [0, 1, 5])
def test_two_to_four_or_a_dutch_400(anonymous, four, cast, how_many):
    blocks = [*four, BouwsteenFactory(organisatie=cast.amsterdam, gepubliceerd=True)]
    body = assert_problem(ask(anonymous, *blocks[:how_many]), 400, "invalid")
    [param] = body["invalidParams"]
    assert param["name"] == "uuid"
    assert f"u gaf er {how_many}" in param["reason"]


def test_a_malformed_uuid_is_a_400(anonymous, four):
    response = anonymous.get(URL, {"uuid": [str(four[0].uuid), "geen-uuid"]})
    assert invalid_names(response) == {"uuid"}
    assert (
        "Geen geldige uuid: geen-uuid." in response.json()["invalidParams"][0]["reason"]
    )


def test_only_what_the_caller_may_see(anonymous, client_for, four, cast):
    draft = ready_to_publish(
        BouwsteenFactory(
            organisatie=cast.amsterdam,
            publicatiestatus=Publicatiestatus.CONCEPT,
            naam="Nog geheim",
        )
    )
    body = assert_problem(ask(anonymous, four[0], draft), 400)
    assert body["invalidParams"][0]["code"] == "does_not_exist"
    assert str(draft.uuid) in body["invalidParams"][0]["reason"]
    assert ask(client_for("ander"), four[0], draft).status_code == 400
    member = ask(client_for("redacteur"), four[0], draft)
    assert [b["naam"] for b in member.json()["bouwstenen"]] == [
        "Monitor 0",
        "Nog geheim",
    ]


def test_four_cost_the_queries_of_two(anonymous, four):
    def queries(*blocks):
        with CaptureQueriesContext(connection) as ctx:
            assert ask(anonymous, *blocks).status_code == 200
        return len(ctx.captured_queries)

    assert queries(*four) == queries(*four[:2])
