"""Django's error handlers: a problem document under /api, the site's own pages elsewhere.

DRF's exception handler (``core.api.problems``) answers what goes wrong inside an API
view. Some errors never reach a view: a Host header that is not in ALLOWED_HOSTS
(DisallowedHost, raised by the middleware), a 404 that no URL pattern catches, an error
while DRF finishes or renders a response. Django answers those with handler400, 403, 404
and 500; these send a problem document for a path under /api, so a client of the API
never has to parse an HTML page, and leave the rest to Django's defaults.
"""

import json

from django.core.exceptions import DisallowedHost, RequestDataTooBig
from django.http import HttpResponse
from django.views import defaults

from core.api import API_PATH_PREFIX
from core.api.problems import NOT_FOUND_DETAIL, PROBLEM_MEDIA_TYPE, problem


def _is_api(request) -> bool:
    return request.path_info.startswith(API_PATH_PREFIX)


def _problem_response(request, status: int, detail: str, code: str) -> HttpResponse:
    # The path only: building an absolute URL would read the Host header again, which
    # may be the very thing that is wrong.
    body = problem(status, detail, code=code, instance=request.path)
    return HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=status,
        content_type=PROBLEM_MEDIA_TYPE,
    )


def bad_request(request, exception, template_name=defaults.ERROR_400_TEMPLATE_NAME):
    if not _is_api(request):
        return defaults.bad_request(request, exception, template_name)
    if isinstance(exception, DisallowedHost):
        # The host asked for is not repeated: it is the caller's input.
        return _problem_response(
            request,
            400,
            "De host in de Host-header van dit verzoek hoort niet bij dit register.",
            "bad_host",
        )
    if isinstance(exception, RequestDataTooBig):
        return _problem_response(
            request,
            413,
            "De body van het verzoek is te groot; stuur minder gegevens.",
            "request_too_large",
        )
    return _problem_response(
        request, 400, "Het verzoek kon niet worden verwerkt.", "bad_request"
    )


def permission_denied(
    request, exception, template_name=defaults.ERROR_403_TEMPLATE_NAME
):
    if not _is_api(request):
        return defaults.permission_denied(request, exception, template_name)
    return _problem_response(
        request, 403, "U hebt geen toestemming voor dit verzoek.", "permission_denied"
    )


def page_not_found(request, exception, template_name=defaults.ERROR_404_TEMPLATE_NAME):
    if not _is_api(request):
        return defaults.page_not_found(request, exception, template_name)
    return _problem_response(request, 404, NOT_FOUND_DETAIL, "not_found")


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    if not _is_api(request):
        return defaults.server_error(request, template_name)
    # Django has logged the exception; the client learns nothing of it.
    return _problem_response(
        request, 500, "Er ging iets mis aan onze kant.", "server_error"
    )
