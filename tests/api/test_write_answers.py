"""The answer to every write is the block as the next read shows it to the same member.

A write answers from what the services hold of the block (its thema's, layers,
components and answers: ``selectors.bouwsteen_fresh``) instead of reading it all again,
or, when the writer sees the block as everyone does, with the detail the door just stored
(``stored_reads.written_as_public``); these tests walk every API write of a block, with relations in both directions that the
member partly may not see and confirmed reuse, and compare body and ETag with a GET.
"""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from bouwstenen import weergave
from bouwstenen.api.weergave import differences
from bouwstenen.constants import HergebruikStadium, HergebruikStatus
from bouwstenen.detail import HELD, bouwsteen_fresh
from bouwstenen.models import Bouwsteen, Hergebruik, Relatie
from core.api.renderers import Stored
from registry.constants import Publicatiestatus
from registry.models import Laag, Referentiecomponent, Thema
from registry.permissions import roles_of
from tests.factories import BouwsteenFactory, complete

pytestmark = pytest.mark.django_db

LIST = "/api/v1/bouwstenen"


def assert_answer_is_the_read(client, response, status=200):
    assert response.status_code == status, response.content
    read = client.get(f"{LIST}/{response.json()['uuid']}")
    assert response.json() == read.json()
    assert response["ETag"] == read["ETag"]
    return response.json()


def assert_stored_is_fresh(blok):
    """What a reader without a role gets is what a fresh rendering makes."""
    assert differences([blok.pk]) == []
    assert APIClient().get(f"{LIST}/{blok.uuid}").status_code == 200


@pytest.fixture
def surroundings(cast):
    """Blocks around the one under test: public and hidden, of both organisations."""
    return {
        "utrecht-publiek": complete(
            BouwsteenFactory(
                organisatie=cast.utrecht,
                publicatiestatus=Publicatiestatus.GEPUBLICEERD,
                gepubliceerd_op=timezone.now(),
                naam="Utrecht publiek",
            )
        ),
        "utrecht-concept": BouwsteenFactory(
            organisatie=cast.utrecht, naam="Utrecht concept"
        ),
        "amsterdam-concept": BouwsteenFactory(
            organisatie=cast.amsterdam, naam="Amsterdam concept"
        ),
    }


def several(model, field, n=3):
    """``n`` reference rows whose names do not sort like their ids: the answer must keep
    the order a read gives, not the order they were written in."""
    rows = list(model.objects.order_by("-pk")[:n])
    return [getattr(row, field) for row in rows]


def test_every_write_answers_what_the_next_read_shows(client_for, cast, surroundings):
    redacteur, publicist = client_for("redacteur"), client_for("publicist")
    themas = several(Thema, "slug")
    components = [str(gemma) for gemma in several(Referentiecomponent, "gemma_id")]
    created = redacteur.post(
        LIST,
        {
            "naam": "Antwoord na schrijven",
            "soort": "datatoepassing",
            "samenvatting": "Wat een schrijfactie teruggeeft.",
            "beschrijving": "## Wat het doet\n\nHet blok zoals het is.",
            "organisatie": "GM0363",
            "licentie": "EUPL-1.2",
            "themas": themas,
            "lagen": several(Laag, "slug", 2),
            "referentiecomponenten": components,
            "contactpunt": {"naam": "Datalab", "email": "datalab@example.org"},
            "links": {"repository": "https://github.com/datalab/antwoord"},
        },
        format="json",
    )
    body = assert_answer_is_the_read(redacteur, created, 201)
    assert [t["slug"] for t in body["themas"]] != themas  # read order, not written
    url = f"{LIST}/{body['uuid']}"
    blok = Bouwsteen.objects.get(uuid=body["uuid"])
    # Pointing at the block: one the members see, one they do not; and reuse.
    Relatie.objects.create(
        van=surroundings["amsterdam-concept"], type="gebruikt", naar=blok
    )
    Relatie.objects.create(
        van=surroundings["utrecht-concept"], type="gebruikt", naar=blok
    )
    Hergebruik.objects.create(
        bouwsteen=blok,
        organisatie=cast.utrecht,
        stadium=HergebruikStadium.IN_GEBRUIK,
        status=HergebruikStatus.BEVESTIGD,
    )

    changed = redacteur.patch(
        url,
        {"themas": themas[:1], "naam": "Antwoord na wijzigen"},
        format="json",
    )
    body = assert_answer_is_the_read(redacteur, changed)
    assert body["inGebruik"] == 1
    assert [r["bouwsteen"]["naam"] for r in body["relaties"]] == ["Amsterdam concept"]

    answers = [
        {"voorwaarde": v["voorwaarde"], "antwoord": "ja"}
        for v in body["opschalingscheck"]["voorwaarden"]
    ]
    assert_answer_is_the_read(
        redacteur,
        redacteur.patch(
            f"{url}/opschalingscheck", {"antwoorden": answers}, format="json"
        ),
    )
    related = redacteur.post(
        f"{url}/relaties",
        {"type": "gebaseerd-op", "naar": str(surroundings["utrecht-publiek"].uuid)},
        format="json",
    )
    assert len(assert_answer_is_the_read(redacteur, related)["relaties"]) == 2
    naar = surroundings["utrecht-publiek"].uuid
    assert_answer_is_the_read(
        redacteur, redacteur.delete(f"{url}/relaties/gebaseerd-op/{naar}")
    )
    assert_answer_is_the_read(redacteur, redacteur.post(f"{url}/indienen"))
    assert_answer_is_the_read(
        publicist,
        publicist.post(f"{url}/terugsturen", {"reden": "Nog niet"}, format="json"),
    )
    assert_answer_is_the_read(redacteur, redacteur.post(f"{url}/indienen"))
    body = assert_answer_is_the_read(publicist, publicist.post(f"{url}/publiceren"))
    assert body["publicatiestatus"] == "gepubliceerd"
    # Rendered from the block the step held (weergave.hold): what a reader without a
    # role gets is what a fresh rendering makes.
    assert_stored_is_fresh(blok)

    # A published block changes through its concept, which a second person publishes.
    concept = redacteur.patch(
        url, {"themas": themas[1:], "referentiecomponenten": []}, format="json"
    )
    assert_answer_is_the_read(redacteur, concept)
    assert_answer_is_the_read(redacteur, redacteur.post(f"{url}/indienen"))
    assert_stored_is_fresh(blok)
    body = assert_answer_is_the_read(publicist, publicist.post(f"{url}/publiceren"))
    assert sorted(t["slug"] for t in body["themas"]) == sorted(themas[1:])
    assert_stored_is_fresh(blok)
    assert body["referentiecomponenten"] == []

    assert_answer_is_the_read(publicist, publicist.post(f"{url}/archiveren"))
    assert_answer_is_the_read(publicist, publicist.post(f"{url}/herstellen"))


def test_a_workflow_step_reads_the_content_once_for_its_answer_too(client_for, blocks):
    """What the step read for its checks (thema's, layers, components, answers) is what
    its answer shows: each is read once in the request, not again for the answer."""
    blok = blocks["concept"]
    # The set-up wrote outside the door; its stored representations are not this step's.
    weergave.flush()
    with CaptureQueriesContext(connection) as captured:
        response = client_for("redacteur").post(f"{LIST}/{blok.uuid}/indienen")
    assert response.status_code == 200, response.content
    selects = [
        q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT")
    ]
    for table in (
        "bouwstenen_bouwsteen_themas",
        "bouwstenen_bouwsteen_lagen",
        "bouwstenen_bouwsteen_referentiecomponenten",
        "bouwstenen_opschalingsantwoord",
    ):
        reads = [
            sql
            for sql in selects
            if f'FROM "{table}"' in sql or f'JOIN "{table}"' in sql
        ]
        assert len(reads) == 1, (table, reads)


def _fresh_costs(blok, user):
    """The queries ``bouwsteen_fresh`` asks for a block whose rows a write holds, by a
    user whose roles the request already knows."""
    held = Bouwsteen.objects.prefetch_related(*HELD).get(pk=blok.pk)
    roles_of(user)
    with CaptureQueriesContext(connection) as captured:
        fresh = bouwsteen_fresh(held, user)
    return len(captured.captured_queries), fresh


def test_a_block_without_relations_or_reuse_is_answered_without_reading_them(
    client_for, cast, blocks
):
    """One plain question tells that the block has no relation either way and no
    confirmed reuse; its answer then reads neither, and is still what a read shows."""
    blok = blocks["concept"]
    # Reported reuse that nobody confirmed yet counts nowhere, so it is no reason to ask.
    Hergebruik.objects.create(
        bouwsteen=blok,
        organisatie=cast.utrecht,
        stadium=HergebruikStadium.IN_GEBRUIK,
        status=HergebruikStatus.GEMELD,
        gemeld_op=timezone.now(),
    )
    cost, fresh = _fresh_costs(blok, cast.users["redacteur"])
    assert cost == 1
    assert list(fresh.relaties_uit.all()) == list(fresh.relaties_in.all()) == []
    assert fresh.hergebruik_in_gebruik == fresh.hergebruik_actief == 0

    redacteur = client_for("redacteur")
    response = redacteur.patch(
        f"{LIST}/{blok.uuid}", {"naam": "Alleen op de wereld"}, format="json"
    )
    body = assert_answer_is_the_read(redacteur, response)
    assert body["relaties"] == [] and body["inGebruik"] == 0


@pytest.mark.parametrize("link", ["uit", "in", "hergebruik"])
def test_any_one_link_makes_the_answer_read_them(client_for, cast, blocks, link):
    """A relation out, a relation in, or confirmed reuse alone: each is enough for the
    answer to read the relations and the reuse, and to show it."""
    blok, other = blocks["concept"], blocks["gepubliceerd"]
    if link == "uit":
        Relatie.objects.create(van=blok, type="gebruikt", naar=other)
    elif link == "in":
        Relatie.objects.create(van=other, type="gebruikt", naar=blok)
    else:
        Hergebruik.objects.create(
            bouwsteen=blok,
            organisatie=cast.utrecht,
            stadium=HergebruikStadium.PILOT,
            status=HergebruikStatus.BEVESTIGD,
        )
    # The question, then the relations out and in, and the reuse counted.
    assert _fresh_costs(blok, cast.users["redacteur"])[0] == 4

    redacteur = client_for("redacteur")
    response = redacteur.patch(
        f"{LIST}/{blok.uuid}", {"naam": "Met een verband"}, format="json"
    )
    body = assert_answer_is_the_read(redacteur, response)
    if link == "hergebruik":
        assert body["inPilot"] == 1 and body["relaties"] == []
    else:
        assert [r["bouwsteen"]["uuid"] for r in body["relaties"]] == [str(other.uuid)]


def test_a_write_that_leaves_the_block_as_everyone_sees_it_answers_the_stored_detail(
    client_for, cast, blocks
):
    """Publishing a block without a concept and without relations to hidden blocks
    answers with the detail the door just stored (``stored_reads.written_as_public``): the
    same body and ETag as a member's and an anonymous read, without serialising the
    block again. A relation to the member's own draft, or a concept, the member sees
    and a reader without a role does not: such an answer is serialised for the member."""
    blok, draft = blocks["ter-beoordeling"], blocks["concept"]
    url = f"{LIST}/{blok.uuid}"
    publicist, redacteur = client_for("publicist"), client_for("redacteur")

    published = publicist.post(f"{url}/publiceren")
    assert isinstance(published.data, Stored)
    body = assert_answer_is_the_read(publicist, published)
    anonymous = APIClient().get(url)
    assert body == anonymous.json() and published["ETag"] == anonymous["ETag"]
    assert body["url"] == f"http://testserver{url}"

    # The member sees a relation to the own draft, a reader without a role does not.
    Relatie.objects.create(van=blok, type="gebruikt", naar=draft)
    unchanged = redacteur.patch(
        f"{url}/opschalingscheck", {"antwoorden": []}, format="json"
    )
    assert not isinstance(unchanged.data, Stored)
    body = assert_answer_is_the_read(redacteur, unchanged)
    assert [r["bouwsteen"]["uuid"] for r in body["relaties"]] == [str(draft.uuid)]
    Relatie.objects.filter(van=blok).delete()

    # A change to a published block is a concept its members see in the answer.
    changed = redacteur.patch(url, {"naam": "Met een concept"}, format="json")
    assert not isinstance(changed.data, Stored)
    assert assert_answer_is_the_read(redacteur, changed)["concept"] is not None


def test_a_repeated_publish_answers_the_stored_detail_again_with_its_origin(
    client_for, blocks
):
    blok = blocks["ter-beoordeling"]
    publicist = client_for("publicist")
    url = f"{LIST}/{blok.uuid}/publiceren"
    first = publicist.post(url, HTTP_IDEMPOTENCY_KEY="publiceer-een-keer")
    assert isinstance(first.data, Stored)
    again = publicist.post(url, HTTP_IDEMPOTENCY_KEY="publiceer-een-keer")
    assert again.status_code == 200
    assert again.json() == first.json()
    assert again.json()["url"].startswith("http://testserver/api/v1/bouwstenen/")
    assert again["ETag"] == first["ETag"]


@pytest.mark.parametrize("other", ["concept-in", "gearchiveerd-uit"])
def test_a_relation_with_a_block_not_public_either_way_keeps_the_serialized_answer(
    client_for, blocks, other
):
    """An incoming relation from the member's draft, or one to an archived block of
    the own organisation: the member sees it, a reader without a role does not."""
    blok = blocks["gepubliceerd"]
    if other == "concept-in":
        Relatie.objects.create(van=blocks["concept"], type="gebruikt", naar=blok)
    else:
        Relatie.objects.create(van=blok, type="gebruikt", naar=blocks["gearchiveerd"])
    redacteur = client_for("redacteur")
    response = redacteur.patch(
        f"{LIST}/{blok.uuid}/opschalingscheck", {"antwoorden": []}, format="json"
    )
    assert not isinstance(response.data, Stored)
    assert len(assert_answer_is_the_read(redacteur, response)["relaties"]) == 1
    assert APIClient().get(f"{LIST}/{blok.uuid}").json()["relaties"] == []


def test_the_stored_answer_takes_in_what_writes_outside_the_door_left_pending(
    client_for, blocks
):
    """A thema renamed outside the services (the admin of reference data, a shell)
    is rendered before a write answers with the stored detail, as before any read."""
    blok = blocks["gepubliceerd"]
    thema = Thema.objects.order_by("pk").first()
    blok.themas.set([thema])
    weergave.flush()
    thema.naam = "Hernoemd thema"
    thema.save()
    redacteur = client_for("redacteur")
    response = redacteur.patch(
        f"{LIST}/{blok.uuid}/opschalingscheck", {"antwoorden": []}, format="json"
    )
    assert isinstance(response.data, Stored)
    body = assert_answer_is_the_read(redacteur, response)
    assert [t["naam"] for t in body["themas"]] == ["Hernoemd thema"]
