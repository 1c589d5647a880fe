"""Importing publiccode.yml: the real files, the mapping, idempotency and conflicts."""

import pytest

from django.core.management import call_command

from bouwstenen.constants import (
    HergebruikStadium,
    HergebruikStatus,
    Levensfase,
    Soort,
    Vorm,
)
from bouwstenen.interop.publiccode.importer import Uitkomst, publiccode_import
from bouwstenen.interop.sources import Source
from bouwstenen.models import Bouwsteen, Hergebruik
from bouwstenen.readiness import with_counts
from registry.constants import Publicatiestatus, Rol
from registry.models import Lidmaatschap, Organisatie
from tests.factories import UserFactory
from tests.interop.conftest import DATA, REAL_FILES, own_file

IMPORTED = {
    "Amsterdam__signals-frontend.yml",
    "ConductionNL__OpenPdc.yml",
    "MinBZK__amt.yml",
    "developer-overheid-nl__don-api-register.yml",
    "developer-overheid-nl__don-oss-register.yml",
    "developer-overheid-nl__don-register-common.yml",
    "italia__developers-italia-api.yml",
    "italia__publiccode-parser-go.yml",
    "maykinmedia__objects-api.yml",
    "maykinmedia__objecttypes-api.yml",
    "open-formulieren__open-forms.yml",
    "open-zaak__open-zaak.yml",
    "CommonGateway__BRPBundle.yml",
    "CommonGateway__HuwelijksplannerBundle.yml",
    "CommonGateway__WooBundle.yml",
    "CommonGateway__ZGWBundle.yml",
    "ConductionNL__commonground-gateway.yml",
}
# EUPL-1.2-or-later is not an SPDX identifier; it is read as SPDX's "EUPL-1.2+".
OR_LATER = {
    name
    for name in IMPORTED
    if name.startswith(("CommonGateway", "ConductionNL__common"))
}
# The refused files, each with a part of the reason the report must give.
REFUSED = {
    "ARPA-SIMC__dballe.yml": "Nederlands of het Engels (wel in: it)",
    "AgID__wai-portal.yml": "Nederlands of het Engels (wel in: it)",
    "italia__design-react-kit.yml": "(wel in: it-IT)",
    "ConductionNL__Agendas.yml": "Geen enkele taal heeft een shortDescription",
    "ConductionNL__MRC_publiccode.yml": "legal: Verplichte sleutel ontbreekt",
    "ConductionNL__WooBundle.yml": "legal: Verplichte sleutel ontbreekt",
    "ConductionNL__bag_publiccode.yml": "legal: Verplichte sleutel ontbreekt",
    "OpenCatalogi__OpenCatalogiBundle.yml": "legal: Verplichte sleutel ontbreekt",
}


def sources(*paths):
    return [Source(path.name, path.read_bytes()) for path in paths]


def import_files(*paths, **kwargs):
    return publiccode_import(sources=sources(*paths), **kwargs)


@pytest.fixture
def vng(db):
    return Organisatie.objects.create(
        soort="samenwerkingsverband", code="VNG", naam="VNG Realisatie", slug="vng"
    )


def test_every_real_file_is_imported_or_refused_with_reasons(vng):
    assert {p.name for p in REAL_FILES} == IMPORTED | set(REFUSED)
    report = import_files(*REAL_FILES, organisatie=vng)
    outcomes = {f.bron: f for f in report.bestanden}
    for name in IMPORTED:
        assert outcomes[name].uitkomst == Uitkomst.GEIMPORTEERD, outcomes[name].redenen
    for name, reason in REFUSED.items():
        assert outcomes[name].uitkomst == Uitkomst.GEWEIGERD
        assert any(reason in r for r in outcomes[name].redenen), outcomes[name].redenen
    assert report.count(Uitkomst.GEIMPORTEERD) == 17 and report.geweigerd == 8
    imported = Bouwsteen.objects.filter(bron_vingerafdruk__gt="")
    assert imported.count() == 17
    for name in OR_LATER:
        assert outcomes[name].bouwsteen.licentie == "EUPL-1.2+"
    assert set(imported.values_list("publicatiestatus", flat=True)) == {
        Publicatiestatus.CONCEPT
    }


def test_a_second_import_changes_nothing(vng):
    import_files(*REAL_FILES, organisatie=vng)
    again = import_files(*REAL_FILES, organisatie=vng)
    assert again.count(Uitkomst.ONGEWIJZIGD) == 17
    assert Bouwsteen.objects.count() == 17


def test_open_zaak_is_mapped_field_by_field(vng):
    report = import_files(DATA / "open-zaak__open-zaak.yml", organisatie=vng)
    open_zaak = report.bestanden[0].bouwsteen
    assert open_zaak.naam == "Open Zaak"
    assert open_zaak.samenvatting == "API's voor Zaakgericht werken"
    assert open_zaak.beschrijving.startswith(
        "Binnen het Nederlandse gemeentelandschap wordt zaakgericht werken"
    )
    assert open_zaak.beschrijving.endswith(
        "## Functionaliteit\n\n- Zaken API 1.4\n- Documenten API 1.3\n- Catalogi API 1.2\n"
        "- Besluiten API 1.1\n- Autorisaties API 1.0\n- Catalogi beheer\n- Autorisatie beheer"
    )
    assert open_zaak.levensfase == Levensfase.PRODUCTIE
    assert open_zaak.licentie == "EUPL-1.2"
    assert open_zaak.repository_url == "https://github.com/open-zaak/open-zaak.git"
    assert open_zaak.documentatie_url == "https://open-zaak.readthedocs.io/"
    # The contacts have no e-mail address; the contractor has a functional one.
    assert (open_zaak.contact_naam, open_zaak.contact_email) == (
        "Maykin",
        "info@maykin.nl",
    )
    assert (open_zaak.soort, open_zaak.vorm) == (
        Soort.DATATOEPASSING,
        Vorm.SOFTWARECOMPONENT,
    )
    assert open_zaak.organisatie == vng
    # scope government and the categories document- and contact-management.
    assert [t.slug for t in open_zaak.themas.all()] == ["dienstverlening"]
    # usedBy names eight gemeenten: reports by the owner, none of them counted.
    reuse = Hergebruik.objects.filter(bouwsteen=open_zaak)
    assert sorted(reuse.values_list("organisatie__code", flat=True)) == [
        "GM0214",  # Buren
        "GM0344",  # Utrecht
        "GM0363",  # Amsterdam
        "GM0392",  # Haarlem
        "GM0518",  # Den Haag
        "GM0599",  # Rotterdam
        "GM0855",  # Tilburg
        "GM1900",  # Súdwest-Fryslân
    ]
    assert set(reuse.values_list("stadium", "status", "gemeld_namens")) == {
        (HergebruikStadium.IN_GEBRUIK, HergebruikStatus.GEMELD, vng.pk)
    }
    counted = with_counts(Bouwsteen.objects.filter(pk=open_zaak.pk)).get()
    assert counted.hergebruik_actief == 0
    # Repository owner and copyright holder are suppliers, not public organisations.
    assert open_zaak.leverancier == "Maykin; Dimpact"


def test_a_dutch_file_without_an_organisation_uri_finds_it_by_repo_owner(db):
    report = import_files(DATA / "Amsterdam__signals-frontend.yml")
    signalen = report.bestanden[0].bouwsteen
    assert signalen.organisatie.code == "GM0363"
    assert signalen.naam == "Signalen frontend"
    assert signalen.website_url == "https://signalen.org/"
    assert signalen.licentie == "MPL-2.0"
    assert any(
        "afgeleid uit de naam" in p.melding for p in report.bestanden[0].problemen
    )
    # usedBy: Amsterdam owns it; 's-Hertogenbosch is reported, not counted.
    assert list(signalen.hergebruik.values_list("organisatie__code", "status")) == [
        ("GM0796", HergebruikStatus.GEMELD)
    ]


def test_without_a_known_organisation_the_file_is_refused(db):
    report = import_files(DATA / "maykinmedia__objects-api.yml")
    assert report.bestanden[0].uitkomst == Uitkomst.GEWEIGERD
    assert "Kies een organisatie" in report.bestanden[0].redenen[0]


def test_a_complete_dutch_file_maps_every_extension(db):
    report = import_files(own_file("volledig-nl.yml"))
    result = report.bestanden[0]
    block = result.bouwsteen
    assert result.uitkomst == Uitkomst.GEIMPORTEERD
    assert block.organisatie.code == "GM0344"  # organisation.uri (TOOI)
    assert block.naam == "Wachttijdenmonitor Wmo-voorzieningen"  # localisedName nl
    assert block.licentie == "EUPL-1.2 OR MIT"  # normalised SPDX
    assert block.levensfase == Levensfase.OPSCHALING  # beta
    assert block.website_url == "https://wachttijden.voorbeeld.example"
    assert block.documentatie_url == "https://docs.voorbeeld.example/wachttijdenmonitor"
    assert [laag.slug for laag in block.lagen.order_by("volgorde")] == [
        "interactie",
        "data",
    ]
    assert sorted(c.naam for c in block.referentiecomponenten.all()) == [
        "BI-component",
        "Data-warehousecomponent",
    ]
    assert sorted(t.slug for t in block.themas.all()) == [
        "dienstverlening",  # category contact-management
        "zorg-en-welzijn",  # scope healthcare
    ]
    reuse = sorted(block.hergebruik.values_list("organisatie__code", flat=True))
    assert reuse == ["GM0518", "GM0796", "GM1900"]
    assert "## Ook gebruikt door\n\n- Zorgcoöperatie Midden" in block.beschrijving
    unknown = [p for p in result.problemen if "referentieComponenten[2]" in p.pad]
    assert unknown and unknown[0].regel == 66


def test_the_newer_07_form_is_read(db):
    block = import_files(own_file("versie-07.yml")).bestanden[0].bouwsteen
    assert block.organisatie.code == "PV27"  # organizationUri
    assert [laag.slug for laag in block.lagen.all()] == ["proces"]  # NL section
    assert block.samenvatting.startswith("Checks whether a plan")  # en-GB


def test_a_long_summary_is_shortened_at_a_sentence(vng):
    text = (
        own_file("volledig-nl.yml")
        .read_text()
        .replace(
            "Laat per wijk zien hoe lang inwoners wachten op een Wmo-voorziening, van melding tot levering.",
            "Eerste zin over wachttijden. " + "Nog een lange zin over de monitor " * 12,
        )
    )
    report = publiccode_import(sources=[Source("lang.yml", text.encode())])
    block = report.bestanden[0].bouwsteen
    assert len(block.samenvatting) <= 300
    assert block.samenvatting.endswith("…") or block.samenvatting.endswith(".")


def test_a_file_changed_at_the_source_updates_the_block(vng):
    path = DATA / "open-zaak__open-zaak.yml"
    import_files(path, organisatie=vng)
    changed = path.read_text().replace(
        "developmentStatus: stable", "developmentStatus: obsolete"
    )
    report = publiccode_import(
        sources=[Source("open-zaak.yml", changed.encode())], organisatie=vng
    )
    assert report.bestanden[0].uitkomst == Uitkomst.BIJGEWERKT
    block = Bouwsteen.objects.get(naam="Open Zaak")
    assert block.levensfase == Levensfase.UITGEFASEERD
    assert block.versie == 2
    assert Bouwsteen.objects.filter(naam="Open Zaak").count() == 1


def test_a_block_edited_here_is_not_overwritten(vng):
    path = DATA / "open-zaak__open-zaak.yml"
    import_files(path, organisatie=vng)
    block = Bouwsteen.objects.get(naam="Open Zaak")
    block.samenvatting = "Hier aangepast door de redactie."
    block.save()
    changed = path.read_text().replace(
        "developmentStatus: stable", "developmentStatus: beta"
    )
    report = publiccode_import(
        sources=[Source("open-zaak.yml", changed.encode())], organisatie=vng
    )
    assert report.bestanden[0].uitkomst == Uitkomst.CONFLICT
    assert "hier bewerkt" in report.bestanden[0].redenen[0]
    block.refresh_from_db()
    assert block.samenvatting == "Hier aangepast door de redactie."
    assert block.levensfase == Levensfase.PRODUCTIE


def test_a_block_made_here_with_the_same_repository_is_a_conflict(demo, vng):
    bzk = Organisatie.objects.get(code="mnre1034")
    report = import_files(DATA / "MinBZK__amt.yml", organisatie=bzk)
    assert report.bestanden[0].uitkomst == Uitkomst.CONFLICT
    assert "in dit register gemaakt" in report.bestanden[0].redenen[0]
    # The same repository for another organisation: a conflict too, never a takeover.
    report = import_files(DATA / "MinBZK__amt.yml", organisatie=vng)
    assert report.bestanden[0].uitkomst == Uitkomst.CONFLICT
    assert (
        "hoort bij Ministerie van Binnenlandse Zaken" in report.bestanden[0].redenen[0]
    )


def test_workflow_steps_are_no_local_edits(vng):
    path = DATA / "open-zaak__open-zaak.yml"
    import_files(path, organisatie=vng)
    Bouwsteen.objects.filter(naam="Open Zaak").update(
        publicatiestatus=Publicatiestatus.TER_BEOORDELING, versie=3
    )
    changed = path.read_text().replace(
        "developmentStatus: stable", "developmentStatus: beta"
    )
    report = publiccode_import(
        sources=[Source("oz.yml", changed.encode())], organisatie=vng
    )
    assert report.bestanden[0].uitkomst == Uitkomst.BIJGEWERKT


def test_a_dry_run_stores_nothing(vng):
    report = import_files(*REAL_FILES, organisatie=vng, dry_run=True)
    assert report.count(Uitkomst.GEIMPORTEERD) == 17
    assert not Bouwsteen.objects.exists()
    assert not Hergebruik.objects.exists()


def test_a_member_imports_only_for_their_own_organisation(db):
    amsterdam = Organisatie.objects.get(code="GM0363")
    user = UserFactory()
    Lidmaatschap.objects.create(
        gebruiker=user, organisatie=amsterdam, rol=Rol.REDACTEUR
    )
    own = import_files(
        DATA / "maykinmedia__objects-api.yml", user=user, organisatie=amsterdam
    )
    assert own.bestanden[0].uitkomst == Uitkomst.GEIMPORTEERD
    # The file names Utrecht by its TOOI URI: not this user's organisation.
    other = import_files(own_file("volledig-nl.yml"), user=user, organisatie=amsterdam)
    assert other.bestanden[0].uitkomst == Uitkomst.GEWEIGERD
    assert "geen lid" in other.bestanden[0].redenen[0]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("yaml-bom.yml", "YAML-bom"),
        ("recursieve-alias.yml", "naar zichzelf"),
        ("diep-genest.yml", "dieper genest"),
        ("niet-utf8.yml", "geen UTF-8"),
        ("verkeerde-typen.yml", "name (regel 2)"),
        ("ontbrekende-sleutels.yml", "url: Verplichte sleutel ontbreekt"),
        ("meerdere-documenten.yml", "Geen geldige YAML op regel 3"),
        ("geen-mapping.yml", "geen publiccode.yml"),
        ("syntaxfout.yml", "Geen geldige YAML op regel 4"),
    ],
)
def test_bad_files_are_refused_cleanly(db, name, reason):
    report = import_files(own_file(name))
    assert report.bestanden[0].uitkomst == Uitkomst.GEWEIGERD
    assert any(reason in r for r in report.bestanden[0].redenen), report.bestanden[
        0
    ].redenen


def test_the_command_reports_every_file_and_exits_non_zero_on_a_refusal(
    vng, tmp_path, capsys
):
    huge = tmp_path / "groot.yml"
    huge.write_bytes(b"name: x\n" + b"# " + b"x" * (1024 * 1024) + b"\n")
    with pytest.raises(SystemExit) as exit_:
        call_command(
            "import_publiccode",
            str(DATA / "MinBZK__amt.yml"),
            str(own_file("yaml-bom.yml")),
            str(huge),
            str(tmp_path / "bestaat-niet.yml"),
            "--organisatie",
            "VNG",
        )
    assert exit_.value.code == 1
    out = capsys.readouterr().out
    assert "GEÏMPORTEERD: " in out and "MinBZK__amt.yml" in out
    assert "groter dan 1024 KiB" in out
    assert "YAML-bom" in out and "bestaat niet" in out
    assert "1 geïmporteerd, 3 geweigerd." in out


def test_the_command_imports_a_folder_and_exits_zero(vng, tmp_path, capsys):
    for name in ("open-zaak__open-zaak.yml", "MinBZK__amt.yml"):
        (tmp_path / name).write_bytes((DATA / name).read_bytes())
    (tmp_path / "LEESMIJ.md").write_text("geen publiccode")
    call_command("import_publiccode", str(tmp_path), "--organisatie", "VNG")
    assert "2 geïmporteerd, 0 geweigerd." in capsys.readouterr().out
    call_command("import_publiccode", str(tmp_path), "--organisatie", "VNG")
    assert "2 ongewijzigd" in capsys.readouterr().out


def test_the_command_refuses_an_unknown_organisation(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Onbekende organisatie"):
        call_command("import_publiccode", str(DATA), "--organisatie", "XX9999")
