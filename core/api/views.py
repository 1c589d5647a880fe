"""The OpenAPI document, its docs page, and a problem document for every unknown path."""

from django.conf import settings
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiJsonRenderer2
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView


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
    # The page title is the API's own, as the settings name it.
    title = settings.SPECTACULAR_SETTINGS["TITLE"]


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
