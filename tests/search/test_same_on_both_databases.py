"""The same query gives the same answer on SQLite and PostgreSQL (issue 18).

Every query of the relevance set (the ranking cases, misspellings, word orders, compounds
split and joined, exclusions, phrases, prefixes and diacritics) is answered on the
database the suite runs on and compared with ``relevance_answers.json``, the answers
PostgreSQL gave when the set last changed. CI runs the suite on both databases, so both
are held to the one file:

- the result set of every query is exactly the stored one (on both databases);
- the first three results are the stored three for at least 90% of the queries. Ranking
  is each database's own (ts_rank on PostgreSQL, bm25 on SQLite), so two blocks of the
  three may change places; which three come first is what a reader sees above the fold.

After changing the relevance set or the ranking on purpose, write the file anew on
PostgreSQL: ``RELEVANCE_ANSWERS=write pytest tests/search/test_same_on_both_databases.py``
with ``DATABASE_URL`` set, and review its diff.
"""

import json
import os
from pathlib import Path

import pytest

from django.db import connection

from tests.search.test_relevance import RANKING, _ranked
from tests.search.test_relevance import catalogue as catalogue  # the fixture
from tests.search.test_relevance_forgiving import (
    COMPOUNDS,
    EXCLUSIONS,
    ORDERS,
    TYPOS,
)

pytestmark = pytest.mark.django_db

ANSWERS = Path(__file__).with_name("relevance_answers.json")
TOP = 3
SAME_TOP_SHARE = 0.9

OTHER_QUERIES = [
    # phrases and exclusions beside a word
    '"warmte per buurt"',
    '"open data"',
    "schulden -huurachterstanden",
    "dashboard -jeugdzorg",
    # prefixes, as typed into the box
    "jeugd",
    "verduurz",
    "laadp",
    "klim",
    # alternatives
    "natura or laadpalen",
    "stikstof or grondwater",
    # diacritics
    "enquête",
    "coöperatie",
    "Súdwest-Fryslân",
]


def queries() -> list[str]:
    found = [param.values[0] for param in RANKING]
    for pairs in (TYPOS, ORDERS, COMPOUNDS):
        for first, second in pairs:
            found += [first, second]
    found += [query for query, _absent, _present in EXCLUSIONS]
    found += OTHER_QUERIES
    return sorted(set(found))


def test_the_relevance_set_has_at_least_80_queries():
    assert len(queries()) >= 80


def test_every_query_finds_the_same_blocks_and_mostly_the_same_top_three(catalogue):
    answers = {query: _ranked(query) for query in queries()}
    if os.environ.get("RELEVANCE_ANSWERS") == "write":
        assert connection.vendor == "postgresql", "Schrijf de antwoorden op PostgreSQL."
        stored = {
            query: {"gevonden": sorted(ranked), "top": ranked[:TOP]}
            for query, ranked in answers.items()
        }
        ANSWERS.write_text(
            json.dumps(stored, indent=1, ensure_ascii=False, sort_keys=True) + "\n",
            encoding="utf-8",
        )
    stored = json.loads(ANSWERS.read_text(encoding="utf-8"))
    assert sorted(stored) == sorted(answers), "relevance_answers.json is out of date"

    other_sets = {
        query: sorted(ranked)
        for query, ranked in answers.items()
        if sorted(ranked) != stored[query]["gevonden"]
    }
    assert other_sets == {}, f"{connection.vendor} finds other blocks"

    other_tops = {
        query: (ranked[:TOP], stored[query]["top"])
        for query, ranked in answers.items()
        if set(ranked[:TOP]) != set(stored[query]["top"])
    }
    same = 1 - len(other_tops) / len(answers)
    assert same >= SAME_TOP_SHARE, (
        f"{connection.vendor}: the same top {TOP} for {same:.0%} of the queries; "
        f"different: {other_tops}"
    )
