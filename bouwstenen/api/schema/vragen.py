"""Questions and answers (``.../vragen``, ``/vragen``, ``/antwoorden``) in the OpenAPI
document."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view

from bouwstenen.api import serializers

TAGS = ["vragen"]
BOUWSTEEN = OpenApiParameter(
    "uuid", OpenApiTypes.UUID, OpenApiParameter.PATH, description="De bouwsteen."
)
VRAAG = OpenApiParameter(
    "id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="De vraag."
)
ANTWOORD = OpenApiParameter(
    "id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="Het antwoord."
)
ZICHTBAAR = (
    " Een besloten vraag bestaat alleen voor leden van de vragende organisatie en van "
    "de eigenaar; voor anderen is elk adres ervan 404. Een bericht dat een beheerder "
    "verborg, is voor niemand meer te zien."
)
TE_VAAK = (
    " Plaatsen is per gebruiker begrensd (vragen, antwoorden en meldingen samen); "
    "daarboven volgt 429 met Retry-After."
)
MELDEN = (
    "Iedereen die is aangemeld kan een bericht melden als spam, persoonsgegevens of "
    "onjuist. Een beheerder beoordeelt de melding en verbergt het bericht of laat het "
    "staan. Eén melding per bericht per gebruiker: een tweede geeft 409." + TE_VAAK
)

vragen_schema = extend_schema_view(
    list=extend_schema(
        summary="Vragen over een bouwsteen",
        description="De vragen over een gepubliceerde bouwsteen, nieuwste eerst."
        + ZICHTBAAR,
        parameters=[BOUWSTEEN],
        tags=TAGS,
    ),
    create=extend_schema(
        summary="Een vraag stellen",
        description="Een lid van een organisatie stelt de eigenaar van een "
        "gepubliceerde bouwsteen een vraag, namens zijn organisatie (met meer "
        "lidmaatschappen: noem de organisatie). Met besloten: true zien alleen de twee "
        "organisaties de vraag. De leden van de eigenaar krijgen een e-mail." + TE_VAAK,
        parameters=[BOUWSTEEN],
        tags=TAGS,
    ),
)

vraag_schema = extend_schema_view(
    retrieve=extend_schema(
        summary="Eén vraag",
        description=ZICHTBAAR.strip(),
        parameters=[VRAAG],
        tags=TAGS,
    ),
    afsluiten=extend_schema(
        summary="Vraag beantwoord en sluiten",
        description="De vragende organisatie of de eigenaar markeert de vraag als "
        "beantwoord; daarna komen er geen antwoorden meer bij.",
        request=None,
        responses={200: serializers.VraagSerializer},
        parameters=[VRAAG],
        tags=TAGS,
        operation_id="vragen_afsluiten",
    ),
    meldingen=extend_schema(
        summary="Een vraag melden",
        description=MELDEN,
        request=serializers.MeldingSerializer,
        responses={201: serializers.MeldingSerializer},
        parameters=[VRAAG],
        tags=TAGS,
        operation_id="vragen_meldingen_create",
    ),
)

antwoorden_schema = extend_schema_view(
    list=extend_schema(
        summary="Antwoorden op een vraag",
        description="De antwoorden, oudste eerst, zoals een gesprek leest." + ZICHTBAAR,
        parameters=[VRAAG],
        tags=TAGS,
    ),
    create=extend_schema(
        summary="Een vraag beantwoorden",
        description="Leden van de eigenaar van de bouwsteen antwoorden; de vragende "
        "organisatie kan reageren. Een gesloten vraag geeft 409." + TE_VAAK,
        parameters=[VRAAG],
        tags=TAGS,
    ),
)

antwoord_schema = extend_schema_view(
    retrieve=extend_schema(
        summary="Eén antwoord",
        description=ZICHTBAAR.strip(),
        parameters=[ANTWOORD],
        tags=TAGS,
    ),
    meldingen=extend_schema(
        summary="Een antwoord melden",
        description=MELDEN,
        request=serializers.MeldingSerializer,
        responses={201: serializers.MeldingSerializer},
        parameters=[ANTWOORD],
        tags=TAGS,
        operation_id="antwoorden_meldingen_create",
    ),
)
