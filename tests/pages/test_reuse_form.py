""" "Wij gebruiken dit ook": only members of another organisation record reuse, once."""

import pytest

from django.urls import reverse

from bouwstenen.models import Hergebruik
from registry.models import Organisatie
from tests.factories import OrganisatieFactory
from tests.pages.conftest import make_block, reuse

pytestmark = pytest.mark.django_db


@pytest.fixture
def block(owner):
    return make_block(naam="Armoedemonitor", organisatie=owner)


@pytest.fixture
def utrecht():
    return Organisatie.objects.get(code="GM0344")


def detail(client, block):
    return client.get(reverse("catalogus:bouwsteen", args=[block.slug]))


def post(client, block, **data):
    values = {"stadium": "in-gebruik", "sinds": "2025-03-01", "ervaring": ""}
    values.update(data)
    return client.post(reverse("catalogus:hergebruik", args=[block.slug]), values)


def test_anonymous_is_sent_to_login(client, block):
    page = detail(client, block).content.decode()
    assert "Log in om het vast te leggen" in page
    assert "Wij gebruiken dit ook</summary>" not in page
    for response in (
        client.get(reverse("catalogus:hergebruik", args=[block.slug])),
        post(client, block),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login") + "?next=")
    assert not Hergebruik.objects.exists()


def test_member_of_owner_is_not_offered_and_refused(client, block, owner, member_of):
    client.force_login(member_of(owner))
    page = detail(client, block).content.decode()
    assert "Wij gebruiken dit ook</summary>" not in page
    assert "Uw eigen bouwsteen" in page
    response = post(client, block, organisatie=owner.pk)
    assert response.status_code == 403
    assert not Hergebruik.objects.exists()


def test_member_of_other_organisation_records_reuse(client, block, utrecht, member_of):
    client.force_login(member_of(utrecht))
    before = detail(client, block)
    assert "Wij gebruiken dit ook</summary>" in before.content.decode()
    assert before.context["bouwsteen"].hergebruik_in_gebruik == 0

    response = post(
        client, block, organisatie=utrecht.pk, ervaring="Werkt **goed** bij ons."
    )
    # Post/redirect/get, back to the list of reusers on the detail page.
    assert response.status_code == 302
    assert response["Location"].endswith(
        reverse("catalogus:bouwsteen", args=[block.slug]) + "#hergebruik"
    )
    hergebruik = Hergebruik.objects.get()
    assert (hergebruik.organisatie, hergebruik.stadium) == (utrecht, "in-gebruik")

    after = client.get(response["Location"])
    html = after.content.decode()
    assert after.context["bouwsteen"].hergebruik_in_gebruik == 1
    assert "In gebruik bij 1 organisatie" in html
    assert "Vastgelegd: Utrecht gebruikt Armoedemonitor." in html
    assert "<strong>goed</strong>" in html
    # Recorded: the button gives way to a note.
    assert "Wij gebruiken dit ook</summary>" not in html


def test_duplicate_is_refused_with_a_message(client, block, utrecht, member_of):
    reuse(block, utrecht)
    client.force_login(member_of(utrecht))
    assert "Uw organisatie staat al bij" in detail(client, block).content.decode()
    response = post(client, block, organisatie=utrecht.pk, stadium="pilot")
    assert response.status_code == 400
    assert "is hergebruik van deze bouwsteen al vastgelegd" in (
        response.content.decode()
    )
    assert Hergebruik.objects.get().stadium == "in-gebruik"


def test_errors_are_shown_next_to_fields(client, block, utrecht, member_of):
    client.force_login(member_of(utrecht))
    response = post(client, block, organisatie=utrecht.pk, stadium="onzin", sinds="x")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="stadium-fout"' in html and 'id="sinds-fout"' in html
    assert 'aria-describedby="sinds-uitleg sinds-fout"' in html
    assert not Hergebruik.objects.exists()


def test_member_cannot_claim_for_an_organisation_of_someone_else(
    client, block, utrecht, member_of
):
    client.force_login(member_of(utrecht))
    stranger = OrganisatieFactory()
    response = post(client, block, organisatie=stranger.pk)
    assert response.status_code == 400
    assert not Hergebruik.objects.exists()


def test_member_of_two_organisations_chooses(client, block, utrecht, member_of):
    user = member_of(utrecht)
    amersfoort = Organisatie.objects.get(code="GM0307")
    from registry.models import Lidmaatschap

    Lidmaatschap.objects.create(gebruiker=user, organisatie=amersfoort)
    client.force_login(user)
    html = detail(client, block).content.decode()
    assert (
        '<select class="utrecht-select utrecht-select--html-select" id="hg-organisatie"'
        in html
    )
    assert post(client, block, organisatie=amersfoort.pk).status_code == 302
    assert Hergebruik.objects.get().organisatie == amersfoort


def test_a_rejected_report_does_not_block_recording_the_reuse_later(
    client, block, owner, utrecht, member_of
):
    """Utrecht said no to a report; later it does use the block, and records it."""
    from bouwstenen import services

    services.hergebruik_report(
        user=member_of(owner, rol="publicist"),
        bouwsteen=block,
        organisatie=utrecht,
        bron="de eigenaar",
    )
    client.force_login(member_of(utrecht))
    rejected = client.post(
        reverse("catalogus:hergebruik-afwijzen", args=[block.slug, utrecht.code]),
        {"reden": "Nog niet."},
    )
    assert rejected.status_code == 302
    assert Hergebruik.objects.get().status == "afgewezen"
    # The page offers the form again, and it works.
    assert "Wij gebruiken dit ook</summary>" in detail(client, block).content.decode()
    response = post(client, block, organisatie=utrecht.pk, stadium="pilot")
    assert response.status_code == 302, response.content.decode()
    hergebruik = Hergebruik.objects.get()
    assert (hergebruik.status, hergebruik.stadium) == ("bevestigd", "pilot")
    assert hergebruik.afwijzing_reden == ""
    html = client.get(response["Location"]).content.decode()
    assert "Vastgelegd: Utrecht gebruikt Armoedemonitor." in html
    assert "In pilot bij 1 organisatie" in html
