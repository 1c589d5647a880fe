"""The permission matrix of the needs board: every write of ``/behoeften`` for every
kind of caller, exact statuses, and a refused write changes nothing.

Amsterdam owns the needs; Utrecht's publicist ("ander") joins them. Only members of the
owner write a need and take its workflow steps (a publicist publishes, sends back,
archives, restores and closes); a published need no longer changes. Only a member of
the joining organisation says "wij ook" for it, a beheerder included: speaking for an
organisation takes a membership of it.
"""

import pytest

from bouwstenen import services
from bouwstenen.models import Behoefte, Deelname
from registry.permissions import OPERATOR
from tests.api.helpers import assert_problem, ready_to_publish
from tests.factories import BouwsteenFactory
from tests.needs import make_need

pytestmark = pytest.mark.django_db

ROLES = ["anoniem", "ander", "redacteur", "publicist", "ingetrokken", "beheerder"]
DETAIL = "/behoeften/{uuid}"
DEELNEMER = "/behoeften/{uuid}/deelnemers/{organisatie}"
CREATE = {
    "titel": "Voorspelmodel schuldhulp",
    "beschrijving": "Wij zoeken een model dat vroeg signaleert.",
    "organisatie": "GM0363",
    "themas": ["armoede-en-schulden"],
}

# operation: (method, path as in the OpenAPI document, start need, body).
OPERATIONS = {
    "behoefte-plaatsen": ("post", "/behoeften", None, CREATE),
    "behoefte-vervangen": (
        "put",
        DETAIL,
        "concept",
        {**CREATE, "titel": "Voorspelmodel schuldhulp, scherper"},
    ),
    "behoefte-wijzigen": ("patch", DETAIL, "concept", {"titel": "Nieuwe titel"}),
    "behoefte-wijzigen-gepubliceerd": (
        "patch",
        DETAIL,
        "gepubliceerd",
        {"titel": "Stiekem anders"},
    ),
    "behoefte-indienen": ("post", DETAIL + "/indienen", "concept", None),
    "behoefte-publiceren": ("post", DETAIL + "/publiceren", "ter-beoordeling", None),
    "behoefte-terugsturen": (
        "post",
        DETAIL + "/terugsturen",
        "ter-beoordeling",
        {"reden": "Wat is de doelgroep?"},
    ),
    "behoefte-archiveren": ("post", DETAIL + "/archiveren", "gepubliceerd", None),
    "behoefte-herstellen": ("post", DETAIL + "/herstellen", "gearchiveerd", None),
    "behoefte-sluiten": (
        "post",
        DETAIL + "/sluiten",
        "gepubliceerd",
        lambda world: {"bouwsteen": str(world["antwoord"].uuid)},
    ),
    "wij-ook": (
        "post",
        DETAIL + "/deelnemers",
        "gepubliceerd",
        {"organisatie": "GM0344", "toelichting": "Ook voor onze wijkteams."},
    ),
    "wij-ook-intrekken": ("delete", DEELNEMER, "met-deelname", None),
}

MATRIX = {
    "behoefte-plaatsen": [401, 403, 201, 201, 401, 201],
    "behoefte-vervangen": [401, 404, 200, 200, 401, 200],
    "behoefte-wijzigen": [401, 404, 200, 200, 401, 200],
    # Others joined what it says: nobody changes a published need.
    "behoefte-wijzigen-gepubliceerd": [401, 403, 403, 403, 401, 403],
    "behoefte-indienen": [401, 404, 200, 200, 401, 200],
    "behoefte-publiceren": [401, 404, 403, 200, 401, 200],
    "behoefte-terugsturen": [401, 404, 403, 200, 401, 200],
    "behoefte-archiveren": [401, 403, 403, 200, 401, 200],
    "behoefte-herstellen": [401, 404, 403, 200, 401, 200],
    "behoefte-sluiten": [401, 403, 403, 200, 401, 200],
    "wij-ook": [401, 201, 403, 403, 401, 403],
    "wij-ook-intrekken": [401, 204, 403, 403, 401, 403],
}
CASES = [
    (operation, role, expected)
    for operation, statuses in MATRIX.items()
    for role, expected in zip(ROLES, statuses, strict=True)
]


@pytest.fixture
def world(cast):
    world = {
        status: make_need(
            organisatie=cast.amsterdam, titel=f"Behoefte {status}", status=status
        )
        for status in ("concept", "ter-beoordeling", "gepubliceerd", "gearchiveerd")
    }
    world["met-deelname"] = make_need(organisatie=cast.amsterdam, titel="Met deelname")
    services.deelname_add(
        user=cast.users["ander"],
        behoefte=world["met-deelname"],
        organisatie=cast.utrecht,
    )
    world["antwoord"] = ready_to_publish(
        BouwsteenFactory(organisatie=cast.utrecht, gepubliceerd=True, naam="Antwoord")
    )
    return world


def snapshot() -> tuple:
    return (
        set(
            Behoefte.objects.values_list(
                "pk", "publicatiestatus", "versie", "titel", "beantwoord_door_id"
            )
        ),
        set(Deelname.objects.values_list("behoefte_id", "organisatie_id")),
    )


def url_of(path: str, world, start) -> str:
    values = {"organisatie": "GM0344"}
    if start is not None:
        values["uuid"] = world[start].uuid
    return "/api/v1" + path.format(**values)


@pytest.mark.parametrize(("operation", "role", "expected"), CASES)
def test_needs_permission_matrix(client_for, world, operation, role, expected):
    method, path, start, body = OPERATIONS[operation]
    client = client_for(None if role == "anoniem" else role)
    body = body(world) if callable(body) else body
    before = snapshot()

    response = getattr(client, method)(url_of(path, world, start), body, format="json")

    assert response.status_code == expected, response.content
    if expected >= 400:
        assert_problem(response, expected)
        assert snapshot() == before
    else:
        assert snapshot() != before


def test_a_second_wij_ook_of_the_same_organisation_is_a_409_by_the_named_constraint(
    client_for, world
):
    url = url_of(DETAIL + "/deelnemers", world, "met-deelname")
    response = client_for("ander").post(url, {"organisatie": "GM0344"}, format="json")
    body = assert_problem(response, 409, "conflict")
    assert "al bij deze behoefte aangesloten" in body["detail"]
    constraint = next(
        c for c in Deelname._meta.constraints if c.fields == ("behoefte", "organisatie")
    )
    assert constraint.name == "bouwstenen_deelname_unique_organisatie"


def test_a_need_is_published_by_a_second_person(client_for, cast):
    need = make_need(organisatie=cast.amsterdam, status="concept")
    url = f"/api/v1/behoeften/{need.uuid}"
    assert client_for("publicist").post(f"{url}/indienen").status_code == 200
    body = assert_problem(client_for("publicist").post(f"{url}/publiceren"), 403)
    assert body["detail"].startswith("Vier ogen")
    assert client_for("publicist2").post(f"{url}/publiceren").status_code == 200


def test_publishing_an_incomplete_need_names_the_fields(client_for, cast):
    need = services.behoefte_create(
        user=OPERATOR,
        organisatie=cast.amsterdam,
        values={"titel": "Half af", "beschrijving": "Iets."},
    )
    need = services.behoefte_transition(user=OPERATOR, behoefte=need, actie="indienen")
    response = client_for("publicist").post(f"/api/v1/behoeften/{need.uuid}/publiceren")
    body = assert_problem(response, 400, "invalid")
    assert {p["name"] for p in body["invalidParams"]} == {
        "themas",
        "contactpunt.email",
    }
