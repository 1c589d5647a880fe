"""The Dutch demo catalogue: realistic, complete, valid and idempotent."""

import pytest

from django.core.management import call_command

from bouwstenen.constants import Levensfase, Soort
from bouwstenen.demo_catalogue import load_demo_catalogue
from bouwstenen.models import Bouwsteen
from registry.constants import Publicatiestatus
from registry.models import Laag, Thema

pytestmark = pytest.mark.django_db


def test_loads_about_forty_valid_blocks_covering_the_taxonomies(capsys):
    call_command("load_demo")
    assert "41 aangemaakt" in capsys.readouterr().out
    blocks = Bouwsteen.objects.all()
    assert 35 <= blocks.count() <= 45
    assert set(blocks.values_list("soort", flat=True)) == set(Soort.values)
    assert set(blocks.values_list("levensfase", flat=True)) == set(Levensfase.values)
    assert set(blocks.values_list("publicatiestatus", flat=True)) == set(
        Publicatiestatus.values
    )
    assert Thema.objects.filter(bouwstenen__isnull=False).distinct().count() == 16
    assert Laag.objects.filter(bouwstenen__isnull=False).distinct().count() == 5
    assert blocks.values("organisatie__soort").distinct().count() >= 4
    for block in blocks:
        block.full_clean()
        if block.publicatiestatus == Publicatiestatus.GEPUBLICEERD:
            assert block.publication_problems() == {}, block.slug


def test_second_load_changes_nothing():
    load_demo_catalogue()
    before = list(Bouwsteen.objects.values_list("slug", "gewijzigd_op", "versie"))
    report = load_demo_catalogue()
    assert (report.created, report.updated, report.unchanged) == (0, 0, len(before))
    assert (
        list(Bouwsteen.objects.values_list("slug", "gewijzigd_op", "versie")) == before
    )


def test_three_blocks_are_featured_once_and_an_unfeatured_one_stays_so(client):
    from bouwstenen import services
    from bouwstenen.models import Uitgelicht
    from registry.permissions import OPERATOR

    load_demo_catalogue()
    featured = set(Uitgelicht.objects.values_list("bouwsteen__slug", flat=True))
    assert featured == {
        "jeugdzorg-dashboard-instroom-doorlooptijden",
        "warmtetransitie-datapijplijn-per-wijk",
        "van-pilot-naar-opschaling-werkwijze",
    }
    home = client.get("/").content.decode()
    assert (
        "Jeugdzorgdashboard instroom en doorlooptijden"
        in home.split('id="uitgelicht-titel"', 1)[1].split("</section>", 1)[0]
    )
    services.bouwsteen_unfeature(
        user=OPERATOR,
        bouwsteen=Bouwsteen.objects.get(slug="van-pilot-naar-opschaling-werkwijze"),
    )
    load_demo_catalogue()
    assert Uitgelicht.objects.count() == 2


def test_published_blocks_have_real_links_and_a_dated_phase_history(client):
    from reversion.models import Version

    from bouwstenen import statistieken
    from bouwstenen.history import levensfase_tijdlijn

    load_demo_catalogue()
    for block in Bouwsteen.objects.filter(
        publicatiestatus=Publicatiestatus.GEPUBLICEERD
    ):
        links = [block.repository_url, block.documentatie_url, block.demo_url]
        assert any(links), block.slug  # more than the owner's home page
        assert all(url.startswith("https://") for url in links if url), block.slug
        steps = levensfase_tijdlijn(block)
        assert len(steps) >= 2, block.slug  # it got where it is through phases
        assert steps[-1].levensfase == block.levensfase
    dashboard = Bouwsteen.objects.get(
        slug="jeugdzorg-dashboard-instroom-doorlooptijden"
    )
    assert [
        (s.levensfase, s.sinds.date().isoformat())
        for s in levensfase_tijdlijn(dashboard)
    ] == [
        ("idee", "2022-04-01"),
        ("pilot", "2022-10-03"),
        ("opschaling", "2023-06-12"),
        ("productie", "2024-01-15"),
    ]
    funnel = {step["levensfase"]: step for step in statistieken.funnel()}
    assert funnel["pilot"]["doorgegaan"] >= 15
    assert 100 < funnel["pilot"]["medianeDagen"] < 500
    assert funnel["opschaling"]["doorgegaan"] >= 10
    html = client.get("/statistieken").content.decode()
    assert "gingen door naar opschaling, na mediaan" in html
    # A second load writes no history twice.
    versions = Version.objects.count()
    load_demo_catalogue()
    assert Version.objects.count() == versions


@pytest.mark.parametrize(
    ("fasen", "reason"),
    [
        ([("pilot", "2024-02-01"), ("idee", "2024-01-01")], "niet op volgorde"),
        ([("idee", "2024-01-01"), ("opschaling", "2024-02-01")], "laatste fase"),
        ([("proef", "2024-01-01"), ("pilot", "2024-02-01")], "onbekende levensfase"),
        ([("idee", "2024-01-01"), ("pilot", "2099-01-01")], "in de toekomst"),
    ],
)
def test_a_wrong_phase_history_is_refused_and_writes_nothing(fasen, reason):
    import datetime

    from reversion.models import Version

    from bouwstenen.services import catalogus
    from core.errors import ServiceError
    from tests.factories import BouwsteenFactory

    block = BouwsteenFactory(levensfase=Levensfase.PILOT)
    moments = [
        (fase, datetime.datetime.fromisoformat(day + "T09:00+01:00"))
        for fase, day in fasen
    ]
    with pytest.raises(ServiceError, match=reason):
        catalogus.seed_phases(bouwsteen=block, fasen=moments, comment="test")
    assert not Version.objects.exists()
