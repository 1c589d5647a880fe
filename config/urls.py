from django.contrib import admin
from django.urls import include, path

from core.observability import health

urlpatterns = [
    path("health", health, name="health"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("config.api_urls")),
    path("", include("bouwstenen.urls")),
]

# Problem documents for errors under /api that no API view answers (a bad Host header, a
# failure while rendering); the site's own pages elsewhere.
handler400 = "core.error_views.bad_request"
handler403 = "core.error_views.permission_denied"
handler404 = "core.error_views.page_not_found"
handler500 = "core.error_views.server_error"
