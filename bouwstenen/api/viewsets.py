"""The ``bouwstenen`` resource: search, read, create, change, and the workflow operations.

Besides the resource itself: facet counts and similar blocks (``zoeken.FindingMixin``), and what only
the owner writes about a block, its opschalingscheck and its relations, each as an
operation that answers with the whole block and its new ETag. The view only declares and
delegates: reads through ``bouwstenen.selectors``, writes through ``bouwstenen.services``,
checks of the request in ``checks``, conditional requests in ``ConditionalMixin``, and
the text of the OpenAPI document in ``schema.bouwstenen``.
"""

from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.reverse import reverse

from bouwstenen import selectors, services
from bouwstenen.api import checks, export, stored_reads, velden, weergave
from bouwstenen.api.interop import JsonLdRenderer, base_url
from bouwstenen.api.permissions import BouwsteenPermission
from bouwstenen.api.schema.bouwstenen import bouwsteen_schema
from bouwstenen.api.serializers import (
    BouwsteenDetailSerializer,
    BouwsteenSerializer,
    OpschalingscheckInvoerSerializer,
    RelatieInvoerSerializer,
    TerugsturenSerializer,
    api_names,
)
from bouwstenen.api.zoeken import FindingMixin
from bouwstenen.filters import BouwsteenFilter
from bouwstenen.interop.dcat import dcat_catalogue
from core.api import sparse
from core.api.conditional import ConditionalMixin, not_modified
from core.api.idempotency import idempotent
from core.api.pagination import ZoekPaginering
from core.api.problems import service_error
from core.api.renderers import JSONRenderer, Stored
from core.errors import ServiceError
from registry import permissions, workflow


def _workflow_action(transition):
    """``POST .../{uuid}/<transition>``: one step of the workflow (registry.workflow)."""

    @idempotent
    def handler(self, request, uuid=None):
        return self._transition(request, transition)

    # The action's URL and the schema's operation take the name of the method.
    handler.__name__ = handler.__qualname__ = transition.name
    return action(detail=True, methods=["post"])(handler)


@bouwsteen_schema
class BouwsteenViewSet(FindingMixin, ConditionalMixin, viewsets.ModelViewSet):
    serializer_class = BouwsteenSerializer
    representation_serializer_class = BouwsteenDetailSerializer
    filterset_class = BouwsteenFilter
    pagination_class = ZoekPaginering
    permission_classes = [BouwsteenPermission]
    content_negotiation_class = export.ExportNegotiation
    lookup_field = "uuid"

    @property
    def service_field_names(self) -> dict[str, str]:
        """How the services' field names read in this API (core.api.problems)."""
        return api_names()

    def get_queryset(self):
        user = self.request.user
        if self.action == "vergelijkbaar":
            return selectors.bouwsteen_comparable(user)
        if self.action == "list":
            return selectors.bouwsteen_list(user)
        if self.action in self._WRITES:
            return selectors.bouwsteen_to_change(user)
        return selectors.bouwsteen_detail_queryset(user)

    # Actions that change a block answer with what the service returned, reading only
    # its relations and reuse (``refreshed``): the block they start from needs no
    # counts, prefetches or subqueries.
    _WRITES = frozenset(
        {
            "update",
            "partial_update",
            "destroy",
            "indienen",
            "publiceren",
            "terugsturen",
            "archiveren",
            "herstellen",
            "opschalingscheck",
            "relatie_toevoegen",
            "relatie_verwijderen",
        }
    )

    def get_renderers(self):
        if self.action == "list":
            # Linked-data clients ask the collection for DCAT (issue 8), spreadsheet
            # users for a file (issue 19).
            return [JSONRenderer(), JsonLdRenderer()] + [r() for r in export.RENDERERS]
        return super().get_renderers()

    def paginate_queryset(self, queryset):
        if self.paginator is None:
            return None
        # The blocks that rank first for q, as the filter set's search found them, so
        # paging can read a page from them alone (core.paging).
        filterset = getattr(self, "filterset", None)
        page = self.paginator.paginate_queryset(
            queryset,
            self.request,
            view=self,
            leading=filterset.leading if filterset is not None else None,
            ranked_by=filterset.ranked_by if filterset is not None else None,
        )
        if not page:
            self._count_missed_search()
        return page

    # What a client may send beside q without it being a filter on the catalogue.
    _NOT_FILTERS = frozenset({"q", "sort", "page", "pageSize", "format", "fields"})

    def _count_missed_search(self):
        """A search of the whole public catalogue that found nothing is counted for the
        beheerders, as on the search page (issue 18): a member's list holds concepts
        too, and a filter may be what found nothing."""
        params = self.request.query_params
        q = params.get("q", "")
        if not q.strip() or not weergave.serves(self.request):
            return
        if set(params) - self._NOT_FILTERS:
            return
        services.zoekvraag_zonder_resultaat(q=q)

    def get_serializer_class(self):
        if self.action in ("retrieve", "concept"):
            return BouwsteenDetailSerializer
        return BouwsteenSerializer

    def refreshed(self, bouwsteen):
        return selectors.bouwsteen_fresh(bouwsteen, self.request.user)

    def respond(self, bouwsteen, code=status.HTTP_200_OK, headers=None):
        # A write that leaves the block as every reader sees it (publishing, most
        # often) answers with the detail the door just stored, the same body and ETag
        # as serialising it again for the writer.
        stored = stored_reads.written_as_public(bouwsteen)
        if stored is None:
            return super().respond(bouwsteen, code=code, headers=headers)
        data, etag = stored
        return Response(
            Stored(data), status=code, headers={"ETag": etag, **(headers or {})}
        )

    def list(self, request, *args, **kwargs):
        if export.wanted(request):
            return export.file_response(self, request)
        if request.accepted_renderer.media_type == JsonLdRenderer.media_type:
            return Response(dcat_catalogue(base_url=base_url(request)))
        fields = sparse.requested(request, velden.ITEM)
        if not weergave.serves(request):
            response = super().list(request, *args, **kwargs)
            if fields is not None:
                response.data["results"] = [
                    sparse.select(item, fields) for item in response.data["results"]
                ]
            return response
        # The stored list items of the page, in one query (the page with its capped count
        # beside it, core.paging), with the same filters, order and paging as the
        # serialized list (bouwstenen.api.stored_reads).
        queryset = self.filter_queryset(selectors.bouwsteen_list_stored())
        rows = self.paginate_queryset(stored_reads.with_list_item(queryset))
        response = self.get_paginated_response(stored_reads.list_items(rows, fields))
        response.data = Stored(response.data)
        return response

    def selected(self, data, etag):
        fields = sparse.requested(self.request, velden.DETAIL)
        if fields is None:
            return data, etag
        return sparse.select(data, fields), sparse.tagged(etag, fields)

    def retrieve(self, request, *args, **kwargs):
        if not weergave.serves(request) or not checks.is_uuid(kwargs["uuid"]):
            return super().retrieve(request, *args, **kwargs)
        stored = stored_reads.detail(
            kwargs["uuid"], sparse.requested(request, velden.DETAIL)
        )
        if stored is None:
            # Not public: the serialized way says 404 as it always does.
            return super().retrieve(request, *args, **kwargs)
        data, etag = stored
        if not_modified(request, etag):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        return Response(Stored(data), headers={"ETag": etag})

    @idempotent
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        bouwsteen = serializer.save()
        location = reverse(
            "api:bouwsteen-detail", kwargs={"uuid": bouwsteen.uuid}, request=request
        )
        return self.respond(
            bouwsteen, code=status.HTTP_201_CREATED, headers={"Location": location}
        )

    def update(self, request, *args, **kwargs):
        bouwsteen = self.get_object()
        versie = self.precondition(bouwsteen)
        view, _inhoud = services.current_content(bouwsteen)
        serializer = self.get_serializer(
            view, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        return self.respond(serializer.save(expected_versie=versie))

    def destroy(self, request, *args, **kwargs):
        return self._transition(request, workflow.ARCHIVEREN)

    # --- the workflow --------------------------------------------------------------

    indienen = _workflow_action(workflow.INDIENEN)
    publiceren = _workflow_action(workflow.PUBLICEREN)
    terugsturen = _workflow_action(workflow.TERUGSTUREN)
    archiveren = _workflow_action(workflow.ARCHIVEREN)
    herstellen = _workflow_action(workflow.HERSTELLEN)

    @action(detail=True, methods=["get", "delete"])
    def concept(self, request, uuid=None):
        if request.method == "DELETE":
            return self._transition(request, workflow.VERWERPEN)
        bouwsteen = self.get_object()
        if bouwsteen.werkversie is None or not permissions.role_in(
            request.user, bouwsteen.organisatie_id
        ):
            raise NotFound("Deze bouwsteen heeft geen concept van wijzigingen.")
        view, _inhoud = services.current_content(bouwsteen)
        return Response(
            self.representation(view), headers={"ETag": self.etag(bouwsteen)}
        )

    def _transition(self, request, transition):
        bouwsteen = self.get_object()
        refused = services.transition_refusal(bouwsteen, transition, request.user)
        if refused is not None:
            # Before If-Match and the body: what cannot succeed is said first.
            raise refused
        # Compared again under the services' lock: a write that raced in between the
        # check here and the lock is a 412 too, never a decision on an old version.
        versie = self.precondition(bouwsteen)
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
        return self.respond(bouwsteen)

    # --- what the owner says about the block ---------------------------------------

    @action(detail=True, methods=["patch"])
    def opschalingscheck(self, request, uuid=None):
        bouwsteen = self.get_object()
        versie = self.precondition(bouwsteen)
        body = OpschalingscheckInvoerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        antwoorden = body.validated_data.get("antwoorden", [])
        checks.require_new_answers(bouwsteen, antwoorden)
        if not antwoorden:
            # Nothing to change, as with any PATCH that sends no fields.
            return self.respond(bouwsteen)
        try:
            written = services.opschalingscheck_save(
                user=request.user,
                bouwsteen=bouwsteen,
                answers=checks.answers_by_precondition(antwoorden),
                expected_versie=versie,
            )
        except ServiceError as exc:
            raise service_error(exc, checks.answer_names(antwoorden)) from exc
        return self.respond(written)

    @action(detail=True, methods=["post"], url_path="relaties")
    @idempotent
    def relatie_toevoegen(self, request, uuid=None):
        bouwsteen = self.get_object()
        versie = self.precondition(bouwsteen)
        body = RelatieInvoerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        written = services.relatie_add(
            user=request.user,
            van=bouwsteen,
            type=body.validated_data["type"],
            naar=checks.relatie_target(
                request.user, bouwsteen, body.validated_data["naar"]
            ),
            expected_versie=versie,
        )
        return self.respond(written)

    @action(
        detail=True,
        methods=["delete"],
        url_path=r"relaties/(?P<type>[^/.]+)/(?P<naar>[^/.]+)",
        url_name="relatie",
    )
    def relatie_verwijderen(self, request, **kwargs):
        bouwsteen = self.get_object()
        naar = checks.existing_relatie_target(bouwsteen, kwargs["type"], kwargs["naar"])
        versie = self.precondition(bouwsteen)
        written = services.relatie_remove(
            user=request.user,
            van=bouwsteen,
            type=kwargs["type"],
            naar=naar,
            expected_versie=versie,
        )
        return self.respond(written)
