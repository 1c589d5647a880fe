"""Marking the words of a text that a query matches, as both databases would find them."""

import re
from collections.abc import Callable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.search import text
from core.search.text import Phrase, QueryTooLong

_WORD_OR_OTHER = re.compile(r"(\w+)", re.UNICODE)


def marker(raw_query: str | None) -> Callable[[str], SafeString]:
    """A function that escapes a text and wraps the words the query matches in <mark>.

    The query is parsed and stemmed once, for every text a page marks (two per card).
    """
    try:
        query = text.parse(raw_query)
    except QueryTooLong:
        return escape
    stems, prefixes = set(), []
    for group in query.groups:
        for clause in group:
            if clause.negated:
                continue
            if isinstance(clause, Phrase):
                stems.update(text.stem(w) for w in clause.words)
            else:
                stems.add(text.stem(clause.word))
                if clause.prefix:
                    prefixes.append(clause.word)
    if not stems:
        return escape
    prefixes = tuple(prefixes)

    decided: dict[str, bool] = {}

    def matches(word: str) -> bool:
        if word not in decided:
            folded = text.fold(word)
            decided[word] = folded.isalnum() and (
                text.stem(folded) in stems or folded.startswith(prefixes)
            )
        return decided[word]

    def mark(value: str) -> SafeString:
        # Split on words: the even parts are what lies between them (escaped), the odd
        # ones words, which hold nothing to escape; each word is judged once a page.
        parts = _WORD_OR_OTHER.split(value or "")
        for i in range(1, len(parts), 2):
            if matches(parts[i]):
                parts[i] = f"<mark>{parts[i]}</mark>"
        for i in range(0, len(parts), 2):
            parts[i] = escape(parts[i])
        return mark_safe("".join(parts))  # noqa: S308 - every part was escaped above

    return mark
