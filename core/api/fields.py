"""Serializer fields for the API's conventions.

- Optional values that are empty in the database (``""``) are ``null`` in the API: an empty
  string is neither a valid URL nor a valid e-mail address, so the OpenAPI formats stay true.
- Related objects are written by their natural key (a code, slug or GEMMA id) and read as a
  small object that carries its own ``url``.
- Text is text: DRF would turn a JSON number into a string (``0`` becomes ``"0"``), which the
  OpenAPI document forbids; the strict fields refuse it with 400.
"""

from functools import cached_property
from urllib.parse import quote

from django.db import models
from django.urls import NoReverseMatch
from django.utils.http import RFC3986_SUBDELIMS
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers
from rest_framework.relations import MANY_RELATION_KWARGS


class StrictStringMixin:
    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictCharField(StrictStringMixin, serializers.CharField):
    pass


class StrictSlugField(StrictStringMixin, serializers.SlugField):
    pass


class StrictModelSerializer(serializers.ModelSerializer):
    # Text fields of the model take only JSON strings. (No docstring: drf-spectacular
    # would show it as the description of every resource built on this class.)
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
        models.SlugField: StrictSlugField,
    }


class _NullForBlank:
    """Reads ``""`` as ``null``; accepts ``null`` or ``""`` and stores ``""``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def run_validation(self, data=serializers.empty):
        return super().run_validation("" if data is None else data)

    def to_representation(self, value):
        return super().to_representation(value) if value else None


class OptionalCharField(_NullForBlank, serializers.CharField):
    pass


class OptionalURLField(_NullForBlank, serializers.URLField):
    pass


class OptionalEmailField(_NullForBlank, serializers.EmailField):
    pass


class OptionalChoiceField(_NullForBlank, serializers.ChoiceField):
    pass


class KeyListField(serializers.ManyRelatedField):
    """A list of keys. DRF would take a JSON object for a list of its keys; refuse it."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            self.fail("not_a_list", input_type=type(data).__name__)
        return super().to_internal_value(data)


class StrictManyMixin:
    """``many=True`` gives a KeyListField instead of DRF's ManyRelatedField."""

    @classmethod
    def many_init(cls, *args, **kwargs):
        list_kwargs = {"child_relation": cls(*args, **kwargs)}
        for key in kwargs:
            if key in MANY_RELATION_KWARGS:
                list_kwargs[key] = kwargs[key]
        return KeyListField(**list_kwargs)


class NaturalKeyRelatedField(StrictManyMixin, serializers.SlugRelatedField):
    """Written as a natural key, read through ``reference_serializer`` (with a ``url``)."""

    def __init__(self, *, reference_serializer=None, **kwargs):
        self.reference_serializer = reference_serializer
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        if "\x00" in data:
            # PostgreSQL refuses NUL in text; say "unknown" before the database errors.
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)
        return super().to_internal_value(data)

    def to_representation(self, obj):
        return self._reference.to_representation(obj)

    @cached_property
    def _reference(self):
        # One serializer per field, not per object: building a ModelSerializer's fields
        # was most of the time of a list page (docs/performance.md).
        return self.reference_serializer(context=self.context)


class NaturalKeyRelatedFieldExtension(OpenApiSerializerFieldExtension):
    """In the OpenAPI document: the key in requests, the reference object in responses."""

    target_class = NaturalKeyRelatedField
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        if direction == "response":
            return auto_schema.resolve_serializer(
                self.target.reference_serializer, direction
            ).ref
        return auto_schema._map_serializer_field(
            self.target, direction, bypass_extensions=True
        )


# Stand-ins for a key while reversing once: one of letters and digits (codes, slugs),
# one shaped as a uuid (the uuid converter).
_URL_KEY_PLACEHOLDERS = ("Zq0placeholder0qZ", "00000000-0000-4000-8000-0000000000ff")


class IdentityUrlField(serializers.HyperlinkedIdentityField):
    """DRF's identity URL, reversed once per view instead of once per object.

    Django's ``reverse`` walks the URL resolver for every call: for a list of 20 blocks
    with their organisations, thema's and components that was over a hundred reversals
    and almost half the serialisation time. The URL is reversed once with a placeholder
    key and the key is filled in per object, quoted the way ``reverse`` quotes it. A view
    whose pattern accepts neither placeholder takes DRF's way.
    """

    def get_url(self, obj, view_name, request, format):
        if format or request is None:
            return super().get_url(obj, view_name, request, format)
        if hasattr(obj, "pk") and obj.pk in (None, ""):
            return None
        if view_name not in self._url_templates:
            self._url_templates[view_name] = self._template(view_name, request)
        template = self._url_templates[view_name]
        if template is None:
            return super().get_url(obj, view_name, request, format)
        url, placeholder = template
        key = quote(
            str(getattr(obj, self.lookup_field)), safe=RFC3986_SUBDELIMS + "/~:@"
        )
        return url.replace(placeholder, key)

    def _template(self, view_name, request) -> tuple[str, str] | None:
        for placeholder in _URL_KEY_PLACEHOLDERS:
            try:
                url = self.reverse(
                    view_name,
                    kwargs={self.lookup_url_kwarg: placeholder},
                    request=request,
                )
            except NoReverseMatch:
                continue
            return url, placeholder
        return None

    @cached_property
    def _url_templates(self) -> dict[str, tuple[str, str] | None]:
        # Per field instance, so per request: the host of the request is in the URL.
        return {}
