"""Headers that every response under /api carries, errors and the docs page included."""

from django.conf import settings

from core.api import API_PATH_PREFIX

# Data, never a page: JSON, problems, and the list's files (CSV, Excel).
DATA_CONTENT_TYPES = (
    "application/json",
    "application/problem+json",
    "application/ld+json",
    "text/csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)


class ApiHeadersMiddleware:
    """``API-Version`` (ADR /core/version-header) and the security headers of ADR
    /transport/security-headers.

    The version is the one in the OpenAPI document, so the two can never differ.
    X-Content-Type-Options, X-Frame-Options and (in production) HSTS come from Django's
    own middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path_info.startswith(API_PATH_PREFIX):
            return response
        response["API-Version"] = settings.SPECTACULAR_SETTINGS["VERSION"]
        # Drafts are visible to members, so no shared or browser cache may keep a copy.
        # Clients revalidate with ETag and If-None-Match instead.
        response.setdefault("Cache-Control", "no-store")
        response.setdefault("Referrer-Policy", "no-referrer")
        content_type = response.get("Content-Type", "")
        if content_type.startswith(DATA_CONTENT_TYPES) or not content_type:
            # Data, never a page: nothing may load from it, whatever the site-wide policy.
            response["Content-Security-Policy"] = (
                "default-src 'none'; frame-ancestors 'none'"
            )
        else:
            # The docs page runs its own (same-origin) scripts; keep the site's policy.
            response.setdefault("Content-Security-Policy", "frame-ancestors 'none'")
        return response
