"""JSON, also for bodies whose parts were rendered before and stored as JSON.

A read model keeps each record's representation as JSON text (an app's stored
representations).
A list or detail served from it wraps the body in ``Stored``: the stored parts are
``orjson.Fragment``s, written out as they are, without parsing or serializing them again.
Stored JSON names the API's own URLs as paths (``"url":"/api/v1/..."``), because the same
text serves every host name; the renderer puts this request's scheme and host in front.
That replacement is safe on raw JSON: inside a string a quote is always escaped, so
``"url":"/`` only ever occurs as a key and the start of its value.
"""

from dataclasses import dataclass

import orjson

from rest_framework import renderers

URL_AS_PATH = b'"url":"/'


@dataclass(frozen=True)
class Stored:
    """A body to render with orjson; parts of it may be ``orjson.Fragment``s."""

    body: object


def origin_of(request) -> str:
    """``scheme://host`` of the request, as DRF puts it in front of the API's URLs."""
    return request.build_absolute_uri("/")[:-1]


def with_origin(content: bytes, origin: str) -> bytes:
    return content.replace(URL_AS_PATH, b'"url":"' + origin.encode() + b"/")


def plain(data, request):
    """A response body as plain JSON values, as this request's client receives it (a
    ``Stored`` body with its origin): for code that keeps an answer to give it again."""
    if not isinstance(data, Stored):
        return data
    return orjson.loads(with_origin(orjson.dumps(data.body), origin_of(request)))


class JSONRenderer(renderers.JSONRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        if not isinstance(data, Stored):
            return super().render(data, accepted_media_type, renderer_context)
        content = orjson.dumps(data.body)
        request = (renderer_context or {}).get("request")
        if request is not None:
            content = with_origin(content, origin_of(request))
        if self.get_indent(accepted_media_type or "", renderer_context or {}):
            # Asked for indented JSON (``Accept: application/json; indent=2``): rare
            # enough to render twice.
            return super().render(
                orjson.loads(content), accepted_media_type, renderer_context
            )
        return content
