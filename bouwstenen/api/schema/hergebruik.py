"""The reuse of a building block (``.../hergebruik``) in the OpenAPI document."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view

from bouwstenen.api import serializers
from core.api.conditional import conditional_parameters

HEADERS = conditional_parameters(
    this="dit hergebruik", the="het hergebruik", new="het nieuwe hergebruik"
)
ORGANISATIE = OpenApiParameter(
    "organisatie",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    pattern="^[A-Za-z0-9]+$",
    description="De code van de hergebruikende organisatie, bijvoorbeeld GM0344.",
)
BOUWSTEEN_UUID = OpenApiParameter(
    "uuid",
    OpenApiTypes.UUID,
    OpenApiParameter.PATH,
    description="De uuid van de bouwsteen.",
)
WRITES = (
    "Alleen leden van de hergebruikende organisatie; de eigenaar van de bouwsteen "
    "schrijft het niet voor een ander."
)


hergebruik_schema = extend_schema_view(
    list=extend_schema(
        summary="Hergebruik van een bouwsteen",
        description="Welke organisaties de bouwsteen gebruiken of verkennen, met hun "
        "ervaring. Voor iedereen die de bouwsteen kan zien.",
        parameters=[BOUWSTEEN_UUID],
    ),
    create=extend_schema(
        summary="Hergebruik vastleggen of melden",
        description="‘Wij gebruiken dit ook’: legt vast dat uw organisatie de "
        "gepubliceerde bouwsteen (her)gebruikt (status bevestigd). Een lid van de "
        "eigenaar kan ook melden dat een andere organisatie hem gebruikt (status "
        "gemeld): dat telt niet mee tot een lid van die organisatie het bevestigt. Eén "
        "hergebruik per organisatie: een tweede geeft 409; wijzig dan het bestaande "
        "(PUT of PATCH op zijn url) of bevestig de melding. Met een Idempotency-Key "
        "geeft een herhaling hetzelfde antwoord.",
        parameters=[BOUWSTEEN_UUID, *HEADERS.created],
    ),
    retrieve=extend_schema(
        summary="Eén hergebruik",
        description="Met een ETag; met If-None-Match en een ongewijzigd hergebruik volgt "
        "304.",
        parameters=[BOUWSTEEN_UUID, ORGANISATIE, *HEADERS.read],
        responses={200: serializers.HergebruikSerializer, 304: None},
    ),
    update=extend_schema(
        summary="Hergebruik vervangen",
        description="Weggelaten velden blijven zoals ze waren; de organisatie ligt "
        "vast. " + WRITES,
        parameters=[BOUWSTEEN_UUID, ORGANISATIE, *HEADERS.write],
    ),
    partial_update=extend_schema(
        summary="Hergebruik deels wijzigen",
        description="Alleen de meegestuurde velden veranderen. " + WRITES,
        parameters=[BOUWSTEEN_UUID, ORGANISATIE, *HEADERS.write],
    ),
    destroy=extend_schema(
        summary="Hergebruik intrekken",
        description="Verwijdert het hergebruik; eerdere versies blijven in de "
        "geschiedenis. " + WRITES,
        parameters=[BOUWSTEEN_UUID, ORGANISATIE, *HEADERS.precondition],
        responses={204: None},
    ),
    bevestigen=extend_schema(
        summary="Gemeld hergebruik bevestigen",
        description="‘Ja, wij gebruiken dit’: een lid van de genoemde organisatie "
        "bevestigt wat een ander meldde; daarna telt het mee, met het stadium en de "
        "ervaring die u meestuurt (weggelaten: wat de melding zei). Ook een eerder "
        "afgewezen melding kan alsnog worden bevestigd.",
        parameters=[BOUWSTEEN_UUID, ORGANISATIE, *HEADERS.write],
        request=serializers.BevestigenSerializer,
        responses={200: serializers.HergebruikSerializer},
        operation_id="bouwstenen_hergebruik_bevestigen",
    ),
    afwijzen=extend_schema(
        summary="Gemeld hergebruik afwijzen",
        description="‘Nee, dat klopt niet’: een lid van de genoemde organisatie wijst "
        "de melding af, met een reden die de melder ziet. Het blijft zichtbaar voor de "
        "twee organisaties, zodat dezelfde melding bij een volgende import niet "
        "terugkomt.",
        parameters=[BOUWSTEEN_UUID, ORGANISATIE, *HEADERS.write],
        request=serializers.AfwijzenSerializer,
        responses={200: serializers.HergebruikSerializer},
        operation_id="bouwstenen_hergebruik_afwijzen",
    ),
)
