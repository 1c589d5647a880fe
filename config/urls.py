from django.contrib import admin
from django.urls import include, path

from registry.observability import health

urlpatterns = [
    path("health", health, name="health"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("config.api_urls")),
    path("", include("bouwstenen.urls")),
]

# Problem documents for errors under /api that no API view answers (a bad Host header, a
# failure while rendering); the site's own pages elsewhere.
handler400 = "registry.error_views.bad_request"
handler403 = "registry.error_views.permission_denied"
handler404 = "registry.error_views.page_not_found"
handler500 = "registry.error_views.server_error"
