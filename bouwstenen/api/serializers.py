"""The representation of a building block in the API, and how writes reach the services.

Keys are camelCase; enumerations are the lower-case slugs stored in the model; related
objects are written by natural key (organisatie code, thema slug, GEMMA id, laag slug) and
read as objects with their own ``url``. Writes go through ``bouwstenen.services``, so the
API follows exactly the rules of the admin (who may write, validation, history).
"""

from functools import cache

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.text import slugify
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from bouwstenen import services
from bouwstenen.constants import Vorm
from bouwstenen.models import Bouwsteen
from registry.api.fields import (
    NaturalKeyRelatedField,
    OptionalChoiceField,
    OptionalEmailField,
    OptionalURLField,
)
from registry.api.problems import validation_error
from registry.api.serializers import (
    OrganisatieVerwijzingSerializer,
    ReferentiecomponentVerwijzingSerializer,
    ThemaVerwijzingSerializer,
)
from registry.constants import CommonGroundLaag
from registry.models import Laag, Organisatie, Referentiecomponent, Thema


@extend_schema_field(serializers.ChoiceField(choices=CommonGroundLaag.choices))
class LaagField(serializers.SlugRelatedField):
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
    naam = serializers.CharField(
        source="contact_naam",
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="Naam van het team of de persoon.",
    )
    email = OptionalEmailField(
        source="contact_email", max_length=254, help_text="E-mailadres."
    )


class BouwsteenSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:bouwsteen-detail", lookup_field="uuid"
    )
    vorm = OptionalChoiceField(
        choices=Vorm.choices,
        help_text="Alleen voor een datatoepassing: wat voor datatoepassing het is.",
    )
    organisatie = NaturalKeyRelatedField(
        queryset=Organisatie.objects.all(),
        slug_field="code",
        reference_serializer=OrganisatieVerwijzingSerializer,
        error_messages={"does_not_exist": "Onbekende organisatie: {value}."},
        help_text="De eigenaar; schrijven met de code (GM0363), lezen als object.",
    )
    themas = NaturalKeyRelatedField(
        many=True,
        required=False,
        queryset=Thema.objects.all(),
        slug_field="slug",
        reference_serializer=ThemaVerwijzingSerializer,
        error_messages={"does_not_exist": "Onbekend thema: {value}."},
        help_text="Maatschappelijke opgaven; schrijven met de slug (jeugdzorg).",
    )
    referentiecomponenten = NaturalKeyRelatedField(
        many=True,
        required=False,
        queryset=Referentiecomponent.objects.all(),
        slug_field="gemma_id",
        reference_serializer=ReferentiecomponentVerwijzingSerializer,
        error_messages={"does_not_exist": "Onbekende referentiecomponent: {value}."},
        help_text="GEMMA-referentiecomponenten; schrijven met het GEMMA-id.",
    )
    lagen = LaagField(
        many=True,
        required=False,
        queryset=Laag.objects.all(),
        slug_field="slug",
        error_messages={"does_not_exist": "Onbekende laag: {value}."},
        help_text="De Common Ground-lagen.",
    )
    links = LinksSerializer(source="*", required=False)
    contactpunt = ContactpuntSerializer(source="*", required=False)
    beoordelingOpmerking = serializers.CharField(
        source="beoordeling_opmerking",
        read_only=True,
        help_text="Waarom een publicist de bouwsteen terugstuurde (leeg als dat niet zo is).",
    )
    gepubliceerdOp = serializers.DateTimeField(
        source="gepubliceerd_op",
        read_only=True,
        allow_null=True,
        help_text="Wanneer de bouwsteen (voor het laatst) gepubliceerd is.",
    )
    aangemaaktOp = serializers.DateTimeField(source="aangemaakt_op", read_only=True)
    gewijzigdOp = serializers.DateTimeField(source="gewijzigd_op", read_only=True)

    class Meta:
        model = Bouwsteen
        fields = [
            "url",
            "uuid",
            "naam",
            "slug",
            "soort",
            "vorm",
            "samenvatting",
            "beschrijving",
            "organisatie",
            "levensfase",
            "themas",
            "referentiecomponenten",
            "lagen",
            "licentie",
            "links",
            "contactpunt",
            "publicatiestatus",
            "versie",
            "beoordelingOpmerking",
            "gepubliceerdOp",
            "aangemaaktOp",
            "gewijzigdOp",
        ]
        read_only_fields = ["publicatiestatus", "versie"]
        extra_kwargs = {
            "slug": {
                "required": False,
                "help_text": "Het laatste deel van het webadres; weggelaten bij aanmaken "
                "wordt hij uit de naam gemaakt.",
            },
        }

    def validate(self, attrs):
        if self.instance is None and not attrs.get("slug"):
            attrs["slug"] = _free_slug(attrs["naam"])
        return attrs

    def create(self, validated_data):
        values, relations = _split(validated_data)
        try:
            return services.bouwsteen_create(
                user=self.context["request"].user, values=values, relations=relations
            )
        except DjangoValidationError as exc:
            raise validation_error(exc, api_names()) from exc

    def update(self, instance, validated_data):
        expected_versie = validated_data.pop("expected_versie", None)
        values, relations = _split(validated_data)
        try:
            return services.bouwsteen_update(
                bouwsteen=instance,
                user=self.context["request"].user,
                values=values,
                relations=relations,
                expected_versie=expected_versie,
            )
        except DjangoValidationError as exc:
            raise validation_error(exc, api_names()) from exc


class TerugsturenSerializer(serializers.Serializer):
    reden = serializers.CharField(
        max_length=2000,
        help_text="Wat de redacteur moet verbeteren; de redacteur ziet dit terug.",
    )


def _split(validated_data: dict) -> tuple[dict, dict]:
    """Separate plain model values from the many-to-many relations the services set."""
    values = dict(validated_data)
    relations = {
        name: values.pop(name) for name in services.M2M_FIELDS if name in values
    }
    return values, relations


def _free_slug(naam: str) -> str:
    base = slugify(naam)[:190].strip("-") or "bouwsteen"
    slug, number = base, 1
    while Bouwsteen.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@cache
def api_names() -> dict[str, str]:
    """Model field name -> API name (``contact_email`` -> ``contactpunt.email``).

    Errors from the model and the workflow name model fields; the API reports them
    under the names its clients send.
    """
    names = {}
    for name, field in BouwsteenSerializer().fields.items():
        if isinstance(field, serializers.Serializer) and field.source == "*":
            for sub_name, sub_field in field.fields.items():
                names[sub_field.source] = f"{name}.{sub_name}"
        else:
            names[field.source] = name
    return names
