"""Safe retries: a ``POST`` with an ``Idempotency-Key`` header is carried out once.

A client that did not get an answer (a timeout, a dropped connection, a 500 after the
database had already committed) sends the same request again with the same key. Within
``REGISTRY_IDEMPOTENCY_HOURS`` the registry then answers what it answered the first time
(with ``Idempotent-Replayed: true``) and stores nothing new; the same key with another
method, path or body is a 422. The answer is stored in the same transaction as the write
it answers, so a write and its key are committed together or not at all: there is no
moment in which the write exists and a retry would repeat it.

Two requests with the same key at the same time: the first takes the key (its row goes in
before the write runs), the second waits on that row (a unique key) and then gets its
answer. Errors (4xx, 5xx) are not stored; nothing was written, so a retry is simply
tried again. Keys are per user: another client's key is another key.
"""

import datetime
import functools
import hashlib
import json

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter
from rest_framework import status
from rest_framework.exceptions import APIException, ErrorDetail, ValidationError
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from core.api import renderers
from core.models import Idempotentiesleutel

HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"
# The headers of an answer that a replay repeats.
KEPT_HEADERS = ("Location", "ETag", "Content-Location")
MAX_KEY_LENGTH = 255

# How the OpenAPI document describes it (core.api.schema adds these to every POST
# whose handler is ``idempotent``).
KEY_PARAMETER = OpenApiParameter(
    HEADER,
    type=str,
    location=OpenApiParameter.HEADER,
    required=False,
    pattern=r"^[!-~][ -~]{0,254}$",
    description="Een sleutel die u voor dit ene verzoek kiest (bijvoorbeeld een UUID). "
    "Stuurt u het verzoek opnieuw met dezelfde sleutel, bijvoorbeeld omdat er geen "
    "antwoord kwam, dan krijgt u het eerste antwoord terug en wordt er niets dubbel "
    "opgeslagen. Dezelfde sleutel met een ander verzoek geeft 422.",
)
REPLAYED_PARAMETER = OpenApiParameter(
    REPLAYED,
    type=str,
    location=OpenApiParameter.HEADER,
    response=[200, 201],
    enum=["true"],
    description="Staat er als dit het bewaarde antwoord op een eerder verzoek met "
    "dezelfde Idempotency-Key is.",
)


class KeyReused(APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = (
        "Deze Idempotency-Key is al gebruikt voor een ander verzoek (een andere "
        "methode, een ander pad of een andere body). Gebruik voor elk nieuw verzoek "
        "een nieuwe sleutel."
    )
    default_code = "idempotency_key_reused"


def _lifetime() -> datetime.timedelta:
    return datetime.timedelta(hours=getattr(settings, "REGISTRY_IDEMPOTENCY_HOURS", 24))


def _key(request) -> str | None:
    key = request.headers.get(HEADER)
    if key is None:
        return None
    key = key.strip()
    if (
        not key
        or len(key) > MAX_KEY_LENGTH
        or not key.isprintable()
        or not key.isascii()
    ):
        raise ValidationError(
            {
                HEADER: [
                    ErrorDetail(
                        f"Een Idempotency-Key is 1 tot {MAX_KEY_LENGTH} leesbare "
                        "ASCII-tekens, bijvoorbeeld een UUID.",
                        code="invalid",
                    )
                ]
            }
        )
    return key


def _body(request) -> str:
    """The request's content in a stable form: its JSON, or its fields and the hashes of
    its uploaded files (a multipart body cannot be read again once it was parsed)."""
    files = request.FILES or {}
    if not files:
        try:
            return json.dumps(request.data, sort_keys=True, cls=JSONEncoder)
        except (TypeError, ValueError):
            return repr(request.data)
    getlist = getattr(request.data, "getlist", None)
    fields = {
        key: getlist(key) if getlist else request.data[key]
        for key in request.data
        if key not in files
    }
    uploads = []
    for name in sorted(files):
        upload, digest = files[name], hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        uploads.append([name, upload.size, digest.hexdigest()])
    return json.dumps(
        {"velden": fields, "bestanden": uploads}, sort_keys=True, default=str
    )


def _fingerprint(request) -> str:
    text = f"{request.method} {request.path}\n{_body(request)}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _replay(record: Idempotentiesleutel) -> Response:
    response = Response(record.antwoord, status=record.status, headers=record.headers)
    response[REPLAYED] = "true"
    return response


def _claim(user, key: str, fingerprint: str) -> tuple[Idempotentiesleutel, bool]:
    """Take ``key`` for this request: ``(row, True)`` when it is the first with it, or
    the stored answer ``(row, False)``.

    The row goes in before the write runs, in the write's transaction. A second request
    with the same key that arrives meanwhile (a retry sent while the first attempt is
    still running: the client hung up, a proxy gave up) waits on it, through the unique
    constraint, until the first one commits or rolls back; it then answers what the first
    answered, or carries the request out itself. Looking the key up first instead would
    find nothing while the first attempt runs, and the retry would run the write again
    and fail on what the first one wrote (its slug, its new status): a 409 or a 400 for a
    write that was stored.
    """
    oldest = timezone.now() - _lifetime()
    Idempotentiesleutel.objects.filter(
        gebruiker=user, aangemaakt_op__lt=oldest
    ).delete()
    try:
        with transaction.atomic():
            record = Idempotentiesleutel.objects.create(
                gebruiker=user, sleutel=key, vingerafdruk=fingerprint, status=0
            )
        return record, True
    except IntegrityError:
        record = Idempotentiesleutel.objects.get(gebruiker=user, sleutel=key)
    if record.vingerafdruk != fingerprint:
        raise KeyReused()
    return record, False


def idempotent(handler):
    """Make a POST handler of a DRF view honour ``Idempotency-Key`` (see above)."""

    @functools.wraps(handler)
    def wrapper(self, request, *args, **kwargs):
        key = _key(request)
        if key is None or not request.user.is_authenticated:
            return handler(self, request, *args, **kwargs)
        fingerprint = _fingerprint(request)
        with transaction.atomic():
            record, first = _claim(request.user, key, fingerprint)
            if not first:
                return _replay(record)
            response = handler(self, request, *args, **kwargs)
            if not status.is_success(response.status_code):
                # Nothing was written: the key is free again for a retry.
                record.delete()
                return response
            record.status = response.status_code
            record.antwoord = json.loads(
                json.dumps(renderers.plain(response.data, request), cls=JSONEncoder)
            )
            record.headers = {
                name: response[name]
                for name in KEPT_HEADERS
                if response.has_header(name)
            }
            record.save(update_fields=["status", "antwoord", "headers"])
        return response

    wrapper.idempotent = True
    return wrapper


def is_idempotent(handler) -> bool:
    return getattr(handler, "idempotent", False)
