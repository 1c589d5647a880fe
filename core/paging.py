"""Paging whose total is exact up to a cap, for the API and the catalogue pages alike.

Counting every match of a word found in nearly every record costs as much as the search
itself (about 250 ms at 100,000 records on PostgreSQL, docs/performance.md), and nobody
pages through tens of thousands of results. So the count stops at ``COUNT_CAP``: below it
the total is exact; at it, the answer says "at least" (``count_exact`` is False) and
paging ends there, as search engines do. Refining the query gives an exact total again.

The caller may hand the paginator a *leading subset* (``leading=``): rows that, in the
queryset's order, all come before every other row (a search names one for a word or a
few alternatives: the records with the word in their title or summary rank above those
found only in the rest). When the subset fills the page, the page is read from it alone,
and when it alone passes the cap, the rest is not counted. For a word in nearly every
record that is the difference between ranking a small subset through its own index and
unpacking every record's full vector. It is passed in, not carried by the queryset, so
whoever reads a view sees where it comes from.
"""

from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Q, QuerySet

COUNT_CAP = 10_000
# What a page holds unless the client asks otherwise, in the API and on the pages.
PAGE_SIZE = 20


@dataclass(frozen=True)
class LeadingSubset:
    """The rows selected by ``condition`` come first while the order starts with
    ``first_order`` (an ``order_by`` term such as ``"-score"``)."""

    condition: Q
    first_order: str


class CappedPaginator(Paginator):
    cap = COUNT_CAP

    def __init__(self, object_list, per_page, *args, leading=None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.leading: LeadingSubset | None = leading

    def _leading_rows(self, *, for_paging: bool):
        """The leading rows with every filter of the queryset, or None. For counting,
        any order will do; for paging, the order must still start as it did."""
        queryset = self.object_list
        if self.leading is None or not isinstance(queryset, QuerySet):
            return None
        if for_paging and queryset.query.order_by[:1] != (self.leading.first_order,):
            return None
        return queryset.filter(self.leading.condition)

    @cached_property
    def _counts(self) -> tuple[int, int | None]:
        """(how many rows, how many leading rows or None), in one statement.

        Without a leading subset the rows are counted up to cap + 1. With one, the
        leading rows are counted in full and the rest only when those stay under the
        cap; otherwise the first number is the leading count (already over the cap)."""
        queryset = self.object_list
        if not isinstance(queryset, QuerySet):
            return len(queryset), None
        # Neither the order nor the selected columns change how many rows there are;
        # without them the database can stop at the cap instead of ranking everything.
        everything = queryset.order_by().values("pk")[: self.cap + 1]
        leading = self._leading_rows(for_paging=False)
        if leading is None:
            return everything.count(), None
        # The leading rows come from their own index, so counting them all is cheap; a
        # LIMIT would tempt the planner into walking every row in id order instead.
        lead_sql, lead_params = leading.order_by().values("pk").query.sql_with_params()
        # Likewise for all rows, which are only counted when the leading rows alone stay
        # under the cap (the database evaluates a CASE branch's subquery only when it
        # takes that branch): then the words are rare in names and summaries.
        all_sql, all_params = queryset.order_by().values("pk").query.sql_with_params()
        statement = (
            "SELECT CASE WHEN lead.n > %s THEN lead.n "  # noqa: S608 - ORM-compiled SQL
            f"ELSE (SELECT count(*) FROM ({all_sql}) alles) END, lead.n "
            f"FROM (SELECT count(*) AS n FROM ({lead_sql}) eerst) lead"
        )
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(statement, [self.cap, *all_params, *lead_params])
            counted, leading_count = cursor.fetchone()
        return counted, leading_count

    @property
    def _counted(self) -> int:
        return self._counts[0]

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.cap)

    @property
    def count_exact(self) -> bool:
        return self._counted <= self.cap

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        queryset = self.object_list
        leading_count = self._counts[1]
        if leading_count is not None and leading_count >= top:
            leading = self._leading_rows(for_paging=True)
            if leading is not None:
                queryset = leading
        return self._get_page(queryset[bottom:top], number, self)
