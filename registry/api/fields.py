"""Serializer fields for the API's conventions.

- Optional values that are empty in the database (``""``) are ``null`` in the API: an empty
  string is neither a valid URL nor a valid e-mail address, so the OpenAPI formats stay true.
- Related objects are written by their natural key (a code, slug or GEMMA id) and read as a
  small object that carries its own ``url``.
"""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers


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


class NaturalKeyRelatedField(serializers.SlugRelatedField):
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
        return self.reference_serializer(obj, context=self.context).data


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
