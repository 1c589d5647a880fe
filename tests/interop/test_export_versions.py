"""The version of the publiccode.yml export (issue 22): a block made here is a complete,
valid 0.4 file by default and 0.5 (with organisation.uri) on request; an imported block
keeps its file's version unless one is asked for; the API takes ``publiccodeYmlVersion``."""

import pytest
import yaml

from rest_framework.test import APIClient

from bouwstenen.interop.publiccode.export import (
    _as_version,
    default_version,
    publiccode_for,
    publiccode_yaml,
)
from bouwstenen.interop.publiccode.importer import Uitkomst, publiccode_import
from bouwstenen.interop.publiccode.validation import validate
from bouwstenen.interop.publiccode.yaml_loader import load
from bouwstenen.interop.sources import Source
from bouwstenen.models import Bouwsteen
from registry.constants import Publicatiestatus
from registry.models import Organisatie
from tests.factories import BouwsteenFactory, complete
from tests.interop.conftest import DATA, own_file

BASE = "https://register.example.nl"
AMSTERDAM_TOOI = "https://identifier.overheid.nl/tooi/id/gemeente/gm0363"
BESCHRIJVING = (
    "Het dashboard laat zien hoeveel jeugdigen instromen in de jeugdzorg en hoe lang "
    "een traject duurt, per wijk en per maand, zodat een gemeente op tijd bijstuurt.\n"
    "\n"
    "- instroom per maand en per wijk\n"
    "- doorlooptijd per traject, van aanmelding tot einde"
)


@pytest.fixture
def amsterdam(db) -> Organisatie:
    return Organisatie.objects.get(code="GM0363")


@pytest.fixture
def made_here(amsterdam) -> Bouwsteen:
    """A block made in the registry, complete for publication, and published."""
    bouwsteen = complete(
        BouwsteenFactory(
            naam="Jeugdzorg instroom",
            organisatie=amsterdam,
            beschrijving=BESCHRIJVING,
            gepubliceerd=True,
        )
    )
    return Bouwsteen.objects.select_related("organisatie").get(pk=bouwsteen.pk)


def snapshot(bouwsteen: Bouwsteen) -> dict:
    bouwsteen = Bouwsteen.objects.select_related("organisatie").get(pk=bouwsteen.pk)
    return {
        "naam": bouwsteen.naam,
        "samenvatting": bouwsteen.samenvatting,
        "beschrijving": bouwsteen.beschrijving,
        "levensfase": bouwsteen.levensfase,
        "licentie": bouwsteen.licentie,
        "repository_url": bouwsteen.repository_url,
        "contact": (bouwsteen.contact_naam, bouwsteen.contact_email),
        "organisatie": bouwsteen.organisatie.code,
        "themas": sorted(t.slug for t in bouwsteen.themas.all()),
        "lagen": sorted(laag.slug for laag in bouwsteen.lagen.all()),
    }


# --- a block made here -------------------------------------------------------------


def test_a_block_made_here_is_a_complete_valid_0_4_file_by_default(made_here):
    text = publiccode_yaml(made_here, base_url=BASE)
    data = load(text).data
    assert data["publiccodeYmlVersion"] == "0.4"
    # 0.4 has no organisation key; the owner is in legal.repoOwner.
    assert "organisation" not in data
    assert data["legal"] == {"license": "EUPL-1.2", "repoOwner": "Gemeente Amsterdam"}
    for key in (
        "name", "url", "platforms", "categories", "developmentStatus",
        "softwareType", "intendedAudience", "description", "legal", "maintenance",
        "localisation",
    ):  # fmt: skip
        assert key in data, key
    # Read by the 0.4 rules of the registry's own validator: not one problem.
    assert validate(load(text)) == []


def test_the_0_4_file_imports_as_the_same_block(made_here):
    text = publiccode_yaml(made_here, base_url=BASE)
    again = publiccode_import(sources=[Source("publiccode.yml", text.encode())])
    assert again.bestanden[0].uitkomst == Uitkomst.ONGEWIJZIGD, again.bestanden[
        0
    ].redenen
    assert again.bestanden[0].bouwsteen == made_here

    # Into a registry without it: the same block, booked on the owner repoOwner names.
    before = snapshot(made_here)
    made_here.delete()
    restored = publiccode_import(sources=[Source("publiccode.yml", text.encode())])
    assert restored.bestanden[0].uitkomst == Uitkomst.GEIMPORTEERD, restored.bestanden[
        0
    ].redenen
    assert snapshot(restored.bestanden[0].bouwsteen) == before


def test_0_5_on_request_names_the_organisation_by_its_tooi_uri(made_here):
    text = publiccode_yaml(made_here, base_url=BASE, version="0.5")
    data = load(text).data
    assert data["publiccodeYmlVersion"] == "0.5"
    assert data["organisation"] == {"name": "Gemeente Amsterdam", "uri": AMSTERDAM_TOOI}
    assert list(data)[:4] == ["publiccodeYmlVersion", "name", "url", "organisation"]
    assert validate(load(text)) == []
    again = publiccode_import(sources=[Source("publiccode.yml", text.encode())])
    assert again.bestanden[0].uitkomst == Uitkomst.ONGEWIJZIGD


def test_a_version_the_export_does_not_write_is_refused(made_here):
    with pytest.raises(ValueError):
        publiccode_for(made_here, base_url=BASE, version="0.6")


def test_a_harvested_block_keeps_0_5_by_default(made_here):
    made_here.bron_register = "https://ander-register.example.nl"
    assert default_version(made_here) == "0.5"
    assert publiccode_for(made_here, base_url=BASE)["organisation"]["uri"] == (
        AMSTERDAM_TOOI
    )


# --- an imported block ---------------------------------------------------------------


def _import(path, organisatie) -> Bouwsteen:
    report = publiccode_import(
        sources=[Source(path.name, path.read_bytes())], organisatie=organisatie
    )
    assert report.bestanden[0].uitkomst == Uitkomst.GEIMPORTEERD, report.bestanden[
        0
    ].redenen
    pk = report.bestanden[0].bouwsteen.pk
    return Bouwsteen.objects.select_related("organisatie").get(pk=pk)


def test_an_imported_file_keeps_its_own_version_unless_one_is_asked_for(amsterdam):
    bouwsteen = _import(DATA / "open-zaak__open-zaak.yml", amsterdam)
    assert publiccode_for(bouwsteen, base_url=BASE)["publiccodeYmlVersion"] == "0.2"

    as_05 = publiccode_for(bouwsteen, base_url=BASE, version="0.5")
    assert as_05["publiccodeYmlVersion"] == "0.5"
    assert as_05["organisation"] == {
        "name": "Gemeente Amsterdam",
        "uri": AMSTERDAM_TOOI,
    }
    # Where the standard puts it: before the first key that comes after it in the
    # standard (here softwareType, which this file has early).
    assert list(as_05)[2:5] == ["url", "organisation", "softwareType"]
    assert not [p for p in validate(load(yaml.safe_dump(as_05))) if p.is_fout]

    as_04 = publiccode_for(bouwsteen, base_url=BASE, version="0.4")
    assert as_04["publiccodeYmlVersion"] == "0.4"
    assert "organisation" not in as_04
    assert not [p for p in validate(load(yaml.safe_dump(as_04))) if p.is_fout]


def test_an_imported_0_5_file_as_0_4_names_its_owner_in_repo_owner(db):
    utrecht = Organisatie.objects.get(code="GM0344")
    bouwsteen = _import(own_file("volledig-nl.yml"), None)
    assert bouwsteen.organisatie == utrecht
    text = publiccode_yaml(bouwsteen, base_url=BASE, version="0.4")
    data = load(text).data
    assert data["publiccodeYmlVersion"] == "0.4"
    assert "organisation" not in data
    assert data["legal"]["repoOwner"] == "Gemeente Utrecht"
    assert not [p for p in validate(load(text)) if p.is_fout]
    # The owner the dropped key named is found again: importing changes nothing.
    again = publiccode_import(sources=[Source("volledig-nl.yml", text.encode())])
    assert again.bestanden[0].uitkomst == Uitkomst.ONGEWIJZIGD, again.bestanden[
        0
    ].redenen


def test_a_later_version_as_0_5_has_organisation_in_place_of_organization_uri(db):
    bouwsteen = _import(own_file("versie-07.yml"), None)
    data = publiccode_for(bouwsteen, base_url=BASE, version="0.5")
    assert "organizationUri" not in data
    assert data["organisation"]["uri"] == bouwsteen.organisatie.tooi_uri
    assert list(data)[:4] == ["publiccodeYmlVersion", "name", "url", "organisation"]
    as_04 = publiccode_for(bouwsteen, base_url=BASE, version="0.4")
    assert "organizationUri" not in as_04 and "organisation" not in as_04


# --- the API -------------------------------------------------------------------------

EXPORT = "/api/v1/bouwstenen/{uuid}/publiccode"


def test_the_api_gives_0_4_by_default_and_0_5_on_request(made_here):
    url = EXPORT.format(uuid=made_here.uuid)
    default = APIClient().get(url)
    assert default.status_code == 200
    data = yaml.safe_load(default.content)
    assert data["publiccodeYmlVersion"] == "0.4" and "organisation" not in data
    assert validate(load(default.content.decode())) == []

    asked = APIClient().get(url, {"publiccodeYmlVersion": "0.5"})
    assert asked.status_code == 200
    data = yaml.safe_load(asked.content)
    assert data["publiccodeYmlVersion"] == "0.5"
    assert data["organisation"]["uri"] == AMSTERDAM_TOOI

    asked_04 = APIClient().get(url, {"publiccodeYmlVersion": "0.4"})
    assert asked_04.content == default.content


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("publiccodeYmlVersion=0.6", "invalid_choice"),
        ("publiccodeYmlVersion=", "invalid_choice"),
        ("publiccodeYmlVersion=0.4&publiccodeYmlVersion=0.5", "repeated"),
    ],
)
def test_a_wrong_version_is_a_400_problem_naming_the_parameter(made_here, query, code):
    response = APIClient().get(f"{EXPORT.format(uuid=made_here.uuid)}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    [param] = response.json()["invalidParams"]
    assert param["name"] == "publiccodeYmlVersion"
    assert param["code"] == code
    if code == "invalid_choice":
        assert "kies 0.4 of 0.5" in param["reason"]


def test_a_draft_stays_hidden_whatever_the_version(made_here):
    Bouwsteen.objects.filter(pk=made_here.pk).update(
        publicatiestatus=Publicatiestatus.CONCEPT
    )
    url = EXPORT.format(uuid=made_here.uuid)
    response = APIClient().get(url, {"publiccodeYmlVersion": "0.5"})
    assert response.status_code == 404


def test_the_openapi_document_lists_the_parameter_with_its_values(db):
    schema = APIClient().get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/bouwstenen/{uuid}/publiccode"]["get"]
    [parameter] = [
        p for p in operation["parameters"] if p["name"] == "publiccodeYmlVersion"
    ]
    assert parameter["in"] == "query"
    assert parameter["schema"]["enum"] == ["0.4", "0.5"]
    assert (
        "0.4" in operation["description"]
        and "organisation.uri" in (operation["description"])
    )


# Keys in another case are read by the importer (get_key), so a version asked for
# replaces them too: one version key, first, and no organisation key 0.4 does not know.
SOURCE_IN_ANOTHER_CASE = {
    "PubliccodeYmlVersion": "0.3",
    "name": "Iets",
    "Organisation": {"name": "Gemeente Amsterdam"},
    "organizationUri": "https://example.org/oud",
    "legal": {"license": "EUPL-1.2"},
}


def test_a_version_asked_for_replaces_keys_in_any_case_with_0_4(made_here):
    data = _as_version(dict(SOURCE_IN_ANOTHER_CASE), made_here, "0.4")
    assert next(iter(data.items())) == ("publiccodeYmlVersion", "0.4")
    assert [k for k in data if k.lower() == "publiccodeymlversion"] == [
        "publiccodeYmlVersion"
    ]
    assert not {k.lower() for k in data} & {"organisation", "organizationuri"}
    # The owner the dropped keys named stays, where 0.4 keeps it.
    assert data["legal"] == {"license": "EUPL-1.2", "repoOwner": "Gemeente Amsterdam"}


def test_a_version_asked_for_replaces_keys_in_any_case_with_0_5(made_here):
    data = _as_version(dict(SOURCE_IN_ANOTHER_CASE), made_here, "0.5")
    assert next(iter(data.items())) == ("publiccodeYmlVersion", "0.5")
    assert [k for k in data if k.lower() == "organisation"] == ["organisation"]
    assert "organizationUri" not in data
    # The file's own name, completed with the owner's TOOI URI.
    assert data["organisation"] == {
        "name": "Gemeente Amsterdam",
        "uri": AMSTERDAM_TOOI,
    }
