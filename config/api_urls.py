"""The REST API, version 1: every resource under /api/v1, without trailing slashes.

Anything else under /api answers with a 404 problem document, never an HTML page.
"""

from django.urls import include, path, re_path
from rest_framework.routers import SimpleRouter

from bouwstenen.api.behoeften import BehoefteViewSet, DeelnemerViewSet
from bouwstenen.api.hergebruik import HergebruikViewSet
from bouwstenen.api.interop import (
    AdmsView,
    DcatCatalogusView,
    PubliccodeExportView,
    PubliccodeImportView,
)
from bouwstenen.api.overdrachten import OverdrachtViewSet
from bouwstenen.api.referentiedata.views import (
    OrganisatieViewSet,
    ReferentiecomponentViewSet,
    ThemaViewSet,
)
from bouwstenen.api.statistieken import StatistiekenView
from bouwstenen.api.viewsets import BouwsteenViewSet
from bouwstenen.api.vragen import (
    AntwoordenViewSet,
    AntwoordViewSet,
    VraagViewSet,
    VragenViewSet,
)
from bouwstenen.api.zoeken import SuggestiesView
from core.api.views import DocsView, NotFoundView, OpenApiView

app_name = "api"

router = SimpleRouter(trailing_slash=False)
router.register("bouwstenen", BouwsteenViewSet, basename="bouwsteen")
router.register(
    r"bouwstenen/(?P<uuid>[^/.]+)/hergebruik",
    HergebruikViewSet,
    basename="hergebruik",
)
router.register(
    r"bouwstenen/(?P<uuid>[^/.]+)/overdrachten",
    OverdrachtViewSet,
    basename="overdracht",
)
router.register("behoeften", BehoefteViewSet, basename="behoefte")
router.register(
    r"behoeften/(?P<uuid>[^/.]+)/deelnemers",
    DeelnemerViewSet,
    basename="deelnemer",
)
router.register(
    r"bouwstenen/(?P<uuid>[^/.]+)/vragen", VragenViewSet, basename="bouwsteen-vraag"
)
router.register("vragen", VraagViewSet, basename="vraag")
router.register(
    r"vragen/(?P<id>[0-9a-fA-F-]{36})/antwoorden",
    AntwoordenViewSet,
    basename="vraag-antwoord",
)
router.register("antwoorden", AntwoordViewSet, basename="antwoord")
router.register("organisaties", OrganisatieViewSet, basename="organisatie")
router.register("themas", ThemaViewSet, basename="thema")
router.register(
    "referentiecomponenten", ReferentiecomponentViewSet, basename="referentiecomponent"
)

urlpatterns = [
    path("v1/openapi.json", OpenApiView.as_view(), name="openapi"),
    path("v1/docs", DocsView.as_view(), name="docs"),
    # Before the router: its detail route would take "import-publiccode" for a uuid.
    path(
        "v1/bouwstenen/import-publiccode",
        PubliccodeImportView.as_view(),
        name="bouwsteen-import-publiccode",
    ),
    re_path(
        r"^v1/bouwstenen/(?P<uuid>[0-9a-fA-F-]{36})/publiccode(?:\.yml)?$",
        PubliccodeExportView.as_view(),
        name="bouwsteen-publiccode",
    ),
    path("v1/dcat", DcatCatalogusView.as_view(), name="dcat"),
    path("v1/adms", AdmsView.as_view(), name="adms"),
    path("v1/suggesties", SuggestiesView.as_view(), name="suggesties"),
    path("v1/statistieken", StatistiekenView.as_view(), name="statistieken"),
    path("v1/", include(router.urls)),
    re_path(r"", NotFoundView.as_view(), name="not-found"),
]
