"""Export to publiccode.yml: valid by the standard, and importing it gives the block back."""

import pytest

from bouwstenen.interop.fingerprint import CONTENT_FIELDS
from bouwstenen.interop.publiccode.export import features_of, publiccode_yaml, to_yaml
from bouwstenen.interop.publiccode.importer import Uitkomst, publiccode_import
from bouwstenen.interop.publiccode.validation import validate
from bouwstenen.interop.publiccode.yaml_loader import load
from bouwstenen.interop.sources import Source
from bouwstenen.models import Bouwsteen, Hergebruik

BASE = "https://register.example.nl"


def exports(version: str | None = None) -> dict[str, str]:
    return {
        b.slug: publiccode_yaml(b, base_url=BASE, version=version)
        for b in Bouwsteen.objects.select_related("organisatie").order_by("slug")
    }


def snapshot(bouwsteen: Bouwsteen) -> dict:
    return {
        **{name: getattr(bouwsteen, name) for name in CONTENT_FIELDS},
        "organisatie": bouwsteen.organisatie.code,
        "themas": sorted(t.slug for t in bouwsteen.themas.all()),
        "lagen": sorted(laag.slug for laag in bouwsteen.lagen.all()),
        "referentiecomponenten": sorted(
            str(c.gemma_id) for c in bouwsteen.referentiecomponenten.all()
        ),
        "in_gebruik_bij": sorted(
            bouwsteen.hergebruik.filter(stadium="in-gebruik").values_list(
                "organisatie__code", flat=True
            )
        ),
    }


@pytest.mark.parametrize("version", [None, "0.5"])
def test_every_demo_block_exports_a_valid_publiccode_yml(demo_loaded, version):
    files = exports(version)
    assert len(files) == 41
    for slug, text in files.items():
        # Made here: 0.4 unless 0.5 is asked for, each valid by its own version's rules.
        assert load(text).data["publiccodeYmlVersion"] == (version or "0.4"), slug
        assert validate(load(text)) == [], slug


@pytest.mark.parametrize("version", [None, "0.5"])
def test_importing_the_exports_of_the_whole_demo_catalogue_changes_nothing(
    demo_loaded, version
):
    report = publiccode_import(
        sources=[Source(slug, text.encode()) for slug, text in exports(version).items()]
    )
    assert report.count(Uitkomst.ONGEWIJZIGD) == 41, [
        (f.bron, f.uitkomst, f.redenen) for f in report.bestanden
    ]


def test_the_exports_restore_the_whole_catalogue_into_an_empty_one(demo_loaded):
    before = {b.slug: snapshot(b) for b in Bouwsteen.objects.all()}
    files = exports()
    Hergebruik.objects.all().delete()
    Bouwsteen.objects.all().delete()

    report = publiccode_import(
        sources=[Source(slug, text.encode()) for slug, text in files.items()]
    )

    assert report.count(Uitkomst.GEIMPORTEERD) == 41
    after = {f.bron: snapshot(f.bouwsteen) for f in report.bestanden}
    for slug, fields in before.items():
        # Reuse comes back for the organisations that use the block (usedBy).
        assert after[slug] == fields, slug


def test_a_block_without_a_repository_is_found_again_by_its_own_record(demo_loaded):
    werkwijze = Bouwsteen.objects.filter(repository_url="", soort="werkwijze").first()
    text = publiccode_yaml(werkwijze, base_url=BASE)
    assert f"url: {BASE}/api/v1/bouwstenen/{werkwijze.uuid}" in text
    data = load(text).data
    data["name"] += " (gewijzigd)"
    report = publiccode_import(sources=[Source("w.yml", to_yaml(data).encode())])
    # Made here, changed in the file: a conflict on that very block, no duplicate.
    assert report.bestanden[0].uitkomst == Uitkomst.CONFLICT
    assert report.bestanden[0].bouwsteen == werkwijze


def test_the_export_uses_the_dutch_extension_and_standard_keys(demo_loaded):
    block = Bouwsteen.objects.get(slug="jeugdzorg-dashboard-instroom-doorlooptijden")
    data = load(publiccode_yaml(block, base_url=BASE)).data
    # Made here: 0.4, which names the owner in legal.repoOwner (it has no organisation).
    assert data["publiccodeYmlVersion"] == "0.4"
    assert "organisation" not in data
    assert data["legal"] == {"license": "EUPL-1.2", "repoOwner": "Gemeente Amsterdam"}
    as_05 = load(publiccode_yaml(block, base_url=BASE, version="0.5")).data
    assert as_05["publiccodeYmlVersion"] == "0.5"
    assert as_05["organisation"] == {
        "name": "Gemeente Amsterdam",
        "uri": "https://identifier.overheid.nl/tooi/id/gemeente/gm0363",
    }
    assert as_05["legal"] == {"license": "EUPL-1.2"}
    assert data["developmentStatus"] == "stable"
    assert data["nl"]["commonground"] == {"layerType": ["interface", "data"]}
    assert "BI-component" in data["nl"]["gemma"]["referentieComponenten"]
    assert data["nl"]["bouwstenenregister"]["soort"] == "datatoepassing"
    assert len(data["description"]["nl"]["shortDescription"]) <= 150
    assert data["usedBy"] == ["Gemeente Utrecht"]
    assert data["description"]["nl"]["features"][0] == (
        "instroom per maand, per stadsdeel en per productcategorie (ambulant, "
        "verblijf, jeugdbescherming)"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- **vet** en [link](https://x)\n- twee;", ["vet en link", "twee"]),
        ("Tekst\n\n## Ook gebruikt door\n\n- Gemeente X", []),
        ("- eerste regel\n  vervolg\nlos", ["eerste regel vervolg"]),
    ],
)
def test_features_are_the_bullet_points_of_the_description(text, expected):
    assert features_of(text) == expected
