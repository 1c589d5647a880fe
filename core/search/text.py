"""Text handling shared by both search backends: folding, stemming and query parsing.

The Dutch stemmer is Snowball's ``dutch_porter``, the same algorithm as PostgreSQL's
``dutch`` configuration, and the stop words are the same list, so a query means the same
on SQLite and on PostgreSQL.
"""

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer

MAX_QUERY_LENGTH = 500
_WORD = re.compile(r"\w+", re.UNICODE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class QueryTooLong(ValueError):
    def __init__(self):
        super().__init__(
            f"De zoekvraag is te lang: hoogstens {MAX_QUERY_LENGTH} tekens."
        )


@cache
def stopwords() -> frozenset[str]:
    path = Path(__file__).with_name("dutch.stop")
    return frozenset(
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    )


_local = threading.local()


def _stemmer():
    """A stemmer per thread: a Snowball stemmer keeps the word it works on in itself, so
    two threads sharing one (gunicorn's gthread workers do) spoil each other's words."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("dutch_porter")
    return stemmer


# Runs of characters outside ASCII: only those can be or carry a combining mark.
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def _without_marks(run: re.Match) -> str:
    return "".join(c for c in run.group() if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower case without diacritics: "Coöperatie Crèche" becomes "cooperatie creche"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    # Testing only the characters outside ASCII for a mark, not every character,
    # made folding a catalogue's texts ten times faster (similar blocks fold 300).
    if not decomposed.isascii():
        decomposed = _NOT_ASCII.sub(_without_marks, decomposed)
    return decomposed.lower()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    # A catalogue repeats the same words endlessly; stemming each once saves most of the time.
    return _stemmer().stemWord(word)


def stemmed(text: str) -> str:
    """The text as the SQLite index stores it: folded, stop words out, every word stemmed."""
    stop = stopwords()
    return " ".join(stem(w) for w in words(text) if w not in stop)


@dataclass(frozen=True)
class Term:
    word: str  # folded, not stemmed
    negated: bool = False
    prefix: bool = True  # also match words that start with it (every word alike)


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]
    negated: bool = False


@dataclass(frozen=True)
class Compound:
    """A Dutch compound found joined or split (``core.search.forgiving``): one of the
    joined forms, or every part (when it has parts); each as a word and as the start
    of longer words."""

    joined: tuple[str, ...]
    parts: tuple[str, ...]
    negated: bool = False


Clause = Term | Phrase | Compound


@dataclass
class Query:
    """A parsed web-search query: clauses that must all match; ``or`` makes alternatives."""

    groups: list[list[Clause]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not any(any(not c.negated for c in group) for group in self.groups)

    @property
    def excluded(self) -> list[Clause]:
        """Every negated clause (``-woord``, ``-"een zinsdeel"``)."""
        return [clause for group in self.groups for clause in group if clause.negated]

    @property
    def text_terms(self) -> list[str]:
        """Every positive word, for highlighting and similarity."""
        out = []
        for group in self.groups:
            for clause in group:
                if clause.negated:
                    continue
                if isinstance(clause, Term):
                    out.append(clause.word)
                elif isinstance(clause, Phrase):
                    out.extend(clause.words)
                else:
                    out.extend([*clause.joined, *clause.parts])
        return out


_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def parse(raw: str | None) -> Query:
    """Parse like PostgreSQL's websearch syntax: "a phrase", or, -word; the rest is text.

    Every word also matches as the start of longer words, wanted or excluded alike, so
    the order of the words never changes what is found ("warmte buurt" is "buurt
    warmte"), and a Dutch compound's head finds the compound ("jeugd", "jeugdzorg").
    Anything that is not a word (operators of FTS5 or tsquery, quotes, brackets, SQL) is
    treated as a separator, never passed on as syntax.
    """
    text = _CONTROL.sub(" ", raw or "").strip()
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryTooLong()
    stop = stopwords()
    # Each element: a list of alternatives (clauses joined by "or").
    conjunction: list[list[Term | Phrase]] = []
    join_next_with_or = False
    for match in _TOKEN.finditer(text):
        negated = False
        if match.group(2) is not None:
            negated = match.group(1) == "-"
            phrase = tuple(w for w in words(match.group(2)) if w not in stop)
            if not phrase:
                continue
            clause: Term | Phrase = (
                Phrase(phrase, negated) if len(phrase) > 1 else Term(phrase[0], negated)
            )
        else:
            token = match.group(3)
            if token.lower() == "or":
                join_next_with_or = bool(conjunction)
                continue
            if token.startswith("-") and len(token) > 1:
                negated = True
                token = token[1:]
            parts = [w for w in words(token) if w not in stop]
            if not parts:
                continue
            if len(parts) > 1:
                # "open-source" or "e.g." are one thing to the user: a phrase.
                clause = Phrase(tuple(parts), negated)
            else:
                clause = Term(parts[0], negated)
        if join_next_with_or and not negated and conjunction:
            conjunction[-1].append(clause)
        else:
            conjunction.append([clause])
        join_next_with_or = False
    return Query(conjunction)
