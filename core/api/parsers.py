"""JSON bodies with a size limit, no crash on absurd nesting, and errors in Dutch.

Recent DRF versions parse JSON from ``request.body``, where Django enforces
DATA_UPLOAD_MAX_MEMORY_SIZE (``problems`` turns its RequestDataTooBig into a 413); older
ones read the raw stream past that check. This parser applies the same limit itself, so
the API keeps it whichever DRF the project runs on.

DRF's own parser reports a syntax error as "JSON parse error - " followed by Python's
English message, a text no translation catalogue can reach; this one decodes and parses
itself and says where the error is in Dutch.
"""

import json

from django.conf import settings
from rest_framework import parsers
from rest_framework.exceptions import ParseError

from core.api.exceptions import RequestTooLarge


class _NotJsonConstant(ValueError):
    pass


def _refuse_constant(name: str):
    # Python's json reads NaN and Infinity, which JSON (RFC 8259) does not have.
    raise _NotJsonConstant(name)


class LimitedJSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None:
            request = parser_context.get("request")
            declared = request.META.get("CONTENT_LENGTH") if request else None
            if declared and declared.isdigit() and int(declared) > limit:
                raise _too_large(limit)
            # Read one byte past the limit: enough to know, never more than that.
            body = stream.read(limit + 1)
            if len(body) > limit:
                raise _too_large(limit)
        else:
            body = stream.read()
        encoding = _encoding(parser_context)
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError as exc:
            raise ParseError(
                f"De body is geen geldige tekst in {encoding}: byte {exc.start + 1} "
                "past er niet in."
            ) from exc
        try:
            return json.loads(text, parse_constant=_refuse_constant)
        except json.JSONDecodeError as exc:
            raise ParseError(
                f"De body is geen geldige JSON: fout op regel {exc.lineno}, "
                f"kolom {exc.colno}."
            ) from exc
        except _NotJsonConstant as exc:
            raise ParseError(
                f"De body is geen geldige JSON: {exc} bestaat in JSON niet."
            ) from exc
        except RecursionError as exc:
            # json gives up on absurdly deep nesting with RecursionError, not ValueError.
            raise ParseError("De body is te diep geneste JSON.") from exc


def _encoding(parser_context: dict) -> str:
    """The charset of the Content-Type, if it is one that decodes bytes to text.

    Django accepts any codec Python knows, bytes-to-bytes ones such as ``bz2_codec``
    included: decoding through one would unpack a small body without limit.
    """
    encoding = parser_context.get("encoding") or settings.DEFAULT_CHARSET
    try:
        "".encode(encoding)
    except (LookupError, UnicodeError):
        raise ParseError(
            f"De tekenset {encoding!r} in Content-Type wordt niet ondersteund; "
            "stuur JSON in UTF-8."
        ) from None
    return encoding


def _too_large(limit: int) -> RequestTooLarge:
    return RequestTooLarge(
        f"De body van het verzoek is groter dan {limit} bytes; stuur minder gegevens."
    )
