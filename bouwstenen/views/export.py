"""``/bouwstenen/export.csv`` and ``.xlsx``: every result of a search, with its filters.

The same query string as the search page, so the download button simply carries the
page's state; the same filter set decides what matches. An invalid filter goes back to
the search page, which says what is wrong.
"""

from django.http import Http404
from django.shortcuts import redirect

from bouwstenen import export, selectors
from bouwstenen.views.zoeken import SORTS


def exporteren(request, formaat):
    if formaat not in export.FORMATS:
        raise Http404
    params = request.GET.copy()
    sort = params.pop("sort", [""])[-1]
    params.pop("page", None)
    filterset = selectors.catalogue_filter(params)
    if not filterset.is_valid():
        return redirect(f"{request.path.rsplit('/', 1)[0]}?{request.GET.urlencode()}")
    queryset = filterset.qs
    q = (request.GET.get("q") or "").strip()
    if sort not in SORTS or (sort == "relevantie" and not q):
        sort = "relevantie" if q else "naam"
    ordering = SORTS[sort][1]
    if ordering:
        queryset = queryset.order_by(*ordering)
    records = export.rows(export.prepared(queryset), request.build_absolute_uri)
    return export.response(formaat, records)
