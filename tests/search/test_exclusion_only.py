"""``q=-woord`` on its own leaves out the blocks with that word, on both databases.

Before, a query of only exclusions had no wanted words and so filtered nothing: the
whole catalogue came back, the blocks with the word included. Checked on the search
function, the API's list and facets, and the search page, which must all agree.
"""

import pytest

from django.urls import reverse

from bouwstenen.models import Bouwsteen
from bouwstenen.search import search

pytestmark = pytest.mark.django_db

LIST = "/api/v1/bouwstenen"


def found(query: str) -> set[str]:
    return set(
        search(Bouwsteen.objects.published(), query).values_list("slug", flat=True)
    )


def published() -> set[str]:
    return set(Bouwsteen.objects.published().values_list("slug", flat=True))


@pytest.mark.parametrize("word", ["jeugdzorg", "dashboard", "amsterdam", "schulden"])
def test_minus_a_word_is_everything_without_that_word(demo_catalogue, word):
    # A trailing space: the word as typed, not also as the start of longer words.
    with_word = found(f"{word} ")
    without = found(f"-{word}")
    assert with_word and without  # the word splits the demo catalogue
    assert with_word.isdisjoint(without)
    assert with_word | without == published()


def test_several_exclusions_leave_out_each_of_them(demo_catalogue):
    without = found("-jeugdzorg -schulden")
    assert without
    assert without.isdisjoint(found("jeugdzorg "))
    assert without.isdisjoint(found("schulden "))
    assert without | found("jeugdzorg or schulden ") == published()


def test_an_excluded_phrase_leaves_out_the_blocks_with_that_phrase(demo_catalogue):
    phrase = found('"open data"')
    assert phrase
    without = found('-"open data"')
    assert phrase.isdisjoint(without)
    assert phrase | without == published()


def test_excluding_only_stop_words_or_nothing_filters_nothing(demo_catalogue):
    assert found("-de -het") == published()
    assert found("-") == published()


def test_the_words_are_stemmed_as_in_a_search(demo_catalogue):
    # "dashboards" and "dashboard" share a stem: excluding one excludes both.
    assert found("-dashboards") == found("-dashboard")


def test_the_api_list_facets_and_page_agree(demo_catalogue, anonymous, client):
    expected = published() - found("jeugdzorg ")
    response = anonymous.get(LIST, {"q": "-jeugdzorg", "pageSize": 100})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == len(expected)
    assert {block["slug"] for block in body["results"]} == expected

    facets = anonymous.get(f"{LIST}/facetten", {"q": "-jeugdzorg"}).json()
    assert sum(option["aantal"] for option in facets["soort"]) == len(expected)
    assert "jeugdzorg" not in {option["waarde"] for option in facets["thema"]}

    page = client.get(reverse("catalogus:zoeken"), {"q": "-jeugdzorg"})
    assert page.status_code == 200
    assert page.context["paginator"].count == len(expected)
    assert {block.slug for block in page.context["page"].object_list} <= expected
