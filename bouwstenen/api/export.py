"""``GET /api/v1/bouwstenen`` as a file: every result of the filtered query as CSV or Excel.

Asked for with ``format=csv`` or ``format=xlsx``, or with ``Accept: text/csv`` or the
Excel media type. Content negotiation chooses a renderer as for JSON-LD; the list then
answers with the download that ``bouwstenen.export`` writes for the search page too (the
same columns), over the list's own filtered and sorted queryset: the same visibility,
the same filters and their 400, all results instead of one page.

The rest of the API ignores ``format``, as it ignores any parameter it does not know
(``URL_FORMAT_OVERRIDE`` is off); only the list reads it, so a wrong value there is a
400 that names the choices instead of being ignored.
"""

from rest_framework import renderers
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.negotiation import DefaultContentNegotiation

from bouwstenen import export, selectors
from core.api.filters import repeated_error

FORMAT_PARAMETER = "format"


class _FileRenderer(renderers.BaseRenderer):
    """Only how negotiation names the file: the list streams it (``response``) and an
    error is a problem document (core.api.problems), so nothing is rendered here."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        raise NotImplementedError("De export schrijft zijn eigen antwoord.")


class CsvRenderer(_FileRenderer):
    media_type = export.CSV_MEDIA_TYPE
    format = "csv"
    charset = "utf-8"


class XlsxRenderer(_FileRenderer):
    media_type = export.XLSX_MEDIA_TYPE
    format = "xlsx"
    charset = None


RENDERERS = (CsvRenderer, XlsxRenderer)


class ExportNegotiation(DefaultContentNegotiation):
    """``Accept`` as usual; ``format=csv|xlsx`` wins over it where a file is offered
    (the list's renderers), and is ignored elsewhere."""

    def select_renderer(self, request, renderers, format_suffix=None):
        values = request.query_params.getlist(FORMAT_PARAMETER)
        if not values or not any(isinstance(r, RENDERERS) for r in renderers):
            return super().select_renderer(request, renderers, format_suffix)
        if len(values) > 1:
            raise repeated_error(FORMAT_PARAMETER)
        for renderer in renderers:
            if isinstance(renderer, RENDERERS) and renderer.format == values[0]:
                return renderer, renderer.media_type
        raise ValidationError(
            {
                FORMAT_PARAMETER: [
                    ErrorDetail(
                        f"Onbekend formaat {values[0]!r}: kies csv of xlsx, of laat "
                        "format weg voor JSON.",
                        code="invalid_choice",
                    )
                ]
            }
        )


def wanted(request) -> bool:
    """True when negotiation chose a file for this request."""
    return isinstance(getattr(request, "accepted_renderer", None), RENDERERS)


def file_response(view, request):
    """The download of everything the list would page through, in the list's order."""
    # The list's own selector (not whatever the list serves JSON from): every block the
    # user may see, with what a row reads, by name unless q or sort order it otherwise.
    queryset = view.filter_queryset(selectors.bouwsteen_list(request.user))
    records = export.rows(queryset, request.build_absolute_uri)
    return export.response(request.accepted_renderer.format, records)
