"""JSON bodies with a size limit, and no crash on absurd nesting.

Recent DRF versions parse JSON from ``request.body``, where Django enforces
DATA_UPLOAD_MAX_MEMORY_SIZE (``problems`` turns its RequestDataTooBig into a 413); older
ones read the raw stream past that check. This parser applies the same limit itself, so
the API keeps it whichever DRF the project runs on.
"""

import io

from django.conf import settings
from rest_framework import parsers
from rest_framework.exceptions import ParseError

from registry.api.exceptions import RequestTooLarge


class LimitedJSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None:
            request = (parser_context or {}).get("request")
            declared = request.META.get("CONTENT_LENGTH") if request else None
            if declared and declared.isdigit() and int(declared) > limit:
                raise _too_large(limit)
            # Read one byte past the limit: enough to know, never more than that.
            body = stream.read(limit + 1)
            if len(body) > limit:
                raise _too_large(limit)
            stream = io.BytesIO(body)
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            # json gives up on absurdly deep nesting with RecursionError, not ValueError.
            raise ParseError("te diep geneste JSON") from exc


def _too_large(limit: int) -> RequestTooLarge:
    return RequestTooLarge(
        f"De body van het verzoek is groter dan {limit} bytes; stuur minder gegevens."
    )
