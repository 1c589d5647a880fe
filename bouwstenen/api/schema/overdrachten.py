"""Transfers of a building block (``.../overdrachten``) in the OpenAPI document."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view

from bouwstenen.api import serializers

BOUWSTEEN = OpenApiParameter(
    "uuid", OpenApiTypes.UUID, OpenApiParameter.PATH, description="De bouwsteen."
)
ID = OpenApiParameter(
    "id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="De overdracht."
)


overdracht_schema = extend_schema_view(
    list=extend_schema(
        summary="Overdrachten van een bouwsteen",
        description="Gevraagde en besliste overdrachten; alleen voor leden van de "
        "eigenaar en van de andere organisatie.",
        parameters=[BOUWSTEEN],
    ),
    retrieve=extend_schema(summary="Eén overdracht", parameters=[BOUWSTEEN, ID]),
    create=extend_schema(
        summary="Overdracht aanvragen",
        description="Een lid van de eigenaar biedt de bouwsteen aan een andere "
        "organisatie aan, of een lid van een andere organisatie claimt hem. Een "
        "publicist van de andere kant (of een beheerder) beslist. Eén lopende "
        "overdracht per bouwsteen: een tweede geeft 409.",
        parameters=[BOUWSTEEN],
    ),
    accepteren=extend_schema(
        summary="Overdracht accepteren",
        description="Door een publicist van de kant die niet vroeg, of een beheerder. "
        "De bouwsteen, zijn concept en zijn geschiedenis gaan naar de nieuwe eigenaar.",
        request=serializers.BesluitSerializer,
        responses={200: serializers.OverdrachtSerializer},
        parameters=[BOUWSTEEN, ID],
        operation_id="bouwstenen_overdrachten_accepteren",
    ),
    afwijzen=extend_schema(
        summary="Overdracht afwijzen",
        description="Door een publicist van de kant die niet vroeg, of een beheerder.",
        request=serializers.BesluitSerializer,
        responses={200: serializers.OverdrachtSerializer},
        parameters=[BOUWSTEEN, ID],
        operation_id="bouwstenen_overdrachten_afwijzen",
    ),
    intrekken=extend_schema(
        summary="Overdracht intrekken",
        description="Door een lid van de kant die de overdracht vroeg.",
        request=serializers.BesluitSerializer,
        responses={200: serializers.OverdrachtSerializer},
        parameters=[BOUWSTEEN, ID],
        operation_id="bouwstenen_overdrachten_intrekken",
    ),
)
