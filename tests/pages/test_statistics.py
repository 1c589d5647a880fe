"""/statistieken and /api/v1/statistieken: who takes part, the move from pilot to
scale (from the blocks' history), and what is reused, from the data and nothing else."""

import datetime

import pytest
import reversion

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bouwstenen.constants import HergebruikStadium, HergebruikStatus
from registry.models import Organisatie
from tests.pages.conftest import make_block, reuse

pytestmark = pytest.mark.django_db


def moment(text: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(text))


def phases(block, *steps):
    """Record the block's history: each (levensfase, date) as a version of its own."""
    for fase, when in steps:
        block.levensfase = fase
        with reversion.create_revision():
            block.save()
            reversion.set_date_created(moment(when))


@pytest.fixture
def register():
    amsterdam, utrecht = (
        Organisatie.objects.get(code="GM0363"),
        Organisatie.objects.get(code="GM0344"),
    )
    rijnland = Organisatie.objects.get(code="ws0616")
    moved = make_block(
        naam="Hittestresskaart",
        organisatie=amsterdam,
        gepubliceerd_op=moment("2025-01-15T10:00"),
    )
    phases(moved, ("pilot", "2025-01-01T09:00"), ("opschaling", "2025-03-02T09:00"))
    stayed = make_block(
        naam="Peilbeheermodel",
        organisatie=rijnland,
        gepubliceerd_op=moment("2025-08-01T10:00"),
    )
    phases(stayed, ("pilot", "2025-07-01T09:00"))
    reuse(moved, utrecht, HergebruikStadium.IN_GEBRUIK, sinds=datetime.date(2025, 5, 1))
    reuse(stayed, utrecht, HergebruikStadium.INTERESSE, sinds=datetime.date(2025, 9, 1))
    reuse(
        stayed,
        Organisatie.objects.get(code="GM0599"),
        HergebruikStadium.PILOT,
        status=HergebruikStatus.GEMELD,
        gemeld_op=timezone.now(),
    )
    return moved, stayed


def test_the_figures_come_from_the_data(client, register):
    figures = client.get("/api/v1/statistieken").json()

    quarters = {q["kwartaal"]: q for q in figures["deelname"]["kwartalen"]}
    assert quarters["2025-K1"]["aantallen"]["gemeente"] == 1  # Amsterdam published
    assert quarters["2025-K2"]["aantallen"]["gemeente"] == 2  # Utrecht confirmed use
    assert quarters["2025-K3"]["aantallen"]["waterschap"] == 1
    assert quarters["2025-K3"]["totaal"] == 3
    assert figures["deelname"]["totaal"] == 3  # Rotterdam's use was only reported

    funnel = {step["levensfase"]: step for step in figures["trechter"]}
    assert funnel["pilot"]["bereikt"] == 2
    assert funnel["pilot"]["doorgegaan"] == 1
    assert funnel["pilot"]["medianeDagen"] == 60
    assert funnel["opschaling"]["bereikt"] == 1
    assert funnel["opschaling"]["doorgegaan"] == 0

    per_fase = {row["levensfase"]: row["aantal"] for row in figures["levensfasen"]}
    assert per_fase == {
        "idee": 0,
        "pilot": 1,
        "opschaling": 1,
        "productie": 0,
        "uitgefaseerd": 0,
    }
    # In use counts; interest and a report do not.
    assert figures["hergebruikPerThema"] == [
        {"thema": "jeugdzorg", "naam": "Jeugdzorg", "aantal": 1}
    ]
    assert [b["naam"] for b in figures["meestHergebruikt"]] == ["Hittestresskaart"]


def test_the_page_draws_and_tabulates_the_same_figures(client, register):
    html = client.get("/statistieken").content.decode()
    assert "3 organisaties doen mee" in html
    assert html.count('<svg class="chart"') == 4
    assert 'aria-hidden="true"' in html
    assert "1 ging door naar opschaling, na mediaan 60 dagen" in html
    assert '<th class="utrecht-table__header-cell" scope="row">2025-K3</th>' in html
    # SVG wants a decimal point whatever the language.
    assert not any(',5"' in part for part in html.split("<svg")[1:])
    assert f'href="/bouwstenen/{register[0].slug}"' in html


def test_a_change_shows_at_once(client, register):
    moved, _stayed = register
    before = client.get("/api/v1/statistieken").json()["deelname"]["totaal"]
    reuse(moved, Organisatie.objects.get(code="GM0307"), HergebruikStadium.PILOT)
    after = client.get("/api/v1/statistieken").json()["deelname"]["totaal"]
    assert after == before + 1


def test_the_home_page_links_to_it(client):
    assert 'href="/statistieken"' in client.get("/").content.decode()


def test_queries_do_not_grow_with_the_register(client, register):
    def queries():
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/statistieken").status_code == 200
        return len(ctx.captured_queries)

    before = queries()
    owner = Organisatie.objects.get(code="GM0363")
    for i in range(5):
        phases(
            make_block(naam=f"Extra {i}", organisatie=owner), ("pilot", "2025-02-01")
        )
    assert queries() == before


def test_the_thema_names_follow_the_interface_the_api_stays_dutch(client, register):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/statistieken").content.decode()
    assert '<th class="utrecht-table__header-cell" scope="row">Youth care</th>' in html
    assert ">Youth care</text>" in html  # the chart's label too
    api = client.get("/api/v1/statistieken").json()
    assert api["hergebruikPerThema"][0]["naam"] == "Jeugdzorg"


@pytest.mark.parametrize("count", [1, 5, 8, 15, 16, 17, 40])
def test_the_quarter_labels_never_sit_side_by_side(count):
    from bouwstenen.views.statistieken import _columns

    quarters = [
        {"kwartaal": f"Q{i}", "aantallen": {"gemeente": 1}, "totaal": 1}
        for i in range(count)
    ]
    columns = _columns({"kwartalen": quarters, "groepen": ["gemeente"]})["kolommen"]
    labelled = [i for i, column in enumerate(columns) if column["toon_label"]]
    assert labelled[-1] == count - 1  # the latest quarter is always named
    gaps = {b - a for a, b in zip(labelled, labelled[1:], strict=False)}
    assert len(gaps) <= 1  # evenly spaced
    assert len(labelled) <= 8
