"""Conditional requests: ETag, If-None-Match (304) and If-Match (412), against lost updates.

The ETag of a record is ``"<uuid>-<versie>-<digest>"``: ``versie`` goes up with every save
of the record itself (the services lock the row and compare it, so a write based on an old
version is refused even when it raced past the header check), and the digest is taken
over the whole representation, because a representation also shows what changes without
a new ``versie``: reuse recorded by other organisations, the opschalingscheck, relations.
So the tag changes exactly when what the client sees does. The API's own URLs count as
paths (``origin``), so a record has one tag under every host name, and a representation
stored with paths (``core.api.renderers``) carries the tag a fresh one would get. Records without a ``versie``
(a reuse record) are tagged by uuid and digest. It is a strong tag, because If-Match
compares strongly (RFC 9110, 13.1.1). A header that is not a list of entity tags (or
``*``) is a 400, so a client bug never passes for "no precondition".

A viewset gets all of it from ``ConditionalMixin``, and its OpenAPI description the
headers from ``conditional_parameters``, declared once for every resource.
"""

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from drf_spectacular.utils import OpenApiParameter
from rest_framework import status
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.response import Response

from core.api.exceptions import PreconditionFailed
from core.api.renderers import origin_of

# RFC 9110, 8.8.3: entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE (without obs-text).
_ENTITY_TAG = r'(?:W/)?"[!#-~]*"'
ETAG_LIST_PATTERN = rf"^(\*|{_ENTITY_TAG}( *, *{_ENTITY_TAG})*)$"
_ETAG_LIST = re.compile(ETAG_LIST_PATTERN)
_ONE_TAG = re.compile(_ENTITY_TAG)


def etag_for(obj, representation, origin: str | None = None) -> str:
    """The ETag of ``obj`` as ``representation`` (the serialized data) shows it; the
    API's URLs in it start with ``origin`` (``scheme://host``), or are paths."""
    canonical = json.dumps(
        representation, sort_keys=True, separators=(",", ":"), default=str
    )
    if origin:
        canonical = canonical.replace(f'"url":"{origin}/', '"url":"/')
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
    versie = getattr(obj, "versie", None)
    key = f"{obj.uuid}-{versie}" if versie is not None else str(obj.uuid)
    return f'"{key}-{digest}"'


def _tags(request, header: str) -> list[str] | None:
    """The entity tags of a precondition header, ``["*"]``, or None when it is absent."""
    value = request.headers.get(header)
    if value is None:
        return None
    value = value.strip()
    if not _ETAG_LIST.match(value):
        raise ValidationError(
            {
                header: [
                    ErrorDetail(
                        'Geen geldige ETag-lijst; stuur bijvoorbeeld "<etag>" zoals de '
                        "header ETag die u kreeg, of *.",
                        code="invalid",
                    )
                ]
            }
        )
    return ["*"] if value == "*" else _ONE_TAG.findall(value)


def not_modified(request, current: str) -> bool:
    """True when If-None-Match names the ``current`` ETag (weak comparison, RFC 9110)."""
    tags = _tags(request, "If-None-Match")
    if tags is None:
        return False
    return "*" in tags or any(tag.removeprefix("W/") == current for tag in tags)


def if_match(request, current: str | Callable[[], str]) -> bool:
    """True when If-Match names the ``current`` ETag (or is ``*``), False without If-Match.

    ``current`` may be a function that computes the tag: it is only called when the
    request has an If-Match to compare it with. Raises 412 when If-Match names another
    version than the current one.
    """
    tags = _tags(request, "If-Match")
    if tags is None:
        return False
    if "*" in tags:
        return True
    if callable(current):
        current = current()
    if current in tags:
        return True
    raise PreconditionFailed()


# --- the OpenAPI headers, declared once ---------------------------------------------


@dataclass(frozen=True)
class ConditionalParameters:
    """The headers of conditional requests for one kind of record, as operations list
    them: ``read`` for a GET, ``write`` for a change that answers with the record,
    ``precondition`` for one that answers without it, ``created`` for a POST."""

    etag: OpenApiParameter
    if_match: OpenApiParameter
    if_none_match: OpenApiParameter
    location: OpenApiParameter

    @property
    def read(self) -> list[OpenApiParameter]:
        return [self.if_none_match, self.etag]

    @property
    def write(self) -> list[OpenApiParameter]:
        return [self.if_match, self.etag]

    @property
    def precondition(self) -> list[OpenApiParameter]:
        return [self.if_match]

    @property
    def created(self) -> list[OpenApiParameter]:
        return [self.etag, self.location]


def conditional_parameters(*, this: str, the: str, new: str) -> ConditionalParameters:
    """The header parameters, in Dutch, for records named ``this`` ("deze zaak"), ``the``
    ("de zaak") and ``new`` ("de nieuwe zaak")."""
    return ConditionalParameters(
        etag=OpenApiParameter(
            "ETag",
            type=str,
            location=OpenApiParameter.HEADER,
            response=[200, 201, 304],
            required=True,
            description=f"De versie van {this}; stuur hem terug in If-Match of "
            "If-None-Match.",
        ),
        if_match=OpenApiParameter(
            "If-Match",
            type=str,
            location=OpenApiParameter.HEADER,
            pattern=ETAG_LIST_PATTERN,
            description=f"Alleen uitvoeren als {the} nog deze ETag heeft; anders 412.",
        ),
        if_none_match=OpenApiParameter(
            "If-None-Match",
            type=str,
            location=OpenApiParameter.HEADER,
            pattern=ETAG_LIST_PATTERN,
            description=f"Geeft 304 zonder body als {the} nog deze ETag heeft.",
        ),
        location=OpenApiParameter(
            "Location",
            type=str,
            location=OpenApiParameter.HEADER,
            response=[201],
            required=True,
            description=f"De URL van {new}.",
        ),
    )


# --- the viewset mixin ----------------------------------------------------------------


class ConditionalMixin:
    # ETag, If-None-Match and If-Match for a DRF viewset. ``retrieve`` answers with an
    # ETag, or 304; a write calls ``precondition`` before it changes anything and
    # answers through ``respond``, so the client gets the new ETag. The tag is taken
    # over ``representation``: by default the serializer of the action, or
    # ``representation_serializer_class`` when a write takes another shape than it
    # answers with. (No docstring: drf-spectacular would show it as the description of
    # every operation of a viewset without one.)

    representation_serializer_class = None

    def representation(self, obj) -> dict:
        serializer_class = (
            self.representation_serializer_class or self.get_serializer_class()
        )
        return serializer_class(obj, context=self.get_serializer_context()).data

    def etag(self, obj) -> str:
        return self.etag_of(obj, self.representation(obj))

    def etag_of(self, obj, data) -> str:
        return etag_for(obj, data, origin=origin_of(self.request))

    def precondition(self, obj) -> int | None:
        """The ``versie`` a write is based on (None without If-Match or a ``versie``).

        Raises 412 when If-Match names another version than the current one.
        """
        # The tag is a serialisation of the record as a read shows it: only made when
        # there is an If-Match to compare it with, and the version comes from the same
        # read as the tag.
        read = [obj]

        def current() -> str:
            read[0] = self.refreshed(obj)
            return self.etag(read[0])

        if not if_match(self.request, current):
            return None
        return getattr(read[0], "versie", None)

    def refreshed(self, obj):
        """The record as a write left it; override to read it again."""
        return obj

    def respond(self, obj, code: int = status.HTTP_200_OK, headers=None) -> Response:
        fresh = self.refreshed(obj)
        data = self.representation(fresh)
        return Response(
            data,
            status=code,
            headers={"ETag": self.etag_of(fresh, data), **(headers or {})},
        )

    def selected(self, data: dict, etag: str) -> tuple[dict, str]:
        """What a read answers of ``data`` and its tag; override to answer a part of it
        (core.api.sparse)."""
        return data, etag

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        data = self.representation(obj)
        data, etag = self.selected(data, self.etag_of(obj, data))
        if not_modified(request, etag):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        return Response(data, headers={"ETag": etag})
