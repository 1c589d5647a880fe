"""A transfer of a building block to another organisation, and the body of a decision."""

from rest_framework import serializers
from rest_framework.reverse import reverse

from bouwstenen.api.referentiedata.serializers import OrganisatieVerwijzingSerializer
from bouwstenen.api.serializers.base import (
    BouwsteenVerwijzingSerializer,
    NestedUrlField,
)
from bouwstenen.constants import OverdrachtStatus
from bouwstenen.models import Overdracht
from core.api.fields import NaturalKeyRelatedField, StrictCharField
from registry.models import Organisatie


def overdracht_url(overdracht: Overdracht, request) -> str:
    return reverse(
        "api:overdracht-detail",
        kwargs={"uuid": overdracht.bouwsteen.uuid, "id": overdracht.uuid},
        request=request,
    )


class OverdrachtSerializer(serializers.ModelSerializer):
    url = NestedUrlField(overdracht_url, help_text="Deze overdracht.")
    bouwsteen = BouwsteenVerwijzingSerializer(read_only=True)
    van = OrganisatieVerwijzingSerializer(read_only=True, help_text="De eigenaar nu.")
    naar = NaturalKeyRelatedField(
        queryset=Organisatie.objects.all(),
        slug_field="code",
        reference_serializer=OrganisatieVerwijzingSerializer,
        error_messages={"does_not_exist": "Onbekende organisatie: {value}."},
        help_text="De organisatie die de bouwsteen overneemt; schrijven met de code.",
    )
    status = serializers.ChoiceField(
        choices=OverdrachtStatus.choices,
        read_only=True,
        help_text="aangevraagd, geaccepteerd, afgewezen of ingetrokken.",
    )
    aangevraagdNamens = OrganisatieVerwijzingSerializer(
        source="aangevraagd_namens",
        read_only=True,
        help_text="De kant die vroeg; de andere kant beslist.",
    )
    toelichting = StrictCharField(
        required=False, allow_blank=True, max_length=2000, help_text="Waarom."
    )
    beslotenOp = serializers.DateTimeField(
        source="besloten_op", read_only=True, allow_null=True
    )
    besluitToelichting = serializers.CharField(
        source="besluit_toelichting", read_only=True
    )
    aangevraagdOp = serializers.DateTimeField(source="aangemaakt_op", read_only=True)

    class Meta:
        model = Overdracht
        fields = [
            "url",
            "bouwsteen",
            "van",
            "naar",
            "status",
            "aangevraagdNamens",
            "toelichting",
            "aangevraagdOp",
            "beslotenOp",
            "besluitToelichting",
        ]


class BesluitSerializer(serializers.Serializer):
    toelichting = StrictCharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="Een toelichting bij het besluit; de andere kant ziet die.",
    )
