"""``/bouwstenen/export.csv`` and ``.xlsx``: every result of a search, with its filters.

The same query string as the search page, so the download button simply carries the
page's state; the same filter set decides what matches. An invalid filter goes back to
the search page, which says what is wrong.
"""

from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from bouwstenen import export, selectors
from bouwstenen.views.zoeken import SORTS

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _filename(extension: str) -> str:
    return f"bouwstenen-{timezone.localdate().isoformat()}.{extension}"


def exporteren(request, formaat):
    if formaat not in FORMATS:
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
    records = export.rows(queryset, request.build_absolute_uri)

    if formaat == "csv":
        response = StreamingHttpResponse(
            export.csv_chunks(records), content_type=FORMATS["csv"]
        )
        response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
        return response
    return FileResponse(
        export.xlsx_file(records),
        as_attachment=True,
        filename=_filename("xlsx"),
        content_type=FORMATS["xlsx"],
    )
