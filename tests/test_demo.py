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
