"""``/api/v1/behoeften``: the needs board. ``/behoeften/{uuid}/deelnemers``: "wij ook".

Reading is public for published needs; members also read their own organisation's
drafts. Members post and change their organisation's needs, and take the workflow's
steps (``indienen``, ``publiceren``, ``terugsturen``, ``archiveren``, ``herstellen``)
as for a block; a publicist of the owner closes a need with the block that answers it
(``sluiten``). Members of another organisation join a published need once per
organisation (``POST .../deelnemers``) and may take it back (``DELETE``). The blocks
that come closest are ``.../vergelijkbaar``. Every write goes through
``bouwstenen.services``.
"""

from django.db.models import F
from django.http import Http404
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS, IsAuthenticatedOrReadOnly
from rest_framework.response import Response
from rest_framework.reverse import reverse

from bouwstenen import behoeften, selectors, services
from bouwstenen.api.schema.behoeften import behoefte_schema, deelnemer_schema
from bouwstenen.api.serializers import TerugsturenSerializer
from bouwstenen.api.serializers.behoefte import (
    API_NAMES,
    BehoefteMatchesSerializer,
    BehoefteSerializer,
    DeelnemerSerializer,
    SluitenSerializer,
    deelname_url,
)
from bouwstenen.api.viewsets import _workflow_action
from bouwstenen.filters import BehoefteFilter
from bouwstenen.models import Behoefte, Deelname
from bouwstenen.services.behoeften import EDITABLE, transition_refusal
from core.api.conditional import ConditionalMixin
from core.api.idempotency import idempotent
from registry import permissions, workflow


class BehoeftePermission(IsAuthenticatedOrReadOnly):
    message = "U mag deze behoefte in deze status niet wijzigen."

    def has_object_permission(self, request, view, obj):
        # Before If-Match: a stranger gets 403, not 412. The services judge again.
        if request.method in SAFE_METHODS or view.action not in (
            "update",
            "partial_update",
        ):
            return True
        return permissions.can_edit(request.user, obj)


def _split(validated: dict) -> tuple[dict, dict]:
    """The serializer's data as the services take it: fields, and thema's and lagen."""
    data = dict(validated)
    relations = {name: data.pop(name) for name in ("themas", "lagen") if name in data}
    data.pop("organisatie", None)
    values = {name: value for name, value in data.items() if name in EDITABLE}
    if "levensfase" in values and values["levensfase"] is None:
        values["levensfase"] = ""
    return values, relations


@behoefte_schema
class BehoefteViewSet(
    ConditionalMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = BehoefteSerializer
    filterset_class = BehoefteFilter
    permission_classes = [BehoeftePermission]
    lookup_field = "uuid"
    lookup_value_regex = "[0-9a-fA-F-]{36}"
    service_field_names = API_NAMES

    def get_queryset(self):
        return behoeften.with_details(behoeften.visible_to(self.request.user)).order_by(
            F("gepubliceerd_op").desc(nulls_last=True), "-pk"
        )

    def refreshed(self, behoefte):
        return self.get_queryset().get(pk=behoefte.pk)

    @idempotent
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values, relations = _split(serializer.validated_data)
        behoefte = services.behoefte_create(
            user=request.user,
            organisatie=serializer.validated_data["organisatie"],
            values=values,
            **relations,
        )
        location = reverse(
            "api:behoefte-detail", kwargs={"uuid": behoefte.uuid}, request=request
        )
        return self.respond(
            behoefte, code=status.HTTP_201_CREATED, headers={"Location": location}
        )

    def update(self, request, *args, **kwargs):
        behoefte = self.get_object()
        versie = self.precondition(behoefte)
        serializer = self.get_serializer(
            behoefte, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        values, relations = _split(serializer.validated_data)
        behoefte = services.behoefte_update(
            user=request.user,
            behoefte=behoefte,
            values=values,
            expected_versie=versie,
            **relations,
        )
        return self.respond(behoefte)

    # --- the workflow, as for a block ------------------------------------------------

    indienen = _workflow_action(workflow.INDIENEN)
    publiceren = _workflow_action(workflow.PUBLICEREN)
    terugsturen = _workflow_action(workflow.TERUGSTUREN)
    archiveren = _workflow_action(workflow.ARCHIVEREN)
    herstellen = _workflow_action(workflow.HERSTELLEN)

    def _transition(self, request, transition):
        behoefte = self.get_object()
        refused = transition_refusal(behoefte, transition, request.user)
        if refused is not None:
            raise refused
        versie = self.precondition(behoefte)
        reden = ""
        if transition.needs_reason:
            body = TerugsturenSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            reden = body.validated_data["reden"]
        behoefte = services.behoefte_transition(
            user=request.user,
            behoefte=behoefte,
            actie=transition.name,
            reden=reden,
            expected_versie=versie,
        )
        return self.respond(behoefte)

    @action(detail=True, methods=["post"])
    @idempotent
    def sluiten(self, request, uuid=None):
        behoefte = self.get_object()
        versie = self.precondition(behoefte)
        body = SluitenSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        bouwsteen = selectors.bouwsteen_by_uuid(body.validated_data["bouwsteen"])
        behoefte = services.behoefte_close(
            user=request.user,
            behoefte=behoefte,
            bouwsteen=bouwsteen,
            expected_versie=versie,
        )
        return self.respond(behoefte)

    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def vergelijkbaar(self, request, uuid=None):
        behoefte = self.get_object()
        found = []
        for bouwsteen, score, words in behoeften.matches(behoefte):
            bouwsteen.gelijkenis, bouwsteen.in_woorden = score, words
            found.append(bouwsteen)
        body = BehoefteMatchesSerializer(
            {"results": found}, context=self.get_serializer_context()
        )
        return Response(body.data)


@deelnemer_schema
class DeelnemerViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = DeelnemerSerializer
    queryset = Deelname.objects.none()  # per need, see get_queryset
    lookup_field = "organisatie__code"
    lookup_url_kwarg = "organisatie"
    lookup_value_regex = "[A-Za-z0-9]+"
    filter_backends = []
    pagination_class = None
    service_field_names = API_NAMES

    def get_behoefte(self) -> Behoefte:
        if not hasattr(self, "_behoefte"):
            self._behoefte = (
                behoeften.visible_to(self.request.user)
                .select_related("organisatie")
                .filter(uuid=self.kwargs["uuid"])
                .first()
            )
            if self._behoefte is None:
                raise Http404
        return self._behoefte

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset.all()
        return (
            Deelname.objects.filter(behoefte=self.get_behoefte())
            .select_related("organisatie", "behoefte")
            .order_by("aangemaakt_op", "pk")
        )

    @idempotent
    def create(self, request, *args, **kwargs):
        behoefte = self.get_behoefte()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        organisatie = values.pop("organisatie")
        deelname = services.deelname_add(
            user=request.user, behoefte=behoefte, organisatie=organisatie, values=values
        )
        data = self.get_serializer(deelname).data
        return Response(
            data,
            status=status.HTTP_201_CREATED,
            headers={"Location": deelname_url(deelname, request)},
        )

    def destroy(self, request, *args, **kwargs):
        services.deelname_withdraw(user=request.user, deelname=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
