"""Publishing and ownership, on every door that publishes or could move a block.

- Four eyes on content: whoever changed a block's content last (or submitted it) does
  not publish it, on the API, the admin's button and the admin's bulk action.
- Only a transfer moves a block, and only when the other side agrees: the API and the
  admin refuse a new owner in an edit; a transfer asked through the API or the admin
  moves the block once the other side accepts.
"""

import pytest

from django.urls import reverse

from bouwstenen import services
from bouwstenen.models import Bouwsteen, Overdracht
from registry.constants import Publicatiestatus
from tests.admin.helpers import form_data
from tests.write_paths.doors import (
    API,
    DONE,
    REFUSED,
    admin_client,
    api_client,
    outcome,
)

pytestmark = pytest.mark.django_db


# --- four eyes on every publishing door ------------------------------------------------


def publish_api(block, user) -> str:
    return outcome(api_client(user).post(f"{API}/{block.uuid}/publiceren").status_code)


def publish_admin_button(block, user) -> str:
    admin_client(user).post(
        reverse("admin:bouwstenen_bouwsteen_workflow", args=[block.pk, "publiceren"])
    )
    return _published(block)


def publish_admin_action(block, user) -> str:
    admin_client(user).post(
        reverse("admin:bouwstenen_bouwsteen_changelist"),
        {"action": "publiceren_selected", "_selected_action": [block.pk]},
    )
    return _published(block)


def _published(block) -> str:
    fresh = Bouwsteen.objects.get(pk=block.pk)
    return DONE if fresh.publicatiestatus == Publicatiestatus.GEPUBLICEERD else REFUSED


PUBLISHING = {
    "API: POST .../publiceren": publish_api,
    "admin: knop publiceren": publish_admin_button,
    "admin: actie publiceren": publish_admin_action,
}


@pytest.mark.parametrize("door", PUBLISHING.values(), ids=PUBLISHING.keys())
def test_the_last_editor_does_not_publish_what_they_wrote(world, door):
    """A publicist rewrites a draft a redacteur submitted: the rewrite needs a second
    pair of eyes, although the publicist did not submit it."""
    draft, publicist = world.draft, world.users["publicist"]
    services.bouwsteen_transition(
        bouwsteen=draft, user=world.users["redacteur"], actie="indienen"
    )
    services.bouwsteen_update(
        bouwsteen=draft, user=publicist, values={"beschrijving": "Herschreven."}
    )
    assert door(draft, publicist) == REFUSED
    assert door(draft, world.users["publicist2"]) == DONE


# --- the owner changes only by a transfer ---------------------------------------------


def test_an_edit_never_moves_a_block(world):
    block = world.draft
    response = api_client(world.users["publicist"]).patch(
        f"{API}/{block.uuid}", {"organisatie": "GM0344"}, format="json"
    )
    assert response.status_code == 403 and response.json()["code"] == "eigenaar"
    admin_client(world.users["publicist"]).post(
        reverse("admin:bouwstenen_bouwsteen_change", args=[block.pk]),
        form_data(block, organisatie=world.utrecht.pk),
    )
    # A new block only for the user's own organisation, in the admin too.
    response = admin_client(world.users["publicist"]).post(
        reverse("admin:bouwstenen_bouwsteen_add"),
        form_data(block, organisatie=world.utrecht.pk, slug="nieuw-van-utrecht"),
    )
    assert response.status_code == 200
    assert not Bouwsteen.objects.filter(slug="nieuw-van-utrecht").exists()
    assert Bouwsteen.objects.get(pk=block.pk).organisatie == world.amsterdam


def request_api(world, block, user) -> Overdracht | None:
    response = api_client(user).post(
        f"{API}/{block.uuid}/overdrachten", {"naar": "GM0344"}, format="json"
    )
    return (
        Overdracht.objects.filter(bouwsteen=block).first()
        if response.status_code == 201
        else None
    )


def request_admin(world, block, user) -> Overdracht | None:
    admin_client(user).post(
        reverse("admin:bouwstenen_overdracht_add"),
        {"bouwsteen": block.pk, "naar": world.utrecht.pk, "toelichting": ""},
    )
    return Overdracht.objects.filter(bouwsteen=block).first()


def accept_api(overdracht, user) -> None:
    api_client(user).post(
        f"{API}/{overdracht.bouwsteen.uuid}/overdrachten/{overdracht.uuid}/accepteren"
    )


def accept_admin_action(overdracht, user) -> None:
    admin_client(user).post(
        reverse("admin:bouwstenen_overdracht_changelist"),
        {"action": "accepteren_selected", "_selected_action": [overdracht.pk]},
    )


def accept_admin_button(overdracht, user) -> None:
    admin_client(user).post(
        reverse("admin:bouwstenen_overdracht_change", args=[overdracht.pk]),
        {"_beslissing": "accepteren"},
    )


REQUESTS = {"API": request_api, "admin": request_admin}
ACCEPTS = {
    "API": accept_api,
    "admin-actie": accept_admin_action,
    "admin-knop": accept_admin_button,
}


@pytest.mark.parametrize("ask", REQUESTS.values(), ids=REQUESTS.keys())
@pytest.mark.parametrize("accept", ACCEPTS.values(), ids=ACCEPTS.keys())
def test_a_transfer_moves_a_block_when_the_other_side_agrees(world, ask, accept):
    block = world.published
    overdracht = ask(world, block, world.users["redacteur"])
    assert overdracht is not None and overdracht.is_open
    # The side that asked does not decide.
    accept(overdracht, world.users["publicist"])
    assert Bouwsteen.objects.get(pk=block.pk).organisatie == world.amsterdam
    # A redacteur of the other side does not decide either: a publicist does.
    accept(overdracht, world.users["utrechter"])
    assert Bouwsteen.objects.get(pk=block.pk).organisatie == world.amsterdam
    accept(overdracht, world.users["ander"])
    moved = Bouwsteen.objects.get(pk=block.pk)
    assert moved.organisatie == world.utrecht
    assert Overdracht.objects.get(pk=overdracht.pk).status == "geaccepteerd"
    assert moved.versie == block.versie + 1


def test_a_claim_is_decided_by_the_current_owner(world):
    """Utrecht says the block is theirs; Amsterdam's publicist (or a beheerder) decides."""
    block = world.published
    overdracht = request_api(world, block, world.users["utrechter"])
    assert overdracht.aangevraagd_namens == world.utrecht
    accept_api(overdracht, world.users["ander"])
    assert Bouwsteen.objects.get(pk=block.pk).organisatie == world.amsterdam
    accept_api(overdracht, world.users["publicist"])
    assert Bouwsteen.objects.get(pk=block.pk).organisatie == world.utrecht
