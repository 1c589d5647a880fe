"""Reading: what each caller sees, and what a building block looks like in the API."""

import json

import pytest

from registry.constants import Publicatiestatus
from registry.models import Referentiecomponent
from tests.api.helpers import assert_problem
from tests.factories import BouwsteenFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/bouwstenen"


def names(response) -> set[str]:
    return {item["naam"] for item in response.json()["results"]}


def test_anonymous_callers_see_only_published_blocks(anonymous, blocks):
    response = anonymous.get(LIST)
    assert response.status_code == 200
    assert names(response) == {"Gepubliceerd A"}
    for status in ("concept", "ter-beoordeling", "gearchiveerd"):
        assert_problem(anonymous.get(f"{LIST}/{blocks[status].uuid}"), 404)


def test_members_also_see_their_own_organisations_drafts(client_for, blocks):
    amsterdam = names(client_for("redacteur").get(LIST))
    assert amsterdam == {"Concept A", "Beoordeling A", "Gepubliceerd A", "Archief A"}
    utrecht = names(client_for("ander").get(LIST))
    assert utrecht == {"Gepubliceerd A", "Concept Utrecht"}
    every = names(client_for("beheerder").get(LIST))
    assert every == amsterdam | {"Concept Utrecht"}


def test_a_building_block_in_camel_case_with_related_objects_by_url(anonymous, blocks):
    bouwsteen = blocks["gepubliceerd"]
    component = Referentiecomponent.objects.order_by("naam").first()
    bouwsteen.referentiecomponenten.set([component])
    bouwsteen.repository_url = "https://github.com/amsterdam/jeugdzorg"
    bouwsteen.save()

    response = anonymous.get(f"{LIST}/{bouwsteen.uuid}")
    assert response.status_code == 200
    body = response.json()
    assert body["url"] == f"http://testserver{LIST}/{bouwsteen.uuid}"
    assert body["uuid"] == str(bouwsteen.uuid)
    assert body["soort"] == "datatoepassing"
    assert body["levensfase"] == "pilot"
    assert body["publicatiestatus"] == "gepubliceerd"
    assert body["organisatie"] == {
        "url": "http://testserver/api/v1/organisaties/GM0363",
        "code": "GM0363",
        "naam": "Amsterdam",
        "soort": "gemeente",
    }
    assert body["themas"] == [
        {
            "url": "http://testserver/api/v1/themas/jeugdzorg",
            "slug": "jeugdzorg",
            "naam": "Jeugdzorg",
        }
    ]
    assert body["referentiecomponenten"] == [
        {
            "url": f"http://testserver/api/v1/referentiecomponenten/{component.gemma_id}",
            "gemmaId": str(component.gemma_id),
            "naam": component.naam,
        }
    ]
    assert body["lagen"] == ["data"]
    assert body["links"] == {
        "repository": "https://github.com/amsterdam/jeugdzorg",
        "documentatie": None,
        "demo": None,
        "website": None,
    }
    assert body["contactpunt"] == {
        "naam": "Team Data",
        "email": "data@amsterdam.example",
    }
    assert body["vorm"] is None
    assert {"gepubliceerdOp", "aangemaaktOp", "gewijzigdOp", "versie"} <= set(body)
    assert not any("_" in key for key in body)


@pytest.mark.parametrize(
    "path",
    [
        f"{LIST}/niet-een-uuid",
        f"{LIST}/00000000-0000-0000-0000-000000000000",
        "/api/v1/organisaties/XX9999",
        "/api/v1/themas/bestaat-niet",
        "/api/v1/referentiecomponenten/geen-uuid",
        "/api/v1/referentiecomponenten/00000000-0000-0000-0000-000000000000",
    ],
)
def test_unknown_or_malformed_identifiers_are_a_404_problem(anonymous, path):
    assert_problem(anonymous.get(path), 404, "not_found")


def test_organisations_by_code_count_only_published_blocks(anonymous, blocks, cast):
    BouwsteenFactory(organisatie=cast.amsterdam, gepubliceerd=True)
    response = anonymous.get("/api/v1/organisaties/GM0363")
    assert response.status_code == 200
    body = response.json()
    assert body["code"] == "GM0363"
    assert body["soort"] == "gemeente"
    assert body["aantalBouwstenen"] == 2
    assert body["provincie"]["code"] == "PV27"
    assert body["provincie"]["url"].endswith("/api/v1/organisaties/PV27")
    assert body["oin"] is None or len(body["oin"]) == 20

    listed = anonymous.get("/api/v1/organisaties", {"soort": "provincie"}).json()
    assert listed["count"] == 12
    assert {item["soort"] for item in listed["results"]} == {"provincie"}


def test_thema_and_reference_component_by_natural_key(anonymous, db):
    thema = anonymous.get("/api/v1/themas/jeugdzorg").json()
    assert thema["naam"] == "Jeugdzorg"
    assert thema["url"].endswith("/api/v1/themas/jeugdzorg")
    assert anonymous.get("/api/v1/themas").json()["count"] == 16

    component = Referentiecomponent.objects.order_by("naam").first()
    body = anonymous.get(f"/api/v1/referentiecomponenten/{component.gemma_id}").json()
    assert body["gemmaId"] == str(component.gemma_id)
    assert body["naam"] == component.naam


def test_archived_blocks_stay_out_of_the_public_count(anonymous, cast):
    BouwsteenFactory(
        organisatie=cast.utrecht, publicatiestatus=Publicatiestatus.GEARCHIVEERD
    )
    body = anonymous.get("/api/v1/organisaties/GM0344").json()
    assert body["aantalBouwstenen"] == 0


def test_the_list_answers_linked_data_clients_with_the_dcat_catalogue(
    anonymous, blocks
):
    response = anonymous.get(LIST, HTTP_ACCEPT="application/ld+json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    body = json.loads(response.content)
    assert body["@type"] == "dcat:Catalog"
    assert body == json.loads(anonymous.get("/api/v1/dcat").content)
    # JSON stays the default, and the rest of the API still speaks only JSON.
    assert "results" in anonymous.get(LIST, HTTP_ACCEPT="*/*").json()
    detail = anonymous.get(
        f"{LIST}/{blocks['gepubliceerd'].uuid}", HTTP_ACCEPT="application/ld+json"
    )
    assert detail.status_code == 406
