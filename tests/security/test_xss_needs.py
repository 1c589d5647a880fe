"""Every payload of the corpus through every text field of the needs board (a need's
title, description and contact, a "wij ook" note and contact) into its pages, the block
page that shows what it answers, the feed, the admin and the API: nothing that would
run survives."""

import pytest

from django.urls import reverse
from django.utils import timezone

from bouwstenen.models import Behoefte, Deelname
from registry.constants import Rol
from registry.models import Lidmaatschap, Organisatie, Thema
from tests.factories import UserFactory
from tests.pages.conftest import make_block
from tests.security.html_check import dangers
from tests.security.test_xss_corpus import _feed_html
from tests.security.xss_payloads import PAYLOADS

pytestmark = pytest.mark.django_db


def _need_full_of(payload: str):
    """A published need answered by a block, joined by Utrecht, with the payload in
    every field a person types. Written directly: the corpus holds what the services'
    validators would refuse too, and the pages must be safe for whatever is stored."""
    owner = Organisatie.objects.get(code="GM0363")
    joiner = Organisatie.objects.get(code="GM0344")
    block = make_block(naam="Antwoordblok", organisatie=joiner)
    now = timezone.now()
    need = Behoefte.objects.create(
        titel=f"Behoefte {payload}"[:200],
        slug="behoefte-vol",
        beschrijving=f"## Kop\n\n{payload}\n\nTekst met {payload} erin.",
        organisatie=owner,
        contact_naam=f"Team {payload}"[:200],
        contact_email="team@example.org",
        publicatiestatus="gepubliceerd",
        gepubliceerd_op=now,
        beantwoord_door=block,
        gesloten_op=now,
    )
    need.themas.set([Thema.objects.get(slug="jeugdzorg")])
    Deelname.objects.create(
        behoefte=need,
        organisatie=joiner,
        toelichting=f"Wij ook: {payload}",
        contact_naam=f"Contact {payload}"[:200],
    )
    return need, block, owner


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_no_payload_survives_into_the_needs_pages_or_feed(client, payload):
    need, block, _owner = _need_full_of(payload)
    for url in [
        reverse("catalogus:behoeften"),
        reverse("catalogus:behoefte", args=[need.slug]),
        reverse("catalogus:bouwsteen", args=[block.slug]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert dangers(response.content.decode()) == [], url
    feed = client.get(reverse("catalogus:feed-behoeften"))
    assert dangers(_feed_html(feed.content.decode()), allow_own_head=False) == []


def test_no_payload_survives_into_the_admin_the_join_form_or_the_api(client):
    text = "\n\n".join(PAYLOADS)
    need, _block, owner = _need_full_of(text)
    publicist = UserFactory()
    Lidmaatschap.objects.create(
        gebruiker=publicist, organisatie=owner, rol=Rol.PUBLICIST
    )
    client.force_login(publicist)
    for url in [
        reverse("admin:bouwstenen_behoefte_change", args=[need.pk]),
        reverse("admin:bouwstenen_behoefte_changelist"),
        reverse("admin:bouwstenen_behoefte_history", args=[need.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert dangers(response.content.decode(), allow_style=True) == [], url

    # The "wij ook" form shown again with its errors carries what was typed.
    open_need = Behoefte.objects.create(
        titel="Open",
        slug="open",
        beschrijving="Open.",
        organisatie=owner,
        publicatiestatus="gepubliceerd",
        gepubliceerd_op=timezone.now(),
    )
    other = UserFactory()
    Lidmaatschap.objects.create(
        gebruiker=other, organisatie=Organisatie.objects.get(code="PV20")
    )
    client.force_login(other)
    response = client.post(
        reverse("catalogus:behoefte-wij-ook", args=[open_need.slug]),
        {"toelichting": text[:2000], "contact_naam": PAYLOADS[0], "contact_email": "x"},
    )
    assert response.status_code == 400
    assert dangers(response.content.decode()) == []

    api = client.get(f"/api/v1/behoeften/{need.uuid}")
    assert api.status_code == 200
    assert api["Content-Type"].startswith("application/json")
    assert api["X-Content-Type-Options"] == "nosniff"
    assert api.json()["deelnemers"][0]["toelichting"] == f"Wij ook: {text}"
