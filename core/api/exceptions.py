"""The API's own error classes, for the statuses DRF has no exception for."""

from rest_framework import status
from rest_framework.exceptions import APIException, Throttled


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Het verzoek botst met de huidige toestand van de resource."
    default_code = "conflict"


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = (
        "De resource is gewijzigd sinds u hem ophaalde (de ETag in If-Match klopt niet "
        "meer). Haal de nieuwste versie op en breng uw wijziging opnieuw aan."
    )
    default_code = "precondition_failed"


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "De body van het verzoek is te groot."
    default_code = "request_too_large"


class AuthenticationThrottled(Throttled):
    """Too many failed authentications from one address (core.api.authentication)."""

    default_code = "authentication_throttled"
