"""Every rule about a block's content, against every door that changes content.

- A published block is never changed in place: the change waits in its concept, and
  the public version stays as it was (four eyes on content).
- Whoever changed or submitted it does not publish it; a second publicist does.
- A published block (and its concept) stays complete.
- A member of another organisation writes nothing.
- Every write bumps ``versie`` and is in the history.
"""

import pytest
from reversion.models import Version

from bouwstenen import services
from bouwstenen.models import Bouwsteen, BouwsteenConcept
from core.errors import Code, ServiceError
from tests.write_paths.doors import CONTENT_DOORS, DONE, EARLIER_VERSION, REFUSED

pytestmark = pytest.mark.django_db

DOORS = [pytest.param(door, id=door.name) for door in CONTENT_DOORS]
NEW_NAME = "Nieuwe naam door de deur"


def target(world, door) -> Bouwsteen:
    return world.imported if door.imported_only else world.published


def owner_publicists(world, block) -> tuple:
    """The owner's writer and a second publicist of the same organisation."""
    if block.organisatie == world.utrecht:
        return world.users["ander"], None
    return world.users["publicist"], world.users["publicist2"]


def history(block) -> int:
    """The block's history entries, leaving out the one a restore door sets up."""
    return (
        Version.objects.get_for_object(block)
        .exclude(revision__comment=EARLIER_VERSION)
        .count()
    )


def public(block) -> tuple:
    fresh = Bouwsteen.objects.get(pk=block.pk)
    return (
        fresh.naam,
        fresh.contact_email,
        fresh.versie,
        set(fresh.opschalingsantwoorden.values_list("voorwaarde", "antwoord")),
        set(fresh.relaties_uit.values_list("type", "naar")),
    )


@pytest.mark.parametrize("door", DOORS)
def test_a_published_block_changes_only_through_its_concept(world, door):
    block = target(world, door)
    writer, _second = owner_publicists(world, block)
    before = public(block)
    history_before = history(block)

    assert door.write(world, writer, block, {"naam": NEW_NAME}) == DONE

    after = Bouwsteen.objects.get(pk=block.pk)
    # Public as it was, but for the version: the concept is part of the block.
    assert public(block)[:2] == before[:2] and public(block)[3:] == before[3:]
    assert after.versie == before[2] + 1
    concept = BouwsteenConcept.objects.get(bouwsteen=block)
    assert concept.inhoud["velden"]["naam"] == NEW_NAME
    assert concept.inhoud_gewijzigd_door == (None if door.operator else writer)
    assert history(block) == history_before + 1
    assert Version.objects.get_for_object(concept).exists()


@pytest.mark.parametrize("door", DOORS)
def test_the_writer_does_not_publish_alone(world, door):
    block = target(world, door)
    writer, _second = owner_publicists(world, block)
    assert door.write(world, writer, block, {"naam": NEW_NAME}) == DONE
    services.bouwsteen_transition(bouwsteen=block, user=writer, actie="indienen")
    with pytest.raises(ServiceError) as caught:
        services.bouwsteen_transition(bouwsteen=block, user=writer, actie="publiceren")
    assert caught.value.code == Code.VIER_OGEN
    assert Bouwsteen.objects.get(pk=block.pk).naam != NEW_NAME
    second = world.users["beheerder"]
    published = services.bouwsteen_transition(
        bouwsteen=block, user=second, actie="publiceren"
    )
    assert published.naam == NEW_NAME
    assert not BouwsteenConcept.objects.filter(bouwsteen=block).exists()


@pytest.mark.parametrize("door", DOORS)
def test_a_published_block_stays_complete(world, door):
    block = target(world, door)
    writer, _second = owner_publicists(world, block)
    before = public(block)

    assert door.write(world, writer, block, {"contact_email": ""}) == REFUSED

    assert public(block) == before
    assert not BouwsteenConcept.objects.filter(bouwsteen=block).exists()


@pytest.mark.parametrize("door", [d for d in DOORS if not d.values[0].operator])
def test_a_member_of_another_organisation_writes_nothing(world, door):
    block = target(world, door)
    stranger = (
        world.users["publicist"]
        if block.organisatie == world.utrecht
        else world.users["ander"]
    )
    before = public(block)
    history_before = history(block)

    assert door.write(world, stranger, block, {"naam": NEW_NAME}) == REFUSED

    assert public(block) == before
    assert not BouwsteenConcept.objects.filter(bouwsteen=block).exists()
    assert history(block) == history_before


@pytest.mark.parametrize("door", [d for d in DOORS if not d.values[0].imported_only])
def test_a_draft_changes_in_place_with_its_history(world, door):
    writer = world.users["redacteur"]
    before = world.draft.versie

    assert door.write(world, writer, world.draft, {"naam": NEW_NAME}) == DONE

    draft = Bouwsteen.objects.get(pk=world.draft.pk)
    assert (draft.naam, draft.versie) == (NEW_NAME, before + 1)
    assert draft.inhoud_gewijzigd_door == writer
    latest = Version.objects.get_for_object(draft).order_by("-pk").first()
    assert latest.field_dict["naam"] == NEW_NAME
    assert not BouwsteenConcept.objects.exists()
