"""Questions on a block and their answers.

- ``/api/v1/bouwstenen/{uuid}/vragen``: the questions on a block (``GET``), and asking
  one (``POST``, a member of any organisation, for that organisation).
- ``/api/v1/vragen/{id}``: one question; ``.../afsluiten`` marks it answered and closes
  it (the asking organisation or the owner); ``.../meldingen`` reports it.
- ``/api/v1/vragen/{id}/antwoorden``: the answers (``GET``), and answering (``POST``,
  members of the owner; the asking organisation may follow up).
- ``/api/v1/antwoorden/{id}``: one answer; ``.../meldingen`` reports it.

A closed (``besloten``) question exists only for members of the two organisations: for
anyone else every address of it is a 404, and it is in no list or count. A message a
beheerder hid is gone for everyone. Every write goes through ``bouwstenen.services``.
"""

from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from bouwstenen import services, vragen
from bouwstenen.api.nested import UnderBouwsteenMixin
from bouwstenen.api.schema.vragen import (
    antwoord_schema,
    antwoorden_schema,
    vraag_schema,
    vragen_schema,
)
from bouwstenen.api.serializers import (
    AntwoordSerializer,
    MeldingSerializer,
    VraagSerializer,
)
from bouwstenen.api.serializers.vraag import API_NAMES, antwoord_url, vraag_url
from bouwstenen.models import Antwoord, Vraag
from core.api.idempotency import idempotent

UUID = "[0-9a-fA-F-]{36}"


def _report(request, bericht):
    body = MeldingSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    melding = services.bericht_melden(
        user=request.user,
        bericht=bericht,
        reden=body.validated_data["reden"],
        toelichting=body.validated_data.get("toelichting", ""),
    )
    return Response(MeldingSerializer(melding).data, status=status.HTTP_201_CREATED)


@vragen_schema
class VragenViewSet(
    UnderBouwsteenMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = VraagSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]
    queryset = Vraag.objects.none()  # per block, see get_nested_queryset
    filter_backends = []
    service_field_names = API_NAMES

    def get_nested_queryset(self, bouwsteen):
        return vragen.vragen_for_api(self.request.user).filter(bouwsteen=bouwsteen)

    @idempotent
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        vraag = services.vraag_stellen(
            user=request.user,
            bouwsteen=self.get_bouwsteen(),
            titel=values["titel"],
            tekst=values["tekst"],
            besloten=values.get("besloten", False),
            organisatie=values.get("organisatie"),
        )
        vraag = vragen.vragen_for_api(request.user).get(pk=vraag.pk)
        return Response(
            self.get_serializer(vraag).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": vraag_url(vraag, request)},
        )


class _MessageViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A question or an answer at ``/<kind>/{id}``: read by anyone who may see it, acted
    on by a signed-in member."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    lookup_field = "uuid"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID
    filter_backends = []
    service_field_names = API_NAMES


@vraag_schema
class VraagViewSet(_MessageViewSet):
    serializer_class = VraagSerializer

    def get_queryset(self):
        return vragen.vragen_for_api(self.request.user)

    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    @idempotent
    def afsluiten(self, request, *args, **kwargs):
        vraag = services.vraag_afsluiten(user=request.user, vraag=self.get_object())
        vraag = self.get_queryset().get(pk=vraag.pk)
        return Response(self.get_serializer(vraag).data)

    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    @idempotent
    def meldingen(self, request, *args, **kwargs):
        return _report(request, self.get_object())


@antwoorden_schema
class AntwoordenViewSet(
    mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = AntwoordSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]
    queryset = Antwoord.objects.none()
    filter_backends = []
    service_field_names = API_NAMES

    def get_vraag(self) -> Vraag:
        if not hasattr(self, "_vraag"):
            self._vraag = get_object_or_404(
                vragen.vragen_visible_to(self.request.user).select_related(
                    "bouwsteen__organisatie"
                ),
                uuid=self.kwargs["id"],
            )
        return self._vraag

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset.all()
        return vragen.antwoorden_visible_to(self.request.user).filter(
            vraag=self.get_vraag()
        )

    @idempotent
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        antwoord = services.vraag_beantwoorden(
            user=request.user,
            vraag=self.get_vraag(),
            tekst=serializer.validated_data["tekst"],
        )
        return Response(
            self.get_serializer(antwoord).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": antwoord_url(antwoord, request)},
        )


@antwoord_schema
class AntwoordViewSet(_MessageViewSet):
    serializer_class = AntwoordSerializer

    def get_queryset(self):
        return vragen.antwoorden_visible_to(self.request.user)

    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    @idempotent
    def meldingen(self, request, *args, **kwargs):
        return _report(request, self.get_object())
