"""The publiccode.yml round trip: every file in tests/data/publiccode that imports comes
back from the export key by key, importing the export again changes nothing, and an edit
here changes only the keys of the edited field."""

import pytest
import yaml

from bouwstenen import services
from bouwstenen.interop.publiccode.export import publiccode_for, publiccode_yaml
from bouwstenen.interop.publiccode.importer import Uitkomst, publiccode_import
from bouwstenen.interop.publiccode.validation import validate
from bouwstenen.interop.publiccode.yaml_loader import load
from bouwstenen.interop.sources import Source
from bouwstenen.models import Bouwsteen
from registry.models import Organisatie
from registry.permissions import OPERATOR
from tests.interop.conftest import DATA, REAL_FILES, own_file

BASE = "https://register.example.nl"
FILES = [*REAL_FILES, own_file("volledig-nl.yml"), own_file("versie-07.yml")]


def flatten(value, path=()) -> dict:
    """Every key path of a document with its value; a list is one value."""
    if isinstance(value, dict) and value:
        found = {}
        for key, item in value.items():
            found |= flatten(item, (*path, key))
        return found
    return {path: value}


@pytest.fixture
def imported(db):
    vng = Organisatie.objects.create(
        soort="samenwerkingsverband", code="VNG", naam="VNG Realisatie", slug="vng"
    )
    report = publiccode_import(
        sources=[Source(path.name, path.read_bytes()) for path in FILES],
        organisatie=vng,
    )
    blocks = {
        f.bron: f.bouwsteen
        for f in report.bestanden
        if f.uitkomst == Uitkomst.GEIMPORTEERD
    }
    assert len(blocks) >= 17
    originals = {
        path.name: load(path.read_text(encoding="utf-8-sig")).data
        for path in FILES
        if path.name in blocks
    }
    return vng, blocks, originals


def _export(bouwsteen: Bouwsteen) -> dict:
    bouwsteen = Bouwsteen.objects.select_related("organisatie").get(pk=bouwsteen.pk)
    return publiccode_for(bouwsteen, base_url=BASE)


def test_every_file_comes_back_key_by_key(imported):
    _vng, blocks, originals = imported
    for name, bouwsteen in blocks.items():
        original, exported = flatten(originals[name]), flatten(_export(bouwsteen))
        missing = original.keys() - exported.keys()
        assert not missing, (name, missing)
        changed = {k for k in original if original[k] != exported[k]}
        assert not changed, (name, {k: (original[k], exported[k]) for k in changed})
        assert exported.keys() == original.keys(), name


@pytest.mark.parametrize("version", [None, "0.4", "0.5"])
def test_importing_the_exports_changes_nothing(imported, version):
    """Also when a version is asked for: 0.4 drops organisation and keeps the owner it
    named in legal.repoOwner, 0.5 adds organisation for a file without one."""
    vng, blocks, _originals = imported
    texts = {
        name: publiccode_yaml(
            Bouwsteen.objects.select_related("organisatie").get(pk=b.pk),
            base_url=BASE,
            version=version,
        )
        for name, b in blocks.items()
    }
    for name, text in texts.items():
        assert not [p for p in validate(load(text)) if p.is_fout], name
    report = publiccode_import(
        sources=[Source(name, text.encode()) for name, text in texts.items()],
        organisatie=vng,
    )
    assert report.count(Uitkomst.ONGEWIJZIGD) == len(blocks), [
        (f.bron, f.uitkomst, f.redenen) for f in report.bestanden
    ]


def test_features_are_listed_once(imported):
    _vng, blocks, originals = imported
    for name, bouwsteen in blocks.items():
        bouwsteen.refresh_from_db()
        assert bouwsteen.beschrijving.count("## Functionaliteit") <= 1, name
        for desc in _export(bouwsteen).get("description", {}).values():
            long = desc.get("longDescription") or ""
            assert "## Functionaliteit" not in long or "## Functionaliteit" in str(
                originals[name]
            ), name


def test_an_edit_changes_only_its_own_keys(imported):
    _vng, blocks, originals = imported
    name = "open-zaak__open-zaak.yml"
    bouwsteen = blocks[name]
    services.bouwsteen_update(
        bouwsteen=bouwsteen,
        user=OPERATOR,
        values={
            "levensfase": "uitgefaseerd",
            "contact_email": "beheer@vng.example",
        },
    )
    original, exported = flatten(originals[name]), flatten(_export(bouwsteen))
    changed = {
        k
        for k in original.keys() | exported.keys()
        if original.get(k) != exported.get(k)
    }
    assert ("developmentStatus",) in changed
    assert exported[("developmentStatus",)] == "obsolete"
    assert all(k[0] in ("developmentStatus", "maintenance") for k in changed), changed
    assert "beheer@vng.example" in str(exported)
    # And the export is still a file the standard accepts.
    assert not [
        p for p in validate(load(yaml.safe_dump(_export(bouwsteen)))) if p.is_fout
    ]


def test_the_source_is_kept_with_the_history(imported):
    from reversion.models import Version

    _vng, blocks, _originals = imported
    bouwsteen = blocks["open-zaak__open-zaak.yml"]
    bouwsteen.refresh_from_db()
    assert bouwsteen.bron_document == (DATA / "open-zaak__open-zaak.yml").read_text(
        encoding="utf-8-sig"
    )
    version = Version.objects.get_for_object(bouwsteen).first()
    assert version.field_dict["bron_document"] == bouwsteen.bron_document
    assert version.field_dict["bron_waarden"]["naam"] == bouwsteen.naam


@pytest.mark.parametrize("version", [None, "0.4", "0.5"])
def test_a_block_made_here_exports_a_complete_valid_file(demo, version):
    for bouwsteen in Bouwsteen.objects.select_related("organisatie")[:10]:
        data = publiccode_for(bouwsteen, base_url=BASE, version=version)
        assert data["publiccodeYmlVersion"] == (version or "0.4")
        # 0.4 does not know organisation; 0.5 names the owner there.
        assert ("organisation" in data) == (version == "0.5")
        for key in (
            "publiccodeYmlVersion", "name", "url", "platforms", "categories",
            "developmentStatus", "softwareType", "description", "legal",
            "maintenance", "localisation",
        ):  # fmt: skip
            assert key in data, (bouwsteen.slug, key)
        text = publiccode_yaml(bouwsteen, base_url=BASE, version=version)
        assert validate(load(text)) == [], bouwsteen.slug


def test_an_edit_that_needs_the_registry_section_still_comes_back(imported):
    """Thema's have no key in publiccode.yml: the export adds nl.bouwstenenregister, and
    importing it gives the same block, features and usedBy names included."""
    from registry.models import Thema

    vng, blocks, _originals = imported
    name = "open-zaak__open-zaak.yml"
    bouwsteen = blocks[name]
    services.bouwsteen_update(
        bouwsteen=bouwsteen,
        user=OPERATOR,
        values={},
        relations={"themas": [Thema.objects.get(slug="jeugdzorg")]},
    )
    bouwsteen = Bouwsteen.objects.select_related("organisatie").get(pk=bouwsteen.pk)
    exported = publiccode_for(bouwsteen, base_url=BASE)
    assert exported["nl"]["bouwstenenregister"]["themas"] == ["jeugdzorg"]
    text = publiccode_yaml(bouwsteen, base_url=BASE)
    report = publiccode_import(sources=[Source(name, text.encode())], organisatie=vng)
    assert report.bestanden[0].uitkomst == Uitkomst.ONGEWIJZIGD, report.bestanden[
        0
    ].redenen
