"""A need on the needs board, the organisations that joined it ("wij ook"), and the
bodies that join and close it."""

from rest_framework import serializers
from rest_framework.reverse import reverse

from bouwstenen.api.referentiedata.serializers import OrganisatieVerwijzingSerializer
from bouwstenen.api.serializers.base import (
    BouwsteenVerwijzingSerializer,
    ContactpuntSerializer,
    LaagField,
    NestedUrlField,
    themas_field,
)
from bouwstenen.constants import Levensfase
from bouwstenen.models import Behoefte, Deelname
from core.api.fields import (
    IdentityUrlField,
    NaturalKeyRelatedField,
    OptionalChoiceField,
    StrictCharField,
    StrictModelSerializer,
)
from registry.constants import Publicatiestatus
from registry.models import Laag, Organisatie

# How the model's field names read in this API, for errors from the services.
API_NAMES = {
    "contact_naam": "contactpunt.naam",
    "contact_email": "contactpunt.email",
}


def deelname_url(deelname: Deelname, request) -> str:
    return reverse(
        "api:deelnemer-detail",
        kwargs={
            "uuid": deelname.behoefte.uuid,
            "organisatie": deelname.organisatie.code,
        },
        request=request,
    )


class DeelnemerSerializer(StrictModelSerializer):
    url = NestedUrlField(
        deelname_url,
        help_text="Deze deelname: .../behoeften/{uuid}/deelnemers/{organisatie}.",
    )
    organisatie = NaturalKeyRelatedField(
        queryset=Organisatie.objects.all(),
        slug_field="code",
        reference_serializer=OrganisatieVerwijzingSerializer,
        error_messages={"does_not_exist": "Onbekende organisatie: {value}."},
        help_text="De organisatie die zich aansluit, een waarvan u lid bent; schrijven "
        "met de code (GM0344), lezen als object.",
    )
    toelichting = StrictCharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="Wat deze organisatie er anders of extra aan nodig heeft, in "
        "Markdown. Openbaar.",
    )
    contactpunt = ContactpuntSerializer(
        source="*",
        required=False,
        help_text="Wie anderen over deze deelname kunnen vragen; openbaar.",
    )
    aangemaaktOp = serializers.DateTimeField(source="aangemaakt_op", read_only=True)

    class Meta:
        model = Deelname
        fields = ["url", "organisatie", "toelichting", "contactpunt", "aangemaaktOp"]


class BehoefteSerializer(StrictModelSerializer):
    url = IdentityUrlField(view_name="api:behoefte-detail", lookup_field="uuid")
    titel = StrictCharField(max_length=200, help_text="Wat er gezocht wordt.")
    slug = serializers.SlugField(
        max_length=200,
        required=False,
        help_text="Het laatste deel van het adres op de website; standaard uit de titel.",
    )
    beschrijving = StrictCharField(
        max_length=20000,
        help_text="Wat het moet kunnen, voor wie en waarom (Markdown).",
    )
    organisatie = NaturalKeyRelatedField(
        queryset=Organisatie.objects.all(),
        slug_field="code",
        reference_serializer=OrganisatieVerwijzingSerializer,
        error_messages={"does_not_exist": "Onbekende organisatie: {value}."},
        help_text="Wie dit zoekt; schrijven met de code (GM0363), lezen als object. Ligt "
        "vast na het aanmaken.",
    )
    themas = themas_field("Maatschappelijke opgaven; schrijven met de slug.")
    lagen = LaagField(
        many=True,
        required=False,
        queryset=Laag.objects.all(),
        slug_field="slug",
        error_messages={"does_not_exist": "Onbekende laag: {value}."},
        help_text="De Common Ground-lagen waarin het zou moeten werken.",
    )
    levensfase = OptionalChoiceField(
        choices=Levensfase.choices,
        help_text="De gewenste levensfase: hoe ver het al mag zijn (null: maakt niet uit).",
    )
    contactpunt = ContactpuntSerializer(source="*", required=False)
    publicatiestatus = serializers.ChoiceField(
        choices=Publicatiestatus.choices, read_only=True
    )
    versie = serializers.IntegerField(read_only=True)
    beoordelingOpmerking = serializers.CharField(
        source="beoordeling_opmerking",
        read_only=True,
        help_text="Waarom een publicist de behoefte terugstuurde.",
    )
    gepubliceerdOp = serializers.DateTimeField(
        source="gepubliceerd_op", read_only=True, allow_null=True
    )
    status = serializers.SerializerMethodField(
        help_text="open (nog niet beantwoord) of gesloten (een bouwsteen beantwoordt "
        "haar); voor een niet-gepubliceerde behoefte de publicatiestatus."
    )
    beantwoordDoor = BouwsteenVerwijzingSerializer(
        source="beantwoord_door",
        read_only=True,
        allow_null=True,
        help_text="De bouwsteen die de behoefte beantwoordt (null zolang ze open is).",
    )
    geslotenOp = serializers.DateTimeField(
        source="gesloten_op", read_only=True, allow_null=True
    )
    deelnemers = DeelnemerSerializer(
        source="deelnames",
        many=True,
        read_only=True,
        help_text="De andere organisaties die hetzelfde zoeken (‘wij ook’).",
    )

    class Meta:
        model = Behoefte
        fields = [
            "url",
            "uuid",
            "titel",
            "slug",
            "beschrijving",
            "organisatie",
            "themas",
            "lagen",
            "levensfase",
            "contactpunt",
            "status",
            "publicatiestatus",
            "versie",
            "beoordelingOpmerking",
            "gepubliceerdOp",
            "beantwoordDoor",
            "geslotenOp",
            "deelnemers",
        ]

    def get_status(self, obj) -> str:
        return obj.status_label

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance is not None:
            self.fields["organisatie"].required = False

    def validate_organisatie(self, organisatie):
        if self.instance is not None and organisatie.pk != self.instance.organisatie_id:
            raise serializers.ValidationError(
                "Een behoefte blijft bij de organisatie die haar plaatste.",
                code="immutable",
            )
        return organisatie


class SluitenSerializer(serializers.Serializer):
    bouwsteen = serializers.UUIDField(
        help_text="De uuid van de gepubliceerde bouwsteen die de behoefte beantwoordt."
    )


class BehoefteMatchSerializer(BouwsteenVerwijzingSerializer):
    """Een gepubliceerde bouwsteen die dicht bij de behoefte komt."""

    gelijkenis = serializers.FloatField(
        min_value=0,
        max_value=1,
        help_text="Hoe dichtbij, van 0 tot 1: dezelfde maat als ‘Bestaat dit al?’ in "
        "het beheer (de titel tegen de naam, de beschrijving tegen de samenvatting).",
    )
    inWoorden = serializers.CharField(
        source="in_woorden", help_text="De gelijkenis in woorden (‘lijkt op’)."
    )

    class Meta(BouwsteenVerwijzingSerializer.Meta):
        fields = [*BouwsteenVerwijzingSerializer.Meta.fields, "gelijkenis", "inWoorden"]


class BehoefteMatchesSerializer(serializers.Serializer):
    results = BehoefteMatchSerializer(
        many=True, help_text="De bouwstenen die het dichtst bij komen; hoogstens vijf."
    )
