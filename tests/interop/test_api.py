"""The interoperability operations of the REST API: import, export and DCAT."""

import json

import pytest
import yaml

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from bouwstenen.interop.publiccode.validation import validate
from bouwstenen.interop.publiccode.yaml_loader import load
from bouwstenen.models import Bouwsteen
from registry.constants import Rol
from registry.models import Lidmaatschap, Organisatie
from tests.factories import TokenFactory, UserFactory
from tests.interop.conftest import DATA, own_file

IMPORT = "/api/v1/bouwstenen/import-publiccode"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def amsterdam(db):
    return Organisatie.objects.get(code="GM0363")


@pytest.fixture
def client(amsterdam) -> APIClient:
    user = UserFactory(username="importeur")
    Lidmaatschap.objects.create(
        gebruiker=user, organisatie=amsterdam, rol=Rol.PUBLICIST
    )
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {TokenFactory(user=user).key}")
    return api


def test_an_upload_creates_a_draft(client):
    upload = SimpleUploadedFile(
        "publiccode.yml", (DATA / "open-zaak__open-zaak.yml").read_bytes()
    )
    response = client.post(
        IMPORT, {"bestand": upload, "organisatie": "GM0363"}, format="multipart"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["uitkomst"] == "geimporteerd"
    assert response["Location"] == body["bouwsteen"]
    assert response["API-Version"]
    block = Bouwsteen.objects.get(naam="Open Zaak")
    assert body["bouwsteen"].endswith(f"/api/v1/bouwstenen/{block.uuid}")
    assert block.publicatiestatus == "concept"

    again = client.post(
        IMPORT,
        {
            "inhoud": (DATA / "open-zaak__open-zaak.yml").read_text(),
            "organisatie": "GM0363",
        },
        format="json",
    )
    assert again.status_code == 200 and again.json()["uitkomst"] == "ongewijzigd"


def test_a_refused_file_is_a_problem_naming_the_key_paths(client):
    response = client.post(
        IMPORT,
        {
            "inhoud": own_file("verkeerde-typen.yml").read_text(),
            "organisatie": "GM0363",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    params = {p["name"]: p for p in response.json()["invalidParams"]}
    assert "inhoud.name" in params and "regel 2" in params["inhoud.name"]["reason"]
    assert "inhoud.developmentStatus" in params
    assert params["inhoud.legal"]["code"] == "publiccode"


def test_a_yaml_bomb_upload_is_refused(client):
    upload = SimpleUploadedFile("bom.yml", own_file("yaml-bom.yml").read_bytes())
    response = client.post(IMPORT, {"bestand": upload}, format="multipart")
    assert response.status_code == 400
    assert "YAML-bom" in response.json()["invalidParams"][0]["reason"]


def test_a_conflict_is_409(client, amsterdam):
    text = (DATA / "open-zaak__open-zaak.yml").read_text()
    client.post(IMPORT, {"inhoud": text, "organisatie": "GM0363"}, format="json")
    Bouwsteen.objects.filter(naam="Open Zaak").update(samenvatting="Hier gewijzigd.")
    changed = text.replace("developmentStatus: stable", "developmentStatus: beta")
    response = client.post(
        IMPORT, {"inhoud": changed, "organisatie": "GM0363"}, format="json"
    )
    assert response.status_code == 409
    assert "hier bewerkt" in response.json()["detail"]


def test_only_for_ones_own_organisation(client):
    response = client.post(
        IMPORT,
        {"inhoud": (DATA / "MinBZK__amt.yml").read_text(), "organisatie": "GM0344"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "organisatie"


def test_a_token_is_needed(db):
    response = APIClient().post(IMPORT, {"inhoud": "x"}, format="json")
    assert response.status_code == 401


def test_exactly_one_source(client):
    response = client.post(IMPORT, {"organisatie": "GM0363"}, format="json")
    assert response.status_code == 400


def test_a_url_import_and_the_internal_address_rule(client, web_server, settings):
    url = f"{web_server.url}/maykinmedia__objects-api.yml"
    refused = client.post(IMPORT, {"url": url, "organisatie": "GM0363"}, format="json")
    assert refused.status_code == 400
    assert "intern adres" in refused.json()["invalidParams"][0]["reason"]
    settings.INTEROP_ALLOW_PRIVATE_URLS = True
    response = client.post(
        IMPORT, {"url": url, "organisatie": "GM0363", "proef": True}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["uitkomst"] == "geimporteerd"
    assert not Bouwsteen.objects.exists()


def test_the_export_is_yaml_that_validates(demo, db):
    block = Bouwsteen.objects.published().filter(repository_url="").first()
    for suffix in ("publiccode", "publiccode.yml"):
        response = APIClient().get(f"/api/v1/bouwstenen/{block.uuid}/{suffix}")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/yaml")
        text = response.content.decode()
        assert validate(load(text)) == []
        assert yaml.safe_load(text)["url"].startswith("http://testserver/")


def test_a_draft_is_not_exported_to_strangers(demo, db):
    draft = Bouwsteen.objects.filter(publicatiestatus="concept").first()
    response = APIClient().get(f"/api/v1/bouwstenen/{draft.uuid}/publiccode")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_dcat_is_json_ld_on_request(demo, db):
    response = APIClient().get("/api/v1/dcat", HTTP_ACCEPT="application/ld+json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    body = json.loads(response.content)
    assert body["@type"] == "dcat:Catalog"
    assert body["@id"] == "http://testserver/api/v1/dcat"
    plain = APIClient().get("/api/v1/dcat", HTTP_ACCEPT="application/json")
    assert plain["Content-Type"].startswith("application/json")
