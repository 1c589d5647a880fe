"""Folding (``core.search.text.fold``): lower case without diacritics, the same for every
character as dropping each combining mark of the decomposed text one by one, which is
how it was written before only the characters outside ASCII were tested."""

import sys
import unicodedata

import pytest

from core.search import text


def one_by_one(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@pytest.mark.parametrize(
    ("value", "folded"),
    [
        ("Coöperatie Crèche", "cooperatie creche"),
        ("naïeve café's", "naieve cafe's"),
        ("Straße ØRESUND ﬁets", "straße øresund fiets"),
        ("JEUGDZORG", "jeugdzorg"),
        ("", ""),
        (None, ""),
    ],
)
def test_examples(value, folded):
    assert text.fold(value) == folded


def test_every_character_folds_as_dropping_marks_one_by_one():
    # Each character between ASCII letters, and all of a plane's marks in one run.
    characters = [
        chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF
    ]
    differing = [
        hex(ord(c)) for c in characters if text.fold(f"a{c}b") != one_by_one(f"a{c}b")
    ]
    assert differing == []
    run = "".join(characters[:0x30000])
    assert text.fold(run) == one_by_one(run)
