"""Query expressions shared by the apps."""

import enum
import re

from django.db.models import CharField, Value

# What an inlined constant may hold: an enumeration's value, checked against its choices
# or written in the code; never free text a user typed.
_PLAIN = re.compile(r"[a-z0-9_-]+")


class Inline(Value):
    """A plain constant written into the SQL text instead of sent as a parameter.

    With server-side binding (``DATABASE_PREPARED_STATEMENTS``) every parameter travels
    apart from the SQL, and PostgreSQL may then plan a prepared statement once for all
    values (a generic plan) instead of on every execution. A partial index such as the
    published blocks' (``WHERE publicatiestatus = 'gepubliceerd'``) can only serve that
    plan when the value is in the statement's text: as a parameter it could be anything.
    The generic plan of the filtered list was then three bitmap scans over the whole
    table (39 against 2.7 ms at 10,000), so PostgreSQL planned every list anew: 1.3 to
    2.5 ms a request (docs/performance.md). An enumeration's value in the text gives
    each value its own statement, planned for that value: a generic plan for a value
    found in half of the catalogue counted along the wrong index (26 against 4 ms).
    """

    def __init__(self, value):
        text = value.value if isinstance(value, enum.Enum) else value
        if not self.fits(text):
            raise ValueError(
                f"Alleen een eenvoudige constante kan in de SQL: {value!r}"
            )
        super().__init__(text, output_field=CharField())

    @staticmethod
    def fits(value) -> bool:
        """Whether ``value`` is plain enough to be written into the SQL."""
        return isinstance(value, str) and _PLAIN.fullmatch(value) is not None

    def as_sql(self, compiler, connection):
        # Safe to quote by hand: the pattern admits no quote, backslash or percent sign.
        return f"'{self.value}'", []
