"""``/api/v1/bouwstenen/{uuid}/overdrachten``: moving a block to another organisation.

A member of the owner offers the block, or a member of the organisation it belongs to
claims it (``POST``); a publicist of the other side, or a beheerder, accepts or declines
(``.../accepteren``, ``.../afwijzen``); the requesting side may withdraw it
(``.../intrekken``). Only members of the two organisations (and beheerders) see a
transfer. Every step goes through ``bouwstenen.services``.
"""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.reverse import reverse

from bouwstenen import services
from bouwstenen.api.referentiedata.serializers import OrganisatieVerwijzingSerializer
from bouwstenen.api.serializers import BouwsteenVerwijzingSerializer
from bouwstenen.constants import OverdrachtStatus
from bouwstenen.models import Overdracht
from bouwstenen.selectors import bouwstenen_visible_to
from core.api.fields import NaturalKeyRelatedField, StrictCharField
from core.api.idempotency import idempotent
from registry import permissions
from registry.models import Organisatie


def overdracht_url(overdracht: Overdracht, request) -> str:
    return reverse(
        "api:overdracht-detail",
        kwargs={"uuid": overdracht.bouwsteen.uuid, "id": overdracht.uuid},
        request=request,
    )


@extend_schema_field(OpenApiTypes.URI)
class OverdrachtUrlField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, overdracht):
        return overdracht_url(overdracht, self.context.get("request"))


class OverdrachtSerializer(serializers.ModelSerializer):
    url = OverdrachtUrlField(help_text="Deze overdracht.")
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


BOUWSTEEN = OpenApiParameter(
    "uuid", OpenApiTypes.UUID, OpenApiParameter.PATH, description="De bouwsteen."
)
ID = OpenApiParameter(
    "id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="De overdracht."
)


@extend_schema_view(
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
)
class OverdrachtViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = OverdrachtSerializer
    permission_classes = [IsAuthenticated]
    queryset = Overdracht.objects.none()
    lookup_field = "uuid"
    lookup_url_kwarg = "id"
    lookup_value_regex = "[0-9a-fA-F-]{36}"
    filter_backends = []
    service_field_names = {"naar": "naar", "toelichting": "toelichting"}

    def get_bouwsteen(self):
        if not hasattr(self, "_bouwsteen"):
            self._bouwsteen = get_object_or_404(
                bouwstenen_visible_to(self.request.user).select_related("organisatie"),
                uuid=self.kwargs["uuid"],
            )
        return self._bouwsteen

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Overdracht.objects.none()
        queryset = Overdracht.objects.filter(
            bouwsteen=self.get_bouwsteen()
        ).select_related("bouwsteen__organisatie", "van", "naar", "aangevraagd_namens")
        if not self.request.user.is_superuser:
            own = list(permissions.roles_of(self.request.user))
            queryset = queryset.filter(Q(van__in=own) | Q(naar__in=own))
        return queryset.order_by("-aangemaakt_op", "pk")

    @idempotent
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        overdracht = services.overdracht_request(
            user=request.user,
            bouwsteen=self.get_bouwsteen(),
            naar=serializer.validated_data["naar"],
            toelichting=serializer.validated_data.get("toelichting", ""),
        )
        data = self.get_serializer(overdracht).data
        return Response(
            data,
            status=status.HTTP_201_CREATED,
            headers={"Location": data["url"]},
        )

    def _decide(self, request, decide, **kwargs):
        overdracht = self.get_object()
        body = BesluitSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        if decide is not services.overdracht_withdraw:
            kwargs["toelichting"] = body.validated_data.get("toelichting", "")
        decided = decide(user=request.user, overdracht=overdracht, **kwargs)
        return Response(self.get_serializer(decided).data)

    @extend_schema(
        summary="Overdracht accepteren",
        description="Door een publicist van de kant die niet vroeg, of een beheerder. "
        "De bouwsteen, zijn concept en zijn geschiedenis gaan naar de nieuwe eigenaar.",
        request=BesluitSerializer,
        responses={200: OverdrachtSerializer},
        parameters=[BOUWSTEEN, ID],
        operation_id="bouwstenen_overdrachten_accepteren",
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def accepteren(self, request, *args, **kwargs):
        return self._decide(request, services.overdracht_accept)

    @extend_schema(
        summary="Overdracht afwijzen",
        description="Door een publicist van de kant die niet vroeg, of een beheerder.",
        request=BesluitSerializer,
        responses={200: OverdrachtSerializer},
        parameters=[BOUWSTEEN, ID],
        operation_id="bouwstenen_overdrachten_afwijzen",
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def afwijzen(self, request, *args, **kwargs):
        return self._decide(request, services.overdracht_decline)

    @extend_schema(
        summary="Overdracht intrekken",
        description="Door een lid van de kant die de overdracht vroeg.",
        request=BesluitSerializer,
        responses={200: OverdrachtSerializer},
        parameters=[BOUWSTEEN, ID],
        operation_id="bouwstenen_overdrachten_intrekken",
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def intrekken(self, request, *args, **kwargs):
        return self._decide(request, services.overdracht_withdraw)
