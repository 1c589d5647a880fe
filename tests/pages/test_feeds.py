"""Atom feeds: well-formed Atom 1.0, linked from the pages, scoped per thema and owner."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest

from django.urls import reverse
from django.utils import timezone

from bouwstenen.models import Bouwsteen
from tests.api.helpers import updated_quietly
from tests.factories import OrganisatieFactory
from tests.pages.conftest import make_block

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own response
    assert feed.tag == f"{ATOM}feed"
    # The elements RFC 4287 requires of a feed and of each entry.
    for name in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{name}") is not None, name
    assert feed.find(f"{ATOM}link[@rel='alternate']") is not None
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        for name in ("id", "title", "updated", "published", "summary", "author"):
            assert entry.find(f"{ATOM}{name}") is not None, name
        assert entry.find(f"{ATOM}link").get("href").startswith("http")
    return feed, entries


def titles(entries):
    return [e.find(f"{ATOM}title").text for e in entries]


def test_new_and_changed(client):
    old = make_block(naam="Oud maar net gewijzigd")
    new = make_block(naam="Nieuw blok")
    Bouwsteen.objects.filter(pk=old.pk).update(
        gepubliceerd_op=timezone.now() - timedelta(days=30)
    )
    Bouwsteen.objects.filter(pk=new.pk).update(
        gewijzigd_op=timezone.now() - timedelta(days=1)
    )
    updated_quietly(Bouwsteen.objects.filter(pk__in=[old.pk, new.pk]))
    _feed, nieuw = parse(client.get(reverse("catalogus:feed-nieuw")))
    assert titles(nieuw) == ["Nieuw blok", "Oud maar net gewijzigd"]
    _feed, gewijzigd = parse(client.get(reverse("catalogus:feed-gewijzigd")))
    assert titles(gewijzigd) == ["Oud maar net gewijzigd", "Nieuw blok"]
    entry = nieuw[0]
    assert entry.find(f"{ATOM}id").text == f"urn:uuid:{new.uuid}"
    assert entry.find(f"{ATOM}category").get("term") == "Jeugdzorg"
    assert entry.find(f"{ATOM}author/{ATOM}name").text == new.organisatie.naam


def test_scoped_feeds(client):
    org = OrganisatieFactory()
    mine = make_block(naam="Van de organisatie", organisatie=org)
    make_block(naam="Van een ander")
    _feed, entries = parse(
        client.get(reverse("catalogus:organisatie-feed-nieuw", args=[org.code]))
    )
    assert titles(entries) == [mine.naam]
    _feed, entries = parse(
        client.get(reverse("catalogus:thema-feed-gewijzigd", args=["jeugdzorg"]))
    )
    assert set(titles(entries)) == {"Van de organisatie", "Van een ander"}
    _feed, entries = parse(
        client.get(reverse("catalogus:thema-feed-nieuw", args=["wonen"]))
    )
    assert entries == []
    assert client.get("/feeds/themas/bestaat-niet/nieuw").status_code == 404
    assert client.get("/feeds/organisaties/XX0000/nieuw").status_code == 404


def test_pages_link_their_feeds(client):
    org = OrganisatieFactory()
    make_block(naam="Gelinkt", organisatie=org)
    home = client.get("/").content.decode()
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Nieuwe bouwstenen" '
        'href="/feeds/nieuw">' in home
    )
    thema = client.get(reverse("catalogus:thema", args=["jeugdzorg"])).content.decode()
    assert 'href="/feeds/themas/jeugdzorg/nieuw"' in thema
    organisatie = client.get(
        reverse("catalogus:organisatie", args=[org.code])
    ).content.decode()
    assert f'href="/feeds/organisaties/{org.code}/gewijzigd"' in organisatie


def test_sitemap(client):
    shown = make_block(naam="In de sitemap")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    locs = [
        e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    ]
    assert f"http://testserver/bouwstenen/{shown.slug}" in locs
    assert "http://testserver/over" in locs
    assert f"http://testserver/organisaties/{shown.organisatie.code}" in locs
