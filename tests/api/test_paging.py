"""Paging with page and pageSize: a total count, and links only where there is a page."""

import pytest

from tests.api.helpers import assert_problem, invalid_names
from tests.factories import BouwsteenFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/bouwstenen"


@pytest.fixture
def seven(cast):
    return [
        BouwsteenFactory(
            organisatie=cast.amsterdam, naam=f"Blok {n}", gepubliceerd=True
        )
        for n in range(1, 8)
    ]


def test_first_middle_and_last_page(anonymous, seven):
    first = anonymous.get(LIST, {"pageSize": 3, "soort": "datatoepassing"}).json()
    assert first["count"] == 7
    assert [item["naam"] for item in first["results"]] == ["Blok 1", "Blok 2", "Blok 3"]
    assert "previous" not in first
    assert first["next"] == (
        "http://testserver/api/v1/bouwstenen?page=2&pageSize=3&soort=datatoepassing"
    )

    middle = anonymous.get(first["next"]).json()
    assert [item["naam"] for item in middle["results"]] == [
        "Blok 4",
        "Blok 5",
        "Blok 6",
    ]
    assert middle["previous"] == (
        "http://testserver/api/v1/bouwstenen?pageSize=3&soort=datatoepassing"
    )
    assert middle["next"].endswith("page=3&pageSize=3&soort=datatoepassing")

    last = anonymous.get(middle["next"]).json()
    assert [item["naam"] for item in last["results"]] == ["Blok 7"]
    assert "next" not in last
    assert "previous" in last


def test_a_single_page_has_no_links(anonymous, seven):
    body = anonymous.get(LIST).json()
    assert body["count"] == 7 and len(body["results"]) == 7
    assert set(body) == {"count", "countExact", "results"}
    assert body["countExact"] is True


def test_an_empty_result_is_one_empty_page(anonymous, db):
    assert anonymous.get(LIST).json() == {
        "count": 0,
        "countExact": True,
        "results": [],
    }


def test_the_page_size_defaults_to_20_and_is_at_most_100(anonymous, cast):
    BouwsteenFactory.create_batch(21, organisatie=cast.amsterdam, gepubliceerd=True)
    assert len(anonymous.get(LIST).json()["results"]) == 20
    assert len(anonymous.get(LIST, {"pageSize": 100}).json()["results"]) == 21
    response = anonymous.get(LIST, {"pageSize": 101})
    assert_problem(response, 400)
    assert invalid_names(response) == {"pageSize"}


def test_a_page_beyond_the_last_is_a_404_problem(anonymous, seven):
    body = assert_problem(anonymous.get(LIST, {"page": 2}), 404, "not_found")
    assert "de laatste pagina is 1" in body["detail"]


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"page": "0"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page": "twee"}, "page"),
        ({"page": ""}, "page"),
        ({"page": "last"}, "page"),
        ({"pageSize": "0"}, "pageSize"),
        ({"pageSize": "1.5"}, "pageSize"),
    ],
)
def test_a_page_or_size_that_is_no_positive_whole_number_is_a_400(
    anonymous, seven, params, name
):
    response = anonymous.get(LIST, params)
    assert_problem(response, 400, "invalid")
    assert invalid_names(response) == {name}


def test_reference_lists_page_the_same_way(anonymous, db):
    body = anonymous.get("/api/v1/organisaties", {"pageSize": 100}).json()
    assert body["count"] > 300
    assert len(body["results"]) == 100
    assert "previous" not in body and body["next"].endswith("page=2&pageSize=100")
    assert_problem(anonymous.get("/api/v1/themas", {"page": 3}), 404)


def test_the_count_is_exact_up_to_the_cap_and_paging_ends_there(
    anonymous, seven, monkeypatch
):
    """Above the cap the total says "at least" and paging stops at the cap, with a
    problem that says how to get further, instead of counting every match."""
    from core.paging import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "cap", 7)
    exact = anonymous.get(LIST, {"pageSize": 3}).json()
    assert (exact["count"], exact["countExact"]) == (7, True)

    monkeypatch.setattr(CappedPaginator, "cap", 5)
    capped = anonymous.get(LIST, {"pageSize": 3}).json()
    assert (capped["count"], capped["countExact"]) == (5, False)
    second = anonymous.get(capped["next"]).json()
    assert [item["naam"] for item in second["results"]] == ["Blok 4", "Blok 5"]
    assert "next" not in second

    beyond = anonymous.get(LIST, {"pageSize": 3, "page": 3})
    assert_problem(beyond, 404)
    assert "eerste 5 resultaten" in beyond.json()["detail"]


def test_the_capped_count_stops_counting_at_the_cap(anonymous, seven, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bouwstenen.search import reindex
    from core.paging import CappedPaginator

    reindex()
    monkeypatch.setattr(CappedPaginator, "cap", 5)
    # With an exclusion there is no leading subset on either database (a word alone has
    # one on PostgreSQL, whose rows are counted in full from their own index: see
    # core.paging and tests/search/test_backends.py). Sorted by name: a search ranked
    # by its score reads its total as a window (the next test).
    for params in ({"q": "blok -concept", "sort": "naam"}, {}):
        with CaptureQueriesContext(connection) as queries:
            body = anonymous.get(LIST, params).json()
        assert (body["count"], body["countExact"]) == (5, False)
        assert _names(body)[:2] == ["Blok 1", "Blok 2"]
        # The page carries the count (not the vocabulary's statement, not a second).
        pages = [q["sql"] for q in queries if "capped" in q["sql"]]
        assert len(pages) == 1, params
        assert not [
            q for q in queries if q["sql"].upper().startswith("SELECT COUNT(*)")
        ]
        counting = pages[0].split("(SELECT count(*) FROM (", 1)[1].split(") capped")[0]
        # The database may stop after cap + 1 rows, and never ranks them to count them.
        assert "LIMIT 6" in counting
        assert "ORDER BY" not in counting.upper()


def test_a_list_reads_its_page_and_capped_count_in_one_statement(
    anonymous, seven, monkeypatch
):
    """The same pages, totals, cap and errors as counting apart: a page past the last
    and a page past the cap still say which it is (counted apart, only then)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.paging import CappedPaginator

    anonymous.get(LIST)  # stores the representations the factory left unrendered
    with CaptureQueriesContext(connection) as queries:
        last = anonymous.get(LIST, {"pageSize": 3, "page": 3}).json()
    assert len(queries) == 1
    assert (last["count"], last["countExact"], _names(last)) == (7, True, ["Blok 7"])
    beyond = anonymous.get(LIST, {"pageSize": 3, "page": 4})
    assert_problem(beyond, 404)
    assert beyond.json()["detail"] == "Pagina 4 bestaat niet; de laatste pagina is 3."
    filtered = anonymous.get(LIST, {"soort": "datatoepassing", "pageSize": 5}).json()
    assert (filtered["count"], len(filtered["results"])) == (7, 5)

    monkeypatch.setattr(CappedPaginator, "cap", 5)
    capped = anonymous.get(LIST, {"pageSize": 3, "page": 2}).json()
    assert (capped["count"], capped["countExact"]) == (5, False)
    assert (_names(capped), "next" in capped) == (["Blok 4", "Blok 5"], False)
    past_cap = anonymous.get(LIST, {"pageSize": 3, "page": 3})
    assert_problem(past_cap, 404)
    assert "eerste 5 resultaten" in past_cap.json()["detail"]


def _names(body) -> list[str]:
    return [item["naam"] for item in body["results"]]


def test_a_ranked_search_reads_its_page_and_total_in_one_statement(
    anonymous, seven, monkeypatch
):
    """Ranking by score has the database score every match before the first page, so
    the total comes with the page (a window count) instead of from a second search:
    the same pages, totals, cap and errors as counting apart. Not on SQLite, where a
    window costs the score lookup its automatic index (core.paging)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bouwstenen.search import reindex
    from core.paging import CappedPaginator

    reindex()
    # An exclusion: no leading subset on either database, so the page is ranked whole.
    ranked = {"q": "blok -concept", "pageSize": 3}
    with CaptureQueriesContext(connection) as queries:
        first = anonymous.get(LIST, ranked).json()
    statements = [q["sql"].upper() for q in queries]
    counted_apart = [
        s for s in statements if s.startswith(("SELECT COUNT(*)", "SELECT CASE"))
    ]
    windows = [s for s in statements if "OVER ()" in s]
    if connection.vendor == "sqlite":
        assert (len(counted_apart), windows) == (1, [])
    else:
        assert (counted_apart, len(windows)) == ([], 1)
    with CaptureQueriesContext(connection) as queries:
        by_name = anonymous.get(LIST, {**ranked, "sort": "naam"}).json()
    # Sorted otherwise, nothing is ranked: counted apart, up to the cap.
    assert not [q for q in queries if "OVER ()" in q["sql"].upper()]
    assert (
        (first["count"], first["countExact"]) == (by_name["count"], True) == (7, True)
    )
    assert _names(first) == _names(by_name) == ["Blok 1", "Blok 2", "Blok 3"]
    last = anonymous.get(LIST, {**ranked, "page": 3}).json()
    assert (last["count"], _names(last)) == (7, ["Blok 7"])
    assert "next" not in last
    beyond = anonymous.get(LIST, {**ranked, "page": 4})
    assert_problem(beyond, 404)
    assert beyond.json()["detail"] == "Pagina 4 bestaat niet; de laatste pagina is 3."

    monkeypatch.setattr(CappedPaginator, "cap", 5)
    capped = anonymous.get(LIST, ranked).json()
    assert (capped["count"], capped["countExact"]) == (5, False)
    second = anonymous.get(capped["next"]).json()
    assert (_names(second), "next" in second) == (["Blok 4", "Blok 5"], False)
    past_cap = anonymous.get(LIST, {**ranked, "page": 3})
    assert_problem(past_cap, 404)
    assert "eerste 5 resultaten" in past_cap.json()["detail"]

    nothing = anonymous.get(LIST, {"q": "blok -blok"}).json()
    assert (nothing["count"], nothing["countExact"], nothing["results"]) == (
        0,
        True,
        [],
    )

    # Only exclusions: every block scores the same, so nothing is ranked and the list
    # is counted apart, up to the cap, as a list without q is.
    with CaptureQueriesContext(connection) as queries:
        only_not = anonymous.get(LIST, {"q": "-concept", "pageSize": 3}).json()
    assert not [q for q in queries if "OVER ()" in q["sql"].upper()]
    assert (only_not["count"], only_not["countExact"]) == (5, False)
    assert _names(only_not) == ["Blok 1", "Blok 2", "Blok 3"]


def test_a_members_ranked_search_counts_apart(client_for, seven):
    """A member's list reads whole rows (concepts too): a window would keep every
    matching row until the page is sorted, so it is counted apart, as before."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bouwstenen.search import reindex

    reindex()
    member = client_for("redacteur")
    with CaptureQueriesContext(connection) as queries:
        body = member.get(LIST, {"q": "blok -concept", "pageSize": 3}).json()
    assert not [q for q in queries if "OVER ()" in q["sql"].upper()]
    assert (body["count"], _names(body)) == (7, ["Blok 1", "Blok 2", "Blok 3"])
    assert "_paging_total" not in body["results"][0]
