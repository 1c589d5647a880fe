"""The bodies of the operations on a block that are not the block itself: answers to the
opschalingscheck, a relation, the reason for sending a block back."""

from rest_framework import serializers

from bouwstenen.constants import Antwoord, RelatieType, Voorwaarde
from core.api.fields import OptionalURLField, StrictCharField


class AntwoordInvoerSerializer(serializers.Serializer):
    voorwaarde = serializers.ChoiceField(
        choices=Voorwaarde.choices, help_text="De voorwaarde die u beantwoordt."
    )
    antwoord = serializers.ChoiceField(
        choices=Antwoord.choices,
        required=False,
        help_text="ja, deels, nee of nvt. Verplicht voor een voorwaarde die nog geen "
        "antwoord heeft; weggelaten blijft het bestaande antwoord staan.",
    )
    toelichting = StrictCharField(
        required=False,
        allow_blank=True,
        max_length=5000,
        help_text="Hoe het geregeld is, of wat nog ontbreekt; weggelaten blijft hij "
        "zoals hij was.",
    )
    bewijs = OptionalURLField(
        source="bewijs_url",
        max_length=500,
        help_text="Een link naar het bewijs; null maakt hem leeg, weggelaten blijft hij "
        "zoals hij was.",
    )


class OpschalingscheckInvoerSerializer(serializers.Serializer):
    antwoorden = AntwoordInvoerSerializer(
        many=True,
        required=False,
        help_text="De antwoorden die u geeft of wijzigt, elke voorwaarde hoogstens één "
        "keer; voorwaarden die u niet noemt blijven zoals ze zijn.",
    )

    def validate_antwoorden(self, antwoorden):
        seen = set()
        for antwoord in antwoorden:
            if antwoord["voorwaarde"] in seen:
                raise serializers.ValidationError(
                    f"De voorwaarde {antwoord['voorwaarde']} staat er twee keer in.",
                    code="duplicate",
                )
            seen.add(antwoord["voorwaarde"])
        return antwoorden


class RelatieInvoerSerializer(serializers.Serializer):
    type = serializers.ChoiceField(
        choices=RelatieType.choices,
        help_text="gebruikt, gebaseerd-op, alternatief-voor of onderdeel-van.",
    )
    naar = serializers.UUIDField(
        help_text="De uuid van de andere bouwsteen (een die u kunt zien)."
    )


class TerugsturenSerializer(serializers.Serializer):
    reden = StrictCharField(
        max_length=2000,
        help_text="Wat de redacteur moet verbeteren; de redacteur ziet dit terug.",
    )
