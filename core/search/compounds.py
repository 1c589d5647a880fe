"""The parts of Dutch compound words, for the index: "hittestresskaart" is also indexed
as "hitte stress kaart", so a search for "kaart" or "stress" finds it (issue 18).

A word the list does not know splits where both sides are Dutch words of at least
``MIN_PART`` letters (with or without the linking s: "gegevens|distributie|component"),
the longest first part first; a tail that is no word splits again. Words the list knows
stay whole ("energielabel", "achtergrond"): the query side already finds "energie label"
as "energielabel", and splitting known words invents parts ("achter|grond"). The words come from a Dutch word list
(pyspellchecker's, with frequencies from OpenSubtitles) rather than from the catalogue's
own vocabulary: a document's indexed parts then depend on its text alone, not on what
else was published before it, so indexing the same text gives the same parts on every
database and in every order. Query time does the converse with the vocabulary
(``core.search.forgiving``): a typed compound is also searched as its parts.
"""

import gzip
import re
import threading
from array import array
from functools import cache, lru_cache
from importlib import resources

from core.search import text

MIN_PART = 5  # the same as forgiving.MIN_PART: shorter parts split far too much
MAX_DEPTH = 2  # a word of four parts at most ("gegevens|distributie|component")
LINKING = ("", "s")
# The keys of the package's JSON object of words and frequencies (written without
# escapes: UTF-8 as it is, no backslash in any word).
_KEY = re.compile(r'"([^"]+)"\s*:')


class WordList:
    """Sorted words in one string, looked up by bisection: the 326,000 words cost about
    5 MB this way, against 50 MB or more as a set of strings (in every worker)."""

    def __init__(self, words: list[str]):
        self._text = "\n".join(words)
        self._starts = array("I")
        position = 0
        for word in words:
            self._starts.append(position)
            position += len(word) + 1

    def __len__(self) -> int:
        return len(self._starts)

    def _word(self, i: int) -> str:
        end = self._starts[i + 1] - 1 if i + 1 < len(self._starts) else None
        return self._text[self._starts[i] : end]

    def __contains__(self, word: str) -> bool:
        low, high = 0, len(self._starts)
        while low < high:
            middle = (low + high) // 2
            if self._word(middle) < word:
                low = middle + 1
            else:
                high = middle
        return low < len(self._starts) and self._word(low) == word


_LOADING = threading.Lock()


@cache
def dutch_words() -> WordList:
    """Folded Dutch words of at least ``MIN_PART`` letters, read once per process on the
    first document indexed (about a second).

    Read straight from the package's word list (the file ``SpellChecker(language="nl")``
    loads) rather than through a SpellChecker, whose dictionary of every word with its
    frequency would stay in memory beside this list.
    """
    with _LOADING:  # two threads of one worker read it once
        listed = resources.files("spellchecker").joinpath("resources/nl.json.gz")
        raw = gzip.decompress(listed.read_bytes()).decode("utf-8")
        folded = {
            word
            for key in _KEY.findall(raw)
            if len(key) >= MIN_PART and (word := text.fold(key)).isalpha()
        }
        return WordList(sorted(folded))


@lru_cache(maxsize=100_000)
def parts(word: str) -> tuple[str, ...]:
    """The parts of a folded word, in order, or () when it is no compound of listed
    words. A listed word stays whole, as a part too: splitting words the list knows
    finds parts that are none ("achter|grond", "signa|lering"), and a search for "grond
    water" would then find "achtergrond" beside "water"."""
    if word in dutch_words():
        return ()
    return _split(word, 0)


def _split(word: str, depth: int) -> tuple[str, ...]:
    if len(word) < 2 * MIN_PART or depth > MAX_DEPTH:
        return ()
    words = dutch_words()
    for end in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        tail = word[end:]
        for link in LINKING:
            head = word[: end - len(link)] if link else word[:end]
            if link and not word[:end].endswith(link):
                continue
            if len(head) < MIN_PART or head not in words:
                continue
            if tail in words:
                return head, tail
            rest = _split(tail, depth + 1)
            if rest:
                return head, *rest
    return ()


def parts_of(value: str) -> str:
    """The parts of every compound word in a text, as one text for the index."""
    found: list[str] = []
    seen: set[str] = set()
    for word in text.words(value):
        if len(word) < 2 * MIN_PART or word in seen:
            continue
        seen.add(word)
        found.extend(parts(word))
    return " ".join(found)
