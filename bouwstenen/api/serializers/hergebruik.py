"""The reuse of a building block by one organisation, and the bodies that confirm or
reject a reported one."""

from rest_framework import serializers
from rest_framework.reverse import reverse

from bouwstenen.api.referentiedata.serializers import OrganisatieVerwijzingSerializer
from bouwstenen.api.serializers.base import (
    TIJDSTEMPELS,
    ContactpuntSerializer,
    NestedUrlField,
    Tijdstempels,
)
from bouwstenen.constants import HergebruikStadium, HergebruikStatus
from bouwstenen.models import Hergebruik
from core.api.fields import (
    NaturalKeyRelatedField,
    StrictCharField,
    StrictModelSerializer,
)
from registry.models import Organisatie

# What the reusing organisation says about its reuse: the fields it writes, and confirms
# a report with.
VERHAAL = ("stadium", "sinds", "ervaring", "resultaten", "contactpunt")

# How the model's field names read in the API, for errors from the services.
API_NAMES = {
    "contact_naam": "contactpunt.naam",
    "contact_email": "contactpunt.email",
    "afwijzing_reden": "reden",
}


def hergebruik_url(hergebruik, request) -> str:
    return reverse(
        "api:hergebruik-detail",
        kwargs={
            "uuid": hergebruik.bouwsteen.uuid,
            "organisatie": hergebruik.organisatie.code,
        },
        request=request,
    )


class HergebruikSerializer(Tijdstempels, StrictModelSerializer):
    url = NestedUrlField(
        hergebruik_url,
        help_text="Dit hergebruik: .../bouwstenen/{uuid}/hergebruik/{organisatie}.",
    )
    organisatie = NaturalKeyRelatedField(
        queryset=Organisatie.objects.all(),
        slug_field="code",
        reference_serializer=OrganisatieVerwijzingSerializer,
        error_messages={"does_not_exist": "Onbekende organisatie: {value}."},
        help_text="De organisatie die de bouwsteen hergebruikt, een waarvan u lid bent; "
        "schrijven met de code (GM0344), lezen als object. Ligt vast na het aanmaken.",
    )
    stadium = serializers.ChoiceField(
        choices=HergebruikStadium.choices,
        required=False,
        help_text="Hoe ver de organisatie is; standaard interesse.",
    )
    sinds = serializers.DateField(
        required=False, allow_null=True, help_text="Vanaf wanneer, ongeveer."
    )
    ervaring = StrictCharField(
        required=False,
        allow_blank=True,
        max_length=20000,
        help_text="Het verhaal van de organisatie, in Markdown: wat ging goed, wat "
        "moest anders, wat raadt zij anderen aan. Openbaar.",
    )
    resultaten = StrictCharField(
        required=False,
        allow_blank=True,
        max_length=20000,
        help_text="Wat het opleverde, liefst concreet en meetbaar. Openbaar.",
    )
    contactpunt = ContactpuntSerializer(
        source="*",
        required=False,
        help_text="Wie anderen over dit hergebruik kunnen vragen; openbaar, dus bij "
        "voorkeur een functioneel adres.",
    )
    status = serializers.ChoiceField(
        choices=HergebruikStatus.choices,
        read_only=True,
        help_text="bevestigd: de organisatie zegt het zelf (alleen dat telt mee); "
        "gemeld: een ander zegt het, de organisatie heeft het nog niet bevestigd; "
        "afgewezen: de organisatie zegt dat het niet klopt.",
    )
    gemeldDoor = OrganisatieVerwijzingSerializer(
        source="gemeld_namens",
        read_only=True,
        allow_null=True,
        help_text="Wie het hergebruik meldde; null als de organisatie het zelf "
        "vastlegde.",
    )
    gemeldOp = serializers.DateTimeField(
        source="gemeld_op", read_only=True, allow_null=True
    )
    bron = serializers.CharField(
        source="melding_bron",
        read_only=True,
        help_text="Waar een melding vandaan komt, zoals ‘publiccode.yml (usedBy)’.",
    )

    class Meta:
        model = Hergebruik
        fields = [
            "url",
            "organisatie",
            "status",
            *VERHAAL,
            "gemeldDoor",
            "gemeldOp",
            "bron",
            *TIJDSTEMPELS,
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance is not None:
            # The organisation is the record's key; a change of it is refused below.
            self.fields["organisatie"].required = False

    def validate_organisatie(self, organisatie):
        if self.instance is not None and organisatie.pk != self.instance.organisatie_id:
            raise serializers.ValidationError(
                "Het hergebruik hoort bij een andere organisatie; leg voor deze "
                "organisatie een eigen hergebruik vast.",
                code="immutable",
            )
        return organisatie


class BevestigenSerializer(StrictModelSerializer):
    """Wat uw organisatie zelf over het hergebruik zegt bij het bevestigen; weggelaten
    velden houden wat de melding zei."""

    stadium = serializers.ChoiceField(choices=HergebruikStadium.choices, required=False)
    sinds = serializers.DateField(required=False, allow_null=True)
    ervaring = StrictCharField(required=False, allow_blank=True, max_length=20000)
    resultaten = StrictCharField(required=False, allow_blank=True, max_length=20000)
    contactpunt = ContactpuntSerializer(source="*", required=False)

    class Meta:
        model = Hergebruik
        fields = list(VERHAAL)


class AfwijzenSerializer(serializers.Serializer):
    reden = StrictCharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="Waarom het niet klopt; de melder ziet dit.",
    )
