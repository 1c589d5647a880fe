"""Conditional requests: ETag, If-None-Match (304) and If-Match (412), against lost updates.

The ETag of a record is ``"<uuid>-<versie>-<digest>"``: ``versie`` goes up with every save
of the record itself (the services lock the row and compare it, so a write based on an old
version is refused even when it raced past the header check), and the digest is taken
over the whole representation, because a representation also shows what changes without
a new ``versie``: reuse recorded by other organisations, the opschalingscheck, relations.
So the tag changes exactly when what the client sees does. Records without a ``versie``
(a reuse record) are tagged by uuid and digest. It is a strong tag, because If-Match
compares strongly (RFC 9110, 13.1.1). A header that is not a list of entity tags (or
``*``) is a 400, so a client bug never passes for "no precondition".
"""

import hashlib
import json
import re

from rest_framework.exceptions import ErrorDetail, ValidationError

from core.api.exceptions import PreconditionFailed

# RFC 9110, 8.8.3: entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE (without obs-text).
_ENTITY_TAG = r'(?:W/)?"[!#-~]*"'
ETAG_LIST_PATTERN = rf"^(\*|{_ENTITY_TAG}( *, *{_ENTITY_TAG})*)$"
_ETAG_LIST = re.compile(ETAG_LIST_PATTERN)
_ONE_TAG = re.compile(_ENTITY_TAG)


def etag_for(obj, representation) -> str:
    """The ETag of ``obj`` as ``representation`` (the serialized data) shows it."""
    canonical = json.dumps(
        representation, sort_keys=True, separators=(",", ":"), default=str
    )
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


def if_match(request, current: str) -> bool:
    """True when If-Match names the ``current`` ETag (or is ``*``), False without If-Match.

    Raises 412 when If-Match names another version than the current one.
    """
    tags = _tags(request, "If-Match")
    if tags is None:
        return False
    if "*" in tags or current in tags:
        return True
    raise PreconditionFailed()


def expected_versie(request, obj, current: str) -> int | None:
    """The ``versie`` the caller based a write on, or None without If-Match.

    ``current`` is the ETag of ``obj`` now. Raises 412 when If-Match names another one.
    """
    return obj.versie if if_match(request, current) else None
