"""The real reference data: counts, idempotency, updates, refusal of bad files, atomicity."""

import shutil
from pathlib import Path

import pytest

from django.core.management import CommandError, call_command

from registry.constants import OrganisatieSoort
from registry.models import Organisatie, Referentiecomponent, Thema
from registry.reference_data import DATA_DIR, ReferenceDataError, load_reference_data
from tests.factories import BouwsteenFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """A private copy of the shipped reference files that a test may corrupt."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _snapshot() -> dict:
    return {
        "organisaties": sorted(Organisatie.objects.values_list("code", "naam", "oin")),
        "themas": sorted(Thema.objects.values_list("slug", "naam")),
        "componenten": sorted(
            Referentiecomponent.objects.values_list("gemma_id", "naam")
        ),
    }


def test_counts_of_the_real_data():
    per_soort = {
        s: Organisatie.objects.filter(soort=s).count() for s in OrganisatieSoort
    }
    assert per_soort[OrganisatieSoort.GEMEENTE] == 342
    assert per_soort[OrganisatieSoort.PROVINCIE] == 12
    assert per_soort[OrganisatieSoort.WATERSCHAP] == 21
    assert per_soort[OrganisatieSoort.MINISTERIE] == 12
    assert Referentiecomponent.objects.count() == 171
    assert Thema.objects.count() == 16


def test_every_thema_has_an_english_name_from_the_source():
    themas = Thema.objects.all()
    assert all(thema.naam_en for thema in themas)
    assert Thema.objects.get(slug="jeugdzorg").naam_en == "Youth care"
    assert len({thema.naam_en for thema in themas}) == 16


def test_municipalities_carry_province_oin_and_tooi_uri():
    amsterdam = Organisatie.objects.get(code="GM0363")
    assert amsterdam.naam == "Amsterdam"
    assert amsterdam.provincie.code == "PV27"
    assert amsterdam.provincie.naam == "Noord-Holland"
    assert len(amsterdam.oin) == 20
    assert (
        amsterdam.tooi_uri == "https://identifier.overheid.nl/tooi/id/gemeente/gm0363"
    )
    gemeenten = Organisatie.objects.filter(soort=OrganisatieSoort.GEMEENTE)
    assert not gemeenten.filter(provincie__isnull=True).exists()
    assert not gemeenten.filter(oin="").exists()
    brabant = Organisatie.objects.get(code="PV30")
    assert brabant.naam == "Noord-Brabant"
    assert brabant.gemeenten.count() == 56
    # The preferred name is shown, not the official one.
    assert Organisatie.objects.get(code="GM0518").naam == "Den Haag"


def test_only_active_ministries_are_loaded():
    codes = set(
        Organisatie.objects.filter(soort=OrganisatieSoort.MINISTERIE).values_list(
            "afkorting", flat=True
        )
    )
    assert codes == {
        "AZ",
        "BZ",
        "BZK",
        "Def",
        "EZK",
        "Fin",
        "IenW",
        "JenV",
        "LVVN",
        "OCW",
        "SZW",
        "VWS",
    }


def test_gemma_components_have_their_online_link():
    zaakregistratie = Referentiecomponent.objects.get(naam="Zaakregistratiecomponent")
    assert str(zaakregistratie.gemma_id) == "a97b6545-d5a7-485d-9b13-3ce22db5b9cf"
    assert zaakregistratie.gemma_url.endswith("id-a97b6545-d5a7-485d-9b13-3ce22db5b9cf")


def test_second_run_changes_nothing():
    before = _snapshot()
    report = load_reference_data()
    assert report.created == 0
    assert report.updated == 0
    assert _snapshot() == before


def test_loads_into_an_empty_database_and_reports_what_it_created(capsys):
    Organisatie.objects.exclude(soort=OrganisatieSoort.PROVINCIE).delete()
    Organisatie.objects.all().delete()
    Thema.objects.all().delete()
    Referentiecomponent.objects.all().delete()
    call_command("load_reference_data")
    out = capsys.readouterr().out
    assert "Gemeenten: 342 aangemaakt, 0 bijgewerkt" in out
    assert "Referentiecomponenten: 171 aangemaakt" in out
    assert Organisatie.objects.count() == 342 + 12 + 21 + 12 + 3


def test_a_changed_name_updates_the_row(data_dir, capsys):
    pk = Organisatie.objects.get(code="GM0014").pk
    _replace(
        data_dir / "organisations" / "gemeenten.csv",
        "GM0014,Groningen,Groningen,",
        "GM0014,Groningen,Groningen (stad),",
    )
    call_command("load_reference_data", data_dir=data_dir)
    assert (
        "Gemeenten: 0 aangemaakt, 1 bijgewerkt, 341 ongewijzigd"
        in capsys.readouterr().out
    )
    groningen = Organisatie.objects.get(code="GM0014")
    assert groningen.pk == pk
    assert groningen.naam == "Groningen (stad)"


def test_a_row_missing_from_the_file_is_never_deleted(data_dir):
    amsterdam = Organisatie.objects.get(code="GM0363")
    bouwsteen = BouwsteenFactory(organisatie=amsterdam)
    path = data_dir / "organisations" / "gemeenten.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("GM0363,")))
    load_reference_data(data_dir)
    bouwsteen.refresh_from_db()
    assert bouwsteen.organisatie.code == "GM0363"


@pytest.mark.parametrize(
    ("filename", "old", "new", "line", "message"),
    [
        (
            "gemma/referentiecomponenten.csv",
            "1c2ce840-6683-4f51-844f-04d3c8a6f2cc",
            "geen-uuid",
            2,
            "geen geldige GEMMA-id",
        ),
        (
            "organisations/gemeenten.csv",
            "GM0034,Almere,Almere,Flevoland,PV24",
            "GM0034,Almere,,Flevoland,PV24",
            3,
            "verplicht veld leeg: preferred_name",
        ),
        (
            "organisations/gemeenten.csv",
            "GM0034,Almere,Almere,Flevoland,PV24",
            "GM0034,Almere,Almere,Flevoland,PV99",
            3,
            "onbekende provincie 'PV99'",
        ),
        (
            "organisations/gemeenten.csv",
            ",00000001006462583000,",
            ",123,",
            3,
            "OIN '123' bestaat niet uit 20 cijfers",
        ),
        (
            "organisations/gemeenten.csv",
            "GM0037,Stadskanaal",
            "GM0014,Stadskanaal",
            4,
            "code 'GM0014' staat ook op regel 2",
        ),
        (
            "organisations/provincies.csv",
            "code,name,preferred_name",
            "kode,name,preferred_name",
            1,
            "kolom(men) ontbreken: code",
        ),
        (
            "themas/themas.csv",
            "jeugdzorg,Jeugdzorg,",
            "jeugdzorg,Jeugdzorg,extra,",
            2,
            "verwacht 6 velden",
        ),
        (
            "themas/themas.csv",
            "jeugdzorg,Jeugdzorg,",
            "Jeugd Zorg,Jeugdzorg,",
            2,
            "geen geldige slug",
        ),
        (
            "organisations/ministeries.csv",
            ",1900-01-01,,true,az.yaml",
            ",1900-01-01,,misschien,az.yaml",
            2,
            "active moet true of false zijn",
        ),
    ],
)
def test_a_bad_file_names_file_and_line_and_changes_nothing(
    data_dir, filename, old, new, line, message
):
    # A harmless change in an earlier file proves the whole load is one transaction.
    _replace(
        data_dir / "organisations" / "provincies.csv",
        "PV20,Groningen,Groningen,",
        "PV20,Groningen,Stad en Ommeland,",
    )
    _replace(data_dir / filename, old, new)
    before = _snapshot()
    with pytest.raises(ReferenceDataError) as caught:
        load_reference_data(data_dir)
    assert caught.value.path.name == Path(filename).name
    assert caught.value.line == line
    assert message in caught.value.message
    assert _snapshot() == before


def test_invalid_utf8_and_missing_files_are_reported(data_dir):
    path = data_dir / "themas" / "themas.csv"
    path.write_bytes(
        path.read_bytes().replace(b"Jeugdzorg", "Jeugdzorg\xe9".encode("latin-1"), 1)
    )
    with pytest.raises(
        ReferenceDataError, match=r"themas.csv, regel \d+: geen geldige UTF-8"
    ):
        load_reference_data(data_dir)
    (data_dir / "gemma" / "referentiecomponenten.csv").unlink()
    path.write_text(
        (DATA_DIR / "themas" / "themas.csv").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    with pytest.raises(
        ReferenceDataError,
        match="referentiecomponenten.csv, regel 0: bestand ontbreekt",
    ):
        load_reference_data(data_dir)


def test_the_command_fails_with_a_clear_message(data_dir):
    _replace(data_dir / "themas" / "themas.csv", "jeugdzorg,Jeugdzorg,", ",Jeugdzorg,")
    with pytest.raises(
        CommandError,
        match=r"themas.csv, regel 2\): verplicht veld leeg: slug\. De database is niet gewijzigd",
    ):
        call_command("load_reference_data", data_dir=data_dir)
