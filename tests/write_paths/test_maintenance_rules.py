"""Keeping blocks alive, through every door: a reminder after twelve months (once per
period), "mogelijk verouderd" after eighteen until someone of the owner confirms the
block is current (the admin's button and bulk action, one service), and each user's
e-mail preferences (the admin page, one service). Nothing of it is written outside."""

import uuid
from datetime import timedelta

import pytest
from reversion.models import Version

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from bouwstenen import weergave
from bouwstenen.models import Bouwsteen, Herinnering, Linkcontrole
from bouwstenen.services.onderhoud import bouwsteen_confirm_current
from core.door import OutsideTheDoor, guarded
from core.errors import Code, ServiceError
from core.models import Bericht, Meldingsvoorkeur
from core.notifications import EVENTS, preferences_save
from tests.factories import UserFactory
from tests.write_paths.doors import admin_client

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:bouwstenen_bouwsteen_changelist")


def age(block: Bouwsteen, days: int) -> Bouwsteen:
    """Make the block look unchanged for ``days`` (test set-up, outside the door)."""
    Bouwsteen.objects.filter(pk=block.pk).update(
        gewijzigd_op=timezone.now() - timedelta(days=days)
    )
    weergave.changed(weergave.BLOK, [block.pk])
    return Bouwsteen.objects.get(pk=block.pk)


def page(client, block) -> str:
    return client.get(
        reverse("catalogus:bouwsteen", args=[block.slug])
    ).content.decode()


def reminders() -> list[str]:
    return sorted(
        Bericht.objects.filter(soort="verouderd").values_list("adres", flat=True)
    )


def test_a_year_unchanged_reminds_the_owner_once_per_period(world):
    Bericht.objects.all().delete()
    age(world.published, 400)
    call_command("remind_stale")
    amsterdam = sorted(
        world.users[n].email for n in ("redacteur", "publicist", "publicist2")
    )
    assert reminders() == amsterdam
    text = Bericht.objects.filter(soort="verouderd").first().tekst
    assert "al 13 maanden niet bijgewerkt" in text
    assert f"/admin/bouwstenen/bouwsteen/{world.published.pk}/change/" in text
    # Once per period: the next run (next week) says nothing again.
    call_command("remind_stale")
    assert reminders() == amsterdam
    # A year after the reminder, still unchanged: reminded again.
    Herinnering.objects.filter(bouwsteen=world.published).update(
        herinnerd_op=timezone.now() - timedelta(days=366)
    )
    call_command("remind_stale")
    assert reminders() == sorted(amsterdam * 2)


def test_a_harvested_or_fresh_block_gets_no_reminder(world):
    Bericht.objects.all().delete()
    age(world.imported, 100)
    harvested = age(world.published, 800)
    Bouwsteen.objects.filter(pk=harvested.pk).update(
        bron_register="https://ander-register.example/api/v1", bron_uuid=uuid.uuid4()
    )
    weergave.changed(weergave.BLOK, [harvested.pk])
    call_command("remind_stale")
    assert reminders() == []


def test_after_eighteen_months_the_page_says_so_until_the_owner_confirms(client, world):
    age(world.published, 400)
    assert 'id="mogelijk-verouderd"' not in page(client, world.published)
    before = age(world.published, 600)
    assert 'id="mogelijk-verouderd"' in page(client, world.published)
    assert "mogelijk verouderd" in page(client, world.published)

    redacteur = admin_client(world.users["redacteur"])
    form = redacteur.get(
        reverse("admin:bouwstenen_bouwsteen_change", args=[world.published.pk])
    ).content.decode()
    assert "Mogelijk verouderd:" in form
    assert 'form="actueel-formulier"' in form
    response = redacteur.post(
        reverse("admin:bouwstenen_bouwsteen_actueel", args=[world.published.pk]),
        follow=True,
    )
    assert "is bevestigd als actueel" in response.content.decode()
    after = Bouwsteen.objects.get(pk=world.published.pk)
    assert after.versie == before.versie + 1
    assert after.gewijzigd_op > timezone.now() - timedelta(minutes=1)
    assert 'id="mogelijk-verouderd"' not in page(client, world.published)
    latest = Version.objects.get_for_object(after).first()
    assert latest.revision.comment == "Bevestigd: de inhoud is nog actueel"
    assert latest.revision.user == world.users["redacteur"]


def test_the_bulk_action_confirms_what_the_user_may_and_says_why_not(world):
    for block in (world.published, world.imported, world.draft):
        age(block, 600)
    response = admin_client(world.users["publicist"]).post(
        CHANGELIST,
        {
            "action": "actueel_bevestigen_selected",
            "_selected_action": [world.published.pk, world.draft.pk],
        },
        follow=True,
    )
    text = response.content.decode()
    assert "1 bouwsteen bevestigd als actueel." in text
    assert "Alleen een gepubliceerde bouwsteen kan als actueel" in text
    fresh = timezone.now() - timedelta(minutes=1)
    assert Bouwsteen.objects.get(pk=world.published.pk).gewijzigd_op > fresh
    assert Bouwsteen.objects.get(pk=world.draft.pk).gewijzigd_op < fresh


@pytest.mark.parametrize(
    ("who", "block", "code"),
    [
        ("utrechter", "published", Code.GEEN_TOEGANG),  # another organisation
        ("redacteur", "imported", Code.GEEN_TOEGANG),  # Utrecht's block
        ("redacteur", "draft", Code.STATUS),
        ("beheerder", "draft", Code.STATUS),
    ],
)
def test_the_service_refuses(world, who, block, code):
    target = age(getattr(world, block), 600)
    with pytest.raises(ServiceError) as refused:
        bouwsteen_confirm_current(user=world.users[who], bouwsteen=target)
    assert refused.value.code == code
    assert Bouwsteen.objects.get(pk=target.pk).versie == target.versie


def test_another_organisation_cannot_post_the_button(world):
    target = age(world.published, 600)
    response = admin_client(world.users["utrechter"]).post(
        reverse("admin:bouwstenen_bouwsteen_actueel", args=[target.pk])
    )
    assert response.status_code == 404
    assert Bouwsteen.objects.get(pk=target.pk).versie == target.versie
    assert (
        admin_client(world.users["redacteur"])
        .get(reverse("admin:bouwstenen_bouwsteen_actueel", args=[target.pk]))
        .status_code
        == 405
    )


def test_a_harvested_block_is_confirmed_at_its_source(world):
    Bouwsteen.objects.filter(pk=world.published.pk).update(
        bron_register="https://ander-register.example/api/v1", bron_uuid=uuid.uuid4()
    )
    weergave.changed(weergave.BLOK, [world.published.pk])
    with pytest.raises(ServiceError) as refused:
        bouwsteen_confirm_current(
            user=world.users["publicist"],
            bouwsteen=Bouwsteen.objects.get(pk=world.published.pk),
        )
    assert refused.value.code == Code.GEEN_TOEGANG
    assert "bij de bron" in refused.value.message


def test_each_user_sets_their_own_email_preferences_in_the_admin(world):
    redacteur = world.users["redacteur"]
    client = admin_client(redacteur)
    url = reverse("admin:meldingen")
    shown = client.get(url).content.decode()
    assert shown.count('type="checkbox"') == len(EVENTS)
    assert shown.count("checked") == len(EVENTS)
    assert 'id="zonder-adres"' not in shown
    response = client.post(url, {"aan": ["teruggestuurd", "gepubliceerd"]})
    assert response.status_code == 302
    stored = Meldingsvoorkeur.objects.get(gebruiker=redacteur)
    assert set(stored.uitgezet) == set(EVENTS) - {"teruggestuurd", "gepubliceerd"}
    assert client.get(url).content.decode().count("checked") == 2
    # Someone else's preferences are untouched; an unknown kind is an error.
    assert not Meldingsvoorkeur.objects.filter(gebruiker=world.users["publicist"])
    refused = client.post(url, {"aan": ["alles"]})
    assert refused.status_code == 200
    assert "alles" in refused.content.decode()
    assert set(Meldingsvoorkeur.objects.get(gebruiker=redacteur).uitgezet) == set(
        stored.uitgezet
    )


def test_the_preferences_page_is_for_members_and_says_when_no_address_is_set(
    client, world
):
    response = client.get(reverse("admin:meldingen"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    zonder = UserFactory(username="zonder-adres", email="")
    from registry.models import Lidmaatschap

    Lidmaatschap.objects.create(gebruiker=zonder, organisatie=world.amsterdam)
    page_ = admin_client(zonder).get(reverse("admin:meldingen")).content.decode()
    assert 'id="zonder-adres"' in page_
    # And the operator finds such members in the list of memberships.
    listing = (
        admin_client(world.users["beheerder"])
        .get(reverse("admin:registry_lidmaatschap_changelist") + "?email=zonder")
        .content.decode()
    )
    assert "zonder-adres" in listing
    assert "deur-redacteur" not in listing


def test_the_preference_service_refuses_strangers_and_unknown_kinds(world):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(ServiceError) as anonymous:
        preferences_save(user=AnonymousUser(), uitgezet=[])
    assert anonymous.value.code == Code.GEEN_TOEGANG
    with pytest.raises(ServiceError) as unknown:
        preferences_save(user=world.users["redacteur"], uitgezet=["spam"])
    assert unknown.value.code == Code.ONGELDIG
    assert not Meldingsvoorkeur.objects.exists()


def test_only_the_services_write_what_keeps_blocks_alive(world):
    with guarded(), pytest.raises(OutsideTheDoor):
        Herinnering.objects.create(
            bouwsteen=world.published, herinnerd_op=timezone.now()
        )
    with guarded(), pytest.raises(OutsideTheDoor):
        Linkcontrole.objects.create(
            bouwsteen=world.published,
            veld="demo_url",
            url="https://demo.example",
            werkt=True,
            gecontroleerd_op=timezone.now(),
        )
    with guarded(), pytest.raises(OutsideTheDoor):
        Meldingsvoorkeur.objects.create(gebruiker=world.users["redacteur"])
    with guarded(), pytest.raises(OutsideTheDoor):
        Bericht.objects.create(adres="a@b.example", onderwerp="x", tekst="y")
