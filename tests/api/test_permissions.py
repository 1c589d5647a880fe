"""The permission matrix: every write of the API for every kind of caller, exact statuses.

Roles: anonymous, a publicist of another organisation (Utrecht), Amsterdam's redacteur and
publicist, a revoked token, and a superuser (registry operator). Each write starts from the
status in which it makes sense; a refused write changes nothing.
"""

import pytest

from drf_spectacular.generators import SchemaGenerator

from bouwstenen.models import Bouwsteen
from registry.constants import Publicatiestatus
from tests.api.helpers import assert_problem, invalid_names, ready_to_publish
from tests.factories import BouwsteenFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/bouwstenen"
ROLES = ["anoniem", "ander", "redacteur", "publicist", "ingetrokken", "beheerder"]

CREATE = {
    "naam": "Nieuw dashboard",
    "soort": "datatoepassing",
    "samenvatting": "Een nieuw dashboard.",
    "organisatie": "GM0363",
    "licentie": "EUPL-1.2",
}

# operation: (method, path suffix, start status, body)
OPERATIONS = {
    "create": ("post", "", None, CREATE),
    "put": ("put", "", "concept", CREATE),
    "patch": ("patch", "", "concept", {"naam": "Nieuwe naam"}),
    "patch-gepubliceerd": ("patch", "", "gepubliceerd", {"naam": "Nieuwe naam"}),
    "delete": ("delete", "", "gepubliceerd", None),
    "indienen": ("post", "/indienen", "concept", None),
    "publiceren": ("post", "/publiceren", "ter-beoordeling", None),
    "terugsturen": (
        "post",
        "/terugsturen",
        "ter-beoordeling",
        {"reden": "Graag meer uitleg."},
    ),
    "archiveren": ("post", "/archiveren", "gepubliceerd", None),
    "herstellen": ("post", "/herstellen", "gearchiveerd", None),
}

# Expected status per role, in the order of ROLES. 404: the caller cannot see the draft.
MATRIX = {
    "create": [401, 403, 201, 201, 401, 201],
    "put": [401, 404, 200, 200, 401, 200],
    "patch": [401, 404, 200, 200, 401, 200],
    "patch-gepubliceerd": [401, 403, 403, 200, 401, 200],
    "delete": [401, 403, 403, 200, 401, 200],
    "indienen": [401, 404, 200, 200, 401, 200],
    "publiceren": [401, 404, 403, 200, 401, 200],
    "terugsturen": [401, 404, 403, 200, 401, 200],
    "archiveren": [401, 403, 403, 200, 401, 200],
    "herstellen": [401, 404, 403, 200, 401, 200],
}

CASES = [
    (operation, role, expected)
    for operation, statuses in MATRIX.items()
    for role, expected in zip(ROLES, statuses, strict=True)
]


@pytest.mark.parametrize(("operation", "role", "expected"), CASES)
def test_permission_matrix(client_for, blocks, operation, role, expected):
    method, suffix, start, body = OPERATIONS[operation]
    client = client_for(None if role == "anoniem" else role)
    before = {
        b.pk: (b.publicatiestatus, b.versie, b.naam) for b in Bouwsteen.objects.all()
    }
    url = LIST if start is None else f"{LIST}/{blocks[start].uuid}{suffix}"

    response = getattr(client, method)(url, body, format="json")

    assert response.status_code == expected, response.content
    after = {
        b.pk: (b.publicatiestatus, b.versie, b.naam) for b in Bouwsteen.objects.all()
    }
    if expected >= 400:
        assert_problem(response, expected)
        assert after == before
    else:
        assert after != before


def test_the_matrix_covers_every_write_operation_of_the_api():
    """A new write endpoint without a row in the matrix fails here."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    writes = {
        (method, path)
        for path, operations in schema["paths"].items()
        for method in operations
        if method in {"post", "put", "patch", "delete"}
    }
    covered = {
        (method, "/bouwstenen" + ("/{uuid}" if start else "") + suffix)
        for method, suffix, start, _ in OPERATIONS.values()
    }
    assert writes == covered


def test_a_transition_from_the_wrong_status_is_a_409(client_for, blocks):
    response = client_for("publicist").post(
        f"{LIST}/{blocks['gepubliceerd'].uuid}/indienen"
    )
    body = assert_problem(response, 409, "conflict")
    assert "kan niet vanuit de status ‘gepubliceerd’" in body["detail"]
    archived = client_for("publicist").delete(f"{LIST}/{blocks['gearchiveerd'].uuid}")
    assert_problem(archived, 409)


def test_a_redacteur_cannot_publish_in_any_status(client_for, blocks):
    for status in ("concept", "ter-beoordeling"):
        response = client_for("redacteur").post(
            f"{LIST}/{blocks[status].uuid}/publiceren"
        )
        body = assert_problem(response, 403)
        assert body["detail"] == "Alleen een publicist mag ‘publiceren’."


def test_four_eyes_a_publicist_does_not_publish_what_they_submitted(client_for, cast):
    bouwsteen = ready_to_publish(BouwsteenFactory(organisatie=cast.amsterdam))
    url = f"{LIST}/{bouwsteen.uuid}"
    assert client_for("publicist").post(f"{url}/indienen").status_code == 200
    body = assert_problem(client_for("publicist").post(f"{url}/publiceren"), 403)
    assert body["detail"].startswith("Vier ogen")
    assert client_for("publicist2").post(f"{url}/publiceren").status_code == 200


def test_sending_back_needs_a_reason(client_for, blocks):
    url = f"{LIST}/{blocks['ter-beoordeling'].uuid}/terugsturen"
    for body in (None, {}, {"reden": "   "}):
        response = client_for("publicist").post(url, body, format="json")
        assert_problem(response, 400)
        assert invalid_names(response) == {"reden"}
    response = client_for("publicist").post(
        url, {"reden": "Voeg de DPIA toe."}, format="json"
    )
    assert response.json()["beoordelingOpmerking"] == "Voeg de DPIA toe."
    assert response.json()["publicatiestatus"] == "concept"


def test_publishing_an_incomplete_block_names_what_is_missing(client_for, cast):
    bouwsteen = BouwsteenFactory(
        organisatie=cast.amsterdam,
        publicatiestatus=Publicatiestatus.TER_BEOORDELING,
        ingediend_door=cast.users["redacteur"],
    )
    response = client_for("publicist").post(f"{LIST}/{bouwsteen.uuid}/publiceren")
    body = assert_problem(response, 400, "invalid")
    assert body["detail"].startswith("Nog niet klaar om te publiceren")
    assert invalid_names(response) == {
        "beschrijving",
        "themas",
        "lagen",
        "contactpunt.email",
    }
    bouwsteen.refresh_from_db()
    assert bouwsteen.publicatiestatus == Publicatiestatus.TER_BEOORDELING


def test_restoring_a_never_published_block_makes_it_a_draft(client_for, cast):
    bouwsteen = BouwsteenFactory(
        organisatie=cast.amsterdam, publicatiestatus=Publicatiestatus.GEARCHIVEERD
    )
    response = client_for("publicist").post(f"{LIST}/{bouwsteen.uuid}/herstellen")
    assert response.json()["publicatiestatus"] == "concept"


def test_an_inactive_users_token_no_longer_works(client_for, cast, blocks):
    user = cast.users["publicist"]
    user.is_active = False
    user.save()
    assert_problem(client_for("publicist").get(LIST), 401)
