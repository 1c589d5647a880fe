"""The ``bouwstenen`` resource: search, read, create, change, and the workflow operations.

Besides the resource itself: facet counts and similar blocks (``zoeken``), and what only
the owner writes about a block, its opschalingscheck and its relations, each as an
operation that answers with the whole block and its new ETag.
"""

import uuid as uuid_lib

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ErrorDetail, NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.reverse import reverse

from bouwstenen import readiness, services
from bouwstenen.api.filters import BouwsteenFilter
from bouwstenen.api.interop import DcatCatalogusSerializer, JsonLdRenderer, base_url
from bouwstenen.api.permissions import BouwsteenPermission
from bouwstenen.api.serializers import (
    BouwsteenDetailSerializer,
    BouwsteenSerializer,
    OpschalingscheckInvoerSerializer,
    RelatieInvoerSerializer,
    TerugsturenSerializer,
    VergelijkbaarLijstSerializer,
    VergelijkbaarVraagSerializer,
    api_names,
)
from bouwstenen.api.zoeken import FacettenSerializer, facet_counts, similar
from bouwstenen.constants import RelatieType
from bouwstenen.interop.dcat import dcat_catalogue
from bouwstenen.models import Bouwsteen, Relatie
from bouwstenen.selectors import bouwstenen_visible_to, with_relations
from core.api.conditional import (
    ETAG_LIST_PATTERN,
    etag_for,
    expected_versie,
    not_modified,
)
from core.api.idempotency import idempotent
from core.api.problems import service_error
from core.errors import ServiceError
from registry import permissions, workflow

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
RELATIE_TYPE = OpenApiParameter(
    "type",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    enum=RelatieType.values,
    description="Het soort relatie.",
)
RELATIE_NAAR = OpenApiParameter(
    "naar",
    OpenApiTypes.UUID,
    OpenApiParameter.PATH,
    description="De uuid van de bouwsteen waar de relatie naar wijst.",
)


def _operation(summary: str, description: str, **kwargs):
    return extend_schema(summary=summary, description=description, **kwargs)


def _transition_operation(summary: str, description: str, **kwargs):
    kwargs.setdefault("request", None)
    kwargs.setdefault("parameters", [])
    kwargs["parameters"] = [*kwargs["parameters"], IF_MATCH, ETAG]
    return _operation(
        summary,
        description,
        responses={200: BouwsteenDetailSerializer},
        **kwargs,
    )


def with_details(queryset, user):
    """What the detail adds to a list item: the answers, the relations and the concept of
    changes, in three queries and a join. Relations to blocks the user may not see are
    left out."""
    visible = bouwstenen_visible_to(user).values("pk")
    return queryset.select_related("concept").prefetch_related(
        "opschalingsantwoorden",
        Prefetch(
            "relaties_uit",
            queryset=Relatie.objects.filter(naar__in=visible)
            .select_related("naar__organisatie")
            .order_by("type", "naar__naam", "pk"),
        ),
        Prefetch(
            "relaties_in",
            queryset=Relatie.objects.filter(van__in=visible)
            .select_related("van__organisatie")
            .order_by("type", "van__naam", "pk"),
        ),
    )


@extend_schema_view(
    list=_operation(
        "Bouwstenen zoeken",
        "Gepubliceerde bouwstenen, en voor leden ook de overige van hun eigen "
        "organisaties. Meerdere waarden van één filter (herhaald of met komma's) "
        "selecteren elk ervan; verschillende filters gelden samen. Elke bouwsteen "
        "draagt zijn afgeleide cijfers: hergebruik (inGebruik, inPilot, "
        "hergebruikActief) en opschalingsscore. Met Accept: application/ld+json komt "
        "in plaats daarvan de DCAT-AP-catalogus (als GET /dcat; filters en paginering "
        "gelden dan niet).",
        responses={
            (200, "application/json"): BouwsteenSerializer(many=True),
            (200, "application/ld+json"): DcatCatalogusSerializer,
        },
    ),
    retrieve=_operation(
        "Eén bouwsteen",
        "Met de opschalingscheck per voorwaarde en de relaties in beide richtingen, en "
        "een ETag; met If-None-Match en een ongewijzigde bouwsteen volgt 304.",
        parameters=[IF_NONE_MATCH, ETAG],
        responses={200: BouwsteenDetailSerializer, 304: None},
    ),
    create=_operation(
        "Bouwsteen aanmaken",
        "Als concept, voor een organisatie waarvan het token lid is. Met een "
        "Idempotency-Key geeft een herhaling hetzelfde antwoord zonder iets dubbel op "
        "te slaan.",
        parameters=[ETAG, LOCATION],
        request=BouwsteenSerializer,
        responses={201: BouwsteenDetailSerializer},
    ),
    update=_operation(
        "Bouwsteen vervangen",
        "Verplichte velden moeten erbij; weggelaten optionele velden blijven zoals ze "
        "waren. Een concept mag elk lid wijzigen; wat ter beoordeling ligt alleen een "
        "publicist. Een gepubliceerde bouwsteen verandert niet meteen: de wijziging "
        "komt in zijn concept (zie concept en GET .../concept), dat een tweede persoon "
        "publiceert; tot dan blijft de gepubliceerde versie staan. Dat concept blijft "
        "compleet: een wijziging die iets weghaalt wat publicatie vraagt, geeft 400. "
        "De eigenaar wijzigt alleen met een overdracht.",
        parameters=[IF_MATCH, ETAG],
        request=BouwsteenSerializer,
        responses={200: BouwsteenDetailSerializer},
    ),
    partial_update=_operation(
        "Bouwsteen deels wijzigen",
        "Alleen de meegestuurde velden veranderen; verder als vervangen.",
        parameters=[IF_MATCH, ETAG],
        request=BouwsteenSerializer,
        responses={200: BouwsteenDetailSerializer},
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

    @property
    def service_field_names(self) -> dict[str, str]:
        """How the services' field names read in this API (core.api.problems)."""
        return api_names()

    def get_queryset(self):
        visible = bouwstenen_visible_to(self.request.user)
        if self.action == "vergelijkbaar":
            # Only what similarity compares; the answer shows other blocks.
            return visible.prefetch_related("themas", "referentiecomponenten")
        # The counts are subqueries in the same query: no extra query per block.
        queryset = with_relations(readiness.with_counts(visible)).order_by("naam", "pk")
        if self.action == "list":
            return queryset
        return with_details(queryset, self.request.user)

    def get_renderers(self):
        if self.action == "list":
            # Linked-data clients ask the collection for DCAT (issue 8).
            return [JSONRenderer(), JsonLdRenderer()]
        return super().get_renderers()

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.media_type == JsonLdRenderer.media_type:
            return Response(dcat_catalogue(base_url=base_url(request)))
        return super().list(request, *args, **kwargs)

    def paginate_queryset(self, queryset):
        if self.paginator is None:
            return None
        # The blocks that rank first for q, as the filter set's search found them, so
        # paging can read a page from them alone (core.paging).
        filterset = getattr(self, "filterset", None)
        return self.paginator.paginate_queryset(
            queryset,
            self.request,
            view=self,
            leading=filterset.leading if filterset is not None else None,
        )

    def get_serializer_class(self):
        if self.action in ("retrieve", "concept"):
            return BouwsteenDetailSerializer
        return BouwsteenSerializer

    def retrieve(self, request, *args, **kwargs):
        bouwsteen = self.get_object()
        data = self._representation(bouwsteen)
        etag = etag_for(bouwsteen, data)
        if not_modified(request, etag):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        return Response(data, headers={"ETag": etag})

    @idempotent
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
        versie = expected_versie(request, bouwsteen, self._etag(bouwsteen))
        view, _inhoud = services.current_content(bouwsteen)
        serializer = self.get_serializer(
            view, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        bouwsteen = serializer.save(expected_versie=versie)
        return self._respond(bouwsteen)

    def destroy(self, request, *args, **kwargs):
        return self._transition(request, workflow.ARCHIVEREN)

    # --- the workflow --------------------------------------------------------------

    @_transition_operation(
        "Ter beoordeling aanbieden",
        "Van concept naar ter beoordeling; elk lid van de organisatie mag dit.",
        operation_id="bouwstenen_indienen",
    )
    @action(detail=True, methods=["post"])
    @idempotent
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
    @idempotent
    def publiceren(self, request, uuid=None):
        return self._transition(request, workflow.PUBLICEREN)

    @_transition_operation(
        "Terugsturen naar de redacteur",
        "Van ter beoordeling terug naar concept, met een reden; alleen een publicist.",
        request=TerugsturenSerializer,
        operation_id="bouwstenen_terugsturen",
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def terugsturen(self, request, uuid=None):
        return self._transition(request, workflow.TERUGSTUREN)

    @_transition_operation(
        "Archiveren",
        "Uit elke status naar gearchiveerd (hetzelfde als DELETE); alleen een publicist.",
        operation_id="bouwstenen_archiveren",
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def archiveren(self, request, uuid=None):
        return self._transition(request, workflow.ARCHIVEREN)

    @_transition_operation(
        "Herstellen uit het archief",
        "Terug naar gepubliceerd als de bouwsteen ooit gepubliceerd was, anders naar "
        "concept; alleen een publicist.",
        operation_id="bouwstenen_herstellen",
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def herstellen(self, request, uuid=None):
        return self._transition(request, workflow.HERSTELLEN)

    @extend_schema(
        methods=["get"],
        summary="Het concept van een gepubliceerde bouwsteen",
        description="De wijzigingen van een gepubliceerde bouwsteen die nog niet "
        "gepubliceerd zijn, als de hele bouwsteen zoals hij na publicatie zou zijn. "
        "Alleen voor leden van de eigenaar; 404 als er geen concept is. Indienen, "
        "publiceren en terugsturen werken op het concept zolang het er is.",
        responses={200: BouwsteenDetailSerializer},
        operation_id="bouwstenen_concept",
    )
    @extend_schema(
        methods=["delete"],
        summary="Het concept weggooien",
        description="Gooit de nog niet gepubliceerde wijzigingen weg; de gepubliceerde "
        "versie blijft. Alleen zolang het concept niet ter beoordeling ligt. Geeft de "
        "bouwsteen terug.",
        request=None,
        parameters=[IF_MATCH, ETAG],
        responses={200: BouwsteenDetailSerializer},
        operation_id="bouwstenen_concept_destroy",
    )
    @action(detail=True, methods=["get", "delete"])
    def concept(self, request, uuid=None):
        if request.method == "DELETE":
            return self._transition(request, workflow.VERWERPEN)
        bouwsteen = self.get_object()
        werkversie = bouwsteen.werkversie
        if werkversie is None or not permissions.role_in(
            request.user, bouwsteen.organisatie_id
        ):
            raise NotFound("Deze bouwsteen heeft geen concept van wijzigingen.")
        view, _inhoud = services.current_content(bouwsteen)
        data = self._representation(view)
        return Response(data, headers={"ETag": self._etag(bouwsteen)})

    def _transition(self, request, transition):
        bouwsteen = self.get_object()
        refused = services.transition_refusal(bouwsteen, transition, request.user)
        if refused is not None:
            # Before If-Match and the body: what cannot succeed is said first.
            raise refused
        # Compared again under the services' lock: a write that raced in between the
        # check here and the lock is a 412 too, never a decision on an old version.
        versie = expected_versie(request, bouwsteen, self._etag(bouwsteen))
        reden = ""
        if transition.needs_reason:
            body = TerugsturenSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            reden = body.validated_data["reden"]
        bouwsteen = services.bouwsteen_transition(
            bouwsteen=bouwsteen,
            user=request.user,
            actie=transition.name,
            reden=reden,
            expected_versie=versie,
        )
        return self._respond(bouwsteen)

    # --- what the owner says about the block ---------------------------------------

    @_transition_operation(
        "Opschalingscheck invullen",
        "Geeft of wijzigt antwoorden van de opschalingscheck (ja, deels, nee of nvt, met "
        "een toelichting en een link als bewijs); voorwaarden die u niet noemt blijven "
        "zoals ze zijn. Alleen wie de bouwsteen mag wijzigen (een concept: elk lid; "
        "anders een publicist). Geeft de bouwsteen terug, met de nieuwe score.",
        request=OpschalingscheckInvoerSerializer,
        operation_id="bouwstenen_opschalingscheck",
    )
    @action(detail=True, methods=["patch"])
    def opschalingscheck(self, request, uuid=None):
        bouwsteen = self.get_object()
        versie = expected_versie(request, bouwsteen, self._etag(bouwsteen))
        body = OpschalingscheckInvoerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        antwoorden = body.validated_data.get("antwoorden", [])
        _view, inhoud = services.current_content(bouwsteen)
        _require_new_answers(inhoud, antwoorden)
        if not antwoorden:
            # Nothing to change, as with any PATCH that sends no fields.
            return self._respond(bouwsteen)
        try:
            services.opschalingscheck_save(
                user=request.user,
                bouwsteen=bouwsteen,
                answers={
                    a["voorwaarde"]: {k: v for k, v in a.items() if k != "voorwaarde"}
                    for a in antwoorden
                },
                expected_versie=versie,
            )
        except ServiceError as exc:
            # The services name an answer by its precondition; the client sent a list.
            position = {a["voorwaarde"]: i for i, a in enumerate(antwoorden)}
            names = {
                f"opschalingscheck.{code}.{field}": f"antwoorden.{i}.{api}"
                for code, i in position.items()
                for field, api in (
                    ("antwoord", "antwoord"),
                    ("toelichting", "toelichting"),
                    ("bewijs_url", "bewijs"),
                )
            }
            raise service_error(exc, names) from exc
        return self._respond(bouwsteen)

    @_transition_operation(
        "Relatie leggen",
        "Legt een relatie van deze bouwsteen naar een andere die u kunt zien (gebruikt, "
        "is gebaseerd op, is een alternatief voor, is onderdeel van). Alleen wie de "
        "bouwsteen mag wijzigen; bij een gepubliceerde bouwsteen komt de relatie in "
        "zijn concept. Dezelfde relatie nog eens: 409. Geeft de bouwsteen terug.",
        request=RelatieInvoerSerializer,
        operation_id="bouwstenen_relaties_create",
    )
    @action(detail=True, methods=["post"], url_path="relaties")
    @idempotent
    def relatie_toevoegen(self, request, uuid=None):
        bouwsteen = self.get_object()
        versie = expected_versie(request, bouwsteen, self._etag(bouwsteen))
        body = RelatieInvoerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.relatie_add(
            user=request.user,
            van=bouwsteen,
            type=body.validated_data["type"],
            naar=self._naar(body, bouwsteen),
            expected_versie=versie,
        )
        return self._respond(bouwsteen)

    @_transition_operation(
        "Relatie verwijderen",
        "Haalt de relatie van deze bouwsteen van dit type naar die bouwsteen weg "
        "(bij een gepubliceerde bouwsteen: in zijn concept). Alleen wie de bouwsteen "
        "mag wijzigen. Geeft de bouwsteen terug.",
        parameters=[RELATIE_TYPE, RELATIE_NAAR],
        operation_id="bouwstenen_relaties_destroy",
    )
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"relaties/(?P<type>[^/.]+)/(?P<naar>[^/.]+)",
        url_name="relatie",
    )
    def relatie_verwijderen(self, request, **kwargs):
        bouwsteen = self.get_object()
        naar = _naar_of_relatie(bouwsteen, kwargs["type"], kwargs["naar"])
        versie = expected_versie(request, bouwsteen, self._etag(bouwsteen))
        services.relatie_remove(
            user=request.user,
            van=bouwsteen,
            type=kwargs["type"],
            naar=naar,
            expected_versie=versie,
        )
        return self._respond(bouwsteen)

    # --- finding ---------------------------------------------------------------------

    @extend_schema(
        summary="Facetten: aantallen per filterwaarde",
        description="Met dezelfde filters en q als de lijst: per dimensie (soort, "
        "levensfase, thema, laag, referentiecomponent, organisatieSoort, organisatie, "
        "licentie) de waarden met hun aantal. Het aantal van een waarde is wat de lijst "
        "geeft als u die waarde voor die filter kiest en de andere filters houdt (de "
        "eigen filter van een dimensie telt voor haar aantallen niet mee). sort, page "
        "en pageSize doen hier niets. Een ongeldige filter geeft dezelfde 400 als de "
        "lijst.",
        filters=True,
        responses={200: FacettenSerializer},
        operation_id="bouwstenen_facetten",
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def facetten(self, request):
        return Response(facet_counts(request, bouwstenen_visible_to(request.user)))

    @extend_schema(
        summary="Vergelijkbare bouwstenen",
        description="De vijf gepubliceerde bouwstenen die het meest op deze lijken "
        "(woorden in naam en samenvatting, gedeelde thema's en GEMMA-componenten), "
        "met een score van 0 tot 1, hun eigenaar en hun hergebruik.",
        request=None,
        responses={200: VergelijkbaarLijstSerializer},
        operation_id="bouwstenen_vergelijkbaar",
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def vergelijkbaar(self, request, uuid=None):
        bouwsteen = self.get_object()
        found = similar(
            naam=bouwsteen.naam,
            samenvatting=bouwsteen.samenvatting,
            thema_ids=[t.pk for t in bouwsteen.themas.all()],
            component_ids=[c.pk for c in bouwsteen.referentiecomponenten.all()],
            exclude_pk=bouwsteen.pk,
        )
        return self._similar(found)

    @extend_schema(
        summary="Bestaat dit al?",
        description="Een proefvraag die niets opslaat: geef de naam en samenvatting "
        "(en eventueel thema's en GEMMA-componenten) van een bouwsteen die u wilt "
        "aanmaken, en zie de vijf meest vergelijkbare gepubliceerde bouwstenen met hun "
        "eigenaar en hun hergebruik. Kan zonder token; telt mee voor dezelfde "
        "limieten als lezen.",
        request=VergelijkbaarVraagSerializer,
        responses={200: VergelijkbaarLijstSerializer},
        operation_id="bouwstenen_vergelijkbaar_zoeken",
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="vergelijkbaar",
        url_name="vergelijkbaar-zoeken",
        permission_classes=[AllowAny],
        pagination_class=None,
        filter_backends=[],
    )
    def vergelijkbaar_zoeken(self, request):
        body = VergelijkbaarVraagSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        vraag = body.validated_data
        found = similar(
            naam=vraag["naam"],
            samenvatting=vraag["samenvatting"],
            thema_ids=[t.pk for t in vraag.get("themas", [])],
            component_ids=[c.pk for c in vraag.get("referentiecomponenten", [])],
        )
        return self._similar(found)

    # --- helpers ---------------------------------------------------------------------

    def _similar(self, found):
        return Response(
            VergelijkbaarLijstSerializer(
                {"results": found}, context=self.get_serializer_context()
            ).data
        )

    def _naar(self, body, bouwsteen) -> Bouwsteen:
        naar = (
            bouwstenen_visible_to(self.request.user)
            .filter(uuid=body.validated_data["naar"])
            .first()
        )
        if naar is None:
            raise ValidationError(
                {
                    "naar": [
                        ErrorDetail(
                            f"Onbekende bouwsteen: {body.validated_data['naar']}.",
                            code="does_not_exist",
                        )
                    ]
                }
            )
        if naar.pk == bouwsteen.pk:
            raise ValidationError(
                {
                    "naar": [
                        ErrorDetail(
                            "Een bouwsteen kan geen relatie met zichzelf hebben.",
                            code="invalid",
                        )
                    ]
                }
            )
        return naar

    def _representation(self, bouwsteen) -> dict:
        return BouwsteenDetailSerializer(
            bouwsteen, context=self.get_serializer_context()
        ).data

    def _etag(self, bouwsteen) -> str:
        return etag_for(bouwsteen, self._representation(bouwsteen))

    def _respond(self, bouwsteen, code=status.HTTP_200_OK, headers=None):
        # Read again, with the counts and the details as they are now.
        fresh = with_details(
            with_relations(
                readiness.with_counts(Bouwsteen.objects.filter(pk=bouwsteen.pk))
            ),
            self.request.user,
        ).get()
        data = self._representation(fresh)
        return Response(
            data,
            status=code,
            headers={"ETag": etag_for(fresh, data), **(headers or {})},
        )


def _require_new_answers(inhoud, antwoorden) -> None:
    """A precondition answered for the first time needs an answer (ja, deels, nee, nvt)."""
    answered = set(inhoud["opschalingscheck"])
    missing = {
        str(index): {
            "antwoord": [
                ErrorDetail(
                    "Deze voorwaarde heeft nog geen antwoord: geef ja, deels, nee of "
                    "nvt.",
                    code="required",
                )
            ]
        }
        for index, antwoord in enumerate(antwoorden)
        if "antwoord" not in antwoord and antwoord["voorwaarde"] not in answered
    }
    if missing:
        raise ValidationError({"antwoorden": missing})


def _naar_of_relatie(bouwsteen, type_: str, naar: str) -> Bouwsteen:
    """The block a relation of ``bouwsteen`` (as its members now edit it) points at."""
    try:
        naar_uuid = uuid_lib.UUID(naar)
    except ValueError:
        naar_uuid = None
    _view, inhoud = services.current_content(bouwsteen)
    target = Bouwsteen.objects.filter(uuid=naar_uuid).first() if naar_uuid else None
    if target is None or [type_, target.pk] not in inhoud["relaties"]:
        raise NotFound(
            "Deze bouwsteen heeft geen relatie van dit type naar die bouwsteen."
        )
    return target
