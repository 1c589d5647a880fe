"""Finding building blocks beyond the list: facet counts, similar blocks, suggestions.

- ``GET /api/v1/bouwstenen/facetten``: per dimension the values with their counts, with
  the same filters (and the same 400 for invalid ones) as the list.
- ``GET /api/v1/bouwstenen/{uuid}/vergelijkbaar`` and ``POST /api/v1/bouwstenen/vergelijkbaar``
  (a dry run: "bestaat dit al?"): the most similar published blocks with a score, their
  owner and their reuse counts.
- ``GET /api/v1/suggesties?q=...``: names of blocks, thema's, organisations and GEMMA
  components for a search box, each with its URL.

The work is done by ``bouwstenen.facets`` and ``bouwstenen.search``, which the catalogue
pages use too; this module only shapes requests and answers.
"""

from django.http import QueryDict
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from bouwstenen import facets, readiness, search
from bouwstenen.api.filters import BouwsteenFilter
from bouwstenen.models import Bouwsteen
from bouwstenen.selectors import bouwstenen_visible_to
from core.api.filters import invalid_filters, repeated_error
from core.search.text import MAX_QUERY_LENGTH

SIMILAR_LIMIT = 5


# --- facet counts -------------------------------------------------------------------


class FacetWaardeSerializer(serializers.Serializer):
    waarde = serializers.CharField(
        help_text="De waarde zoals de filter hem verwacht (slug, code, GEMMA-id)."
    )
    naam = serializers.CharField(help_text="De waarde, leesbaar.")
    aantal = serializers.IntegerField(
        help_text="Zoveel bouwstenen geeft de lijst met deze waarde voor deze filter "
        "(en de andere filters zoals gevraagd)."
    )


def _dimension(help_text: str):
    return FacetWaardeSerializer(many=True, help_text=help_text)


class FacettenSerializer(serializers.Serializer):
    soort = _dimension("Per soort bouwsteen.")
    levensfase = _dimension("Per levensfase.")
    thema = _dimension("Per thema.")
    laag = _dimension("Per Common Ground-laag.")
    referentiecomponent = _dimension(
        "De twintig meest voorkomende referentiecomponenten."
    )
    organisatieSoort = _dimension("Per soort organisatie van de eigenaar.")
    organisatie = _dimension("De twintig organisaties met de meeste bouwstenen.")
    licentie = _dimension("Per licentie.")


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
    return FacettenSerializer(counts).data


# --- similar building blocks --------------------------------------------------------


def similar(
    *,
    naam: str,
    samenvatting: str,
    thema_ids,
    component_ids,
    exclude_pk: int | None = None,
) -> list[Bouwsteen]:
    """The most similar published blocks, each with ``gelijkenis`` and its reuse counts.

    Two queries for the candidates (``search.similar_to``), one for the counts of the
    few that come back.
    """
    found = search.similar_to(
        Bouwsteen.objects.published(),
        naam=naam,
        samenvatting=samenvatting,
        thema_ids=thema_ids,
        component_ids=component_ids,
        exclude_pk=exclude_pk,
        limit=SIMILAR_LIMIT,
    )
    if not found:
        return []
    counts = {
        row["pk"]: row
        for row in readiness.with_counts(
            Bouwsteen.objects.filter(pk__in=[b.pk for b, _score in found])
        ).values("pk", "hergebruik_in_gebruik", "hergebruik_pilot", "hergebruik_actief")
    }
    blocks = []
    for bouwsteen, score in found:
        row = counts[bouwsteen.pk]
        bouwsteen.hergebruik_in_gebruik = row["hergebruik_in_gebruik"]
        bouwsteen.hergebruik_pilot = row["hergebruik_pilot"]
        bouwsteen.hergebruik_actief = row["hergebruik_actief"]
        bouwsteen.gelijkenis = score
        blocks.append(bouwsteen)
    return blocks


# --- suggestions for a search box --------------------------------------------------


class BouwsteenSuggestieSerializer(serializers.Serializer):
    url = serializers.URLField(help_text="De bouwsteen in de API.")
    uuid = serializers.UUIDField()
    naam = serializers.CharField()


class ThemaSuggestieSerializer(serializers.Serializer):
    url = serializers.URLField(help_text="Het thema in de API.")
    slug = serializers.CharField(help_text="Voor de filter thema.")
    naam = serializers.CharField()


class OrganisatieSuggestieSerializer(serializers.Serializer):
    url = serializers.URLField(help_text="De organisatie in de API.")
    code = serializers.CharField(help_text="Voor de filter organisatie.")
    naam = serializers.CharField()


class ReferentiecomponentSuggestieSerializer(serializers.Serializer):
    url = serializers.URLField(help_text="De referentiecomponent in de API.")
    gemmaId = serializers.UUIDField(help_text="Voor de filter referentiecomponent.")
    naam = serializers.CharField()


class SuggestiesSerializer(serializers.Serializer):
    bouwstenen = BouwsteenSuggestieSerializer(
        many=True, help_text="Bouwstenen, de meest relevante eerst."
    )
    themas = ThemaSuggestieSerializer(many=True)
    organisaties = OrganisatieSuggestieSerializer(many=True)
    referentiecomponenten = ReferentiecomponentSuggestieSerializer(many=True)


class SuggestieVraagSerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=MAX_QUERY_LENGTH,
        trim_whitespace=False,
    )


def _suggestion_urls(found: dict, request) -> dict:
    def url(name, **kwargs):
        return reverse(f"api:{name}-detail", kwargs=kwargs, request=request)

    return {
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


class SuggestiesView(APIView):
    """``GET /api/v1/suggesties?q=...``: what the search box can offer while someone types."""

    @extend_schema(
        operation_id="suggesties",
        tags=["bouwstenen"],
        summary="Suggesties voor een zoekvak",
        description=(
            "Namen die beginnen met wat er getypt is (per woord): bouwstenen die u kunt "
            "zien, thema's, organisaties en GEMMA-referentiecomponenten, elk hoogstens "
            "vijf en met hun URL. Snel genoeg om bij elke toetsaanslag te vragen. Zonder "
            "q (of met alleen spaties) zijn alle lijsten leeg."
        ),
        parameters=[
            OpenApiParameter(
                "q",
                str,
                OpenApiParameter.QUERY,
                description=f"Wat er getypt is; hoogstens {MAX_QUERY_LENGTH} tekens.",
            )
        ],
        responses={200: SuggestiesSerializer},
    )
    def get(self, request):
        vraag = SuggestieVraagSerializer(data=_single(request.query_params, "q"))
        vraag.is_valid(raise_exception=True)
        q = vraag.validated_data.get("q", "")
        try:
            found = search.suggestions(q, bouwstenen_visible_to(request.user))
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
