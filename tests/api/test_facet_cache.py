"""The facet counts' cache (bouwstenen.facets): a statement that was slow is cached from
its second time on, keyed by the catalogue's state; a cheap one asks neither the state
nor the cache. The answer is the documented shape (FacettenSerializer) either way."""

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bouwstenen import facets, search
from bouwstenen.api.serializers import FacettenSerializer
from bouwstenen.models import Bouwsteen
from tests.factories import BouwsteenFactory

pytestmark = pytest.mark.django_db
FACETS = "/api/v1/bouwstenen/facetten"


@pytest.fixture(autouse=True)
def _fresh():
    facets._slow.clear()
    cache.clear()
    yield
    facets._slow.clear()
    cache.clear()


@pytest.fixture
def blocks(cast):
    made = [
        BouwsteenFactory(
            naam=f"Warmtekaart {i}",
            organisatie=cast.amsterdam,
            soort=soort,
            gepubliceerd=True,
        )
        for i, soort in enumerate(["datatoepassing", "datatoepassing", "werkwijze"])
    ]
    search.reindex()
    return made


def ask(client, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(FACETS, params)
    assert response.status_code == 200, response.content
    statements = [q["sql"] for q in queries.captured_queries]
    return response.json(), statements


def counted(statements) -> bool:
    return any(s.lstrip().startswith("WITH") for s in statements)


def asked_state(statements) -> bool:
    return any('MAX("bouwstenen_bouwsteen"."gewijzigd_op")' in s for s in statements)


def test_a_cheap_statement_asks_neither_the_state_nor_the_cache(
    client, blocks, monkeypatch
):
    # Cheap whatever the machine's load: no count is ever slow enough to cache.
    monkeypatch.setattr(facets, "CACHE_SLOWER_THAN", float("inf"))

    class NoCache:
        def __getattr__(self, name):
            raise AssertionError(f"a cheap count used the cache ({name})")

    # The facets' own reference only: throttling uses the same cache.
    monkeypatch.setattr(facets, "cache", NoCache())
    body, statements = ask(client, q="warmtekaart")
    assert counted(statements) and not asked_state(statements)
    again, statements = ask(client, q="warmtekaart")
    assert counted(statements) and not asked_state(statements)
    assert again == body
    assert {v["waarde"]: v["aantal"] for v in body["soort"]} == {
        "datatoepassing": 2,
        "werkwijze": 1,
    }
    assert body == FacettenSerializer(body).data


def test_a_slow_statement_is_cached_from_its_second_time_until_a_block_changes(
    client, blocks, monkeypatch
):
    monkeypatch.setattr(facets, "CACHE_SLOWER_THAN", 0)
    first, statements = ask(client, q="warmtekaart")
    # Found slow: remembered, not yet cached (no state was taken before counting).
    assert counted(statements) and not asked_state(statements)
    second, statements = ask(client, q="warmtekaart")
    assert counted(statements) and asked_state(statements)
    third, statements = ask(client, q="warmtekaart")
    assert asked_state(statements) and not counted(statements)
    assert first == second == third

    # A saved block moves the state on: counted afresh, with the change.
    Bouwsteen.objects.filter(pk=blocks[2].pk).update(soort="datatoepassing")
    Bouwsteen.objects.get(pk=blocks[2].pk).save(update_fields=["gewijzigd_op"])
    fourth, statements = ask(client, q="warmtekaart")
    assert counted(statements)
    assert {v["waarde"]: v["aantal"] for v in fourth["soort"]} == {"datatoepassing": 3}


def test_the_process_remembers_a_bounded_number_of_slow_statements(monkeypatch):
    monkeypatch.setattr(facets, "SLOW_REMEMBERED", 3)
    for n in range(5):
        facets._remember_slow(f"s{n}")
    facets._remember_slow("s2")  # used again: the most recent
    assert list(facets._slow) == ["s3", "s4", "s2"]


def test_a_slow_statement_served_from_the_cache_stays_remembered(
    client, blocks, monkeypatch
):
    monkeypatch.setattr(facets, "CACHE_SLOWER_THAN", 0)
    ask(client, q="warmtekaart")
    ask(client, q="warmtekaart")  # cached now
    (hot,) = facets._slow
    monkeypatch.setattr(facets, "CACHE_SLOWER_THAN", float("inf"))
    monkeypatch.setattr(facets, "SLOW_REMEMBERED", 2)
    facets._remember_slow("ander")
    _, statements = ask(client, q="warmtekaart")  # from the cache: used again
    assert not counted(statements)
    facets._remember_slow("nog een")
    # The least recently used went, not the one the cache keeps serving.
    assert list(facets._slow) == [hot, "nog een"]
