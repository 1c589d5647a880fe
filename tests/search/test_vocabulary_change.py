"""``Vocabulary.change``: one upsert per batch adds each word's change in use, on both
databases; a word that loses its last use goes."""

import pytest

from bouwstenen.models import Zoekwoord
from bouwstenen.search_index import INDEX
from core.search import text
from core.search.backends import get_backend
from core.search.vocabulary import UPSERT_BATCH

pytestmark = pytest.mark.django_db


def vocabulary():
    return get_backend().vocabulary(INDEX)


def counts(words):
    return dict(
        Zoekwoord.objects.filter(woord__in=words).values_list("woord", "aantal")
    )


def test_new_words_come_with_their_columns_and_existing_ones_gain():
    vocabulary().change({"grondwaterpeil": 2, "dijkbewaking": 1})
    vocabulary().change({"grondwaterpeil": 1, "polderkaart": 1})
    assert counts(["grondwaterpeil", "dijkbewaking", "polderkaart"]) == {
        "grondwaterpeil": 3,
        "dijkbewaking": 1,
        "polderkaart": 1,
    }
    row = Zoekwoord.objects.get(woord="grondwaterpeil")
    assert (row.stam, row.begin, row.lengte) == (
        text.stem("grondwaterpeil"),
        "g",
        len("grondwaterpeil"),
    )


def test_a_word_without_use_goes_and_a_missing_one_stays_away():
    vocabulary().change({"grondwaterpeil": 2, "dijkbewaking": 1})
    vocabulary().change({"grondwaterpeil": -1, "dijkbewaking": -1, "nergensgezien": -1})
    assert counts(["grondwaterpeil", "dijkbewaking", "nergensgezien"]) == {
        "grondwaterpeil": 1
    }


def test_more_words_than_one_upsert_takes():
    words = [f"proefwoord{n:04d}" for n in range(UPSERT_BATCH * 2 + 7)]
    vocabulary().change(dict.fromkeys(words, 1))
    vocabulary().change(dict.fromkeys(words[: UPSERT_BATCH + 1], -1))
    assert counts(words) == dict.fromkeys(words[UPSERT_BATCH + 1 :], 1)
