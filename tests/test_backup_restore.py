"""A full export restored into an empty database gives the same catalogue."""

import pytest
from reversion.models import Version

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from bouwstenen.demo_catalogue import load_demo_catalogue
from bouwstenen.models import (
    Bouwsteen,
    Hergebruik,
    Opschalingsantwoord,
    Relatie,
    Zoekdocument,
)
from bouwstenen.search import search
from registry.models import Laag, Lidmaatschap, Organisatie, Referentiecomponent, Thema
from tests.factories import LidmaatschapFactory

pytestmark = pytest.mark.django_db

MODELS = [Organisatie, Thema, Referentiecomponent, Laag, Lidmaatschap, Bouwsteen, Hergebruik,
          Opschalingsantwoord, Relatie]  # fmt: skip


def _state():
    return {
        "counts": {m.__name__: m.objects.count() for m in MODELS},
        "users": sorted(get_user_model().objects.values_list("username", "password")),
        "blocks": sorted(
            Bouwsteen.objects.values_list(
                "uuid",
                "slug",
                "naam",
                "publicatiestatus",
                "organisatie__code",
                "versie",
            )
        ),
        "themas": sorted(
            Bouwsteen.themas.through.objects.values_list(
                "bouwsteen__slug", "thema__slug"
            )
        ),
        "components": sorted(
            Bouwsteen.referentiecomponenten.through.objects.values_list(
                "bouwsteen__slug", "referentiecomponent__gemma_id"
            )
        ),
        "relations": sorted(
            Relatie.objects.values_list("van__slug", "type", "naar__slug")
        ),
        "reuse": sorted(
            Hergebruik.objects.values_list(
                "bouwsteen__slug", "organisatie__code", "stadium"
            )
        ),
        "answers": sorted(
            Opschalingsantwoord.objects.values_list(
                "bouwsteen__slug", "voorwaarde", "antwoord"
            )
        ),
        "memberships": sorted(
            Lidmaatschap.objects.values_list(
                "gebruiker__username", "organisatie__code", "rol"
            )
        ),
        "versions": Version.objects.count(),
    }


def _empty_database():
    for model in [
        Relatie,
        Opschalingsantwoord,
        Hergebruik,
        Bouwsteen,
        Lidmaatschap,
        Version,
    ]:
        model.objects.all().delete()
    Organisatie.objects.exclude(soort="provincie").delete()
    for model in [Organisatie, Thema, Referentiecomponent, Laag]:
        model.objects.all().delete()
    get_user_model().objects.all().delete()


def test_export_and_restore_into_an_empty_database(tmp_path):
    load_demo_catalogue()
    LidmaatschapFactory(
        organisatie=Organisatie.objects.get(code="GM0363"), rol="publicist"
    )
    before = _state()
    assert before["counts"]["Bouwsteen"] == 41 and before["counts"]["Relatie"] > 0
    backup = tmp_path / "catalogus.json"
    call_command("export_catalogue", output=str(backup))

    _empty_database()
    assert Bouwsteen.objects.count() == 0 and Zoekdocument.objects.count() == 0
    call_command("import_catalogue", str(backup))

    assert _state() == before
    assert Zoekdocument.objects.count() == 41
    assert "jeugdzorg-dashboard-instroom-doorlooptijden" in search(
        Bouwsteen.objects.published(), "jeugdzorg"
    ).values_list("slug", flat=True)


def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    backup = tmp_path / "catalogus.json"
    call_command("export_catalogue", output=str(backup))
    with pytest.raises(CommandError, match="niet leeg"):
        call_command("import_catalogue", str(backup))
