"""The project's URLs plus the interoperability endpoints, for the API tests.

Until the API's router wires ``bouwstenen.api.interop`` in (see docs/interoperabiliteit.md
for the exact patterns), the tests mount the views here, before the API's catch-all.
"""

from django.urls import path, re_path

from bouwstenen.api.interop import (
    DcatCatalogusView,
    PubliccodeExportView,
    PubliccodeImportView,
)
from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path(
        "api/v1/bouwstenen/import-publiccode",
        PubliccodeImportView.as_view(),
        name="bouwsteen-import-publiccode",
    ),
    re_path(
        r"^api/v1/bouwstenen/(?P<uuid>[0-9a-fA-F-]{36})/publiccode(?:\.yml)?$",
        PubliccodeExportView.as_view(),
        name="bouwsteen-publiccode",
    ),
    path("api/v1/dcat", DcatCatalogusView.as_view(), name="dcat"),
    *project_urlpatterns,
]
