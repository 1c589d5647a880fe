"""Marking the words of a text that a query matches, as both databases would find them."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.search import text
from core.search.text import Phrase, QueryTooLong

_WORD_OR_OTHER = re.compile(r"(\w+)", re.UNICODE)


def highlight(value: str, raw_query: str | None) -> SafeString:
    """Escape ``value`` and wrap the words that match the query in <mark>."""
    try:
        query = text.parse(raw_query)
    except QueryTooLong:
        return escape(value)
    stems, prefixes = set(), set()
    for group in query.groups:
        for clause in group:
            if clause.negated:
                continue
            if isinstance(clause, Phrase):
                stems.update(text.stem(w) for w in clause.words)
            else:
                stems.add(text.stem(clause.word))
                if clause.prefix:
                    prefixes.add(clause.word)
    if not stems:
        return escape(value)
    out = []
    for part in _WORD_OR_OTHER.split(value or ""):
        folded = text.fold(part)
        if (
            part
            and folded.isalnum()
            and (
                text.stem(folded) in stems
                or any(folded.startswith(p) for p in prefixes)
            )
        ):
            out.append(f"<mark>{escape(part)}</mark>")
        else:
            out.append(escape(part))
    return mark_safe("".join(out))  # noqa: S308 - every part was escaped above
