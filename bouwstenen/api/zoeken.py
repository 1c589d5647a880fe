"""Finding building blocks beyond the list: facet counts and suggestions.

- ``GET /api/v1/bouwstenen/facetten``: per dimension the values with their counts, with
  the same filters (and the same 400 for invalid ones) as the list.
- ``GET /api/v1/suggesties?q=...``: names of blocks, thema's, organisations and GEMMA
  components for a search box, each with its URL.

The resource's own finding operations (``/facetten``, ``/vergelijking``,
``/{uuid}/vergelijkbaar`` and ``POST /vergelijkbaar``) are ``FindingMixin``, read through ``selectors``. The work is done by ``bouwstenen.facets`` and
``bouwstenen.search``, which the catalogue pages use too; this module only shapes
requests and answers.
"""

from django.core.exceptions import ValidationError as FormValidationError
from django.http import QueryDict
from rest_framework.decorators import action
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from bouwstenen import facets, search, selectors, vergelijking
from bouwstenen.api import checks
from bouwstenen.api.schema.zoeken import suggesties_schema
from bouwstenen.api.serializers import (
    SuggestiesSerializer,
    SuggestieVraagSerializer,
    VergelijkbaarLijstSerializer,
    VergelijkbaarVraagSerializer,
    VergelijkingSerializer,
)
from bouwstenen.filters import BouwsteenFilter
from bouwstenen.readiness import readiness_of
from core.api.filters import invalid_filters, refused_filter, repeated_error


def facet_counts(request, base) -> dict:
    """The facet counts for the list's query parameters, or the list's 400."""
    params = request.query_params
    # Validate once with every parameter, exactly as the list does, so the problem
    # document is the same (facets() leaves each dimension's own filter out).
    filterset = BouwsteenFilter(params, queryset=base, request=request)
    if not filterset.is_valid():
        raise invalid_filters(filterset.form.errors)
    try:
        counts = facets.facets(base, params, BouwsteenFilter)
    except facets.InvalidFilters as exc:
        raise invalid_filters(exc.errors) from exc
    except FormValidationError as exc:
        raise refused_filter(exc) from exc
    # Already the documented shape (FacettenSerializer, the schema's answer): plain
    # strings and numbers per dimension. Passing 80-odd values through DRF's fields
    # again cost a millisecond a request (tests/api/test_facet_cache.py checks).
    return counts


def _suggestion_urls(found: dict, request) -> dict:
    def url(name, **kwargs):
        return reverse(f"api:{name}-detail", kwargs=kwargs, request=request)

    answer = {
        "bouwstenen": [
            {"url": url("bouwsteen", uuid=uuid), "uuid": uuid, "naam": naam}
            for uuid, naam, _slug in found["bouwstenen"]
        ],
        "themas": [
            {"url": url("thema", slug=slug), "slug": slug, "naam": naam}
            for slug, naam in found["themas"]
        ],
        "organisaties": [
            {"url": url("organisatie", code=code), "code": code, "naam": naam}
            for code, naam in found["organisaties"]
        ],
        "referentiecomponenten": [
            {
                "url": url("referentiecomponent", gemmaId=gemma_id),
                "gemmaId": gemma_id,
                "naam": naam,
            }
            for gemma_id, naam in found["referentiecomponenten"]
        ],
    }
    if (correction := found.get("correctie")) is not None:
        answer["suggestie"] = correction.suggestie
        answer["gezochtOp"] = correction.gezocht_op
    return answer


class SuggestiesView(APIView):
    """``GET /api/v1/suggesties?q=...``: what the search box can offer while someone types."""

    @suggesties_schema
    def get(self, request):
        vraag = SuggestieVraagSerializer(data=_single(request.query_params, "q"))
        vraag.is_valid(raise_exception=True)
        q = vraag.validated_data.get("q", "")
        try:
            found = search.suggestions(q, selectors.bouwstenen_visible_to(request.user))
        except search.QueryTooLong as exc:
            raise ValidationError(
                {"q": [ErrorDetail(str(exc), code="max_length")]}
            ) from exc
        return Response(SuggestiesSerializer(_suggestion_urls(found, request)).data)


def _single(params: QueryDict, name: str) -> dict:
    """``{name: value}`` when given once, for a serializer that validates one value."""
    values = params.getlist(name)
    if len(values) > 1:
        raise repeated_error(name)
    return {name: values[0]} if values else {}


class FindingMixin:
    """The resource's finding operations: facet counts, a comparison and similar
    blocks."""

    @action(detail=False, methods=["get"], pagination_class=None)
    def facetten(self, request):
        return Response(
            facet_counts(request, selectors.bouwstenen_visible_to(request.user))
        )

    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def vergelijking(self, request):
        asked = checks.compared_uuids(request.query_params)
        blocks = vergelijking.comparison_visible_to(request.user, asked)
        checks.all_found(asked, blocks)
        for block in blocks:
            block.nog_niet_geregeld = readiness_of(block).missing
        return Response(
            VergelijkingSerializer(
                {"bouwstenen": blocks}, context=self.get_serializer_context()
            ).data
        )

    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def vergelijkbaar(self, request, uuid=None):
        bouwsteen = self.get_object()
        return self._similar(
            naam=bouwsteen.naam,
            samenvatting=bouwsteen.samenvatting,
            thema_ids=[t.pk for t in bouwsteen.themas.all()],
            component_ids=[c.pk for c in bouwsteen.referentiecomponenten.all()],
            exclude_pk=bouwsteen.pk,
        )

    @action(
        detail=False,
        methods=["post"],
        url_path="vergelijkbaar",
        url_name="vergelijkbaar-zoeken",
        permission_classes=[AllowAny],
        pagination_class=None,
        filter_backends=[],
    )
    def vergelijkbaar_zoeken(self, request):
        body = VergelijkbaarVraagSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        vraag = body.validated_data
        return self._similar(
            naam=vraag["naam"],
            samenvatting=vraag["samenvatting"],
            thema_ids=[t.pk for t in vraag.get("themas", [])],
            component_ids=[c.pk for c in vraag.get("referentiecomponenten", [])],
            typed=True,
        )

    def _similar(self, **vraag):
        found = selectors.similar_blocks(**vraag)
        return Response(
            VergelijkbaarLijstSerializer(
                {"results": found}, context=self.get_serializer_context()
            ).data
        )
