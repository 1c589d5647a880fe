"""Paging whose total is exact up to a cap, for the API and the catalogue pages alike.

Counting every match of a word found in nearly every block costs as much as the search
itself (about 250 ms at 100,000 blocks on PostgreSQL, docs/performance.md), and nobody
pages through tens of thousands of results. So the count stops at ``COUNT_CAP``: below it
the total is exact; at it, the answer says "at least" (``count_exact`` is False) and
paging ends there, as search engines do. Refining the query gives an exact total again.
"""

from functools import cached_property

from django.core.paginator import Paginator

COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    cap = COUNT_CAP

    @cached_property
    def _counted(self) -> int:
        queryset = self.object_list
        if hasattr(queryset, "query"):
            # Neither the order nor the selected columns change how many rows there are;
            # without them the database can stop at the cap instead of ranking everything.
            return queryset.order_by().values("pk")[: self.cap + 1].count()
        return len(queryset)

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.cap)

    @property
    def count_exact(self) -> bool:
        return self._counted <= self.cap
