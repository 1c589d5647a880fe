"""Representations of the reference data: organisations, thema's and GEMMA components.

Each comes in two sizes: the full resource, and a reference (``...Verwijzing``) used inside
other resources, with just enough to show it and its own ``url``.
"""

from rest_framework import serializers

from core.api.fields import IdentityUrlField, OptionalCharField, OptionalURLField
from registry.models import Organisatie, Referentiecomponent, Thema


class OrganisatieVerwijzingSerializer(serializers.ModelSerializer):
    url = IdentityUrlField(view_name="api:organisatie-detail", lookup_field="code")

    class Meta:
        model = Organisatie
        fields = ["url", "code", "naam", "soort"]


class OrganisatieSerializer(serializers.ModelSerializer):
    url = IdentityUrlField(view_name="api:organisatie-detail", lookup_field="code")
    oin = OptionalCharField(
        help_text="Organisatie-identificatienummer (20 cijfers), null als het onbekend is."
    )
    tooiUri = OptionalURLField(source="tooi_uri", help_text="De TOOI-URI.")
    website = OptionalURLField()
    provincie = OrganisatieVerwijzingSerializer(
        allow_null=True, help_text="De provincie waarin een gemeente ligt."
    )
    aantalBouwstenen = serializers.IntegerField(
        source="aantal_bouwstenen",
        help_text="Het aantal gepubliceerde bouwstenen van deze organisatie.",
    )

    class Meta:
        model = Organisatie
        fields = [
            "url",
            "code",
            "naam",
            "soort",
            "afkorting",
            "oin",
            "tooiUri",
            "website",
            "provincie",
            "aantalBouwstenen",
        ]


class ThemaVerwijzingSerializer(serializers.ModelSerializer):
    url = IdentityUrlField(view_name="api:thema-detail", lookup_field="slug")

    class Meta:
        model = Thema
        fields = ["url", "slug", "naam"]


class ThemaSerializer(ThemaVerwijzingSerializer):
    class Meta(ThemaVerwijzingSerializer.Meta):
        fields = ["url", "slug", "naam", "omschrijving"]


class ReferentiecomponentVerwijzingSerializer(serializers.ModelSerializer):
    url = IdentityUrlField(
        view_name="api:referentiecomponent-detail",
        lookup_field="gemma_id",
        lookup_url_kwarg="gemmaId",
    )
    gemmaId = serializers.UUIDField(source="gemma_id", read_only=True)

    class Meta:
        model = Referentiecomponent
        fields = ["url", "gemmaId", "naam"]


class ReferentiecomponentSerializer(ReferentiecomponentVerwijzingSerializer):
    gemmaUrl = OptionalURLField(
        source="gemma_url", help_text="De pagina op GEMMA Online."
    )
    gemmaStatus = serializers.CharField(
        source="gemma_status", help_text="De status in GEMMA."
    )

    class Meta(ReferentiecomponentVerwijzingSerializer.Meta):
        fields = [
            "url",
            "gemmaId",
            "naam",
            "omschrijving",
            "toelichting",
            "gemmaUrl",
            "gemmaStatus",
        ]
