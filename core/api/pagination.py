"""Paging with ``page`` and ``pageSize``; links to the next and previous page only when they exist.

Strict on purpose: a page size above the maximum or a page that is not a positive whole
number is a 400 (DRF would silently use another value), and a page past the last one is
a 404, so a client never mistakes a wrong request for an empty result.
"""

from django.core.paginator import EmptyPage
from django.utils.formats import number_format
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ErrorDetail, NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from core.api.filters import repeated_error
from core.paging import COUNT_CAP, PAGE_SIZE, CappedPaginator


class Paginering(PageNumberPagination):
    page_size = PAGE_SIZE
    page_query_param = "page"
    page_size_query_param = "pageSize"
    max_page_size = 100

    def paginate_queryset(
        self, queryset, request, view=None, leading=None, ranked_by=None
    ):
        """A page of ``queryset``; ``leading`` and ``ranked_by``: see core.paging."""
        self.request = request
        number = self._whole_number(request, self.page_query_param, default=1)
        size = self._whole_number(
            request,
            self.page_size_query_param,
            default=self.page_size,
            maximum=self.max_page_size,
        )
        paginator = CappedPaginator(
            queryset, size, leading=leading, ranked_by=ranked_by
        )
        try:
            self.page = paginator.page(number)
        except EmptyPage:
            pages = paginator.num_pages
            if not paginator.count_exact:
                first = number_format(paginator.cap, force_grouping=True)
                raise NotFound(
                    f"Bladeren gaat tot de eerste {first} resultaten (pagina "
                    f"{pages}); maak de zoekvraag of de filters specifieker."
                ) from None
            raise NotFound(
                f"Pagina {number} bestaat niet; de laatste pagina is {pages}."
            ) from None
        return list(self.page)

    @staticmethod
    def _whole_number(request, name: str, *, default: int, maximum: int | None = None):
        values = request.query_params.getlist(name)
        if not values:
            return default
        if len(values) > 1:
            # Django would take the last one; the client should know which counts.
            raise repeated_error(name)
        raw = values[0]
        if raw.isascii() and raw.isdigit() and 1 <= int(raw) <= (maximum or int(raw)):
            return int(raw)
        upper = f" en hoogstens {maximum}" if maximum else ""
        raise ValidationError(
            {
                name: [
                    ErrorDetail(
                        f"Geef een geheel getal van minstens 1{upper}.", code="invalid"
                    )
                ]
            }
        )

    def get_paginated_response(self, data):
        paginator = self.page.paginator
        body = {"count": paginator.count, "countExact": paginator.count_exact}
        # ADR-style: leave out the links that do not exist instead of sending null.
        if next_link := self.get_next_link():
            body["next"] = next_link
        if previous_link := self.get_previous_link():
            body["previous"] = previous_link
        body["results"] = data
        return Response(body)

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "countExact", "results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "description": "Het totale aantal resultaten over alle pagina's, "
                    f"exact tot en met {COUNT_CAP}; daarboven {COUNT_CAP} en is "
                    "countExact false.",
                    "example": 42,
                },
                "countExact": {
                    "type": "boolean",
                    "description": "false als er meer dan count resultaten zijn; "
                    "bladeren gaat dan tot en met de eerste count resultaten.",
                },
                "next": {
                    "type": "string",
                    "format": "uri",
                    "description": "De volgende pagina; ontbreekt op de laatste pagina.",
                },
                "previous": {
                    "type": "string",
                    "format": "uri",
                    "description": "De vorige pagina; ontbreekt op de eerste pagina.",
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            _query_parameter(
                self.page_query_param,
                "Het paginanummer, vanaf 1. Een pagina voorbij de laatste geeft 404.",
                {"type": "integer", "minimum": 1, "default": 1},
            ),
            _query_parameter(
                self.page_size_query_param,
                f"Het aantal resultaten per pagina (1 tot en met {self.max_page_size}).",
                {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_page_size,
                    "default": self.page_size,
                },
            ),
        ]


class ZoekPaginering(Paginering):
    """Paging for a list that can be searched: when a misspelled word was corrected
    (the filter set's ``correction``, core.search.forgiving), the page says so with
    ``suggestie`` and ``gezochtOp``; otherwise the envelope is ``Paginering``'s."""

    def paginate_queryset(
        self, queryset, request, view=None, leading=None, ranked_by=None
    ):
        filterset = getattr(view, "filterset", None)
        self.correction = getattr(filterset, "correction", None)
        return super().paginate_queryset(queryset, request, view, leading, ranked_by)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        correction = getattr(self, "correction", None)
        if correction is not None:
            response.data = {
                **response.data,
                "suggestie": correction.suggestie,
                "gezochtOp": correction.gezocht_op,
            }
        return response

    def get_paginated_response_schema(self, schema):
        envelope = super().get_paginated_response_schema(schema)
        envelope["properties"] = {
            **envelope["properties"],
            "suggestie": {
                "type": "string",
                "description": "Alleen als een woord van q nergens in de gepubliceerde "
                "catalogus staat en verbeterd is: de zoekvraag zoals die vermoedelijk "
                "bedoeld was.",
                "example": "jeugdzorg",
            },
            "gezochtOp": {
                "type": "string",
                "description": "Alleen bij een verbetering: de zoekvraag waarvoor de "
                "resultaten gelden.",
                "example": "jeugdzorg",
            },
        }
        return envelope


def _query_parameter(name: str, description: str, schema: dict) -> dict:
    return {
        "name": name,
        "required": False,
        "in": OpenApiParameter.QUERY,
        "description": description,
        "schema": schema,
    }
