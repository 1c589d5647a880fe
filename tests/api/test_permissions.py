"""The permission matrix: every write of the API for every kind of caller, exact statuses.

Roles: anonymous, a publicist of another organisation (Utrecht), Amsterdam's redacteur and
publicist, a revoked token, and a superuser (registry operator). Each write starts from the
status in which it makes sense; a refused write changes nothing (blocks, reuse, answers of
the opschalingscheck and relations alike), and so does the dry run "bestaat dit al?".

Amsterdam owns the blocks; Utrecht reuses ``gepubliceerd`` and records reuse of
``gepubliceerd-2``. Only Utrecht's members write, confirm or reject Utrecht's reuse (a
beheerder is not Utrecht); Amsterdam's members may only *report* it, which counts for
nothing until Utrecht confirms. Only who may edit a block (``can_edit``) writes its
content, opschalingscheck and relations, and on a published block that lands in its
concept: the public version stays as it was. A transfer is asked by either side and
decided by the other.
"""

import json
from pathlib import Path

import pytest

from drf_spectacular.generators import SchemaGenerator

from bouwstenen import services
from bouwstenen.models import (
    Antwoord,
    Bouwsteen,
    BouwsteenConcept,
    Hergebruik,
    Melding,
    Opschalingsantwoord,
    Overdracht,
    Relatie,
    Vraag,
)
from registry.constants import Publicatiestatus
from tests.api.helpers import assert_problem, invalid_names, ready_to_publish
from tests.factories import BouwsteenFactory, complete

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
PUBLICCODE = Path(__file__).resolve().parents[1] / "data" / "publiccode"
DETAIL = "/bouwstenen/{uuid}"
HERGEBRUIK = "/bouwstenen/{uuid}/hergebruik/{organisatie}"
OVERDRACHT = "/bouwstenen/{uuid}/overdrachten/{id}"
VRAAG = "/vragen/{id}"
ANTWOORD = "/antwoorden/{id}"


def _import_body(world):
    return {
        "inhoud": (PUBLICCODE / "open-zaak__open-zaak.yml").read_text(),
        "organisatie": "GM0363",
    }


# operation: (method, path as in the OpenAPI document, start block, body).
# A callable body is called with the world (for the uuid of another block).
OPERATIONS = {
    "create": ("post", "/bouwstenen", None, CREATE),
    "put": ("put", DETAIL, "concept", CREATE),
    "patch": ("patch", DETAIL, "concept", {"naam": "Nieuwe naam"}),
    "patch-gepubliceerd": ("patch", DETAIL, "gepubliceerd", {"naam": "Nieuwe naam"}),
    "delete": ("delete", DETAIL, "gepubliceerd", None),
    "indienen": ("post", DETAIL + "/indienen", "concept", None),
    "publiceren": ("post", DETAIL + "/publiceren", "ter-beoordeling", None),
    "terugsturen": (
        "post",
        DETAIL + "/terugsturen",
        "ter-beoordeling",
        {"reden": "Graag meer uitleg."},
    ),
    "archiveren": ("post", DETAIL + "/archiveren", "gepubliceerd", None),
    "herstellen": ("post", DETAIL + "/herstellen", "gearchiveerd", None),
    "hergebruik-vastleggen": (
        "post",
        DETAIL + "/hergebruik",
        "gepubliceerd-2",
        {"organisatie": "GM0344", "stadium": "pilot"},
    ),
    "hergebruik-vervangen": (
        "put",
        HERGEBRUIK,
        "gepubliceerd",
        {"stadium": "in-gebruik", "ervaring": "Draait nu in heel Utrecht."},
    ),
    "hergebruik-wijzigen": (
        "patch",
        HERGEBRUIK,
        "gepubliceerd",
        {"stadium": "gestopt"},
    ),
    "hergebruik-intrekken": ("delete", HERGEBRUIK, "gepubliceerd", None),
    "hergebruik-bevestigen": (
        "post",
        HERGEBRUIK + "/bevestigen",
        "gepubliceerd-gemeld",
        {"stadium": "in-gebruik"},
    ),
    "hergebruik-afwijzen": (
        "post",
        HERGEBRUIK + "/afwijzen",
        "gepubliceerd-gemeld",
        {"reden": "Wij gebruiken een ander dashboard."},
    ),
    "concept-verwerpen": ("delete", DETAIL + "/concept", "met-concept", None),
    "overdracht-aanvragen": (
        "post",
        DETAIL + "/overdrachten",
        "gepubliceerd",
        {"naar": "GM0344", "toelichting": "Utrecht beheert dit voortaan."},
    ),
    "overdracht-accepteren": (
        "post",
        OVERDRACHT + "/accepteren",
        "aangeboden",
        {"toelichting": "Akkoord."},
    ),
    "overdracht-afwijzen": (
        "post",
        OVERDRACHT + "/afwijzen",
        "aangeboden",
        {"toelichting": "Niet van ons."},
    ),
    "overdracht-intrekken": ("post", OVERDRACHT + "/intrekken", "aangeboden", {}),
    "opschalingscheck": (
        "patch",
        DETAIL + "/opschalingscheck",
        "gepubliceerd",
        {"antwoorden": [{"voorwaarde": "dpia", "antwoord": "ja"}]},
    ),
    "opschalingscheck-concept": (
        "patch",
        DETAIL + "/opschalingscheck",
        "concept",
        {"antwoorden": [{"voorwaarde": "roadmap", "antwoord": "deels"}]},
    ),
    "relatie-leggen": (
        "post",
        DETAIL + "/relaties",
        "gepubliceerd",
        lambda world: {
            "type": "gebaseerd-op",
            "naar": str(world["gepubliceerd-utrecht"].uuid),
        },
    ),
    "relatie-verwijderen": (
        "delete",
        DETAIL + "/relaties/{type}/{naar}",
        "gepubliceerd",
        None,
    ),
    "vergelijkbaar": (
        "post",
        "/bouwstenen/vergelijkbaar",
        None,
        {"naam": "Jeugdzorgdashboard", "samenvatting": "Wachttijden jeugdzorg."},
    ),
    "import-publiccode": (
        "post",
        "/bouwstenen/import-publiccode",
        None,
        _import_body,
    ),
    "vraag-stellen": (
        "post",
        DETAIL + "/vragen",
        "gepubliceerd",
        {"titel": "Werkt dit met Suite4Jeugd?", "tekst": "Graag uitleg."},
    ),
    "vraag-beantwoorden": (
        "post",
        VRAAG + "/antwoorden",
        "gepubliceerd",
        {"tekst": "Ja, via de standaardkoppeling."},
    ),
    "vraag-afsluiten": ("post", VRAAG + "/afsluiten", "gepubliceerd", None),
    "vraag-melden": ("post", VRAAG + "/meldingen", "gepubliceerd", {"reden": "spam"}),
    "antwoord-melden": (
        "post",
        ANTWOORD + "/meldingen",
        "gepubliceerd",
        {"reden": "onjuist", "toelichting": "Klopt niet meer."},
    ),
}

# Expected status per role, in the order of ROLES. 404: the caller cannot see the draft.
# A superuser counts as a member of every organisation for blocks, but not for reuse: it
# speaks for an organisation only as its member. Importing for an organisation one is
# not a member of is refused as invalid input naming ``organisatie`` (400), as the import
# has done from the start.
MATRIX = {
    "create": [401, 403, 201, 201, 401, 201],
    "put": [401, 404, 200, 200, 401, 200],
    "patch": [401, 404, 200, 200, 401, 200],
    "patch-gepubliceerd": [401, 403, 200, 200, 401, 200],
    "delete": [401, 403, 403, 200, 401, 200],
    "indienen": [401, 404, 200, 200, 401, 200],
    "publiceren": [401, 404, 403, 200, 401, 200],
    "terugsturen": [401, 404, 403, 200, 401, 200],
    "archiveren": [401, 403, 403, 200, 401, 200],
    "herstellen": [401, 404, 403, 200, 401, 200],
    # Utrecht records its own reuse; Amsterdam and the beheerder can only report it.
    "hergebruik-vastleggen": [401, 201, 201, 201, 401, 201],
    "hergebruik-vervangen": [401, 200, 403, 403, 401, 403],
    "hergebruik-wijzigen": [401, 200, 403, 403, 401, 403],
    "hergebruik-intrekken": [401, 204, 403, 403, 401, 403],
    "hergebruik-bevestigen": [401, 200, 403, 403, 401, 403],
    "hergebruik-afwijzen": [401, 200, 403, 403, 401, 403],
    "opschalingscheck": [401, 403, 200, 200, 401, 200],
    "opschalingscheck-concept": [401, 404, 200, 200, 401, 200],
    "relatie-leggen": [401, 403, 200, 200, 401, 200],
    "relatie-verwijderen": [401, 403, 200, 200, 401, 200],
    "concept-verwerpen": [401, 403, 200, 200, 401, 200],
    # Amsterdam offers, Utrecht claims: either side asks.
    "overdracht-aanvragen": [401, 201, 201, 201, 401, 201],
    # Amsterdam offered: Utrecht's publicist (or a beheerder) decides, Amsterdam withdraws.
    "overdracht-accepteren": [401, 200, 403, 403, 401, 200],
    "overdracht-afwijzen": [401, 200, 403, 403, 401, 200],
    "overdracht-intrekken": [401, 403, 200, 200, 401, 403],
    "vergelijkbaar": [200, 200, 200, 200, 401, 200],
    "import-publiccode": [401, 400, 201, 201, 401, 201],
    # Utrecht asked Amsterdam: both sides answer and close; a beheerder speaks for no
    # organisation (it moderates in the admin); anyone signed in reports.
    "vraag-stellen": [401, 201, 201, 201, 401, 403],
    "vraag-beantwoorden": [401, 201, 201, 201, 401, 403],
    "vraag-afsluiten": [401, 200, 200, 200, 401, 403],
    "vraag-melden": [401, 201, 201, 201, 401, 201],
    "antwoord-melden": [401, 201, 201, 201, 401, 201],
}
# Successful, and still nothing may change.
DRY_RUNS = {"vergelijkbaar"}

CASES = [
    (operation, role, expected)
    for operation, statuses in MATRIX.items()
    for role, expected in zip(ROLES, statuses, strict=True)
]


# Writes to a published block that must leave its public version as it was.
PUBLIC_STAYS = {
    "patch-gepubliceerd",
    "opschalingscheck",
    "relatie-leggen",
    "relatie-verwijderen",
    "concept-verwerpen",
}


@pytest.fixture
def world(blocks, cast):
    """The blocks of every status, plus reuse, a report, a relation, a concept of a
    published block and a transfer on offer, to write."""
    world = dict(blocks)
    world["gepubliceerd-2"] = ready_to_publish(
        BouwsteenFactory(organisatie=cast.amsterdam, gepubliceerd=True, naam="Ander A")
    )
    world["gepubliceerd-utrecht"] = ready_to_publish(
        BouwsteenFactory(organisatie=cast.utrecht, gepubliceerd=True, naam="Utrecht B")
    )
    world["gepubliceerd-gemeld"] = ready_to_publish(
        BouwsteenFactory(organisatie=cast.amsterdam, gepubliceerd=True, naam="Gemeld A")
    )
    world["met-concept"] = ready_to_publish(
        BouwsteenFactory(
            organisatie=cast.amsterdam, gepubliceerd=True, naam="Met concept A"
        )
    )
    world["aangeboden"] = ready_to_publish(
        BouwsteenFactory(organisatie=cast.amsterdam, gepubliceerd=True, naam="Aanbod")
    )
    Hergebruik.objects.create(
        bouwsteen=world["gepubliceerd"], organisatie=cast.utrecht, stadium="pilot"
    )
    Relatie.objects.create(
        van=world["gepubliceerd"], type="gebruikt", naar=world["gepubliceerd-utrecht"]
    )
    services.hergebruik_report(
        user=cast.users["publicist"],
        bouwsteen=world["gepubliceerd-gemeld"],
        organisatie=cast.utrecht,
        bron="de eigenaar",
    )
    services.bouwsteen_update(
        bouwsteen=world["met-concept"],
        user=cast.users["redacteur"],
        values={"naam": "Met concept A, hernoemd"},
    )
    world["overdracht"] = services.overdracht_request(
        user=cast.users["publicist"], bouwsteen=world["aangeboden"], naar=cast.utrecht
    )
    world["vraag"] = services.vraag_stellen(
        user=cast.users["ander"],
        bouwsteen=world["gepubliceerd"],
        titel="Hoe koppelen jullie de wachtlijsten?",
        tekst="Wij willen dat ook.",
    )
    world["antwoord"] = services.vraag_beantwoorden(
        user=cast.users["publicist"], vraag=world["vraag"], tekst="Met de API."
    )
    return world


def public_view(bouwsteen_id: int) -> tuple:
    """What anonymous readers get of a block (fields, answers, relations)."""
    block = Bouwsteen.objects.get(pk=bouwsteen_id)
    return (
        block.naam,
        set(block.opschalingsantwoorden.values_list("voorwaarde", "antwoord")),
        set(block.relaties_uit.values_list("type", "naar_id")),
    )


def snapshot() -> tuple:
    return (
        {
            b.pk: (b.publicatiestatus, b.versie, b.naam, b.organisatie_id)
            for b in Bouwsteen.objects.all()
        },
        set(
            Hergebruik.objects.values_list(
                "bouwsteen_id", "organisatie_id", "status", "stadium", "ervaring"
            )
        ),
        set(
            Opschalingsantwoord.objects.values_list(
                "bouwsteen_id", "voorwaarde", "antwoord"
            )
        ),
        set(Relatie.objects.values_list("van_id", "type", "naar_id")),
        {
            c.bouwsteen_id: (c.publicatiestatus, json.dumps(c.inhoud, sort_keys=True))
            for c in BouwsteenConcept.objects.all()
        },
        set(Overdracht.objects.values_list("bouwsteen_id", "naar_id", "status")),
        set(Vraag.objects.values_list("pk", "status", "verborgen")),
        set(Antwoord.objects.values_list("pk", "organisatie_id", "tekst")),
        set(Melding.objects.values_list("pk", "reden", "status")),
    )


def url_of(path: str, world, start) -> str:
    values = {"organisatie": "GM0344", "type": "gebruikt"}
    if start is not None:
        values["uuid"] = world[start].uuid
        values["naar"] = world["gepubliceerd-utrecht"].uuid
        values["id"] = world["overdracht"].uuid
        if path.startswith(VRAAG):
            values["id"] = world["vraag"].uuid
        elif path.startswith(ANTWOORD):
            values["id"] = world["antwoord"].uuid
    return "/api/v1" + path.format(**values)


@pytest.mark.parametrize(("operation", "role", "expected"), CASES)
def test_permission_matrix(client_for, world, operation, role, expected):
    method, path, start, body = OPERATIONS[operation]
    client = client_for(None if role == "anoniem" else role)
    body = body(world) if callable(body) else body
    before = snapshot()
    public_before = public_view(world[start].pk) if start else None

    response = getattr(client, method)(url_of(path, world, start), body, format="json")

    assert response.status_code == expected, response.content
    after = snapshot()
    if expected >= 400:
        assert_problem(response, expected)
        assert after == before
    elif operation in DRY_RUNS:
        assert after == before
    else:
        assert after != before
    if expected < 400 and operation in PUBLIC_STAYS:
        assert public_view(world[start].pk) == public_before
    if operation == "hergebruik-vastleggen" and expected == 201:
        # Only Utrecht's own member makes it count.
        status = Hergebruik.objects.get(
            bouwsteen=world[start], organisatie__code="GM0344"
        ).status
        assert status == ("bevestigd" if role == "ander" else "gemeld")


def test_the_matrix_covers_every_write_operation_of_the_api():
    """A new write endpoint without a row in the matrix fails here."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    writes = {
        (method, path)
        for path, operations in schema["paths"].items()
        for method in operations
        if method in {"post", "put", "patch", "delete"}
    }
    from tests.api.test_behoeften_permissions import OPERATIONS as NEEDS

    covered = {
        (method, path)
        for method, path, _start, _body in [*OPERATIONS.values(), *NEEDS.values()]
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
    bouwsteen = complete(BouwsteenFactory(organisatie=cast.amsterdam))
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
    assert body["detail"] == (
        "Nog niet klaar om te publiceren: 5 van 11 onderdelen ingevuld voor "
        "publicatie. Nog nodig: beschrijving, thema, Common Ground-laag, "
        "contactpunt, link, opschalingscheck."
    )
    assert invalid_names(response) == {
        "beschrijving",
        "themas",
        "lagen",
        "contactpunt.email",
        "links",
        "opschalingscheck",
    }
    bouwsteen.refresh_from_db()
    assert bouwsteen.publicatiestatus == Publicatiestatus.TER_BEOORDELING


def test_offering_an_incomplete_block_for_review_names_exactly_what_is_missing(
    client_for, cast
):
    # What a public page needs is there, and two answers; no link, twelve open.
    bouwsteen = ready_to_publish(BouwsteenFactory(organisatie=cast.amsterdam))
    for code in ("maatschappelijke-opgave", "dpia"):
        Opschalingsantwoord.objects.create(
            bouwsteen=bouwsteen, voorwaarde=code, antwoord="ja"
        )
    response = client_for("redacteur").post(f"{LIST}/{bouwsteen.uuid}/indienen")
    body = assert_problem(response, 400, "invalid")
    assert body["detail"] == (
        "Nog niet klaar om ter beoordeling aan te bieden: 9 van 11 onderdelen "
        "ingevuld voor publicatie. Nog nodig: link, opschalingscheck."
    )
    reasons = {p["name"]: p["reason"] for p in body["invalidParams"]}
    assert set(reasons) == {"links", "opschalingscheck"}
    assert reasons["links"].startswith("Geef minstens één link")
    # The open preconditions by name, and not the two that were answered.
    assert "Waarde aangetoond" in reasons["opschalingscheck"]
    assert "Kennisdeling" in reasons["opschalingscheck"]
    assert "DPIA" not in reasons["opschalingscheck"]
    bouwsteen.refresh_from_db()
    assert bouwsteen.publicatiestatus == Publicatiestatus.CONCEPT
    # "n.v.t." counts as an answer: with a link and every answer it goes.
    complete(bouwsteen)
    response = client_for("redacteur").post(f"{LIST}/{bouwsteen.uuid}/indienen")
    assert response.json()["publicatiestatus"] == "ter-beoordeling"


def test_the_concept_of_a_published_block_is_checked_when_offered(client_for, blocks):
    published = blocks["gepubliceerd"]
    url = f"{LIST}/{published.uuid}"
    etag = client_for("redacteur").get(url)["ETag"]
    response = client_for("redacteur").patch(
        url,
        {"links": {"repository": None}},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 200, response.content
    refused = client_for("redacteur").post(f"{url}/indienen")
    assert_problem(refused, 400, "invalid")
    assert invalid_names(refused) == {"links"}
    assert published.werkversie.publicatiestatus == Publicatiestatus.CONCEPT


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
