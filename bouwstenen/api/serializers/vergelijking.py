"""The comparison of two to four blocks: per block what decides between them."""

from rest_framework import serializers

from bouwstenen.api.referentiedata.serializers import (
    OrganisatieVerwijzingSerializer,
    ReferentiecomponentVerwijzingSerializer,
    ThemaVerwijzingSerializer,
)
from bouwstenen.api.serializers.base import (
    HERGEBRUIK_CIJFERS,
    IDENTITEIT,
    BouwsteenVerwijzingSerializer,
    ContactpuntSerializer,
    LaagField,
    LinksSerializer,
)
from bouwstenen.api.serializers.bouwsteen import VoorwaardeSerializer
from bouwstenen.constants import HergebruikStadium


class BevestigdHergebruikSerializer(serializers.Serializer):
    organisatie = OrganisatieVerwijzingSerializer(help_text="Wie het gebruikt.")
    stadium = serializers.ChoiceField(
        choices=HergebruikStadium.choices, help_text="Hoe ver zij zijn."
    )
    sinds = serializers.DateField(allow_null=True, help_text="Sinds wanneer.")


class VergelekenBouwsteenSerializer(BouwsteenVerwijzingSerializer):
    """Eén bouwsteen in de vergelijking."""

    themas = ThemaVerwijzingSerializer(many=True, read_only=True)
    referentiecomponenten = ReferentiecomponentVerwijzingSerializer(
        many=True, read_only=True
    )
    lagen = LaagField(many=True, read_only=True, slug_field="slug")
    links = LinksSerializer(
        source="*", help_text="Een ontbrekende link is null: niet opgegeven."
    )
    contactpunt = ContactpuntSerializer(source="*")
    inGebruik = serializers.IntegerField(source="hergebruik_in_gebruik")
    inPilot = serializers.IntegerField(source="hergebruik_pilot")
    hergebruikActief = serializers.IntegerField(source="hergebruik_actief")
    opschalingsscore = serializers.FloatField(
        allow_null=True,
        min_value=0,
        max_value=100,
        help_text="Van 0 tot en met 100; null zolang er niets is ingevuld.",
    )
    nogNietGeregeld = VoorwaardeSerializer(
        source="nog_niet_geregeld",
        many=True,
        help_text="De voorwaarden voor opschaling die nog niet (helemaal) geregeld "
        "zijn: nee, deels of niet beantwoord, in de volgorde van de check.",
    )
    bevestigdHergebruik = BevestigdHergebruikSerializer(
        source="bevestigd_hergebruik",
        many=True,
        help_text="Wie hem gebruikt, zoals die organisatie zelf bevestigde.",
    )
    gewijzigdOp = serializers.DateTimeField(source="gewijzigd_op")

    class Meta(BouwsteenVerwijzingSerializer.Meta):
        fields = [
            *IDENTITEIT,
            "organisatie",
            "soort",
            "vorm",
            "levensfase",
            "opschalingsscore",
            "nogNietGeregeld",
            *HERGEBRUIK_CIJFERS,
            "bevestigdHergebruik",
            "licentie",
            "themas",
            "lagen",
            "referentiecomponenten",
            "links",
            "contactpunt",
            "gewijzigdOp",
        ]


class VergelijkingSerializer(serializers.Serializer):
    bouwstenen = VergelekenBouwsteenSerializer(
        many=True, help_text="In de volgorde waarin ze gevraagd zijn."
    )
