"""Read-only resources of the reference data, the OpenAPI document and its docs page."""

from django.db.models import Count, Q
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiJsonRenderer2
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from registry.api.filters import OrganisatieFilter
from registry.api.serializers import (
    OrganisatieSerializer,
    ReferentiecomponentSerializer,
    ThemaSerializer,
)
from registry.constants import Publicatiestatus
from registry.models import Organisatie, Referentiecomponent, Thema


@extend_schema_view(
    list=extend_schema(
        summary="Organisaties zoeken",
        description="Alle overheidsorganisaties, op naam, met het aantal gepubliceerde bouwstenen.",
    ),
    retrieve=extend_schema(
        summary="Eén organisatie",
        description="Een organisatie op haar officiële code, bijvoorbeeld GM0363 (Amsterdam).",
    ),
)
class OrganisatieViewSet(viewsets.ReadOnlyModelViewSet):
    # Counted here by the reverse relation name, so registry never imports bouwstenen.
    queryset = (
        Organisatie.objects.select_related("provincie")
        .annotate(
            aantal_bouwstenen=Count(
                "bouwstenen",
                filter=Q(bouwstenen__publicatiestatus=Publicatiestatus.GEPUBLICEERD),
            )
        )
        .order_by("naam", "pk")
    )
    serializer_class = OrganisatieSerializer
    filterset_class = OrganisatieFilter
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9]+"


@extend_schema_view(
    list=extend_schema(
        summary="Thema's",
        description="De maatschappelijke opgaven waar bouwstenen aan bijdragen.",
    ),
    retrieve=extend_schema(
        summary="Eén thema",
        description="Een thema op zijn slug, bijvoorbeeld jeugdzorg.",
    ),
)
class ThemaViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Thema.objects.order_by("naam", "pk")
    serializer_class = ThemaSerializer
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"


@extend_schema_view(
    list=extend_schema(
        summary="GEMMA-referentiecomponenten",
        description="De referentiecomponenten van GEMMA, de gemeentelijke referentiearchitectuur.",
    ),
    retrieve=extend_schema(
        summary="Eén referentiecomponent",
        description="Een referentiecomponent op zijn GEMMA-id (het Object ID van GEMMA Online).",
    ),
)
class ReferentiecomponentViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Referentiecomponent.objects.order_by("naam", "pk")
    serializer_class = ReferentiecomponentSerializer
    lookup_field = "gemma_id"
    lookup_url_kwarg = "gemmaId"


class OpenApiView(SpectacularJSONAPIView):
    """The OpenAPI document, for anyone, from any web page (ADR /core/doc-openapi)."""

    # application/json first: what most tools expect when they fetch openapi.json.
    renderer_classes = [OpenApiJsonRenderer2, OpenApiJsonRenderer]
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="openapi_retrieve",
        summary="De OpenAPI-specificatie",
        description="Dit document, in OpenAPI 3 als JSON. Ook zonder token op te vragen.",
        tags=["openapi"],
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="De specificatie.")
        },
        parameters=[
            OpenApiParameter(
                "access-control-allow-origin",
                type=str,
                location=OpenApiParameter.HEADER,
                response=[200],
                required=True,
                description="Altijd *: elke website mag de specificatie ophalen.",
            )
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from the project's own static files (drf-spectacular-sidecar, no CDN).

    The split view serves its start script as a separate file, so the page needs no
    inline script.
    """

    url_name = "api:openapi"
    title = "Bouwstenenregister API"


class NotFoundView(APIView):
    """Every other path under /api: a 404 problem, whatever the method."""

    permission_classes = [AllowAny]
    schema = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        detail = "Op dit pad staat niets. De documentatie staat op /api/v1/docs."
        if request.path.endswith("/") and request.path != "/api/":
            detail = (
                "Paden van deze API eindigen niet op een slash: "
                f"probeer {request.path.rstrip('/')}."
            )
        raise NotFound(detail)
