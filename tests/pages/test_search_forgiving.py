"""The search page forgives, on the demo catalogue: a misspelled word is corrected and
said so, and a search that finds nothing offers real help."""

import re

import pytest

from django.urls import reverse

pytestmark = pytest.mark.django_db
URL = reverse("catalogus:zoeken")


@pytest.fixture(autouse=True)
def _catalogue(demo_catalogue):
    pass


def slugs(response) -> list[str]:
    return [b.slug for b in response.context["page"].object_list]


def test_a_misspelled_word_says_what_was_meant_and_shows_those_results(client):
    typo = client.get(URL, {"q": "jeugzorg"})
    right = client.get(URL, {"q": "jeugdzorg"})
    html = typo.content.decode()
    count = right.context["paginator"].count
    assert count > 0 and slugs(typo) == slugs(right)
    assert typo.context["correctie"].suggestie == "jeugdzorg"
    assert re.search(
        r'Bedoelde u <a href="\?q=jeugdzorg"><em>jeugdzorg</em></a>\?', html
    ), html
    assert f"{count} resultaten voor jeugdzorg." in html
    # What was searched is what is marked.
    assert "<mark>Jeugdzorg" in html
    assert right.context["correctie"] is None
    assert "Bedoelde u" not in right.content.decode()


def test_the_correction_keeps_the_other_filters(client):
    response = client.get(URL, {"q": "jeugzorg", "levensfase": "productie"})
    url = response.context["correctie_url"]
    assert "q=jeugdzorg" in url and "levensfase=productie" in url


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("verduurzamming", "verduurzaming"),
        ("wijkprofeil", "wijkprofiel"),
        ("betalingsachterstnd", "betalingsachterstanden"),
    ],
)
def test_the_misspellings_of_the_issue_find_blocks(client, typed, meant):
    response = client.get(URL, {"q": typed})
    assert response.context["correctie"].gezocht_op == meant
    assert response.context["paginator"].count > 0


def test_nothing_found_without_filters_does_not_say_remove_a_filter(client):
    response = client.get(URL, {"q": "xylofoonmuziek"})
    html = response.content.decode()
    assert response.context["paginator"].count == 0
    assert "Haal een filter weg" not in html
    assert "Zoek met minder of andere woorden" in html
    assert reverse("admin:bouwstenen_bouwsteen_add") in html


def test_nothing_found_with_a_filter_says_remove_a_filter_and_names_close_themas(
    client,
):
    response = client.get(URL, {"q": "jeugdzorg", "levensfase": "uitgefaseerd"})
    html = response.content.decode()
    assert response.context["paginator"].count == 0
    assert "Haal een filter weg" in html
    # The blocks q finds without the filter are about jeugdzorg.
    dichtbij = [t.slug for t in response.context["dichtbij"]]
    assert dichtbij[0] == "jeugdzorg"
    assert reverse("catalogus:thema", args=["jeugdzorg"]) in html
    assert "Thema&#x27;s die in de buurt komen" in html or "Thema's die in" in html


def test_close_themas_by_name_when_no_block_matches(client):
    response = client.get(URL, {"q": "mobiliteitsplan fietsers"})
    assert response.context["paginator"].count == 0
    assert "mobiliteit" in [t.slug for t in response.context["dichtbij"]]


def test_a_search_that_finds_something_asks_no_close_themas(client):
    response = client.get(URL, {"q": "jeugdzorg"})
    assert response.context["dichtbij"] == []
