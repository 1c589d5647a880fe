"""Search that forgives: a misspelled word, and a compound typed split or joined.

Before a query reaches the database's index, its words are held against the catalogue's
own vocabulary (``core.search.vocabulary``), the same way on every database:

- **A typo.** A word the vocabulary does not know (not as a word, a stem or the start of
  a word) and that does not split into known words is corrected to the nearest known
  word: the fewest edits (a letter left out, added, changed, or two swapped), then the
  word most objects use. Words shorter than five letters are left alone (too many
  neighbours), and at most one edit is allowed below eight letters, two from there.
- **A compound.** Dutch writes compounds joined ("energielabel"), people often split
  them ("energie label"). A typed word that splits into two known words (with or without
  the linking s: "betalings|achterstand") becomes a ``Compound``: the joined word, or
  both parts anywhere. Two typed words that a known word joins become that word's
  compound, split as it splits (or only joined, when it does not). So the split and
  the joined form find the same objects, whatever the word order.

The reads are few: one statement for every query (is each word known, do two words join,
may a word split), one more when two typed words join (how the joined word splits), and
one per unknown word plus one for the corrected words. Only the vocabulary is read, never
the documents.
"""

import re
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz.distance import OSA

from core.search import text
from core.search.text import Compound, Query, Term
from core.search.vocabulary import Vocabulary

MIN_CORRECTED = 5
MIN_PART = 5  # shorter parts (laad|palen, jeugd|zorg) split far too much
LINKING = ("", "s")
LONG, LONGER = 8, 12  # from 8 letters a word may also begin a longer one
MAX_PAIRED = 8  # pairs of typed words tried for compounds: at most 8 words, 28 pairs
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Correction:
    """What the search understood: the suggested query and the one it searched for."""

    suggestie: str
    gezocht_op: str


def max_edits(word: str) -> int:
    return 1 if len(word) < 8 else 2


def distance(a: str, b: str, limit: int) -> int:
    """Edits from ``a`` to ``b`` (optimal string alignment: left out, added, changed,
    two neighbours swapped), or ``limit + 1`` when it exceeds ``limit``.

    RapidFuzz computes it in C++ with a cut-off: a misspelled long word is held against
    a few dozen candidates and four of their beginnings each, which in Python took a
    millisecond of every search without hits.
    """
    return OSA.distance(a, b, score_cutoff=limit)


def nearest(word: str, candidates: list[tuple[str, int]]) -> str | None:
    """The known word ``word`` most likely meant: fewest edits, then a whole word before
    one it begins (every word is also a prefix: "betalingsachterstnd" is the start of
    "betalingsachterstanden"), then the most used."""
    limit = max_edits(word)
    scored = []
    for candidate, used in candidates:
        edits, whole = distance(word, candidate, limit), 0
        if len(word) >= LONG and len(candidate) > len(word):
            start = min(
                distance(word, candidate[:length], limit)
                for length in range(len(word) - 1, len(word) + 2)
            )
            if start < edits:
                edits, whole = start, 1
        if 0 < edits <= limit:
            scored.append((edits, whole, -used, candidate))
    return min(scored)[3] if scored else None


def spread(word: str) -> tuple[int, int]:
    """The lengths of the candidates for a misspelled word: a few edits apart, or (for a
    long word) longer words it may begin."""
    edits = max_edits(word)
    longest = len(word) + (LONGER if len(word) >= LONG else edits)
    return len(word) - edits, longest


def corrected(raw: str, fixes: dict[str, str]) -> str:
    """The typed query with each corrected word replaced, the rest as typed."""
    return _WORD.sub(lambda m: fixes.get(text.fold(m.group()), m.group()), raw).strip()


def forgive(query: Query, vocabulary: Vocabulary) -> tuple[Query, dict[str, str]]:
    """The query to search, and which typed words were corrected to which."""
    terms = sorted(
        {c.word for group in query.groups for c in group if isinstance(c, Term)}
    )
    correctable = [w for w in terms if len(w) >= MIN_CORRECTED]
    questions = {f"k:{w}": vocabulary.known(w) for w in correctable}
    answers = _ask(vocabulary, query, terms, questions)
    # A word that joins another typed word to a known word is no typo ("verlening" in
    # "schuldhulp verlening").
    joining = {
        word
        for pair in _pairs(query)
        if any(answers.get(f"j:{j}") for j in _joins(*pair))
        for word in pair
    }
    fixes = {}
    for word in correctable:
        if answers[f"k:{word}"] or word in joining or _split_of(word, answers):
            continue
        better = nearest(word, vocabulary.candidates(word, *spread(word)))
        if better is not None:
            fixes[word] = better
    if fixes:
        # The corrected words may split or join differently: ask again for those.
        query = _replace(query, fixes)
        answers |= _ask(vocabulary, query, sorted(set(fixes.values())), {})
    joined = {
        pair: forms
        for pair in _pairs(query)
        if (forms := [j for j in _joins(*pair) if answers.get(f"j:{j}")])
    }
    if joined:
        # Two words typed apart mean what their joined word means, split as that word
        # splits (or not at all), so both find the same: ask how the joined words split.
        forms = sorted({forms[0] for forms in joined.values()})
        answers |= _ask(vocabulary, Query([]), forms, {})
    words = {c.word for group in query.groups for c in group if isinstance(c, Term)}
    words |= {forms[0] for forms in joined.values()}
    splits = {word: split for word in words if (split := _split_of(word, answers))}
    return _compounds(query, joined, splits), fixes


def _ask(vocabulary, query, words, questions) -> dict[str, bool]:
    """One statement: the questions, whether the pairs of wanted words join to a
    known word, and whether the parts a word may split into are words."""
    for pair in _pairs(query):
        questions |= {f"j:{j}": vocabulary.known(j) for j in _joins(*pair)}
    for word in words:
        for head, tail in _split_options(word):
            questions[f"w:{head}"] = vocabulary.exact(head)
            questions[f"w:{tail}"] = vocabulary.exact(tail)
    return vocabulary.probe(questions)


def _replace(query: Query, fixes: dict[str, str]) -> Query:
    return Query(
        [
            [
                Term(fixes.get(c.word, c.word), c.negated, c.prefix)
                if isinstance(c, Term)
                else c
                for c in group
            ]
            for group in query.groups
        ]
    )


def _pairs(query: Query) -> list[tuple[str, str]]:
    """The unordered pairs of wanted words that stand alone (not in an ``or``)."""
    alone = sorted(
        {
            group[0].word
            for group in query.groups
            if len(group) == 1 and isinstance(group[0], Term) and not group[0].negated
        }
    )
    return list(combinations(alone[:MAX_PAIRED], 2))


def _joins(a: str, b: str) -> list[str]:
    return [x + link + y for x, y in ((a, b), (b, a)) for link in LINKING]


def _split_options(word: str) -> list[tuple[str, str]]:
    """The ways ``word`` may split in two, with or without a linking s; the longest
    first part first."""
    if len(word) < 2 * MIN_PART:
        return []
    return [
        (word[: i - len(link)], word[i:])
        for i in range(len(word) - MIN_PART, MIN_PART - 1, -1)
        for link in LINKING
        if word[i - len(link) : i] == link and i - len(link) >= MIN_PART
    ]


def _split_of(word: str, answers: dict[str, bool]) -> tuple[str, str] | None:
    for head, tail in _split_options(word):
        if answers.get(f"w:{head}") and answers.get(f"w:{tail}"):
            return head, tail
    return None


def _compounds(query: Query, joined: dict, splits: dict) -> Query:
    """Two words a known word joins become one compound, greedily in a fixed order (so
    the order they were typed in does not matter); a word that splits becomes one too."""
    used, merged = set(), []
    for (a, b), forms in sorted(joined.items()):
        if forms and a not in used and b not in used:
            used.update((a, b))
            merged.append([Compound(tuple(forms), splits.get(forms[0], ()))])
    groups = []
    for group in query.groups:
        alone = group[0] if len(group) == 1 else None
        if isinstance(alone, Term) and not alone.negated and alone.word in used:
            continue
        groups.append([_split(c, splits) for c in group])
    return Query(groups + merged)


def _split(clause, splits: dict):
    if isinstance(clause, Term) and clause.word in splits:
        return Compound((clause.word,), splits[clause.word], clause.negated)
    return clause
