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
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from bouwstenen import selectors, services
from bouwstenen.api.nested import UnderBouwsteenMixin
from bouwstenen.api.permissions import HergebruikPermission
from bouwstenen.api.schema.hergebruik import hergebruik_schema
from bouwstenen.api.serializers import (
    AfwijzenSerializer,
    BevestigenSerializer,
    HergebruikSerializer,
    hergebruik_url,
)
from bouwstenen.api.serializers.hergebruik import API_NAMES
from bouwstenen.constants import HergebruikStatus
from bouwstenen.models import Hergebruik
from core.api.conditional import ConditionalMixin
from core.api.exceptions import Conflict
from core.api.idempotency import idempotent
from registry import permissions


@hergebruik_schema
class HergebruikViewSet(ConditionalMixin, UnderBouwsteenMixin, viewsets.ModelViewSet):
    serializer_class = HergebruikSerializer
    service_field_names = API_NAMES
    permission_classes = [HergebruikPermission]
    queryset = Hergebruik.objects.none()  # per block, see get_nested_queryset
    lookup_field = "organisatie__code"
    lookup_url_kwarg = "organisatie"
    lookup_value_regex = "[A-Za-z0-9]+"
    filter_backends = []

    def get_nested_queryset(self, bouwsteen):
        return selectors.hergebruik_of(bouwsteen, self.request.user)

    @idempotent
    def create(self, request, *args, **kwargs):
        bouwsteen = self.get_bouwsteen()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        organisatie = values.pop("organisatie")
        existing = selectors.hergebruik_standing(bouwsteen, organisatie)
        if existing and organisatie.pk in permissions.roles_of(request.user):
            # Only members learn that their organisation has a record already.
            raise _duplicate(existing[0], request)
        hergebruik = services.hergebruik_record(
            user=request.user,
            bouwsteen=bouwsteen,
            organisatie=organisatie,
            values=values,
        )
        return self.respond(
            hergebruik,
            code=status.HTTP_201_CREATED,
            headers={"Location": hergebruik_url(hergebruik, request)},
        )

    def update(self, request, *args, **kwargs):
        with transaction.atomic():
            hergebruik = self._locked_object()
            serializer = self.get_serializer(
                hergebruik, data=request.data, partial=kwargs.get("partial", False)
            )
            serializer.is_valid(raise_exception=True)
            values = dict(serializer.validated_data)
            values.pop("organisatie", None)
            hergebruik = services.hergebruik_update(
                user=request.user, hergebruik=hergebruik, values=values
            )
        return self.respond(hergebruik)

    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            hergebruik = self._locked_object()
            services.hergebruik_withdraw(user=request.user, hergebruik=hergebruik)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(detail=True, methods=["post"])
    @idempotent
    def bevestigen(self, request, *args, **kwargs):
        with transaction.atomic():
            hergebruik = self._locked_object()
            body = BevestigenSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            hergebruik = services.hergebruik_confirm(
                user=request.user,
                hergebruik=hergebruik,
                values=dict(body.validated_data),
            )
        return self.respond(hergebruik)

    @action(detail=True, methods=["post"])
    @idempotent
    def afwijzen(self, request, *args, **kwargs):
        with transaction.atomic():
            hergebruik = self._locked_object()
            body = AfwijzenSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            hergebruik = services.hergebruik_reject(
                user=request.user,
                hergebruik=hergebruik,
                reden=body.validated_data.get("reden", ""),
            )
        return self.respond(hergebruik)

    def _locked_object(self) -> Hergebruik:
        """The record (404 and 403 first), locked until the write is done and checked
        against If-Match, so no other write lands between that check and this one."""
        hergebruik = self.get_object()
        locked = (
            self.get_queryset().select_for_update(of=("self",)).get(pk=hergebruik.pk)
        )
        self.precondition(locked)
        return locked


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
