"""Questions on a block, their answers, and a report of either."""

from rest_framework import serializers
from rest_framework.reverse import reverse

from bouwstenen.api.referentiedata.serializers import OrganisatieVerwijzingSerializer
from bouwstenen.api.serializers.base import (
    BouwsteenVerwijzingSerializer,
    NestedUrlField,
)
from bouwstenen.constants import MeldingReden, MeldingStatus, VraagStatus
from bouwstenen.models import Antwoord, Melding, Vraag
from bouwstenen.models.vraag import TEKST_MAX
from core.api.fields import NaturalKeyRelatedField, StrictCharField
from registry.models import Organisatie

# API name -> the name the services use, for problem documents (``invalidParams``).
API_NAMES = {
    "titel": "titel",
    "tekst": "tekst",
    "besloten": "besloten",
    "organisatie": "organisatie",
    "reden": "reden",
    "toelichting": "toelichting",
}


def vraag_url(vraag: Vraag, request) -> str:
    return reverse("api:vraag-detail", kwargs={"id": vraag.uuid}, request=request)


def antwoorden_url(vraag: Vraag, request) -> str:
    return reverse(
        "api:vraag-antwoord-list", kwargs={"id": vraag.uuid}, request=request
    )


def antwoord_url(antwoord: Antwoord, request) -> str:
    return reverse("api:antwoord-detail", kwargs={"id": antwoord.uuid}, request=request)


class VraagSerializer(serializers.ModelSerializer):
    url = NestedUrlField(vraag_url, help_text="Deze vraag.")
    id = serializers.UUIDField(source="uuid", read_only=True)
    bouwsteen = BouwsteenVerwijzingSerializer(read_only=True)
    organisatie = NaturalKeyRelatedField(
        queryset=Organisatie.objects.all(),
        slug_field="code",
        required=False,
        reference_serializer=OrganisatieVerwijzingSerializer,
        error_messages={"does_not_exist": "Onbekende organisatie: {value}."},
        help_text="Namens welke organisatie de vraag gesteld is; schrijven met de "
        "code, alleen nodig als u lid bent van meer dan één organisatie.",
    )
    titel = StrictCharField(max_length=200, help_text="De vraag in één regel.")
    tekst = StrictCharField(
        max_length=TEKST_MAX, help_text="De vraag, toegelicht, in Markdown."
    )
    besloten = serializers.BooleanField(
        required=False,
        default=False,
        help_text="true: alleen leden van de vragende organisatie en van de eigenaar "
        "zien de vraag en de antwoorden.",
    )
    status = serializers.ChoiceField(
        choices=VraagStatus.choices,
        read_only=True,
        help_text="open, of beantwoord (en gesloten: er komen geen antwoorden meer bij).",
    )
    antwoorden = NestedUrlField(antwoorden_url, help_text="De antwoorden.")
    aantalAntwoorden = serializers.IntegerField(
        source="aantal_antwoorden", read_only=True, default=0
    )
    gesteldOp = serializers.DateTimeField(source="aangemaakt_op", read_only=True)
    afgeslotenOp = serializers.DateTimeField(
        source="afgesloten_op", read_only=True, allow_null=True
    )

    class Meta:
        model = Vraag
        fields = [
            "url",
            "id",
            "bouwsteen",
            "organisatie",
            "titel",
            "tekst",
            "besloten",
            "status",
            "antwoorden",
            "aantalAntwoorden",
            "gesteldOp",
            "afgeslotenOp",
        ]


class AntwoordSerializer(serializers.ModelSerializer):
    url = NestedUrlField(antwoord_url, help_text="Dit antwoord.")
    id = serializers.UUIDField(source="uuid", read_only=True)
    vraag = NestedUrlField(
        lambda antwoord, request: vraag_url(antwoord.vraag, request),
        help_text="De vraag waarop dit antwoord is.",
    )
    organisatie = OrganisatieVerwijzingSerializer(
        read_only=True,
        help_text="Namens wie: de eigenaar van de bouwsteen, of de vragende organisatie.",
    )
    tekst = StrictCharField(max_length=TEKST_MAX, help_text="Het antwoord in Markdown.")
    geschrevenOp = serializers.DateTimeField(source="aangemaakt_op", read_only=True)

    class Meta:
        model = Antwoord
        fields = ["url", "id", "vraag", "organisatie", "tekst", "geschrevenOp"]


class MeldingSerializer(serializers.ModelSerializer):
    reden = serializers.ChoiceField(
        choices=MeldingReden.choices,
        help_text="spam, persoonsgegevens of onjuist.",
    )
    toelichting = StrictCharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="Wat is er mis? Alleen beheerders lezen dit.",
    )
    status = serializers.ChoiceField(
        choices=MeldingStatus.choices,
        read_only=True,
        help_text="open tot een beheerder het bericht verbergt of behoudt.",
    )
    gemeldOp = serializers.DateTimeField(source="aangemaakt_op", read_only=True)

    class Meta:
        model = Melding
        fields = ["reden", "toelichting", "status", "gemeldOp"]
