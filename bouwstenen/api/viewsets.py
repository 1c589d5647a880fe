"""The ``bouwstenen`` resource: search, read, create, change, and the workflow operations."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.reverse import reverse

from bouwstenen import services
from bouwstenen.api import transitions
from bouwstenen.api.filters import BouwsteenFilter
from bouwstenen.api.permissions import BouwsteenPermission
from bouwstenen.api.serializers import BouwsteenSerializer, TerugsturenSerializer
from bouwstenen.selectors import bouwstenen_visible_to, with_relations
from registry import workflow
from registry.api.conditional import (
    ETAG_LIST_PATTERN,
    etag_for,
    expected_versie,
    not_modified,
)
from registry.api.exceptions import PreconditionFailed

ETAG = OpenApiParameter(
    "ETag",
    type=str,
    location=OpenApiParameter.HEADER,
    response=[200, 201, 304],
    required=True,
    description="De versie van deze bouwsteen; stuur hem terug in If-Match of If-None-Match.",
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    type=str,
    location=OpenApiParameter.HEADER,
    pattern=ETAG_LIST_PATTERN,
    description="Alleen uitvoeren als de bouwsteen nog deze ETag heeft; anders 412.",
)
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    type=str,
    location=OpenApiParameter.HEADER,
    pattern=ETAG_LIST_PATTERN,
    description="Geeft 304 zonder body als de bouwsteen nog deze ETag heeft.",
)
LOCATION = OpenApiParameter(
    "Location",
    type=str,
    location=OpenApiParameter.HEADER,
    response=[201],
    required=True,
    description="De URL van de nieuwe bouwsteen.",
)


def _operation(summary: str, description: str, **kwargs):
    return extend_schema(summary=summary, description=description, **kwargs)


def _transition_operation(summary: str, description: str, **kwargs):
    kwargs.setdefault("request", None)
    return _operation(
        summary,
        description,
        responses={200: BouwsteenSerializer},
        parameters=[IF_MATCH, ETAG],
        **kwargs,
    )


@extend_schema_view(
    list=_operation(
        "Bouwstenen zoeken",
        "Gepubliceerde bouwstenen, en voor leden ook de overige van hun eigen "
        "organisaties. Meerdere waarden van één filter (herhaald of met komma's) "
        "selecteren elk ervan; verschillende filters gelden samen.",
    ),
    retrieve=_operation(
        "Eén bouwsteen",
        "Met een ETag; met If-None-Match en een ongewijzigde bouwsteen volgt 304.",
        parameters=[IF_NONE_MATCH, ETAG],
        responses={200: BouwsteenSerializer, 304: None},
    ),
    create=_operation(
        "Bouwsteen aanmaken",
        "Als concept, voor een organisatie waarvan het token lid is.",
        parameters=[ETAG, LOCATION],
    ),
    update=_operation(
        "Bouwsteen vervangen",
        "Verplichte velden moeten erbij; weggelaten optionele velden blijven zoals ze "
        "waren. Een concept mag elk lid wijzigen; wat ter beoordeling ligt of "
        "gepubliceerd is alleen een publicist.",
        parameters=[IF_MATCH, ETAG],
    ),
    partial_update=_operation(
        "Bouwsteen deels wijzigen",
        "Alleen de meegestuurde velden veranderen; verder als vervangen.",
        parameters=[IF_MATCH, ETAG],
    ),
    destroy=_transition_operation(
        "Bouwsteen archiveren",
        "Verwijdert niets: archiveert de bouwsteen (als de actie archiveren) en geeft "
        "hem terug. Alleen een publicist; herstellen kan later.",
    ),
)
class BouwsteenViewSet(viewsets.ModelViewSet):
    serializer_class = BouwsteenSerializer
    filterset_class = BouwsteenFilter
    permission_classes = [BouwsteenPermission]
    lookup_field = "uuid"

    def get_queryset(self):
        visible = bouwstenen_visible_to(self.request.user)
        return with_relations(visible).order_by("naam", "pk")

    def retrieve(self, request, *args, **kwargs):
        bouwsteen = self.get_object()
        if not_modified(request, bouwsteen):
            return Response(
                status=status.HTTP_304_NOT_MODIFIED,
                headers={"ETag": etag_for(bouwsteen)},
            )
        return self._respond(bouwsteen)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        bouwsteen = serializer.save()
        location = reverse(
            "api:bouwsteen-detail", kwargs={"uuid": bouwsteen.uuid}, request=request
        )
        return self._respond(
            bouwsteen, code=status.HTTP_201_CREATED, headers={"Location": location}
        )

    def update(self, request, *args, **kwargs):
        bouwsteen = self.get_object()
        versie = expected_versie(request, bouwsteen)
        serializer = self.get_serializer(
            bouwsteen, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        try:
            bouwsteen = serializer.save(expected_versie=versie)
        except services.ConcurrentEdit as exc:
            raise PreconditionFailed(str(exc)) from exc
        return self._respond(bouwsteen)

    def destroy(self, request, *args, **kwargs):
        return self._transition(request, workflow.ARCHIVEREN)

    @_transition_operation(
        "Ter beoordeling aanbieden",
        "Van concept naar ter beoordeling; elk lid van de organisatie mag dit.",
        operation_id="bouwstenen_indienen",
    )
    @action(detail=True, methods=["post"])
    def indienen(self, request, uuid=None):
        return self._transition(request, workflow.INDIENEN)

    @_transition_operation(
        "Publiceren",
        "Van ter beoordeling naar gepubliceerd; alleen een publicist, en (vier ogen) "
        "niet wie de bouwsteen zelf indiende. Ontbreekt er iets voor publicatie, dan "
        "volgt 400 met de velden in invalidParams.",
        operation_id="bouwstenen_publiceren",
    )
    @action(detail=True, methods=["post"])
    def publiceren(self, request, uuid=None):
        return self._transition(request, workflow.PUBLICEREN)

    @_transition_operation(
        "Terugsturen naar de redacteur",
        "Van ter beoordeling terug naar concept, met een reden; alleen een publicist.",
        request=TerugsturenSerializer,
        operation_id="bouwstenen_terugsturen",
    )
    @action(detail=True, methods=["post"])
    def terugsturen(self, request, uuid=None):
        return self._transition(request, workflow.TERUGSTUREN)

    @_transition_operation(
        "Archiveren",
        "Uit elke status naar gearchiveerd (hetzelfde als DELETE); alleen een publicist.",
        operation_id="bouwstenen_archiveren",
    )
    @action(detail=True, methods=["post"])
    def archiveren(self, request, uuid=None):
        return self._transition(request, workflow.ARCHIVEREN)

    @_transition_operation(
        "Herstellen uit het archief",
        "Terug naar gepubliceerd als de bouwsteen ooit gepubliceerd was, anders naar "
        "concept; alleen een publicist.",
        operation_id="bouwstenen_herstellen",
    )
    @action(detail=True, methods=["post"])
    def herstellen(self, request, uuid=None):
        return self._transition(request, workflow.HERSTELLEN)

    def _transition(self, request, transition):
        bouwsteen = self.get_object()
        transitions.check_allowed(bouwsteen, transition, request.user)
        # The workflow locks the row only later, so a write racing in between is not
        # caught here; bouwsteen_transition would need expected_versie to close that gap.
        expected_versie(request, bouwsteen)
        reden = ""
        if transition.needs_reason:
            body = TerugsturenSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            reden = body.validated_data["reden"]
        try:
            bouwsteen = services.bouwsteen_transition(
                bouwsteen=bouwsteen,
                user=request.user,
                actie=transition.name,
                reden=reden,
            )
        except workflow.TransitionRefused as exc:
            raise transitions.as_api_error(
                exc, bouwsteen, transition, request.user
            ) from exc
        return self._respond(bouwsteen)

    def _respond(self, bouwsteen, code=status.HTTP_200_OK, headers=None):
        serializer = BouwsteenSerializer(
            bouwsteen, context=self.get_serializer_context()
        )
        return Response(
            serializer.data,
            status=code,
            headers={"ETag": etag_for(bouwsteen), **(headers or {})},
        )
