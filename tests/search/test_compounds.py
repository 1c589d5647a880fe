"""Which parts a compound word is indexed with (core.search.compounds): pure, no database."""

import pytest

from core.search import compounds


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("hittestresskaart", ("hitte", "stress", "kaart")),
        ("jeugdzorgdashboard", ("jeugdzorg", "dashboard")),
        ("gegevensdistributiecomponent", ("gegevens", "distributie", "component")),
        ("verduurzamingsloket", ("verduurzaming", "loket")),  # the linking s
        ("warmtetransitie", ("warmte", "transitie")),
    ],
)
def test_a_compound_the_word_list_does_not_know_splits_into_listed_words(word, parts):
    assert compounds.parts(word) == parts


@pytest.mark.parametrize(
    "word",
    [
        "energielabel",  # a word of its own: the query side splits "energie label"
        "achtergrond",  # splitting it would invent "grond" for "grond water"
        "grondwater",
        "gemeente",  # no compound at all
        "laadpalen",  # "laad" is shorter than a part may be
    ],
)
def test_a_listed_word_or_a_short_one_stays_whole(word):
    assert compounds.parts(word) == ()


def test_the_parts_of_a_text_are_those_of_its_compound_words_once_each():
    found = compounds.parts_of("Hittestresskaart en hittestresskaart, Warmtetransitie!")
    assert found == "hitte stress kaart warmte transitie"


def test_the_word_list_is_folded_as_the_index_folds_words():
    # "coöperatie" in the list; the index holds "cooperatie".
    assert compounds.parts("dorpscooperatie") == ("dorps", "cooperatie")
    assert compounds.parts_of("Dorpscoöperatie") == "dorps cooperatie"
