"""Headers that every response under /api carries, errors and the docs page included."""

from django.conf import settings
from django.http import HttpResponse
from django.middleware import http
from django.utils.cache import patch_vary_headers

from core.api import API_PATH_PREFIX

# Data, never a page: JSON, problems, and the list's files (CSV, Excel).
DATA_CONTENT_TYPES = (
    "application/json",
    "application/problem+json",
    "application/ld+json",
    "text/turtle",
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


# --- browsers on other sites -----------------------------------------------------------

# What a page on another site may do: read, as anyone may. Never a write, and never with
# credentials (the API knows only tokens, and a request that carries one gets no CORS
# headers, so a browser never hands another site what a token may see).
CORS_METHODS = ("GET", "HEAD")
CORS_REQUEST_HEADERS = ("accept", "accept-language", "if-none-match")
CORS_EXPOSED_HEADERS = (
    "API-Version",
    "ETag",
    "Content-Disposition",
    "Retry-After",
    "X-Request-ID",
)
CORS_MAX_AGE = "3600"


def _preflight_allowed(request) -> bool:
    method = request.headers.get("Access-Control-Request-Method", "")
    asked = request.headers.get("Access-Control-Request-Headers", "")
    headers = {h.strip().lower() for h in asked.split(",") if h.strip()}
    return method in CORS_METHODS and headers <= set(CORS_REQUEST_HEADERS)


class CorsMiddleware:
    """CORS for anonymous reads of the API: ``Access-Control-Allow-Origin: *`` on every
    GET and HEAD under /api without ``Authorization``, and an answer to a browser's
    preflight for such a read (it asks first when it sends If-None-Match). A preflight
    for anything else (a write, a token) gets no CORS headers, so the browser refuses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PATH_PREFIX):
            return self.get_response(request)
        if (
            request.method == "OPTIONS"
            and "Origin" in request.headers
            and "Access-Control-Request-Method" in request.headers
        ):
            response = HttpResponse(status=204)
            if _preflight_allowed(request):
                response["Access-Control-Allow-Origin"] = "*"
                response["Access-Control-Allow-Methods"] = ", ".join(CORS_METHODS)
                response["Access-Control-Allow-Headers"] = ", ".join(
                    CORS_REQUEST_HEADERS
                )
                response["Access-Control-Max-Age"] = CORS_MAX_AGE
            return response
        response = self.get_response(request)
        if request.method in CORS_METHODS:
            # Whether the headers come depends on Authorization: caches must know.
            patch_vary_headers(response, ("Authorization",))
            if "Authorization" not in request.headers:
                response["Access-Control-Allow-Origin"] = "*"
                response["Access-Control-Expose-Headers"] = ", ".join(
                    CORS_EXPOSED_HEADERS
                )
        return response


class ConditionalGetMiddleware(http.ConditionalGetMiddleware):
    """Django's, and for HEAD too: a HEAD is answered by the same view as its GET (the
    body is dropped by the server), so it carries the same ETag and can be a 304."""

    def process_response(self, request, response):
        if request.method != "HEAD" or response.streaming or not response.content:
            return super().process_response(request, response)
        request.method = "GET"
        try:
            return super().process_response(request, response)
        finally:
            request.method = "HEAD"
