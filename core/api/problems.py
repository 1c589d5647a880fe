"""Every error of the API as a problem document (RFC 9457), as the NL API Design Rules ask.

A problem document has ``title``, ``status`` and ``detail`` (Dutch, for people), ``code``
(stable, for programs) and ``instance`` (the path asked for); a validation error adds
``invalidParams``: one ``{name, code, reason}`` per wrong field or query parameter, named as
the API names it (``contactpunt.email``, ``pageSize``).
"""

import logging

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, RequestDataTooBig
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404
from rest_framework import exceptions, renderers
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import set_rollback

from core.api.exceptions import AuthenticationThrottled, Conflict, RequestTooLarge
from core.errors import Code, ServiceError

logger = logging.getLogger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"

TITLES = {
    400: "Ongeldige invoer",
    401: "Niet geauthenticeerd",
    403: "Geen toestemming",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Niet aanvaardbaar",
    409: "Conflict",
    412: "Voorwaarde niet vervuld",
    413: "Verzoek te groot",
    415: "Mediatype niet ondersteund",
    422: "Niet te verwerken",
    429: "Te veel verzoeken",
    500: "Interne fout",
}

NOT_FOUND_DETAIL = "De gevraagde resource bestaat niet of is niet zichtbaar voor u."
INVALID_DETAIL = "Het verzoek bevat ongeldige invoer; zie invalidParams."


class ProblemJSONRenderer(renderers.JSONRenderer):
    media_type = PROBLEM_MEDIA_TYPE


def _dutch_detail(exc: exceptions.APIException, request) -> str:
    """Our own wording for DRF's generic errors, so every problem reads the same."""
    if isinstance(exc, exceptions.NotAuthenticated):
        return "Deze actie vraagt een token: stuur de header Authorization: Token <sleutel>."
    if isinstance(exc, exceptions.MethodNotAllowed) and request is not None:
        return f"De methode {request.method} is op dit pad niet toegestaan."
    if isinstance(exc, exceptions.NotAcceptable):
        return "Deze API levert alleen JSON: vraag application/json (of */*) in Accept."
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return "Stuur de body als JSON, met Content-Type: application/json."
    if isinstance(exc, AuthenticationThrottled):
        return (
            "Te veel mislukte aanmeldingen vanaf dit adres; probeer het over "
            f"{int(exc.wait)} seconden opnieuw."
        )
    if isinstance(exc, exceptions.Throttled):
        wait = f" over {int(exc.wait)} seconden" if exc.wait is not None else " later"
        return f"Te veel verzoeken; probeer het{wait} opnieuw."
    return str(exc.detail)


def invalid_params(detail, name: str = "") -> list[dict]:
    """Flatten DRF's nested error detail to ``[{name, code, reason}]`` with dotted names."""
    if isinstance(detail, dict):
        params = []
        for key, value in detail.items():
            if name and key == api_settings.NON_FIELD_ERRORS_KEY:
                # A nested object or list that is wrong as a whole (a string where an
                # object or a list belongs): name the field itself.
                child = name
            else:
                child = f"{name}.{key}" if name else str(key)
            params += invalid_params(value, child)
        return params
    if isinstance(detail, list):
        params = []
        for index, item in enumerate(detail):
            if isinstance(item, dict | list):
                params += invalid_params(item, f"{name}.{index}")
            else:
                params += invalid_params(item, name)
        return params
    return [
        {
            "name": name or api_settings.NON_FIELD_ERRORS_KEY,
            "code": getattr(detail, "code", None) or "invalid",
            "reason": str(detail),
        }
    ]


def validation_error(
    error: DjangoValidationError, rename: dict[str, str] | None = None
) -> exceptions.ValidationError:
    """A Django ValidationError (from ``full_clean`` in a service) as a DRF one.

    ``rename`` maps model field names to the names the API uses for them.
    """
    rename = rename or {}
    if hasattr(error, "error_dict"):
        items = error.error_dict.items()
    else:
        items = [(NON_FIELD_ERRORS, error.error_list)]
    detail = {}
    for field, errors in items:
        name = (
            api_settings.NON_FIELD_ERRORS_KEY
            if field == NON_FIELD_ERRORS
            else rename.get(field, field)
        )
        detail.setdefault(name, [])
        for item in errors:
            for message in item.messages:
                detail[name].append(
                    exceptions.ErrorDetail(message, code=item.code or "invalid")
                )
    return exceptions.ValidationError(detail)


# What each kind of refusal of the services is in HTTP, and the problem's ``code``: the
# one table that turns a service's refusal into an answer of the API.
SERVICE_ERRORS = {
    Code.GEEN_TOEGANG: (403, "permission_denied"),
    Code.VIER_OGEN: (403, "vier_ogen"),
    Code.EIGENAAR: (403, "eigenaar"),
    Code.VEROUDERD: (412, "precondition_failed"),
    Code.ONGELDIG: (400, "invalid"),
    Code.ONVOLLEDIG: (400, "invalid"),
    Code.STATUS: (409, "conflict"),
    Code.BESTAAT_AL: (409, "conflict"),
    Code.NIET_GEVONDEN: (404, "not_found"),
    Code.TE_VAAK: (429, "throttled"),
}


class ServiceProblem(exceptions.APIException):
    """A refusal of the services that is not about fields."""

    def __init__(self, status: int, detail: str, code: str):
        self.status_code = status
        super().__init__(detail, code)


def service_error(
    error: ServiceError, rename: dict[str, str] | None = None
) -> exceptions.APIException:
    """A ServiceError as the API exception the table above says, fields renamed to the
    names the API uses (``rename``)."""
    status, code = SERVICE_ERRORS[error.code]
    if status == 429:
        # With Retry-After, as DRF's own throttles answer.
        return exceptions.Throttled(wait=error.retry_after)
    if status == 400:
        api_error = validation_error(error.as_validation_error(), rename)
        api_error.summary = error.message
        return api_error
    return ServiceProblem(status, error.message, code)


def problem(status: int, detail: str, *, code: str, instance: str | None) -> dict:
    body = {
        "title": TITLES.get(status, "Fout"),
        "status": status,
        "detail": detail,
        "code": code,
    }
    if instance:
        body["instance"] = instance
    return body


def _as_api_exception(exc: Exception, view=None) -> exceptions.APIException | None:
    if isinstance(exc, exceptions.APIException):
        return exc
    if isinstance(exc, ServiceError):
        # A view names its fields for clients (``contactpunt.email``, not contact_email).
        return service_error(exc, getattr(view, "service_field_names", None))
    if isinstance(exc, Http404):
        # Django's message names the model and query; say it plainly instead.
        return exceptions.NotFound(NOT_FOUND_DETAIL)
    if isinstance(exc, RequestDataTooBig):
        return RequestTooLarge(
            f"De body van het verzoek is groter dan {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} "
            "bytes; stuur minder gegevens."
        )
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, DjangoValidationError):
        return validation_error(exc)
    if isinstance(exc, IntegrityError):
        # Two writers raced past validation (a slug taken a moment ago, say).
        return Conflict("Het verzoek botst met gegevens die intussen zijn opgeslagen.")
    return None


def exception_handler(exc: Exception, context: dict) -> Response:
    """DRF's EXCEPTION_HANDLER: turn any exception of an API view into a problem."""
    request = context.get("request")
    api_exc = _as_api_exception(exc, context.get("view"))
    if api_exc is None:
        # Never a bare 500 page: log the cause, answer with a problem document.
        logger.exception("Onverwachte fout in de API", exc_info=exc)
        api_exc = exceptions.APIException(
            "Er ging iets mis aan onze kant.", code="server_error"
        )

    status = api_exc.status_code
    if isinstance(api_exc, exceptions.ValidationError):
        # A view may sum the errors up in its own words (``summary``).
        summary = getattr(api_exc, "summary", INVALID_DETAIL)
        body = problem(status, summary, code="invalid", instance=_path(request))
        body["invalidParams"] = invalid_params(api_exc.detail)
    else:
        code = api_exc.get_codes()
        body = problem(
            status,
            _dutch_detail(api_exc, request),
            code=code if isinstance(code, str) else api_exc.default_code,
            instance=_path(request),
        )

    headers = {}
    if getattr(api_exc, "auth_header", None):
        headers["WWW-Authenticate"] = api_exc.auth_header
    if getattr(api_exc, "wait", None):
        headers["Retry-After"] = str(int(api_exc.wait))

    if request is not None:
        # Problems are JSON whatever the view renders otherwise (and also after a 406).
        request.accepted_renderer = ProblemJSONRenderer()
        request.accepted_media_type = PROBLEM_MEDIA_TYPE
    set_rollback()
    return Response(body, status=status, headers=headers)


def _path(request) -> str | None:
    return request.path if request is not None else None
