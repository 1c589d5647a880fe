"""What the representations of the API share: the field names every shape of a block
starts with, the nested links and contact point, and fields built the same way
everywhere.

Field lists are built from the tuples here, so a shape that shows a block's identity or
its reuse figures lists them once. Mixins carry no docstring: drf-spectacular would show
it as the description of every resource built on them.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from bouwstenen.api.referentiedata.serializers import (
    OrganisatieVerwijzingSerializer,
    ReferentiecomponentVerwijzingSerializer,
    ThemaVerwijzingSerializer,
)
from bouwstenen.models import Bouwsteen
from core.api.fields import (
    IdentityUrlField,
    NaturalKeyRelatedField,
    OptionalEmailField,
    OptionalURLField,
    StrictCharField,
    StrictManyMixin,
)
from registry.constants import CommonGroundLaag
from registry.models import Referentiecomponent, Thema

# How every shape of a block begins: where it lives and what it is called.
IDENTITEIT = ("url", "uuid", "naam")
# The reuse figures (readiness.with_counts), in the order every shape shows them.
HERGEBRUIK_CIJFERS = ("inGebruik", "inPilot", "hergebruikActief")
TIJDSTEMPELS = ("aangemaaktOp", "gewijzigdOp")


class Tijdstempels(serializers.Serializer):
    # When the record was made and last changed, read-only, for every model that keeps it.
    aangemaaktOp = serializers.DateTimeField(source="aangemaakt_op", read_only=True)
    gewijzigdOp = serializers.DateTimeField(source="gewijzigd_op", read_only=True)


@extend_schema_field(OpenApiTypes.URI)
class NestedUrlField(serializers.Field):
    """The URL of a record under a block, from a function of the record and the request."""

    def __init__(self, url, **kwargs):
        self.url = url
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, value):
        return self.url(value, self.context.get("request"))


def themas_field(help_text: str) -> NaturalKeyRelatedField:
    """Thema's, written by slug and read as objects."""
    return NaturalKeyRelatedField(
        many=True,
        required=False,
        queryset=Thema.objects.all(),
        slug_field="slug",
        reference_serializer=ThemaVerwijzingSerializer,
        error_messages={"does_not_exist": "Onbekend thema: {value}."},
        help_text=help_text,
    )


def referentiecomponenten_field(help_text: str) -> NaturalKeyRelatedField:
    """GEMMA reference components, written by GEMMA id and read as objects."""
    return NaturalKeyRelatedField(
        many=True,
        required=False,
        queryset=Referentiecomponent.objects.all(),
        slug_field="gemma_id",
        reference_serializer=ReferentiecomponentVerwijzingSerializer,
        error_messages={"does_not_exist": "Onbekende referentiecomponent: {value}."},
        help_text=help_text,
    )


@extend_schema_field(serializers.ChoiceField(choices=CommonGroundLaag.choices))
class LaagField(StrictManyMixin, serializers.SlugRelatedField):
    """A Common Ground layer is an enumeration: its slug both ways."""

    def to_internal_value(self, data):
        if not isinstance(data, str) or data not in CommonGroundLaag.values:
            self.fail("does_not_exist", slug_name="slug", value=data)
        return super().to_internal_value(data)


class LinksSerializer(serializers.Serializer):
    repository = OptionalURLField(
        source="repository_url", max_length=500, help_text="De broncode."
    )
    documentatie = OptionalURLField(
        source="documentatie_url", max_length=500, help_text="De documentatie."
    )
    demo = OptionalURLField(source="demo_url", max_length=500, help_text="Een demo.")
    website = OptionalURLField(
        source="website_url", max_length=500, help_text="De website."
    )


class ContactpuntSerializer(serializers.Serializer):
    naam = StrictCharField(
        source="contact_naam",
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="Naam van het team of de persoon.",
    )
    email = OptionalEmailField(
        source="contact_email", max_length=254, help_text="E-mailadres."
    )


class BouwsteenVerwijzingSerializer(serializers.ModelSerializer):
    """Een bouwsteen binnen een andere resource: genoeg om hem te tonen, met zijn url."""

    url = IdentityUrlField(view_name="api:bouwsteen-detail", lookup_field="uuid")
    organisatie = OrganisatieVerwijzingSerializer(help_text="De eigenaar.")

    class Meta:
        model = Bouwsteen
        fields = [*IDENTITEIT, "organisatie"]
