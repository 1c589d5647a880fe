"""Query expressions shared by the apps."""

import re

from django.db.models import CharField, Expression

# What an inlined constant may hold: a code's own enumeration value, never user input.
_PLAIN = re.compile(r"[a-z0-9_-]+")


class Inline(Expression):
    """A constant of the code written into the SQL text instead of sent as a parameter.

    With server-side binding (``DATABASE_PREPARED_STATEMENTS``) every parameter travels
    apart from the SQL, and PostgreSQL may then plan a prepared statement once for all
    values (a generic plan) instead of on every execution. A partial index such as the
    published blocks' (``WHERE publicatiestatus = 'gepubliceerd'``) can only serve that
    plan when the value is in the statement's text: as a parameter it could be anything.
    The generic plan was then three bitmap scans over the whole table (37 against 2 ms
    for the filtered list at 10,000), so PostgreSQL kept planning every execution anew:
    1.3 to 2 ms for each list and search statement (docs/performance.md).
    """

    def __init__(self, value: str):
        if not _PLAIN.fullmatch(value):
            raise ValueError(
                f"Alleen een eenvoudige constante kan in de SQL: {value!r}"
            )
        super().__init__(output_field=CharField())
        self.value = str(value)

    def as_sql(self, compiler, connection):
        # Safe to quote by hand: the pattern above admits no quote or backslash.
        return f"'{self.value}'", []
