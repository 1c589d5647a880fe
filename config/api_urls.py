"""The REST API, version 1: every resource under /api/v1, without trailing slashes.

Anything else under /api answers with a 404 problem document, never an HTML page.
"""

from django.urls import include, path, re_path
from rest_framework.routers import SimpleRouter

from bouwstenen.api.viewsets import BouwsteenViewSet
from registry.api.views import (
    DocsView,
    NotFoundView,
    OpenApiView,
    OrganisatieViewSet,
    ReferentiecomponentViewSet,
    ThemaViewSet,
)

app_name = "api"

router = SimpleRouter(trailing_slash=False)
router.register("bouwstenen", BouwsteenViewSet, basename="bouwsteen")
router.register("organisaties", OrganisatieViewSet, basename="organisatie")
router.register("themas", ThemaViewSet, basename="thema")
router.register(
    "referentiecomponenten", ReferentiecomponentViewSet, basename="referentiecomponent"
)

urlpatterns = [
    path("v1/openapi.json", OpenApiView.as_view(), name="openapi"),
    path("v1/docs", DocsView.as_view(), name="docs"),
    path("v1/", include(router.urls)),
    re_path(r"", NotFoundView.as_view(), name="not-found"),
]
