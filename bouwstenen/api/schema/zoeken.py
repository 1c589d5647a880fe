"""Finding building blocks in the OpenAPI document: facet counts, similar blocks and
suggestions for a search box."""

from drf_spectacular.utils import OpenApiParameter, extend_schema

from bouwstenen.api import serializers
from core.search.text import MAX_QUERY_LENGTH

# The operations of the bouwstenen resource that find rather than change.
FINDING = {
    "facetten": extend_schema(
        summary="Facetten: aantallen per filterwaarde",
        description="Met dezelfde filters en q als de lijst: per dimensie (soort, "
        "levensfase, thema, laag, referentiecomponent, organisatieSoort, organisatie, "
        "licentie) de waarden met hun aantal. Het aantal van een waarde is wat de lijst "
        "geeft als u die waarde voor die filter kiest en de andere filters houdt (de "
        "eigen filter van een dimensie telt voor haar aantallen niet mee). sort, page "
        "en pageSize doen hier niets. Een ongeldige filter geeft dezelfde 400 als de "
        "lijst.",
        filters=True,
        responses={200: serializers.FacettenSerializer},
        operation_id="bouwstenen_facetten",
    ),
    "vergelijking": extend_schema(
        summary="Bouwstenen vergelijken",
        description="Twee tot vier bouwstenen naast elkaar, met per bouwsteen wat "
        "een keuze bepaalt: levensfase, opschalingsscore en wat nog niet geregeld is "
        "voor opschaling, bevestigd hergebruik (wie, stadium, sinds wanneer), "
        "licentie, lagen, GEMMA-componenten, links (null: niet opgegeven), contact en "
        "laatste wijziging. Dezelfde vergelijking als de pagina /vergelijk. Een "
        "bouwsteen die niet bestaat of die u niet mag zien, een ongeldige uuid of "
        "minder dan twee of meer dan vier bouwstenen: 400 met uuid in invalidParams.",
        parameters=[
            OpenApiParameter(
                "uuid",
                {"type": "array", "items": {"type": "string", "format": "uuid"}},
                OpenApiParameter.QUERY,
                required=True,
                explode=True,
                description="De uuid's van twee tot vier bouwstenen, herhaald "
                "(uuid=...&uuid=...) of met komma's; de volgorde blijft.",
            )
        ],
        request=None,
        responses={200: serializers.VergelijkingSerializer},
        operation_id="bouwstenen_vergelijking",
    ),
    "vergelijkbaar": extend_schema(
        summary="Vergelijkbare bouwstenen",
        description="De vijf gepubliceerde bouwstenen die het meest op deze lijken "
        "(woorden in naam en samenvatting, gedeelde thema's en GEMMA-componenten), "
        "met een score van 0 tot 1, hun eigenaar en hun hergebruik.",
        request=None,
        responses={200: serializers.VergelijkbaarLijstSerializer},
        operation_id="bouwstenen_vergelijkbaar",
    ),
    "vergelijkbaar_zoeken": extend_schema(
        summary="Bestaat dit al?",
        description="Een proefvraag die niets opslaat: geef de naam en samenvatting "
        "(en eventueel thema's en GEMMA-componenten) van een bouwsteen die u wilt "
        "aanmaken, en zie de vijf meest vergelijkbare gepubliceerde bouwstenen met hun "
        "eigenaar en hun hergebruik. Kan zonder token; telt mee voor dezelfde "
        "limieten als lezen.",
        request=serializers.VergelijkbaarVraagSerializer,
        responses={200: serializers.VergelijkbaarLijstSerializer},
        operation_id="bouwstenen_vergelijkbaar_zoeken",
    ),
}

suggesties_schema = extend_schema(
    operation_id="suggesties",
    tags=["bouwstenen"],
    summary="Suggesties voor een zoekvak",
    description=(
        "Namen die beginnen met wat er getypt is (per woord): bouwstenen die u kunt "
        "zien, thema's, organisaties en GEMMA-referentiecomponenten, elk hoogstens "
        "vijf en met hun URL. Snel genoeg om bij elke toetsaanslag te vragen. Zonder "
        "q (of met alleen spaties) zijn alle lijsten leeg."
    ),
    parameters=[
        OpenApiParameter(
            "q",
            str,
            OpenApiParameter.QUERY,
            description=f"Wat er getypt is; hoogstens {MAX_QUERY_LENGTH} tekens.",
        )
    ],
    responses={200: serializers.SuggestiesSerializer},
)
