"""The answers of finding: similar blocks, facet counts and suggestions for a search box."""

from rest_framework import serializers

from bouwstenen.api.serializers.base import (
    HERGEBRUIK_CIJFERS,
    IDENTITEIT,
    BouwsteenVerwijzingSerializer,
    referentiecomponenten_field,
    themas_field,
)
from bouwstenen.constants import SAMENVATTING_MAX_LENGTH
from core.api.fields import StrictCharField
from core.search.text import MAX_QUERY_LENGTH

# --- similar building blocks --------------------------------------------------------


class VergelijkbaarVraagSerializer(serializers.Serializer):
    """De bouwsteen die u wilt aanmaken, om te zien wat er al bestaat."""

    naam = StrictCharField(max_length=200, help_text="De naam die u wilt geven.")
    samenvatting = StrictCharField(
        max_length=SAMENVATTING_MAX_LENGTH,
        required=False,
        allow_blank=True,
        default="",
        help_text="De samenvatting die u wilt geven.",
    )
    themas = themas_field("Thema-slugs; gedeelde thema's tellen mee.")
    referentiecomponenten = referentiecomponenten_field(
        "GEMMA-id's; gedeelde componenten tellen mee."
    )


class VergelijkbaarSerializer(BouwsteenVerwijzingSerializer):
    """Een gepubliceerde bouwsteen die lijkt op de gevraagde, met de mate van gelijkenis."""

    inGebruik = serializers.IntegerField(
        source="hergebruik_in_gebruik",
        help_text="Het aantal organisaties dat hem in gebruik heeft.",
    )
    inPilot = serializers.IntegerField(
        source="hergebruik_pilot", help_text="Het aantal organisaties met een pilot."
    )
    hergebruikActief = serializers.IntegerField(
        source="hergebruik_actief", help_text="Pilot en in gebruik samen."
    )
    score = serializers.FloatField(
        source="gelijkenis",
        min_value=0,
        max_value=1,
        help_text="Hoe vergelijkbaar, van 0 tot 1: gedeelde woorden in naam en "
        "samenvatting (de helft), gedeelde thema's en GEMMA-componenten.",
    )

    class Meta(BouwsteenVerwijzingSerializer.Meta):
        fields = [
            *IDENTITEIT,
            "samenvatting",
            "organisatie",
            "levensfase",
            *HERGEBRUIK_CIJFERS,
            "score",
        ]


class VergelijkbaarLijstSerializer(serializers.Serializer):
    results = VergelijkbaarSerializer(
        many=True, help_text="De meest vergelijkbare eerst; hoogstens vijf."
    )


# --- facet counts -------------------------------------------------------------------


class FacetWaardeSerializer(serializers.Serializer):
    waarde = serializers.CharField(
        help_text="De waarde zoals de filter hem verwacht (slug, code, GEMMA-id)."
    )
    naam = serializers.CharField(help_text="De waarde, leesbaar.")
    aantal = serializers.IntegerField(
        help_text="Zoveel bouwstenen geeft de lijst met deze waarde voor deze filter "
        "(en de andere filters zoals gevraagd)."
    )


def _dimension(help_text: str):
    return FacetWaardeSerializer(many=True, help_text=help_text)


class FacettenSerializer(serializers.Serializer):
    soort = _dimension("Per soort bouwsteen.")
    levensfase = _dimension("Per levensfase.")
    thema = _dimension("Per thema.")
    laag = _dimension("Per Common Ground-laag.")
    referentiecomponent = _dimension(
        "De twintig meest voorkomende referentiecomponenten."
    )
    organisatieSoort = _dimension("Per soort organisatie van de eigenaar.")
    organisatie = _dimension("De twintig organisaties met de meeste bouwstenen.")
    licentie = _dimension("Per licentie.")


# --- suggestions for a search box --------------------------------------------------


class BouwsteenSuggestieSerializer(serializers.Serializer):
    url = serializers.URLField(help_text="De bouwsteen in de API.")
    uuid = serializers.UUIDField()
    naam = serializers.CharField()


class ThemaSuggestieSerializer(serializers.Serializer):
    url = serializers.URLField(help_text="Het thema in de API.")
    slug = serializers.CharField(help_text="Voor de filter thema.")
    naam = serializers.CharField()


class OrganisatieSuggestieSerializer(serializers.Serializer):
    url = serializers.URLField(help_text="De organisatie in de API.")
    code = serializers.CharField(help_text="Voor de filter organisatie.")
    naam = serializers.CharField()


class ReferentiecomponentSuggestieSerializer(serializers.Serializer):
    url = serializers.URLField(help_text="De referentiecomponent in de API.")
    gemmaId = serializers.UUIDField(help_text="Voor de filter referentiecomponent.")
    naam = serializers.CharField()


class SuggestiesSerializer(serializers.Serializer):
    bouwstenen = BouwsteenSuggestieSerializer(
        many=True, help_text="Bouwstenen, de meest relevante eerst."
    )
    themas = ThemaSuggestieSerializer(many=True)
    organisaties = OrganisatieSuggestieSerializer(many=True)
    referentiecomponenten = ReferentiecomponentSuggestieSerializer(many=True)
    suggestie = serializers.CharField(
        required=False,
        help_text="Alleen als een woord van q in geen enkele gepubliceerde bouwsteen "
        "staat en verbeterd is: de zoekvraag zoals die vermoedelijk bedoeld was.",
    )
    gezochtOp = serializers.CharField(
        required=False,
        help_text="Alleen bij een verbetering: de zoekvraag waarvoor de suggesties gelden.",
    )


class SuggestieVraagSerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=MAX_QUERY_LENGTH,
        trim_whitespace=False,
    )
