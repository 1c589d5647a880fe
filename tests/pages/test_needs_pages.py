"""The needs board's pages and feed: what is public, facets and paging, the blocks that
come closest, who joined, what a block answers, the empty search's offer, and the same
number of queries at 3 needs as at 30."""

import xml.etree.ElementTree as ET

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bouwstenen import services, weergave
from registry.models import Organisatie
from registry.permissions import OPERATOR
from tests.factories import LidmaatschapFactory, UserFactory
from tests.needs import make_need
from tests.pages.conftest import make_block
from tests.pages.test_queries import CEILINGS as PAGE_CEILINGS

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
# Measured on SQLite and PostgreSQL. The board: the filter's thema check, count, page,
# 3 prefetches (thema's, lagen, who joined), the two facets (the thema facet validates
# its filter again), session and user for a signed-in visitor. The detail: the need with
# its 3 prefetches, the search for close blocks (the vocabulary and the candidates).
# A block's page: as tests/pages/test_queries.py holds it (the needs it answers included).
CEILINGS = {"lijst": 10, "detail": 12, "feed": 3, "bouwsteen": PAGE_CEILINGS["detail"]}


def org(code):
    return Organisatie.objects.get(code=code)


def board(n: int):
    amsterdam, utrecht, groningen = org("GM0363"), org("GM0344"), org("PV20")
    needs = []
    for i in range(n):
        owner = groningen if i % 3 == 0 else amsterdam
        need = make_need(
            organisatie=owner,
            titel=f"Wachttijdenmonitor {i:02d}",
            thema="wonen" if i % 2 else "jeugdzorg",
        )
        if i % 3 != 0:
            services.deelname_add(
                user=_member(utrecht), behoefte=need, organisatie=utrecht
            )
        needs.append(need)
    weergave.flush()
    return needs


def _member(organisatie):
    user = UserFactory(username=f"lid-{UserFactory._meta.model.objects.count()}")
    LidmaatschapFactory(gebruiker=user, organisatie=organisatie)
    return user


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def measure(client, needs, block):
    return {
        "lijst": count_queries(
            client,
            reverse("catalogus:behoeften"),
            {"thema": "jeugdzorg", "organisatieSoort": "gemeente"},
        ),
        "detail": count_queries(
            client, reverse("catalogus:behoefte", args=[needs[1].slug])
        ),
        "feed": count_queries(client, reverse("catalogus:feed-behoeften")),
        "bouwsteen": count_queries(
            client, reverse("catalogus:bouwsteen", args=[block.slug])
        ),
    }


def test_the_pages_cost_the_same_at_three_and_thirty_needs(client):
    block = make_block(naam="Wachttijdenmonitor jeugdzorg", organisatie=org("GM0344"))
    needs = board(3)
    measure(client, needs, block)  # caches of the process (content types) filled
    few = measure(client, needs, block)
    needs += board(27)
    for need in needs[:12]:
        services.behoefte_close(user=OPERATOR, behoefte=need, bouwsteen=block)
    many = measure(client, needs, block)
    assert few == many
    assert all(many[page] <= CEILINGS[page] for page in CEILINGS), many


def test_only_published_needs_are_public(client):
    owner = org("GM0363")
    drafts = [
        make_need(organisatie=owner, titel=f"Geheim {status}", status=status)
        for status in ("concept", "ter-beoordeling", "gearchiveerd")
    ]
    public = make_need(organisatie=owner, titel="Openbare behoefte")
    page = client.get(reverse("catalogus:behoeften")).content.decode()
    assert "Openbare behoefte" in page and "Geheim" not in page
    for draft in drafts:
        response = client.get(reverse("catalogus:behoefte", args=[draft.slug]))
        assert response.status_code == 404
    assert (
        client.get(reverse("catalogus:behoefte", args=[public.slug])).status_code == 200
    )
    feed = client.get(reverse("catalogus:feed-behoeften")).content.decode()
    assert "Openbare behoefte" in feed and "Geheim" not in feed


def test_facets_count_by_thema_and_soort_and_paging_goes_on(client):
    board(25)
    response = client.get(reverse("catalogus:behoeften"))
    facets = response.context["facetten"]
    assert {f["waarde"]: f["aantal"] for f in facets["thema"]} == {
        "jeugdzorg": 13,
        "wonen": 12,
    }
    assert {f["waarde"]: f["aantal"] for f in facets["organisatieSoort"]} == {
        "gemeente": 16,
        "provincie": 9,
    }
    assert len(response.context["page"].object_list) == 20
    second = client.get(reverse("catalogus:behoeften"), {"page": 2})
    assert len(second.context["page"].object_list) == 5
    chosen = client.get(
        reverse("catalogus:behoeften"),
        {"thema": "wonen", "organisatieSoort": "provincie"},
    )
    assert chosen.context["page"].paginator.count == 4
    # Each facet counts over the other choice: the soorten of wonen, the thema's of
    # provinces.
    facets = chosen.context["facetten"]
    assert {f["waarde"]: f["aantal"] for f in facets["organisatieSoort"]} == {
        "gemeente": 8,
        "provincie": 4,
    }
    assert {f["waarde"]: f["aantal"] for f in facets["thema"]} == {
        "jeugdzorg": 5,
        "wonen": 4,
    }


def test_an_unknown_filter_value_is_a_clear_error_not_a_crash(client):
    response = client.get(reverse("catalogus:behoeften"), {"thema": "bestaat-niet"})
    assert response.status_code == 400
    assert "bestaat-niet" in response.content.decode()


def test_the_detail_shows_the_closest_blocks_and_who_joined(client):
    close = make_block(
        naam="Dashboard wachttijden jeugdzorg", organisatie=org("GM0344")
    )
    make_block(naam="Parkeervergunning aanvragen", organisatie=org("GM0344"))
    need = make_need(organisatie=org("GM0363"))
    services.deelname_add(
        user=_member(org("GM0344")),
        behoefte=need,
        organisatie=org("GM0344"),
        values={"toelichting": "Ook **per school**.", "contact_naam": "Team Jeugd"},
    )
    response = client.get(reverse("catalogus:behoefte", args=[need.slug]))
    assert [b.naam for b, _score, _words in response.context["matches"]] == [close.naam]
    html = response.content.decode()
    assert "Utrecht" in html and "<strong>per school</strong>" in html
    assert "Team Jeugd" in html


def test_a_block_page_shows_the_needs_it_answers(client):
    block = make_block(naam="Wachttijdendashboard", organisatie=org("GM0344"))
    need = make_need(organisatie=org("GM0363"))
    html = client.get(reverse("catalogus:bouwsteen", args=[block.slug])).content
    assert need.titel not in html.decode()
    services.behoefte_close(user=OPERATOR, behoefte=need, bouwsteen=block)
    html = client.get(reverse("catalogus:bouwsteen", args=[block.slug])).content
    assert need.titel in html.decode()
    detail = client.get(reverse("catalogus:behoefte", args=[need.slug]))
    assert "beantwoordt deze behoefte" in detail.content.decode()


def test_a_search_that_finds_nothing_offers_to_post_it_as_a_need(client):
    response = client.get(reverse("catalogus:zoeken"), {"q": "kwantumteleportatie"})
    html = response.content.decode()
    assert (
        reverse("admin:bouwstenen_behoefte_add") + "?titel=kwantumteleportatie" in html
    )
    # The admin's form takes the query as the need's title.
    user = _member(org("GM0363"))
    client.force_login(user)
    form = client.get(reverse("admin:bouwstenen_behoefte_add"), {"titel": "Iets & zo"})
    assert form.context["adminform"].form.initial["titel"] == "Iets & zo"


def test_the_feed_is_atom_with_every_published_need(client):
    need = make_need(organisatie=org("GM0363"))
    response = client.get(reverse("catalogus:feed-behoeften"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own response
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}id").text == f"urn:uuid:{need.uuid}"
    assert entry.find(f"{ATOM}title").text == need.titel
    assert "wachttijden" in entry.find(f"{ATOM}summary").text
    assert "**" not in entry.find(f"{ATOM}summary").text
    assert entry.find(f"{ATOM}author/{ATOM}name").text == "Amsterdam"
