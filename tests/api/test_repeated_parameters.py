"""A parameter that takes one value, given twice, is a 400 that names it.

Django would quietly use the last value (``page=1&page=2`` is page 2), so a client would
never learn which of its values counted. Filters that take several values (``thema``,
``soort``, ...) are repeated on purpose and keep working.
"""

import pytest

from django.urls import reverse

from registry.models import Organisatie, Thema
from tests.api.helpers import assert_problem
from tests.factories import BouwsteenFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/bouwstenen"


@pytest.fixture
def catalogue(db):
    amsterdam = Organisatie.objects.get(code="GM0363")
    blocks = {}
    for naam, thema, soort in [
        ("Jeugdzorgdashboard", "jeugdzorg", "datatoepassing"),
        ("Armoedewerkwijze", "armoede-en-schulden", "werkwijze"),
        ("Warmteplan per wijk", "verduurzaming", "use-case"),
    ]:
        block = BouwsteenFactory(
            naam=naam, organisatie=amsterdam, soort=soort, gepubliceerd=True
        )
        block.themas.set([Thema.objects.get(slug=thema)])
        blocks[thema] = block
    from bouwstenen import search

    search.reindex([block.pk for block in blocks.values()])
    return blocks


def assert_repeated(response, name: str) -> None:
    body = assert_problem(response, 400, "invalid")
    assert body["invalidParams"] == [
        {
            "name": name,
            "code": "repeated",
            "reason": "Geef deze parameter één keer; alleen filters met meerdere "
            "waarden mogen herhaald worden.",
        }
    ]


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("page=1&page=2", "page"),
        ("page=1&page=1", "page"),
        ("pageSize=10&pageSize=20", "pageSize"),
        ("sort=naam&sort=-naam", "sort"),
        ("q=jeugd&q=armoede", "q"),
        ("q=jeugd&q=", "q"),
        ("gewijzigdSinds=2024-01-01T00:00:00Z&gewijzigdSinds=2025-01-01T00:00:00Z",
         "gewijzigdSinds"),
        ("opschalingsscoreMin=10&opschalingsscoreMin=90", "opschalingsscoreMin"),
    ],
)  # fmt: skip
def test_a_single_valued_parameter_given_twice_is_a_400(
    anonymous, catalogue, query, name
):
    assert_repeated(anonymous.get(f"{LIST}?{query}"), name)


@pytest.mark.parametrize(
    "query",
    ["sort=naam&sort=-naam", "q=jeugd&q=armoede", "opschalingsscoreMin=1&opschalingsscoreMin=2"],
)  # fmt: skip
def test_the_facets_refuse_them_as_the_list_does(anonymous, catalogue, query):
    name = query.split("=")[0]
    assert_repeated(anonymous.get(f"{LIST}/facetten?{query}"), name)


def test_other_lists_and_the_suggestions_refuse_them_too(anonymous, catalogue):
    assert_repeated(anonymous.get("/api/v1/organisaties?page=1&page=2"), "page")
    assert_repeated(anonymous.get("/api/v1/themas?pageSize=5&pageSize=6"), "pageSize")
    block = catalogue["jeugdzorg"]
    assert_repeated(
        anonymous.get(f"{LIST}/{block.uuid}/hergebruik?page=1&page=2"), "page"
    )
    assert_repeated(anonymous.get("/api/v1/suggesties?q=jeugd&q=arm"), "q")


def test_each_once_is_fine(anonymous, catalogue):
    response = anonymous.get(
        LIST, {"page": 1, "pageSize": 2, "sort": "-naam", "q": "w"}
    )
    assert response.status_code == 200


def test_filters_with_several_values_may_be_repeated(anonymous, catalogue):
    def names(query):
        response = anonymous.get(f"{LIST}?{query}")
        assert response.status_code == 200, response.content
        return {block["naam"] for block in response.json()["results"]}

    assert names("thema=jeugdzorg&thema=verduurzaming") == {
        "Jeugdzorgdashboard",
        "Warmteplan per wijk",
    }
    assert names("soort=werkwijze&soort=use-case") == {
        "Armoedewerkwijze",
        "Warmteplan per wijk",
    }
    assert names("organisatie=GM0363&organisatie=GM0344") == {
        "Jeugdzorgdashboard",
        "Armoedewerkwijze",
        "Warmteplan per wijk",
    }
    facets = anonymous.get(f"{LIST}/facetten?thema=jeugdzorg&thema=verduurzaming")
    assert facets.status_code == 200
    organisaties = anonymous.get(
        "/api/v1/organisaties?soort=provincie&soort=waterschap"
    )
    assert organisaties.status_code == 200
    assert organisaties.json()["count"] == 12 + 21


def test_the_search_page_says_so_in_dutch_without_a_500(client, catalogue):
    url = reverse("catalogus:zoeken")
    for query, legend in [
        ("q=jeugd&q=armoede", "Zoekterm"),
        ("sort=naam&sort=-hergebruik", "Sortering"),
        ("page=1&page=2", "Pagina"),
        ("opschalingsscoreMin=50&opschalingsscoreMin=75", "Opschalingsscore"),
    ]:
        response = client.get(f"{url}?{query}")
        assert response.status_code == 400, query
        html = response.content.decode()
        assert "Deze zoekopdracht kunnen we niet uitvoeren." in html
        assert (
            f"{legend}: dit kan maar één waarde hebben, maar staat 2 keer in het adres."
            in html
        )
    response = client.get(f"{url}?thema=jeugdzorg&thema=verduurzaming")
    assert response.status_code == 200
    assert response.context["paginator"].count == 2
