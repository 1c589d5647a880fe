"""``/vergelijk``: two to four published blocks side by side, as a plain form."""

import datetime
import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bouwstenen.constants import HergebruikStadium, HergebruikStatus
from bouwstenen.models import Opschalingsantwoord
from registry.constants import Publicatiestatus
from tests.factories import OrganisatieFactory
from tests.pages.conftest import make_block, reuse

pytestmark = pytest.mark.django_db
URL = reverse("catalogus:vergelijk")


@pytest.fixture
def pair(owner):
    first = make_block(
        naam="Wachttijdenmonitor jeugdhulp",
        organisatie=owner,
        licentie="EUPL-1.2",
        repository_url="https://code.example.org/wachttijden",
        contact_naam="Team Data",
        contact_email="data@eigenaarstad.nl",
    )
    second = make_block(
        naam="Jeugdzorgdashboard instroom", organisatie=owner, licentie="MIT"
    )
    Opschalingsantwoord.objects.create(
        bouwsteen=first, voorwaarde="dpia", antwoord="ja"
    )
    Opschalingsantwoord.objects.create(
        bouwsteen=first, voorwaarde="informatiebeveiliging", antwoord="nee"
    )
    reuser = OrganisatieFactory(code="GM9902", naam="Gemeente Hergebruikdorp")
    reuse(first, reuser, HergebruikStadium.PILOT, sinds=datetime.date(2025, 3, 1))
    # Reported by someone else and not confirmed: never in the comparison.
    reuse(
        second,
        OrganisatieFactory(code="GM9903", naam="Gemeente Gemeldstad"),
        status=HergebruikStatus.GEMELD,
        gemeld_op=timezone.now(),
    )
    return first, second


def columns(html: str) -> list[str]:
    return re.findall(
        r'<th class="[^"]*compare__block" scope="col">\s*<a href="/bouwstenen/([^"]+)"',
        html,
    )


def row(html: str, label: str) -> str:
    match = re.search(
        rf'scope="row">{re.escape(label)}</th>(.*?)</tr>', html, re.DOTALL
    )
    assert match, label
    return match.group(1)


def test_two_blocks_side_by_side_answer_the_same_questions(client, pair):
    first, second = pair
    response = client.get(URL, {"b": [first.slug, second.slug]})
    assert response.status_code == 200
    html = response.content.decode()
    assert columns(html) == [first.slug, second.slug]

    missing = row(html, "Nog niet geregeld voor opschaling")
    assert "Informatiebeveiliging" in missing
    assert "DPIA" not in missing.split("</td>")[0]  # answered yes: not missing

    reused = row(html, "Bevestigd hergebruik")
    assert "Gemeente Hergebruikdorp: pilot, sinds maart 2025" in reused
    assert "Gemeldstad" not in reused
    assert "Nog geen hergebruik vastgelegd" in reused  # the second block

    licence = row(html, "Licentie")
    assert "EUPL-1.2" in licence and "MIT" in licence
    links = row(html, "Links")
    assert 'href="https://code.example.org/wachttijden"' in links
    assert "Geen documentatie opgegeven" in links  # a missing link said plainly
    assert "Geen broncode opgegeven" in links  # the second block has none
    contact = row(html, "Contact")
    assert 'href="mailto:data@eigenaarstad.nl"' in contact
    assert "Geen contactpunt opgegeven" in contact
    assert row(html, "Laatst gewijzigd").count("<time") == 2


def test_order_is_kept_and_duplicates_count_once(client, pair):
    first, second = pair
    html = client.get(URL, {"b": [second.slug, first.slug, second.slug]}).content
    assert columns(html.decode()) == [second.slug, first.slug]


def test_only_published_blocks_and_at_most_four(client, owner, pair, blocks):
    first, second = pair
    more = [make_block(naam=f"Extra blok {i}", organisatie=owner) for i in range(3)]
    asked = [first.slug, blocks["concept"].slug, second.slug, *(b.slug for b in more)]
    html = client.get(URL, {"b": asked}).content.decode()
    assert blocks["concept"].naam not in html  # a draft is not public
    assert "Niet gevonden of niet openbaar:" in html
    assert columns(html) == [first.slug, second.slug, more[0].slug]  # first four asked
    assert "U kunt 4 bouwstenen tegelijk vergelijken" in html


def test_add_by_searching_and_remove_with_a_link_without_javascript(
    client, owner, pair
):
    first, second = pair
    third = make_block(naam="Jeugdhulp kostenmonitor", organisatie=owner)
    html = client.get(URL, {"b": [first.slug], "q": "jeugdhulp"}).content.decode()
    assert "Kies 2 tot 4 bouwstenen" in html
    assert f'<input type="hidden" name="b" value="{first.slug}">' in html
    add = re.search(r'<a href="(\?b=[^"]+)">Voeg Jeugdhulp kostenmonitor toe</a>', html)
    assert add, html
    assert f"Voeg {first.naam} toe" not in html  # already chosen

    html = client.get(URL + add.group(1).replace("&amp;", "&")).content.decode()
    assert columns(html) == [first.slug, third.slug]

    html = client.get(
        URL, {"b": [first.slug, second.slug, third.slug]}
    ).content.decode()
    remove = re.search(
        rf'<a class="compare__remove" href="([^"]+)">Weghalen<span class="visually-hidden">: {second.naam}</span>',
        html,
    )
    html = client.get(URL + remove.group(1).replace("&amp;", "&")).content.decode()
    assert columns(html) == [first.slug, third.slug]


def test_the_search_results_and_the_detail_page_lead_here(client, pair):
    first, _second = pair
    results = client.get(reverse("catalogus:zoeken"), {"q": "jeugd"}).content.decode()
    assert (
        '<form id="vergelijkformulier" action="/vergelijk" method="get"></form>'
        in results
    )
    assert f'name="b" value="{first.slug}" form="vergelijkformulier"' in results
    assert 'type="submit" form="vergelijkformulier"' in results
    detail = client.get(reverse("catalogus:bouwsteen", args=[first.slug])).content
    assert f'href="/vergelijk?b={first.slug}"' in detail.decode()


def test_four_blocks_cost_the_same_queries_as_two(client, owner, pair):
    first, second = pair
    more = [make_block(naam=f"Extra blok {i}", organisatie=owner) for i in range(2)]
    for block in more:
        reuse(block, OrganisatieFactory(), HergebruikStadium.IN_GEBRUIK)

    def queries(slugs):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL, {"b": slugs}).status_code == 200
        return len(ctx.captured_queries)

    assert queries([first.slug, second.slug]) == queries(
        [first.slug, second.slug, *(b.slug for b in more)]
    )


def test_archived_block_is_not_comparable(client, pair, blocks):
    first, _ = pair
    assert blocks["gearchiveerd"].publicatiestatus == Publicatiestatus.GEARCHIVEERD
    html = client.get(URL, {"b": [first.slug, blocks["gearchiveerd"].slug]}).content
    assert blocks["gearchiveerd"].naam not in html.decode()


def test_the_comparison_reads_in_english(client, pair):
    first, second = pair
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(URL, {"b": [first.slug, second.slug]}).content.decode()
    assert "Compare building blocks" in html
    assert "2 building blocks side by side" in html
    assert "Confirmed reuse" in html
    assert "No documentation given" in html
