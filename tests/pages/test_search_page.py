"""The search page on the demo catalogue: facets with counts, removable filters, sorting,
paging and highlighting, all in the address; bad input gives a friendly page."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bouwstenen import selectors

pytestmark = pytest.mark.django_db
URL = reverse("catalogus:zoeken")


@pytest.fixture(autouse=True)
def _catalogue(demo_catalogue):
    pass


def checkbox(html: str, name: str, value: str) -> str:
    match = re.search(
        rf'<input[^>]*name="{name}" value="{re.escape(value)}"[^>]*>', html
    )
    assert match, (name, value)
    return match.group(0)


def test_facets_are_checkboxes_with_counts_in_fieldsets(client):
    response = client.get(URL, {"q": "jeugdzorg"})
    html = response.content.decode()
    groups = {g["naam"]: g for g in response.context["facetten"]}
    jeugdzorg = next(o for o in groups["thema"]["opties"] if o["waarde"] == "jeugdzorg")
    # The count is what the list would hold with that value ticked.
    ticked = client.get(URL, {"q": "jeugdzorg", "thema": "jeugdzorg"})
    assert ticked.context["paginator"].count == jeugdzorg["aantal"]
    assert 'type="checkbox"' in checkbox(html, "thema", "jeugdzorg")
    assert "checked" not in checkbox(html, "thema", "jeugdzorg")
    assert "checked" in checkbox(ticked.content.decode(), "thema", "jeugdzorg")
    assert html.count("<fieldset") >= 5 and html.count("<legend") >= 5
    assert '<span class="facet__count">' in html


def test_active_filters_are_removed_one_by_one(client):
    response = client.get(
        URL,
        {"q": "dashboard", "thema": ["jeugdzorg", "wonen"], "soort": "datatoepassing"},
    )
    active = response.context["actieve_filters"]
    assert [a["naam"] for a in active] == [
        "dashboard",
        "Datatoepassing",
        "Jeugdzorg",
        "Wonen",
    ]
    wonen = parse_qs(urlsplit(active[-1]["url"]).query)
    assert wonen == {
        "q": ["dashboard"],
        "soort": ["datatoepassing"],
        "thema": ["jeugdzorg"],
    }
    zoekterm = parse_qs(urlsplit(active[0]["url"]).query)
    assert "q" not in zoekterm and zoekterm["thema"] == ["jeugdzorg", "wonen"]
    # Following a removal link gives the list without that one filter.
    after = client.get(URL + active[-1]["url"])
    assert after.status_code == 200
    assert [a["naam"] for a in after.context["actieve_filters"]] == [
        "dashboard",
        "Datatoepassing",
        "Jeugdzorg",
    ]


@pytest.mark.parametrize(
    ("sort", "key"),
    [
        ("naam", lambda b: b.naam),
        ("-hergebruik", lambda b: (-b.hergebruik_actief, -b.hergebruik_in_gebruik)),
        ("-opschalingsscore", lambda b: -(b.opschalingsscore or -1)),
        ("-gepubliceerdOp", lambda b: -b.gepubliceerd_op.timestamp()),
    ],
)
def test_sorting(client, sort, key):
    response = client.get(URL, {"sort": sort})
    assert response.context["sort"] == sort
    rows = list(response.context["page"].object_list)
    assert len(rows) == 20
    assert [key(b) for b in rows] == sorted(key(b) for b in rows)
    assert f'<option value="{sort}" selected>' in response.content.decode()


def test_relevance_is_the_default_with_a_query_and_offered_only_then(client):
    assert client.get(URL, {"q": "jeugd"}).context["sort"] == "relevantie"
    plain = client.get(URL)
    assert plain.context["sort"] == "naam"
    assert 'value="relevantie"' not in plain.content.decode()


def test_paging_is_an_accessible_navigation(client):
    first = client.get(URL)
    html = first.content.decode()
    assert '<nav class="utrecht-pagination pagination" aria-label="Paginering">' in html
    assert 'aria-current="page"' in html
    assert first.context["paginator"].count == 35
    second = client.get(URL, {"page": 2, "sort": "naam"})
    names = [b.naam for b in second.context["page"].object_list]
    assert len(names) == 15
    assert 'rel="prev" href="?page=1&amp;sort=naam"' in second.content.decode()
    # A page number out of range shows the last page, not an error.
    assert client.get(URL, {"page": 99}).context["page"].number == 2


def test_result_count_and_highlighted_snippets(client):
    response = client.get(URL, {"q": "energielabel"})
    html = response.content.decode()
    count = response.context["paginator"].count
    assert count >= 1
    assert re.search(rf"<h2[^>]*>{count} bouwste(en|nen) gevonden</h2>", html)
    assert "<mark>Energielabel</mark>" in html or "<mark>energielabel</mark>" in html


def test_score_filter(client):
    response = client.get(URL, {"opschalingsscoreMin": "75"})
    rows = list(response.context["page"].object_list)
    assert rows and all(b.opschalingsscore >= 75 for b in rows)
    assert response.context["actieve_filters"][0]["naam"] == "75% of hoger"


@pytest.mark.parametrize(
    "params",
    [
        {"thema": "bestaat-niet"},
        {"soort": "onzin"},
        {"organisatie": "XX9999"},
        {"licentie": "geen licentie ("},
        {"opschalingsscoreMin": "33"},
        {"q": "x" * 501},
        {"gewijzigdSinds": "gisteren"},
    ],
)
def test_bad_input_gives_a_friendly_message(client, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Deze zoekopdracht kunnen we niet uitvoeren." in html
    assert 'role="alert"' in html


def test_unknown_sort_and_page_fall_back(client):
    response = client.get(URL, {"sort": "willekeurig", "page": "abc"})
    assert response.status_code == 200
    assert response.context["sort"] == "naam"


def test_the_api_and_the_page_agree(client):
    params = {"thema": "jeugdzorg", "levensfase": ["pilot", "productie"]}
    page = client.get(URL, params).context["paginator"].count
    api = client.get("/api/v1/bouwstenen", params)
    # A broken API is a failure here, never a reason to skip.
    assert api.status_code == 200, api.content
    body = api.json()
    assert body["countExact"] is True
    assert page == body["count"] > 0


def test_above_the_count_cap_the_page_says_more_than(client, monkeypatch):
    from core.paging import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "cap", 25)
    html = client.get(URL).content.decode()
    assert "Meer dan 25 bouwstenen gevonden</h2>" in html
    assert "Bladeren gaat tot de eerste 25;" in html
    # Paging stops at the cap: 25 results are two pages of 20.
    assert client.get(URL, {"page": 2}).context["page"].number == 2
    assert client.get(URL, {"page": 3}).context["page"].number == 2

    monkeypatch.setattr(CappedPaginator, "cap", 10_000)
    html = client.get(URL).content.decode()
    assert "Meer dan" not in html and "bouwstenen gevonden</h2>" in html
    assert "Bladeren gaat" not in html

    # Grouped by the language's convention: 10.000 in Dutch, 10,000 in English.
    monkeypatch.setattr(CappedPaginator, "cap", 10)
    monkeypatch.setattr("core.paging.CappedPaginator.count", 10_000)
    assert "Meer dan 10.000 bouwstenen" in client.get(URL).content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "q=jeugdzorg",
        "q=jeugzorg",  # corrected
        "q=jeugdzorg&soort=datatoepassing",
        "thema=jeugdzorg&levensfase=pilot",
        "q=-jeugdzorg",
        "",
    ],
)
def test_facets_from_the_pages_own_filter_set_equal_those_counted_alone(query):
    params = QueryDict(query)
    filterset = selectors.catalogue_filter(params)
    assert filterset.is_valid()
    assert selectors.catalogue_facets(params, filterset) == selectors.catalogue_facets(
        params
    )


def test_the_page_reads_the_vocabulary_once_for_its_list_and_facets(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"q": "jeugdzorg"})
    assert response.status_code == 200
    vocabulary = [q for q in queries if "bouwstenen_zoekwoord" in q["sql"]]
    assert len(vocabulary) == 1, [q["sql"][:120] for q in vocabulary]


def test_a_ranked_search_pages_with_its_total_as_the_api_does(client):
    """A search ranked by its score reads its page and its total in one statement
    (core.paging; on SQLite counted apart); the page shows what the API answers, and a
    page number out of range still shows the first or the last page."""
    ranked = {"q": "data -zzzqqq"}  # an exclusion: no leading subset on any database
    with CaptureQueriesContext(connection) as queries:
        first = client.get(URL, ranked)
    statements = [q["sql"].upper() for q in queries]
    windows = [s for s in statements if "OVER ()" in s]
    apart = [s for s in statements if s.startswith("SELECT COUNT(*) FROM (")]
    if connection.vendor == "sqlite":
        assert (windows, len(apart)) == ([], 1)
    else:
        assert (len(windows), apart) == (1, [])
    api = client.get("/api/v1/bouwstenen", {**ranked, "pageSize": 20}).json()
    count = first.context["paginator"].count
    assert count == api["count"] > 20
    names = [card.naam for card in first.context["page"].object_list]
    assert names == [item["naam"] for item in api["results"]]
    second = client.get(URL, {**ranked, "page": 2}).context["page"]
    api_second = client.get(
        "/api/v1/bouwstenen", {**ranked, "pageSize": 20, "page": 2}
    ).json()
    assert [c.naam for c in second.object_list] == [
        item["naam"] for item in api_second["results"]
    ]
    assert client.get(URL, {**ranked, "page": "abc"}).context["page"].number == 1
    assert client.get(URL, {**ranked, "page": 99}).context["page"].number == 2
