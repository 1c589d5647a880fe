"""The benchmark data generator: realistic spread, reproducible by seed, searchable."""

import pytest

from django.core.management import call_command

from bouwstenen.generator import generate
from bouwstenen.models import Bouwsteen, Hergebruik, Zoekdocument
from registry.constants import Publicatiestatus

pytestmark = pytest.mark.django_db


def _snapshot():
    return list(
        Bouwsteen.objects.order_by("uuid").values_list(
            "uuid", "naam", "organisatie__code", "soort"
        )
    )


def test_the_same_seed_gives_the_same_catalogue():
    generate(count=120, seed=3, batch_size=50)
    first = _snapshot()
    Bouwsteen.objects.all().delete()
    generate(count=120, seed=3, batch_size=50)
    assert _snapshot() == first
    Bouwsteen.objects.all().delete()
    generate(count=120, seed=4, batch_size=50)
    assert _snapshot() != first


def test_a_realistic_spread_over_the_real_reference_data(capsys):
    call_command("generate_bouwstenen", count=400, seed=1)
    assert "400 bouwstenen" in capsys.readouterr().out
    blocks = Bouwsteen.objects.all()
    assert blocks.count() == 400
    published = blocks.filter(publicatiestatus=Publicatiestatus.GEPUBLICEERD).count()
    assert 300 < published < 380
    assert blocks.values("organisatie__soort").distinct().count() >= 3
    assert blocks.values("soort").distinct().count() == 3
    assert Hergebruik.objects.exists()
    assert Zoekdocument.objects.count() == 400
    for block in blocks[:25]:
        block.full_clean()
        assert block.themas.exists() and block.lagen.exists()


def test_some_generated_reuse_is_reported_and_none_is_in_the_future():
    import datetime

    from bouwstenen.readiness import with_counts

    generate(count=400, seed=1, batch_size=200)
    reuse = Hergebruik.objects.all()
    reported = reuse.filter(status="gemeld")
    assert 0.05 < reported.count() / reuse.count() < 0.15
    assert not reported.filter(gemeld_op__isnull=True).exists()
    assert not reuse.filter(sinds__gt=datetime.date.today()).exists()
    # A report is not counted.
    block = reported.first().bouwsteen
    confirmed = Hergebruik.objects.bevestigd().filter(
        bouwsteen=block, stadium__in=["pilot", "in-gebruik"]
    )
    counted = with_counts(Bouwsteen.objects.filter(pk=block.pk)).get()
    assert counted.hergebruik_actief == confirmed.count()
