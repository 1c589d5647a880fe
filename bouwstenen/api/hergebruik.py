"""``/api/v1/bouwstenen/{uuid}/hergebruik``: which organisations reuse a building block.

One record per reusing organisation, so a record is addressed by that organisation's
code (``.../hergebruik/GM0344``), its natural key. Reading is public (for a block you can
see). A member of the reusing organisation records its reuse (``bevestigd``, counted); a
member of the owner may report that another organisation uses it (``gemeld``: shown
apart, never counted) until a member of that organisation confirms
(``.../bevestigen``) or rejects (``.../afwijzen``) it. Every write goes through
``bouwstenen.services``. A second record for the same organisation is a 409 that points
at the existing one. Withdrawing deletes the record; its versions stay in the history.
"""

from django.db import transaction
from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response
from rest_framework.reverse import reverse

from bouwstenen import services
from bouwstenen.api.permissions import HergebruikPermission
from bouwstenen.api.referentiedata.serializers import OrganisatieVerwijzingSerializer
from bouwstenen.api.serializers import ContactpuntSerializer
from bouwstenen.constants import HergebruikStadium, HergebruikStatus
from bouwstenen.models import Hergebruik
from bouwstenen.selectors import bouwstenen_visible_to
from core.api.conditional import ETAG_LIST_PATTERN, etag_for, if_match, not_modified
from core.api.exceptions import Conflict
from core.api.fields import (
    NaturalKeyRelatedField,
    StrictCharField,
    StrictModelSerializer,
)
from core.api.idempotency import idempotent
from registry import permissions
from registry.models import Organisatie

# How the model's field names read in the API, for errors from the services.
API_NAMES = {
    "contact_naam": "contactpunt.naam",
    "contact_email": "contactpunt.email",
    "afwijzing_reden": "reden",
}


@extend_schema_field(OpenApiTypes.URI)
class HergebruikUrlField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, hergebruik):
        return hergebruik_url(hergebruik, self.context.get("request"))


def hergebruik_url(hergebruik, request) -> str:
    return reverse(
        "api:hergebruik-detail",
        kwargs={
            "uuid": hergebruik.bouwsteen.uuid,
            "organisatie": hergebruik.organisatie.code,
        },
        request=request,
    )


class HergebruikSerializer(StrictModelSerializer):
    url = HergebruikUrlField(
        help_text="Dit hergebruik: .../bouwstenen/{uuid}/hergebruik/{organisatie}."
    )
    organisatie = NaturalKeyRelatedField(
        queryset=Organisatie.objects.all(),
        slug_field="code",
        reference_serializer=OrganisatieVerwijzingSerializer,
        error_messages={"does_not_exist": "Onbekende organisatie: {value}."},
        help_text="De organisatie die de bouwsteen hergebruikt, een waarvan u lid bent; "
        "schrijven met de code (GM0344), lezen als object. Ligt vast na het aanmaken.",
    )
    stadium = serializers.ChoiceField(
        choices=HergebruikStadium.choices,
        required=False,
        help_text="Hoe ver de organisatie is; standaard interesse.",
    )
    sinds = serializers.DateField(
        required=False, allow_null=True, help_text="Vanaf wanneer, ongeveer."
    )
    ervaring = StrictCharField(
        required=False,
        allow_blank=True,
        max_length=20000,
        help_text="Het verhaal van de organisatie, in Markdown: wat ging goed, wat "
        "moest anders, wat raadt zij anderen aan. Openbaar.",
    )
    resultaten = StrictCharField(
        required=False,
        allow_blank=True,
        max_length=20000,
        help_text="Wat het opleverde, liefst concreet en meetbaar. Openbaar.",
    )
    contactpunt = ContactpuntSerializer(
        source="*",
        required=False,
        help_text="Wie anderen over dit hergebruik kunnen vragen; openbaar, dus bij "
        "voorkeur een functioneel adres.",
    )
    status = serializers.ChoiceField(
        choices=HergebruikStatus.choices,
        read_only=True,
        help_text="bevestigd: de organisatie zegt het zelf (alleen dat telt mee); "
        "gemeld: een ander zegt het, de organisatie heeft het nog niet bevestigd; "
        "afgewezen: de organisatie zegt dat het niet klopt.",
    )
    gemeldDoor = OrganisatieVerwijzingSerializer(
        source="gemeld_namens",
        read_only=True,
        allow_null=True,
        help_text="Wie het hergebruik meldde; null als de organisatie het zelf "
        "vastlegde.",
    )
    gemeldOp = serializers.DateTimeField(
        source="gemeld_op", read_only=True, allow_null=True
    )
    bron = serializers.CharField(
        source="melding_bron",
        read_only=True,
        help_text="Waar een melding vandaan komt, zoals ‘publiccode.yml (usedBy)’.",
    )
    aangemaaktOp = serializers.DateTimeField(source="aangemaakt_op", read_only=True)
    gewijzigdOp = serializers.DateTimeField(source="gewijzigd_op", read_only=True)

    class Meta:
        model = Hergebruik
        fields = [
            "url",
            "organisatie",
            "status",
            "stadium",
            "sinds",
            "ervaring",
            "resultaten",
            "contactpunt",
            "gemeldDoor",
            "gemeldOp",
            "bron",
            "aangemaaktOp",
            "gewijzigdOp",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance is not None:
            # The organisation is the record's key; a change of it is refused below.
            self.fields["organisatie"].required = False

    def validate_organisatie(self, organisatie):
        if self.instance is not None and organisatie.pk != self.instance.organisatie_id:
            raise serializers.ValidationError(
                "Het hergebruik hoort bij een andere organisatie; leg voor deze "
                "organisatie een eigen hergebruik vast.",
                code="immutable",
            )
        return organisatie


class BevestigenSerializer(StrictModelSerializer):
    """Wat uw organisatie zelf over het hergebruik zegt bij het bevestigen; weggelaten
    velden houden wat de melding zei."""

    stadium = serializers.ChoiceField(choices=HergebruikStadium.choices, required=False)
    sinds = serializers.DateField(required=False, allow_null=True)
    ervaring = StrictCharField(required=False, allow_blank=True, max_length=20000)
    resultaten = StrictCharField(required=False, allow_blank=True, max_length=20000)
    contactpunt = ContactpuntSerializer(source="*", required=False)

    class Meta:
        model = Hergebruik
        fields = ["stadium", "sinds", "ervaring", "resultaten", "contactpunt"]


class AfwijzenSerializer(serializers.Serializer):
    reden = StrictCharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="Waarom het niet klopt; de melder ziet dit.",
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
ETAG = OpenApiParameter(
    "ETag",
    type=str,
    location=OpenApiParameter.HEADER,
    response=[200, 201, 304],
    required=True,
    description="De versie van dit hergebruik; stuur hem terug in If-Match of "
    "If-None-Match.",
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    type=str,
    location=OpenApiParameter.HEADER,
    pattern=ETAG_LIST_PATTERN,
    description="Alleen uitvoeren als het hergebruik nog deze ETag heeft; anders 412.",
)
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    type=str,
    location=OpenApiParameter.HEADER,
    pattern=ETAG_LIST_PATTERN,
    description="Geeft 304 zonder body als het hergebruik nog deze ETag heeft.",
)
LOCATION = OpenApiParameter(
    "Location",
    type=str,
    location=OpenApiParameter.HEADER,
    response=[201],
    required=True,
    description="De URL van het nieuwe hergebruik.",
)
WRITES = (
    "Alleen leden van de hergebruikende organisatie; de eigenaar van de bouwsteen "
    "schrijft het niet voor een ander."
)


@extend_schema_view(
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
        parameters=[BOUWSTEEN_UUID, ETAG, LOCATION],
    ),
    retrieve=extend_schema(
        summary="Eén hergebruik",
        description="Met een ETag; met If-None-Match en een ongewijzigd hergebruik volgt "
        "304.",
        parameters=[BOUWSTEEN_UUID, ORGANISATIE, IF_NONE_MATCH, ETAG],
        responses={200: HergebruikSerializer, 304: None},
    ),
    update=extend_schema(
        summary="Hergebruik vervangen",
        description="Weggelaten velden blijven zoals ze waren; de organisatie ligt "
        "vast. " + WRITES,
        parameters=[BOUWSTEEN_UUID, ORGANISATIE, IF_MATCH, ETAG],
    ),
    partial_update=extend_schema(
        summary="Hergebruik deels wijzigen",
        description="Alleen de meegestuurde velden veranderen. " + WRITES,
        parameters=[BOUWSTEEN_UUID, ORGANISATIE, IF_MATCH, ETAG],
    ),
    destroy=extend_schema(
        summary="Hergebruik intrekken",
        description="Verwijdert het hergebruik; eerdere versies blijven in de "
        "geschiedenis. " + WRITES,
        parameters=[BOUWSTEEN_UUID, ORGANISATIE, IF_MATCH],
        responses={204: None},
    ),
)
class HergebruikViewSet(viewsets.ModelViewSet):
    serializer_class = HergebruikSerializer
    service_field_names = API_NAMES
    permission_classes = [HergebruikPermission]
    queryset = Hergebruik.objects.none()  # per block, see get_queryset
    lookup_field = "organisatie__code"
    lookup_url_kwarg = "organisatie"
    lookup_value_regex = "[A-Za-z0-9]+"
    filter_backends = []

    def get_bouwsteen(self):
        """The block in the path, if the caller may see it (404 otherwise)."""
        if not hasattr(self, "_bouwsteen"):
            self._bouwsteen = get_object_or_404(
                bouwstenen_visible_to(self.request.user).select_related("organisatie"),
                uuid=self.kwargs["uuid"],
            )
        return self._bouwsteen

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Hergebruik.objects.none()
        bouwsteen = self.get_bouwsteen()
        # A rejected report concerns the two organisations only.
        own = list(permissions.roles_of(self.request.user))
        shown = ~Q(status=HergebruikStatus.AFGEWEZEN) | Q(organisatie__in=own)
        if bouwsteen.organisatie_id in own or self.request.user.is_superuser:
            shown = Q()
        return (
            Hergebruik.objects.filter(bouwsteen=bouwsteen)
            .filter(shown)
            .select_related("organisatie", "bouwsteen", "gemeld_namens")
            .order_by("organisatie__naam", "pk")
        )

    def retrieve(self, request, *args, **kwargs):
        hergebruik = self.get_object()
        data = self.get_serializer(hergebruik).data
        etag = etag_for(hergebruik, data)
        if not_modified(request, etag):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        return Response(data, headers={"ETag": etag})

    @idempotent
    def create(self, request, *args, **kwargs):
        bouwsteen = self.get_bouwsteen()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        organisatie = values.pop("organisatie")
        existing = (
            Hergebruik.objects.filter(bouwsteen=bouwsteen, organisatie=organisatie)
            # A report the organisation rejected does not stand in its way: recording
            # its reuse now makes that record its own (the services do that).
            .exclude(status=HergebruikStatus.AFGEWEZEN)
            .select_related("bouwsteen", "organisatie")
        )
        if existing and organisatie.pk in permissions.roles_of(request.user):
            # Only members learn that their organisation has a record already.
            raise _duplicate(existing[0], request)
        hergebruik = services.hergebruik_record(
            user=request.user,
            bouwsteen=bouwsteen,
            organisatie=organisatie,
            values=values,
        )
        return self._respond(
            hergebruik,
            code=status.HTTP_201_CREATED,
            headers={"Location": hergebruik_url(hergebruik, request)},
        )

    def update(self, request, *args, **kwargs):
        partial = kwargs.get("partial", False)
        with transaction.atomic():
            hergebruik = self._locked_object()
            self._check_if_match(request, hergebruik)
            serializer = self.get_serializer(
                hergebruik, data=request.data, partial=partial
            )
            serializer.is_valid(raise_exception=True)
            values = dict(serializer.validated_data)
            values.pop("organisatie", None)
            hergebruik = services.hergebruik_update(
                user=request.user, hergebruik=hergebruik, values=values
            )
        return self._respond(hergebruik)

    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            hergebruik = self._locked_object()
            self._check_if_match(request, hergebruik)
            services.hergebruik_withdraw(user=request.user, hergebruik=hergebruik)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Gemeld hergebruik bevestigen",
        description="‘Ja, wij gebruiken dit’: een lid van de genoemde organisatie "
        "bevestigt wat een ander meldde; daarna telt het mee, met het stadium en de "
        "ervaring die u meestuurt (weggelaten: wat de melding zei). Ook een eerder "
        "afgewezen melding kan alsnog worden bevestigd.",
        parameters=[BOUWSTEEN_UUID, ORGANISATIE, IF_MATCH, ETAG],
        request=BevestigenSerializer,
        responses={200: HergebruikSerializer},
        operation_id="bouwstenen_hergebruik_bevestigen",
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def bevestigen(self, request, *args, **kwargs):
        with transaction.atomic():
            hergebruik = self._locked_object()
            self._check_if_match(request, hergebruik)
            body = BevestigenSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            hergebruik = services.hergebruik_confirm(
                user=request.user,
                hergebruik=hergebruik,
                values=dict(body.validated_data),
            )
        return self._respond(hergebruik)

    @extend_schema(
        summary="Gemeld hergebruik afwijzen",
        description="‘Nee, dat klopt niet’: een lid van de genoemde organisatie wijst "
        "de melding af, met een reden die de melder ziet. Het blijft zichtbaar voor de "
        "twee organisaties, zodat dezelfde melding bij een volgende import niet "
        "terugkomt.",
        parameters=[BOUWSTEEN_UUID, ORGANISATIE, IF_MATCH, ETAG],
        request=AfwijzenSerializer,
        responses={200: HergebruikSerializer},
        operation_id="bouwstenen_hergebruik_afwijzen",
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def afwijzen(self, request, *args, **kwargs):
        with transaction.atomic():
            hergebruik = self._locked_object()
            self._check_if_match(request, hergebruik)
            body = AfwijzenSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            hergebruik = services.hergebruik_reject(
                user=request.user,
                hergebruik=hergebruik,
                reden=body.validated_data.get("reden", ""),
            )
        return self._respond(hergebruik)

    def _locked_object(self) -> Hergebruik:
        """The record (404 and 403 first), locked until the write is done, so no other
        write lands between the If-Match check and this one."""
        hergebruik = self.get_object()
        return self.get_queryset().select_for_update(of=("self",)).get(pk=hergebruik.pk)

    def _check_if_match(self, request, hergebruik) -> None:
        if_match(request, etag_for(hergebruik, self.get_serializer(hergebruik).data))

    def _respond(self, hergebruik, code=status.HTTP_200_OK, headers=None):
        data = self.get_serializer(hergebruik).data
        return Response(
            data,
            status=code,
            headers={"ETag": etag_for(hergebruik, data), **(headers or {})},
        )


def _duplicate(existing: Hergebruik, request) -> Conflict:
    url = hergebruik_url(existing, request)
    if existing.status == HergebruikStatus.BEVESTIGD:
        return Conflict(
            f"{existing.organisatie.naam} heeft hergebruik van deze bouwsteen al "
            f"vastgelegd. Wijzig dat met PUT of PATCH op {url}."
        )
    return Conflict(
        f"Hergebruik door {existing.organisatie.naam} is al gemeld door een ander. "
        f"Bevestig het met POST op {url}/bevestigen (of wijs het af met "
        f"{url}/afwijzen)."
    )
