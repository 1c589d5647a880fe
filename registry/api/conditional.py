"""Conditional requests: ETag, If-None-Match (304) and If-Match (412), against lost updates.

The ETag of a record is its uuid and ``versie``; every save through the services raises
``versie``, so the tag changes exactly when the record does. It is a strong tag, because
If-Match compares strongly (RFC 9110, 13.1.1). A header that is not a list of entity tags
(or ``*``) is a 400, so a client bug never passes for "no precondition".
"""

import re

from rest_framework.exceptions import ErrorDetail, ValidationError

from registry.api.exceptions import PreconditionFailed

# RFC 9110, 8.8.3: entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE (without obs-text).
_ENTITY_TAG = r'(?:W/)?"[!#-~]*"'
ETAG_LIST_PATTERN = rf"^(\*|{_ENTITY_TAG}( *, *{_ENTITY_TAG})*)$"
_ETAG_LIST = re.compile(ETAG_LIST_PATTERN)
_ONE_TAG = re.compile(_ENTITY_TAG)


def etag_for(obj) -> str:
    return f'"{obj.uuid}-{obj.versie}"'


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


def not_modified(request, obj) -> bool:
    """True when If-None-Match names the current version (weak comparison, RFC 9110)."""
    tags = _tags(request, "If-None-Match")
    if tags is None:
        return False
    current = etag_for(obj)
    return "*" in tags or any(tag.removeprefix("W/") == current for tag in tags)


def expected_versie(request, obj) -> int | None:
    """The ``versie`` the caller based a write on, or None without If-Match.

    Raises 412 when If-Match names another version than the current one.
    """
    tags = _tags(request, "If-Match")
    if tags is None:
        return None
    if "*" in tags or etag_for(obj) in tags:
        return obj.versie
    raise PreconditionFailed()
