"""The beheerder's queue of reports in the admin: only beheerders, open reports first,
the decision with its buttons, and the decision in the history."""

import pytest
from reversion.models import Version

from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse

from bouwstenen import services
from bouwstenen.models import Melding
from tests.vragen.conftest import answer, ask

pytestmark = pytest.mark.django_db
QUEUE = "admin:bouwstenen_melding_changelist"


def _admin(world, who) -> Client:
    world.users[who].is_staff = True
    world.users[who].save()
    c = Client()
    c.force_login(world.users[who])
    return c


def test_only_beheerders_see_the_queue(world):
    for who in ("eigenaar", "vrager"):
        response = _admin(world, who).get(reverse(QUEUE))
        assert response.status_code == 403
    assert _admin(world, "beheerder").get(reverse(QUEUE)).status_code == 200


def test_open_reports_come_first_oldest_first(world):
    vraag = ask(world, titel="Eerste vraag")
    reply = answer(world, vraag, "Een antwoord")
    first = services.bericht_melden(
        user=world.users["derde"], bericht=vraag, reden="spam"
    )
    second = services.bericht_melden(
        user=world.users["derde"], bericht=reply, reden="persoonsgegevens"
    )
    services.melding_afhandelen(
        user=world.users["beheerder"], melding=first, verbergen=False
    )
    response = _admin(world, "beheerder").get(reverse(QUEUE))
    order = [m.pk for m in response.context["cl"].result_list]
    assert order == [second.pk, first.pk]
    html = response.content.decode()
    assert "Antwoord: Een antwoord" in html and "Vraag: Eerste vraag" in html


def test_deciding_with_the_button_is_logged(world, client):
    vraag = ask(world, titel="Bel mij op 06-12345678")
    melding = services.bericht_melden(
        user=world.users["derde"],
        bericht=vraag,
        reden="persoonsgegevens",
        toelichting="Een telefoonnummer.",
    )
    beheerder = _admin(world, "beheerder")
    url = reverse("admin:bouwstenen_melding_change", args=[melding.pk])
    html = beheerder.get(url).content.decode()
    assert "Bericht verbergen" in html and "Een telefoonnummer." in html
    response = beheerder.post(url, {"_beslissing": "verbergen"})
    assert response.status_code == 302
    melding.refresh_from_db()
    assert melding.status == "verborgen"
    assert LogEntry.objects.get(object_id=str(melding.pk)).change_message == (
        "Bericht verborgen"
    )
    history = beheerder.get(
        reverse("admin:bouwstenen_melding_history", args=[melding.pk])
    ).content.decode()
    assert "Bericht verborgen" in history
    assert Version.objects.get_for_object(vraag)[0].revision.comment == (
        "Melding beoordeeld: bericht verborgen"
    )
    page = client.get(reverse("catalogus:bouwsteen", args=[world.block.slug]))
    assert "Bel mij op" not in page.content.decode()
    # Decided: no buttons any more, and a second decision is refused with a message.
    assert "Bericht verbergen" not in beheerder.get(url).content.decode()
    again = beheerder.post(url, {"_beslissing": "behouden"}, follow=True)
    assert "al beoordeeld" in again.content.decode()
    assert Melding.objects.get().status == "verborgen"
