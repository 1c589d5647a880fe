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

A search ranked by its score (``ranked_by=``, the order term that sorts on it) has the
database score every match before it can hand out the first page. Without a leading
subset the page is then read with its total in one statement (a window count over the
matches): the matches are found once instead of once for the count and once for the page.
The window holds every match until the page is sorted, so a broad search pays for it
(docs/performance.md); a selective one, the usual kind, saves a second search. A page of a
few columns in any other order and without a leading subset (the stored list by name, with
filters or not) carries its capped count as a subquery the database runs once: one
statement too. Pages of model rows (a member's list) still count apart.
"""

from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Count, Q, QuerySet, Window
from django.db.models.expressions import RawSQL
from django.db.models.query import ValuesIterable, ValuesListIterable

COUNT_CAP = 10_000
# The column that carries the total beside a page read with it.
_TOTAL = "_paging_total"
# What a page holds unless the client asks otherwise, in the API and on the pages.
PAGE_SIZE = 20


@dataclass(frozen=True)
class LeadingSubset:
    """The rows selected by ``condition`` come first while the order starts with
    ``first_order`` (an ``order_by`` term such as ``"-score"``)."""

    condition: Q
    first_order: str
    # Every row outside the subset has the same value for ``first_order`` (a search's
    # score is zero without the words in a weighted field, when each word is one
    # lexeme: core.search.backends.postgresql._plain), so after the leading rows
    # the rest comes in the order that follows it: a page past them is read in that
    # order, without scoring every match (a word in a tenth of the records but in no
    # name read its first page in 150 ms instead of 1 at 100,000).
    rest_ties: bool = False

    def rest(self, queryset: QuerySet, order, *, none_lead: bool = False):
        """The rows of ``queryset`` outside the subset, in ``order`` without its first
        term (the same for all of them), or None when they do not tie or ``order`` does
        not start with that term. ``none_lead``: the subset is known to be empty, so
        nothing is left out."""
        order = tuple(order)
        if not self.rest_ties or order[:1] != (self.first_order,) or len(order) < 2:
            return None
        rest = queryset.order_by(*order[1:])
        return rest if none_lead else rest.exclude(self.condition)


class CappedPaginator(Paginator):
    cap = COUNT_CAP

    def __init__(
        self, object_list, per_page, *args, leading=None, ranked_by=None, **kwargs
    ):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.leading: LeadingSubset | None = leading
        self.ranked_by: str | None = ranked_by

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

    def get_page(self, number):
        # Django's get_page counts first to check the number; a page read with its
        # total (core.paging's docstring) falls back to that when the number is no page.
        page = self._page_with_total(number)
        return page if page is not None else super().get_page(number)

    def page(self, number):
        if (page := self._page_with_total(number)) is not None:
            return page
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        queryset = self.object_list
        leading_count = self._counts[1]
        if top <= bottom:
            # Nothing found: no statement to build for an empty page.
            return self._get_page([], number, self)
        if leading_count is not None and leading_count >= top:
            leading = self._leading_rows(for_paging=True)
            if leading is not None:
                queryset = leading
        elif leading_count is not None and leading_count <= bottom:
            rest = self.leading.rest(
                queryset, queryset.query.order_by, none_lead=not leading_count
            )
            if rest is not None:
                queryset = rest
                bottom, top = bottom - leading_count, top - leading_count
        return self._get_page(queryset[bottom:top], number, self)

    def _total_beside(self):
        """The total as a column of the page: a window over the matches when they are
        ranked anyway, else the capped count as a subquery the database runs once."""
        if self._ranks_every_row():
            return Window(Count("*"))
        queryset = self.object_list
        everything = queryset.order_by().values("pk")[: self.cap + 1]
        sql, params = everything.query.get_compiler(queryset.db).as_sql()
        # ORM-compiled SQL with its parameters bound, as the count beside it.
        counted = f"SELECT count(*) FROM ({sql}) capped"  # noqa: S608
        return RawSQL(counted, params)  # noqa: S611

    def _few_columns(self) -> bool:
        """A page of a few columns (values, values_list) of a plain queryset: one that
        can carry its total as a column. Not with DISTINCT (a window counts before it)
        or a combined query (which takes no annotation)."""
        queryset = self.object_list
        return (
            not self.orphans
            and self.allow_empty_first_page
            and isinstance(queryset, QuerySet)
            and not queryset.query.is_sliced
            and not queryset.query.distinct
            and not queryset.query.combinator
            and queryset._iterable_class in (ValuesIterable, ValuesListIterable)
        )

    def _ranks_every_row(self) -> bool:
        """Whether the database ranks every row before the first page anyway: ordered
        by a search's score, with no leading subset to read the page from.

        Only for pages of a few columns: the window keeps every match until the page
        is sorted, and whole model rows made a broad search of a member's list 70%
        slower. Not on SQLite: with a window in the statement it looks each block's
        score up without the automatic index it builds otherwise, a scan of every match
        per match ("gemeente" at 10,000: 1.3 s instead of 42 ms for the page), so
        counting apart is far cheaper there."""
        queryset = self.object_list
        return (
            self.ranked_by is not None
            and self.leading is None
            and self._few_columns()
            and queryset.query.order_by[:1] == (self.ranked_by,)
            and connections[queryset.db].vendor != "sqlite"
        )

    def _reads_total_beside(self) -> bool:
        """Whether the page is read with its total in one statement: ranked, or in any
        other order without a leading subset, when the capped count rides along (one
        round trip and one compiled statement fewer). With a leading subset the count
        stays apart, without a LIMIT: for a common word a LIMIT had the planner walk
        every record in id order (330 instead of 210 ms at 100,000)."""
        if self._ranks_every_row():
            return True
        if self.leading is not None or not self._few_columns():
            return False
        order = self.object_list.query.order_by
        return bool(order) and (
            self.ranked_by is None or order[:1] != (self.ranked_by,)
        )

    def _page_with_total(self, number):
        """The page and the total in one statement, or None when the usual way must
        decide (a number that is no page number, or a page past the rows: the count
        then says which error it is, one statement more, only when few rows match),
        or when the page is not read this way (counted already, or neither ranked nor a
        page of a few columns without a leading subset)."""
        if "_counts" in self.__dict__ or not self._reads_total_beside():
            return None
        if isinstance(number, float) and not number.is_integer():
            return None  # Django's validate_number refuses it
        try:
            number = int(number)
        except (TypeError, ValueError):
            return None
        bottom = (number - 1) * self.per_page
        if number < 1 or bottom >= self.cap:
            return None
        annotated = self.object_list.annotate(**{_TOTAL: self._total_beside()})
        rows = list(annotated[bottom : bottom + self.per_page])
        if not rows:
            if number > 1:
                return None
            self.__dict__["_counts"] = (0, None)
            return self._get_page([], number, self)
        rows = [_without_total(row) for row in rows]
        counted = rows[0][1]
        self.__dict__["_counts"] = (counted, None)
        # The page ends at the cap, as the usual way ends it.
        rows = [row for row, _total in rows][: self.count - bottom]
        return self._get_page(rows, number, self)


def _without_total(row) -> tuple:
    """(the row as the queryset hands it out, the total read beside it)."""
    if isinstance(row, tuple):
        return row[:-1], row[-1]
    total = row.pop(_TOTAL)
    return row, total
