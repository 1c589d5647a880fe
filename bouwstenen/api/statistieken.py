"""``GET /api/v1/statistieken``: the figures of the /statistieken page, as JSON."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from bouwstenen import statistieken
from bouwstenen.constants import Levensfase


class KwartaalSerializer(serializers.Serializer):
    kwartaal = serializers.CharField(help_text="Het kwartaal, bijvoorbeeld 2025-K3.")
    aantallen = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Per groep (soort organisatie, of 'overig') het aantal deelnemers tot en met dit kwartaal.",
    )
    totaal = serializers.IntegerField()


class DeelnameSerializer(serializers.Serializer):
    kwartalen = KwartaalSerializer(many=True)
    groepen = serializers.ListField(
        child=serializers.CharField(), help_text="De groepen, in vaste volgorde."
    )
    totaal = serializers.IntegerField(
        help_text="Organisaties die een bouwsteen publiceren of bevestigd hergebruiken."
    )


class LevensfaseAantalSerializer(serializers.Serializer):
    levensfase = serializers.ChoiceField(choices=Levensfase.choices)
    aantal = serializers.IntegerField()


class TrechterStapSerializer(serializers.Serializer):
    levensfase = serializers.ChoiceField(choices=Levensfase.choices)
    bereikt = serializers.IntegerField(
        help_text="Gepubliceerde bouwstenen die deze fase volgens hun geschiedenis bereikten."
    )
    doorNaar = serializers.ChoiceField(  # noqa: N815 - the API's camelCase
        choices=Levensfase.choices, allow_null=True
    )
    doorgegaan = serializers.IntegerField(
        allow_null=True, help_text="Hoeveel daarna de volgende fase bereikten."
    )
    medianeDagen = serializers.IntegerField(  # noqa: N815 - the API's camelCase
        allow_null=True, help_text="Mediaan aantal dagen tot de volgende fase."
    )


class ThemaHergebruikSerializer(serializers.Serializer):
    thema = serializers.SlugField()
    naam = serializers.CharField()
    aantal = serializers.IntegerField(
        help_text="Bevestigd hergebruik (pilot of in gebruik) van bouwstenen met dit thema."
    )


class MeestHergebruiktSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    slug = serializers.SlugField()
    naam = serializers.CharField()
    organisatie = serializers.CharField()
    organisaties = serializers.IntegerField(
        help_text="Organisaties die bevestigden dat zij hem gebruiken (pilot of in gebruik)."
    )


class StatistiekenSerializer(serializers.Serializer):
    deelname = DeelnameSerializer()
    levensfasen = LevensfaseAantalSerializer(many=True)
    trechter = TrechterStapSerializer(many=True)
    hergebruikPerThema = ThemaHergebruikSerializer(many=True)  # noqa: N815
    meestHergebruikt = MeestHergebruiktSerializer(many=True)  # noqa: N815


class StatistiekenView(APIView):
    @extend_schema(
        operation_id="statistieken",
        tags=["bouwstenen"],
        summary="Het register in cijfers",
        description=(
            "Deelnemende organisaties per kwartaal en soort, gepubliceerde bouwstenen per "
            "levensfase, de trechter van pilot via opschaling naar productie (uit de "
            "geschiedenis van de bouwstenen), bevestigd hergebruik per thema en de meest "
            "hergebruikte bouwstenen. Dezelfde cijfers als de pagina /statistieken; alleen "
            "gepubliceerde bouwstenen en bevestigd hergebruik tellen mee."
        ),
        responses={200: StatistiekenSerializer},
    )
    def get(self, request):
        return Response(StatistiekenSerializer(statistieken.figures()).data)
