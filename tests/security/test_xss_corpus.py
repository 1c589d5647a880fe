"""Every payload of the corpus, through every text field people type, into every page,
feed and the admin: nothing that would run survives (issue 9, safe content)."""

import xml.etree.ElementTree as ET

import pytest

from django.urls import reverse

from bouwstenen.models import Hergebruik, Opschalingsantwoord, Relatie
from registry.constants import Rol
from registry.models import Lidmaatschap, Organisatie
from tests.factories import UserFactory
from tests.pages.conftest import make_block
from tests.security.html_check import dangers
from tests.security.xss_payloads import PAYLOADS

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_corpus_has_at_least_fifty_payloads():
    assert len(set(PAYLOADS)) >= 50


def _block_full_of(payload: str):
    """A published block with the payload in every field a person types."""
    owner = Organisatie.objects.get(code="GM0363")
    reuser = Organisatie.objects.get(code="GM0344")
    block = make_block(
        naam=f"Blok {payload}"[:200],
        organisatie=owner,
        samenvatting=f"Samenvatting {payload}"[:300],
        beschrijving=f"## Kop\n\n{payload}\n\nTekst met {payload} erin.",
        contact_naam=f"Team {payload}"[:200],
    )
    other = make_block(naam=f"Ander {payload}"[:200], organisatie=reuser)
    Relatie.objects.create(van=block, type="gebruikt", naar=other)
    Hergebruik.objects.create(
        bouwsteen=block,
        organisatie=reuser,
        stadium="in-gebruik",
        ervaring=f"Ervaring: {payload}",
        resultaten=f"Resultaat: {payload}",
        contact_naam=f"Contact {payload}"[:200],
    )
    Opschalingsantwoord.objects.create(
        bouwsteen=block, voorwaarde="dpia", antwoord="ja", toelichting=f"DPIA {payload}"
    )
    return block, owner, reuser


def _feed_html(xml_text: str) -> str:
    """The HTML a feed reader would render: every element of type html, unescaped once."""
    root = ET.fromstring(xml_text)  # noqa: S314 - our own feed, parsed to inspect it
    parts = []
    for entry in root.iter(f"{ATOM}entry"):
        for tag in ("title", "summary", "content"):
            for element in entry.iter(f"{ATOM}{tag}"):
                if element.get("type") in ("html", "xhtml"):
                    parts.append(element.text or "")
    return "\n".join(parts)


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_no_payload_survives_into_pages_or_feeds(client, payload):
    block, owner, reuser = _block_full_of(payload)
    pages = [
        reverse("catalogus:bouwsteen", args=[block.slug]),
        reverse("catalogus:home"),
        reverse("catalogus:zoeken") + "?q=blok",
        reverse("catalogus:organisatie", args=[owner.code]),
        reverse("catalogus:organisatie", args=[reuser.code]),
        reverse("catalogus:thema", args=["jeugdzorg"]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert dangers(response.content.decode()) == [], url
    for url in [
        reverse("catalogus:feed-nieuw"),
        reverse("catalogus:feed-gewijzigd"),
        reverse("catalogus:thema-feed-nieuw", args=["jeugdzorg"]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert (
            dangers(_feed_html(response.content.decode()), allow_own_head=False) == []
        ), url


def test_no_payload_survives_into_the_admin_or_the_api(client):
    text = "\n\n".join(PAYLOADS)
    block, owner, _ = _block_full_of(text)
    publicist = UserFactory()
    Lidmaatschap.objects.create(
        gebruiker=publicist, organisatie=owner, rol=Rol.PUBLICIST
    )
    client.force_login(publicist)
    for url in [
        reverse("admin:bouwstenen_bouwsteen_change", args=[block.pk]),
        reverse("admin:bouwstenen_bouwsteen_changelist"),
        reverse("admin:bouwstenen_bouwsteen_history", args=[block.pk]),
        reverse("admin:bouwstenen_bouwsteen_workflow", args=[block.pk, "archiveren"]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert dangers(response.content.decode(), allow_style=True) == [], url
    preview = client.post(
        reverse("admin:bouwstenen_bouwsteen_markdown_preview"), {"beschrijving": text}
    )
    assert dangers(preview.content.decode(), allow_own_head=False) == []
    api = client.get(f"/api/v1/bouwstenen/{block.uuid}")
    assert api.status_code == 200
    assert api["Content-Type"].startswith("application/json")
    assert api["X-Content-Type-Options"] == "nosniff"


def test_external_links_carry_noopener_nofollow(client):
    block = make_block(
        naam="Links", beschrijving="[extern](https://voorbeeld.example/pagina)"
    )
    html = client.get(
        reverse("catalogus:bouwsteen", args=[block.slug])
    ).content.decode()
    assert (
        '<a href="https://voorbeeld.example/pagina" rel="noopener nofollow">extern</a>'
        in html
    )
