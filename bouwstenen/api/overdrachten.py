"""``/api/v1/bouwstenen/{uuid}/overdrachten``: moving a block to another organisation.

A member of the owner offers the block, or a member of the organisation it belongs to
claims it (``POST``); a publicist of the other side, or a beheerder, accepts or declines
(``.../accepteren``, ``.../afwijzen``); the requesting side may withdraw it
(``.../intrekken``). Only members of the two organisations (and beheerders) see a
transfer. Every step goes through ``bouwstenen.services``.
"""

from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from bouwstenen import selectors, services
from bouwstenen.api.nested import UnderBouwsteenMixin
from bouwstenen.api.schema.overdrachten import overdracht_schema
from bouwstenen.api.serializers import BesluitSerializer, OverdrachtSerializer
from bouwstenen.models import Overdracht
from core.api.idempotency import idempotent


@overdracht_schema
class OverdrachtViewSet(
    UnderBouwsteenMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = OverdrachtSerializer
    permission_classes = [IsAuthenticated]
    queryset = Overdracht.objects.none()  # per block, see get_nested_queryset
    lookup_field = "uuid"
    lookup_url_kwarg = "id"
    lookup_value_regex = "[0-9a-fA-F-]{36}"
    filter_backends = []
    service_field_names = {"naar": "naar", "toelichting": "toelichting"}

    def get_nested_queryset(self, bouwsteen):
        return selectors.overdrachten_of(bouwsteen, self.request.user)

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

    @action(detail=True, methods=["post"])
    @idempotent
    def accepteren(self, request, *args, **kwargs):
        return self._decide(request, services.overdracht_accept)

    @action(detail=True, methods=["post"])
    @idempotent
    def afwijzen(self, request, *args, **kwargs):
        return self._decide(request, services.overdracht_decline)

    @action(detail=True, methods=["post"])
    @idempotent
    def intrekken(self, request, *args, **kwargs):
        return self._decide(request, services.overdracht_withdraw)
