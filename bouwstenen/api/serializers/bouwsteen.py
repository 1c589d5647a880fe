"""The representation of a building block in the API, and how writes reach the services.

Keys are camelCase; enumerations are the lower-case slugs stored in the model; related
objects are written by natural key (organisatie code, thema slug, GEMMA id, laag slug) and
read as objects with their own ``url``. Writes go through ``bouwstenen.services``, so the
API follows exactly the rules of the admin (who may write, validation, history).

A list item carries the derived figures (reuse counts and the opschalingsscore, annotated
by ``readiness.with_counts``); the detail adds the opschalingscheck per precondition and
the relations in both directions.
"""

from functools import cache

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from bouwstenen import services
from bouwstenen.api.referentiedata.serializers import OrganisatieVerwijzingSerializer
from bouwstenen.api.serializers.base import (
    HERGEBRUIK_CIJFERS,
    IDENTITEIT,
    TIJDSTEMPELS,
    BouwsteenVerwijzingSerializer,
    ContactpuntSerializer,
    LaagField,
    LinksSerializer,
    Tijdstempels,
    referentiecomponenten_field,
    themas_field,
)
from bouwstenen.constants import (
    RELATIE_OMGEKEERD,
    Antwoord,
    RelatieType,
    Voorwaarde,
    Vorm,
)
from bouwstenen.models import Bouwsteen
from bouwstenen.readiness import readiness_of
from bouwstenen.services import content
from core.api.fields import (
    IdentityUrlField,
    NaturalKeyRelatedField,
    OptionalChoiceField,
    OptionalURLField,
    StrictModelSerializer,
)
from core.validators import validate_slug
from registry import permissions
from registry.models import Laag, Organisatie


class BouwsteenSerializer(Tijdstempels, StrictModelSerializer):
    url = IdentityUrlField(view_name="api:bouwsteen-detail", lookup_field="uuid")
    vorm = OptionalChoiceField(
        choices=Vorm.choices,
        help_text="Alleen voor een datatoepassing: wat voor datatoepassing het is.",
    )
    organisatie = NaturalKeyRelatedField(
        queryset=Organisatie.objects.all(),
        slug_field="code",
        reference_serializer=OrganisatieVerwijzingSerializer,
        error_messages={"does_not_exist": "Onbekende organisatie: {value}."},
        help_text="De eigenaar; schrijven met de code (GM0363), lezen als object.",
    )
    themas = themas_field(
        "Maatschappelijke opgaven; schrijven met de slug (jeugdzorg)."
    )
    referentiecomponenten = referentiecomponenten_field(
        "GEMMA-referentiecomponenten; schrijven met het GEMMA-id."
    )
    lagen = LaagField(
        many=True,
        required=False,
        queryset=Laag.objects.all(),
        slug_field="slug",
        error_messages={"does_not_exist": "Onbekende laag: {value}."},
        help_text="De Common Ground-lagen.",
    )
    links = LinksSerializer(source="*", required=False)
    contactpunt = ContactpuntSerializer(source="*", required=False)
    beoordelingOpmerking = serializers.CharField(
        source="beoordeling_opmerking",
        read_only=True,
        help_text="Waarom een publicist de bouwsteen terugstuurde (leeg als dat niet zo is).",
    )
    gepubliceerdOp = serializers.DateTimeField(
        source="gepubliceerd_op",
        read_only=True,
        allow_null=True,
        help_text="Wanneer de bouwsteen (voor het laatst) gepubliceerd is.",
    )
    inGebruik = serializers.IntegerField(
        source="hergebruik_in_gebruik",
        read_only=True,
        help_text="Het aantal organisaties dat de bouwsteen in gebruik heeft (afgeleid "
        "uit hun hergebruik).",
    )
    inPilot = serializers.IntegerField(
        source="hergebruik_pilot",
        read_only=True,
        help_text="Het aantal organisaties met een pilot.",
    )
    hergebruikActief = serializers.IntegerField(
        source="hergebruik_actief",
        read_only=True,
        help_text="Pilot en in gebruik samen; sorteren met sort=-hergebruik.",
    )
    opschalingsscore = serializers.FloatField(
        read_only=True,
        allow_null=True,
        min_value=0,
        max_value=100,
        help_text="Hoe klaar de bouwsteen is om op te schalen, van 0 tot en met 100: het "
        "deel van de toepasselijke voorwaarden dat met ja is beantwoord (deels telt "
        "half, n.v.t. telt niet mee, niet beantwoord telt als nee). null zolang er "
        "niets is ingevuld.",
    )

    class Meta:
        model = Bouwsteen
        fields = [
            *IDENTITEIT,
            "slug",
            "soort",
            "vorm",
            "samenvatting",
            "beschrijving",
            "organisatie",
            "levensfase",
            "themas",
            "referentiecomponenten",
            "lagen",
            "licentie",
            "leverancier",
            "links",
            "contactpunt",
            "publicatiestatus",
            "versie",
            "beoordelingOpmerking",
            "gepubliceerdOp",
            *TIJDSTEMPELS,
            *HERGEBRUIK_CIJFERS,
            "opschalingsscore",
        ]
        read_only_fields = ["publicatiestatus", "versie"]
        extra_kwargs = {
            "slug": {
                "required": False,
                "help_text": "Het laatste deel van het webadres; weggelaten bij aanmaken "
                "wordt hij uit de naam gemaakt.",
                # The registry's form of a slug (DRF checks the length itself), not
                # whether another block has it: that is the service's rule (with the
                # model's message), asked once.
                "validators": [validate_slug],
            },
            "leverancier": {
                "required": False,
                "help_text": "Een leverancier die geen overheidsorganisatie in het "
                "register is; alleen ter informatie, nooit de eigenaar.",
            },
        }

    def create(self, validated_data):
        values, relations = _split(validated_data)
        return services.bouwsteen_create(
            user=self.context["request"].user,
            organisatie=values.pop("organisatie"),
            values=values,
            relations=relations,
        )

    def update(self, instance, validated_data):
        expected_versie = validated_data.pop("expected_versie", None)
        values, relations = _split(validated_data)
        return services.bouwsteen_update(
            bouwsteen=instance,
            user=self.context["request"].user,
            values=values,
            relations=relations,
            expected_versie=expected_versie,
        )


class VoorwaardeSerializer(serializers.Serializer):
    voorwaarde = serializers.ChoiceField(
        source="code", choices=Voorwaarde.choices, help_text="De voorwaarde."
    )
    naam = serializers.CharField(source="label", help_text="De voorwaarde, leesbaar.")
    uitleg = serializers.CharField(help_text="Wat de voorwaarde vraagt.")
    antwoord = serializers.ChoiceField(
        choices=Antwoord.choices,
        allow_null=True,
        help_text="ja, deels, nee of nvt; null als de vraag nog niet is beantwoord.",
    )
    toelichting = serializers.CharField(
        help_text="Hoe het geregeld is, of wat nog ontbreekt."
    )
    bewijs = OptionalURLField(
        source="bewijs_url", help_text="Een link naar het bewijs, zoals de DPIA."
    )
    ontbreekt = serializers.BooleanField(
        help_text="Nog niet (helemaal) geregeld: nee, deels of niet beantwoord."
    )


class OpschalingscheckSerializer(serializers.Serializer):
    beantwoord = serializers.IntegerField(
        source="answered", help_text="Hoeveel voorwaarden een antwoord hebben."
    )
    voorwaarden = VoorwaardeSerializer(
        source="preconditions",
        many=True,
        help_text="Elke voorwaarde, in de volgorde van de check, ook de onbeantwoorde.",
    )


class RelatieSerializer(serializers.Serializer):
    type = serializers.ChoiceField(
        choices=RelatieType.choices, help_text="Het soort relatie."
    )
    richting = serializers.ChoiceField(
        choices=[("uit", "uit"), ("in", "in")],
        help_text="uit: deze bouwsteen legt de relatie (de eigenaar schrijft hem); "
        "in: een andere bouwsteen legt hem naar deze.",
    )
    omschrijving = serializers.CharField(
        help_text="Hoe de relatie leest vanaf deze bouwsteen, zoals ‘wordt gebruikt door’."
    )
    bouwsteen = BouwsteenVerwijzingSerializer(help_text="De andere bouwsteen.")


class ConceptSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        source="publicatiestatus",
        choices=[("concept", "concept"), ("ter-beoordeling", "ter-beoordeling")],
        help_text="concept (wordt bewerkt) of ter-beoordeling (wacht op een publicist).",
    )
    url = serializers.URLField(help_text="De bouwsteen zoals het concept hem maakt.")
    beoordelingOpmerking = serializers.CharField(
        source="beoordeling_opmerking",
        help_text="Waarom een publicist het concept terugstuurde (leeg als dat niet zo is).",
    )
    gewijzigdOp = serializers.DateTimeField(source="gewijzigd_op")


class BouwsteenDetailSerializer(BouwsteenSerializer):
    """Eén bouwsteen met alles erover: de lijst toont minder (geen opschalingscheck en
    relaties)."""

    concept = serializers.SerializerMethodField(
        help_text="Voor leden van de eigenaar: de nog niet gepubliceerde wijzigingen "
        "van deze gepubliceerde bouwsteen (null als er geen zijn, en voor anderen)."
    )
    opschalingscheck = serializers.SerializerMethodField(
        help_text="Per voorwaarde voor opschaling het antwoord van de eigenaar; de "
        "score staat in opschalingsscore."
    )
    relaties = serializers.SerializerMethodField(
        help_text="Relaties met andere bouwstenen die u kunt zien, in beide richtingen."
    )

    class Meta(BouwsteenSerializer.Meta):
        fields = [
            *BouwsteenSerializer.Meta.fields,
            "concept",
            "opschalingscheck",
            "relaties",
        ]

    @extend_schema_field(ConceptSerializer(allow_null=True))
    def get_concept(self, bouwsteen):
        request = self.context.get("request")
        if not bouwsteen.is_published or request is None:
            return None
        if permissions.role_in(request.user, bouwsteen.organisatie_id) is None:
            return None
        werkversie = bouwsteen.werkversie
        if werkversie is None:
            return None
        werkversie.url = reverse(
            "api:bouwsteen-concept", kwargs={"uuid": bouwsteen.uuid}, request=request
        )
        return ConceptSerializer(werkversie).data

    @extend_schema_field(OpschalingscheckSerializer)
    def get_opschalingscheck(self, bouwsteen):
        return OpschalingscheckSerializer(readiness_of(bouwsteen)).data

    @extend_schema_field(RelatieSerializer(many=True))
    def get_relaties(self, bouwsteen):
        relaties = [
            {
                "type": r.type,
                "richting": "uit",
                "omschrijving": r.get_type_display(),
                "bouwsteen": r.naar,
            }
            for r in bouwsteen.relaties_uit.all()
        ] + [
            {
                "type": r.type,
                "richting": "in",
                "omschrijving": RELATIE_OMGEKEERD[r.type],
                "bouwsteen": r.van,
            }
            for r in bouwsteen.relaties_in.all()
        ]
        return RelatieSerializer(relaties, many=True, context=self.context).data


def _split(validated_data: dict) -> tuple[dict, dict]:
    """Separate plain model values from the many-to-many relations the services set."""
    values = dict(validated_data)
    relations = {name: values.pop(name) for name in content.M2M if name in values}
    return values, relations


@cache
def api_names() -> dict[str, str]:
    """Model field name -> API name (``contact_email`` -> ``contactpunt.email``).

    Errors from the model and the workflow name model fields; the API reports them
    under the names its clients send.
    """
    names = {}
    for name, field in BouwsteenSerializer().fields.items():
        if isinstance(field, serializers.Serializer) and field.source == "*":
            for sub_name, sub_field in field.fields.items():
                names[sub_field.source] = f"{name}.{sub_name}"
        else:
            names[field.source] = name
    return names
