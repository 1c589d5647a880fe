"""The XSS corpus through every field of questions: the block's page, the forms that
show a message again, the feeds, the admin's queue and the API."""

import pytest

from django.test import Client, override_settings
from django.urls import reverse

from bouwstenen import services
from bouwstenen.models import Melding
from tests.security.html_check import dangers
from tests.security.test_xss_corpus import _feed_html
from tests.security.xss_payloads import PAYLOADS

pytestmark = pytest.mark.django_db


def _thread_full_of(world, payload: str):
    vraag = services.vraag_stellen(
        user=world.users["vrager"],
        bouwsteen=world.block,
        titel=f"Vraag {payload}".replace("\n", " ")[:200],
        tekst=f"## Kop\n\n{payload}\n\nTekst met {payload} erin.",
    )
    antwoord = services.vraag_beantwoorden(
        user=world.users["eigenaar"], vraag=vraag, tekst=f"Antwoord: {payload}"
    )
    for bericht in (vraag, antwoord):
        services.bericht_melden(
            user=world.users["derde"],
            bericht=bericht,
            reden="onjuist",
            toelichting=f"Toelichting {payload}"[:2000],
        )
    return vraag, antwoord


def _signed_in(world, who) -> Client:
    c = Client()
    c.force_login(world.users[who])
    return c


@override_settings(VRAGEN_POST_RATE="10000/hour")
@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_no_payload_survives_into_pages_or_feeds(world, client, payload):
    vraag, antwoord = _thread_full_of(world, payload)
    slug = world.block.slug
    detail = reverse("catalogus:bouwsteen", args=[slug])
    for visitor in (client, _signed_in(world, "eigenaar")):
        html = visitor.get(detail).content.decode()
        assert dangers(html) == [], detail
    owner = _signed_in(world, "eigenaar")
    for url in [
        reverse("catalogus:vraag-beantwoorden", args=[slug, vraag.uuid]),
        reverse("catalogus:vraag-melden", args=[slug, vraag.uuid]),
        reverse("catalogus:antwoord-melden", args=[slug, antwoord.uuid]),
    ]:
        response = owner.get(url)
        assert response.status_code == 200, url
        assert dangers(response.content.decode()) == [], url
    # A refused form shows what was typed again: still inert.
    again = _signed_in(world, "vrager").post(
        reverse("catalogus:vraag-stellen", args=[slug]),
        {"organisatie": world.utrecht.pk, "titel": "", "tekst": payload},
    )
    assert again.status_code == 400
    assert dangers(again.content.decode()) == []
    for url in [reverse("catalogus:feed-nieuw"), reverse("catalogus:feed-gewijzigd")]:
        feed = client.get(url).content.decode()
        assert dangers(_feed_html(feed), allow_own_head=False) == [], url


@override_settings(VRAGEN_POST_RATE="10000/hour")
def test_no_payload_survives_into_the_admin_or_the_api(world):
    text = "\n\n".join(PAYLOADS)
    vraag, antwoord = _thread_full_of(world, text)
    beheerder = _signed_in(world, "beheerder")
    urls = [reverse("admin:bouwstenen_melding_changelist")]
    for melding in Melding.objects.all():
        urls += [
            reverse("admin:bouwstenen_melding_change", args=[melding.pk]),
            reverse("admin:bouwstenen_melding_history", args=[melding.pk]),
        ]
    for url in urls:
        response = beheerder.get(url)
        assert response.status_code == 200, url
        assert dangers(response.content.decode(), allow_style=True) == [], url
    for url in [
        f"/api/v1/bouwstenen/{world.block.uuid}/vragen",
        f"/api/v1/vragen/{vraag.uuid}",
        f"/api/v1/vragen/{vraag.uuid}/antwoorden",
        f"/api/v1/antwoorden/{antwoord.uuid}",
    ]:
        response = beheerder.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("application/json")
        assert response["X-Content-Type-Options"] == "nosniff"
        # JSON carries the text as typed; only the HTML of a page could run it.
        assert "7331" in response.content.decode()
