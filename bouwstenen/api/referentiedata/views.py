"""Read-only resources of the reference data, organisations with their published blocks counted."""

from django.db.models import Count, Q
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from bouwstenen.api.referentiedata.serializers import (
    OrganisatieSerializer,
    ReferentiecomponentSerializer,
    ThemaSerializer,
)
from core.filters import FilterSet, MultipleChoiceFilter
from registry.constants import OrganisatieSoort, Publicatiestatus
from registry.models import Organisatie, Referentiecomponent, Thema


class OrganisatieFilter(FilterSet):
    soort = MultipleChoiceFilter(
        choices=OrganisatieSoort.choices,
        help_text="Alleen organisaties van deze soort(en).",
    )

    class Meta:
        model = Organisatie
        fields = ["soort"]


@extend_schema_view(
    list=extend_schema(
        summary="Organisaties zoeken",
        description="Alle overheidsorganisaties, op naam, met het aantal gepubliceerde bouwstenen.",
    ),
    retrieve=extend_schema(
        summary="Eén organisatie",
        description="Een organisatie op haar officiële code, bijvoorbeeld GM0363 (Amsterdam).",
    ),
)
class OrganisatieViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = (
        Organisatie.objects.select_related("provincie")
        .annotate(
            aantal_bouwstenen=Count(
                "bouwstenen",
                filter=Q(bouwstenen__publicatiestatus=Publicatiestatus.GEPUBLICEERD),
            )
        )
        .order_by("naam", "pk")
    )
    serializer_class = OrganisatieSerializer
    filterset_class = OrganisatieFilter
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9]+"


@extend_schema_view(
    list=extend_schema(
        summary="Thema's",
        description="De maatschappelijke opgaven waar bouwstenen aan bijdragen.",
    ),
    retrieve=extend_schema(
        summary="Eén thema",
        description="Een thema op zijn slug, bijvoorbeeld jeugdzorg.",
    ),
)
class ThemaViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Thema.objects.order_by("naam", "pk")
    serializer_class = ThemaSerializer
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"


@extend_schema_view(
    list=extend_schema(
        summary="GEMMA-referentiecomponenten",
        description="De referentiecomponenten van GEMMA, de gemeentelijke referentiearchitectuur.",
    ),
    retrieve=extend_schema(
        summary="Eén referentiecomponent",
        description="Een referentiecomponent op zijn GEMMA-id (het Object ID van GEMMA Online).",
    ),
)
class ReferentiecomponentViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Referentiecomponent.objects.order_by("naam", "pk")
    serializer_class = ReferentiecomponentSerializer
    lookup_field = "gemma_id"
    lookup_url_kwarg = "gemmaId"
