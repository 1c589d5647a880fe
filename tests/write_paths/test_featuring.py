"""Uitgelicht: only a beheerder features a published block on the home page, through
the services; the block itself does not change."""

import pytest

from django.urls import reverse

from bouwstenen import services
from bouwstenen.models import Bouwsteen, Uitgelicht
from core.door import OutsideTheDoor, guarded
from core.errors import Code, ServiceError
from registry.constants import Publicatiestatus
from registry.permissions import OPERATOR
from tests.write_paths.doors import admin_client

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:bouwstenen_bouwsteen_changelist")


def run_action(user, action: str, *blocks):
    return admin_client(user).post(
        CHANGELIST,
        {"action": action, "_selected_action": [b.pk for b in blocks]},
        follow=True,
    )


def featured_names(client) -> list[str]:
    html = client.get("/").content.decode()
    if 'id="uitgelicht-titel"' not in html:
        return []
    section = html.split('id="uitgelicht-titel"', 1)[1].split("</section>", 1)[0]
    return [b.naam for b in Bouwsteen.objects.all() if b.naam in section]


def test_a_beheerder_features_from_the_admin_and_the_home_page_shows_it(client, world):
    assert featured_names(client) == []
    before = Bouwsteen.objects.get(pk=world.published.pk)
    response = run_action(
        world.users["beheerder"], "uitlichten_selected", world.published, world.draft
    )
    text = response.content.decode()
    assert "1 bouwsteen uitgelicht." in text
    assert "Alleen een gepubliceerde bouwsteen kan worden uitgelicht." in text
    assert featured_names(client) == ["Openbaar A"]
    record = Uitgelicht.objects.get()
    assert record.uitgelicht_door == world.users["beheerder"]
    # An editorial choice, not a change of the block.
    after = Bouwsteen.objects.get(pk=world.published.pk)
    assert (after.versie, after.gewijzigd_op) == (before.versie, before.gewijzigd_op)

    run_action(world.users["beheerder"], "niet_uitlichten_selected", world.published)
    assert featured_names(client) == []
    assert not Uitgelicht.objects.exists()


def test_members_are_not_offered_the_action_and_cannot_post_it(client, world):
    publicist = world.users["publicist"]
    page = admin_client(publicist).get(CHANGELIST).content.decode()
    assert "uitlichten_selected" not in page
    run_action(publicist, "uitlichten_selected", world.published)
    assert not Uitgelicht.objects.exists()
    assert "uitlichten_selected" in (
        admin_client(world.users["beheerder"]).get(CHANGELIST).content.decode()
    )


@pytest.mark.parametrize(
    ("who", "block", "code"),
    [
        ("publicist", "published", Code.GEEN_TOEGANG),
        ("redacteur", "published", Code.GEEN_TOEGANG),
        ("beheerder", "draft", Code.STATUS),
    ],
)
def test_the_service_refuses(world, who, block, code):
    with pytest.raises(ServiceError) as refused:
        services.bouwsteen_feature(
            user=world.users[who], bouwsteen=getattr(world, block)
        )
    assert refused.value.code == code
    assert not Uitgelicht.objects.exists()


def test_twice_or_undoing_what_was_not_done_is_refused(world):
    services.bouwsteen_feature(user=OPERATOR, bouwsteen=world.published)
    with pytest.raises(ServiceError) as twice:
        services.bouwsteen_feature(
            user=world.users["beheerder"], bouwsteen=world.published
        )
    assert twice.value.code == Code.BESTAAT_AL
    with pytest.raises(ServiceError) as not_featured:
        services.bouwsteen_unfeature(
            user=world.users["beheerder"], bouwsteen=world.imported
        )
    assert not_featured.value.code == Code.STATUS
    with pytest.raises(ServiceError) as member:
        services.bouwsteen_unfeature(
            user=world.users["publicist"], bouwsteen=world.published
        )
    assert member.value.code == Code.GEEN_TOEGANG
    assert Uitgelicht.objects.get().uitgelicht_door is None  # the operator


def test_only_the_services_write_it(world):
    with guarded(), pytest.raises(OutsideTheDoor):
        Uitgelicht.objects.create(bouwsteen=world.published)
    services.bouwsteen_feature(user=OPERATOR, bouwsteen=world.published)
    with guarded(), pytest.raises(OutsideTheDoor):
        Uitgelicht.objects.get().delete()


def test_newest_first_and_an_archived_block_drops_off(client, world):
    services.bouwsteen_feature(user=OPERATOR, bouwsteen=world.published)
    services.bouwsteen_feature(user=OPERATOR, bouwsteen=world.imported)
    html = client.get("/").content.decode()
    section = html.split('id="uitgelicht-titel"', 1)[1].split("</section>", 1)[0]
    assert section.index(world.imported.naam) < section.index("Openbaar A")
    services.bouwsteen_transition(
        bouwsteen=world.published, user=world.users["publicist"], actie="archiveren"
    )
    assert featured_names(client) == [world.imported.naam]
    assert Bouwsteen.objects.get(pk=world.published.pk).publicatiestatus == (
        Publicatiestatus.GEARCHIVEERD
    )
