"""The interoperability operations of the API: import and export publiccode.yml, and the
DCAT-AP catalogue.

- ``POST /api/v1/bouwstenen/import-publiccode`` (with a token): one file, as an upload
  (``bestand``), as text (``inhoud``) or by its ``url``. 201 for a new block, 200 when it
  updated or changed nothing, 409 on a conflict with local edits, 400 with every problem
  in ``invalidParams`` (named by its key path in the file) when it is refused.
- ``GET /api/v1/bouwstenen/{uuid}/publiccode`` (also ``…/publiccode.yml``): the block as
  publiccode.yml; ``publiccodeYmlVersion`` (0.4 or 0.5) chooses the version.
- ``GET /api/v1/dcat``: the published data solutions as DCAT-AP 3 in JSON-LD.
- ``GET /api/v1/adms``: every published block as ADMS-AP, in JSON-LD or Turtle.
"""

from django.conf import settings
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_serializer,
)
from rest_framework import parsers, renderers, serializers, status
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from bouwstenen.api import checks, stored_reads, weergave
from bouwstenen.api.publiccode_version import EXPORT_VERSION, requested_version
from bouwstenen.interop import adms, limits, sources
from bouwstenen.interop.dcat import dcat_catalogue
from bouwstenen.interop.publiccode.export import publiccode_yaml
from bouwstenen.interop.publiccode.importer import (
    FileReport,
    PubliccodeImporter,
    Uitkomst,
)
from bouwstenen.selectors import bouwstenen_visible_to
from core.api.exceptions import Conflict, RequestTooLarge
from core.api.fields import StrictCharField
from core.api.idempotency import idempotent
from core.api.parsers import LimitedJSONParser
from registry import permissions
from registry.models import Organisatie


def allow_private_urls() -> bool:
    """Only tests (and an operator who knows why) let users fetch internal addresses."""
    return getattr(settings, "INTEROP_ALLOW_PRIVATE_URLS", False)


def base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


class YamlRenderer(renderers.BaseRenderer):
    media_type = "application/yaml"
    format = "yaml"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data.encode("utf-8") if isinstance(data, str) else data


class TextYamlRenderer(YamlRenderer):
    media_type = "text/yaml"


class JsonLdRenderer(renderers.JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


class TurtleRenderer(renderers.BaseRenderer):
    media_type = adms.TURTLE_MEDIA_TYPE
    format = "ttl"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data.encode("utf-8") if isinstance(data, str) else data


@extend_schema_serializer(many=False, component_name="DcatCatalogus")
class DcatCatalogusSerializer(serializers.Serializer):
    """De hoofdlijn van het JSON-LD-document (DCAT-AP 3, DCAT-AP-NL 3.0)."""

    context = serializers.DictField(help_text="De JSON-LD-context.")
    id = serializers.URLField(help_text="De URI van de catalogus.")
    type = serializers.CharField(help_text="dcat:Catalog.")

    def get_fields(self):
        # JSON-LD keys start with @, which a Python attribute cannot.
        fields = super().get_fields()
        return {f"@{name}": field for name, field in fields.items()}


class ImportVerzoekSerializer(serializers.Serializer):
    bestand = serializers.FileField(
        required=False, help_text="Het publiccode.yml-bestand (multipart/form-data)."
    )
    inhoud = StrictCharField(
        required=False,
        trim_whitespace=False,
        help_text="De inhoud van publiccode.yml als tekst (in een JSON-body).",
    )
    url = serializers.URLField(
        required=False,
        help_text="Waar het register het bestand ophaalt (http of https).",
    )
    organisatie = StrictCharField(
        required=False,
        help_text="Code van de organisatie (GM0363) voor een bestand zonder bekende "
        "organisation.uri; een organisatie waarvan u lid bent.",
    )
    proef = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Alleen controleren en melden wat er zou gebeuren; niets opslaan.",
    )

    def validate(self, attrs):
        given = [name for name in ("bestand", "inhoud", "url") if attrs.get(name)]
        if len(given) != 1:
            raise serializers.ValidationError(
                "Geef precies één van bestand, inhoud of url."
            )
        return attrs


class ImportProbleemSerializer(serializers.Serializer):
    pad = serializers.CharField(
        help_text="De sleutel in het bestand, zoals legal.license."
    )
    regel = serializers.IntegerField(
        allow_null=True, help_text="De regel in het bestand."
    )
    melding = serializers.CharField()


class ImportResultaatSerializer(serializers.Serializer):
    bron = serializers.CharField(help_text="Het bestand of de URL.")
    uitkomst = serializers.ChoiceField(choices=Uitkomst.choices)
    opgeslagen = serializers.BooleanField(
        help_text="false bij een proefimport (proef): dan is niets opgeslagen."
    )
    melding = serializers.CharField(help_text="Wat er gebeurde, in een zin.")
    bouwsteen = serializers.URLField(
        allow_null=True,
        help_text="De bouwsteen in de API; null bij een proefimport van een nieuwe "
        "bouwsteen (die bestaat dan niet).",
    )
    naam = serializers.CharField(help_text="De naam van de bouwsteen.")
    waarschuwingen = ImportProbleemSerializer(many=True)


def _report_body(report: FileReport, request, *, proef: bool) -> dict:
    url = None
    if not proef and report.bouwsteen is not None and report.bouwsteen.pk:
        url = reverse(
            "api:bouwsteen-detail",
            kwargs={"uuid": report.bouwsteen.uuid},
            request=request,
        )
    melding = f"{report.label[:1].upper()}{report.label[1:]}."
    if proef:
        melding = f"Proefimport, niets opgeslagen: het bestand zou {report.label} zijn."
    elif report.redenen:
        melding += " " + " ".join(report.redenen)
    return {
        "bron": report.bron,
        "uitkomst": report.uitkomst,
        "opgeslagen": not proef,
        "melding": melding,
        "bouwsteen": url,
        "naam": report.bouwsteen.naam if report.bouwsteen else report.naam,
        "waarschuwingen": [
            {"pad": p.pad, "regel": p.regel, "melding": p.melding}
            for p in report.waarschuwingen
        ],
    }


class PubliccodeImportView(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [LimitedJSONParser, parsers.MultiPartParser]

    @extend_schema(
        operation_id="bouwstenen_import_publiccode",
        tags=["bouwstenen"],
        summary="publiccode.yml importeren",
        description=(
            "Maakt of werkt een bouwsteen bij uit één publiccode.yml (als upload, als "
            "tekst of via een URL), voor een organisatie waarvan het token lid is. Een "
            "nieuwe bouwsteen wordt concept. De repository (url) bepaalt welke bouwsteen "
            "het is: nogmaals importeren werkt hem bij. Hier gewijzigd sinds de vorige "
            "import: 409. Geweigerd: 400 met elk probleem in invalidParams, genoemd naar "
            "de sleutel in het bestand."
        ),
        request={
            "multipart/form-data": ImportVerzoekSerializer,
            "application/json": ImportVerzoekSerializer,
        },
        responses={201: ImportResultaatSerializer, 200: ImportResultaatSerializer},
    )
    @idempotent
    def post(self, request):
        verzoek = ImportVerzoekSerializer(data=request.data)
        verzoek.is_valid(raise_exception=True)
        data = verzoek.validated_data
        organisatie = self._organisatie(request, data.get("organisatie"))
        source = self._source(data)
        importer = PubliccodeImporter(
            user=request.user, organisatie=organisatie, dry_run=data["proef"]
        )
        report = importer.import_source(source)
        if report.uitkomst == Uitkomst.GEWEIGERD:
            raise self._refusal(report, field=source.naam)
        if report.uitkomst == Uitkomst.CONFLICT:
            raise Conflict(" ".join(report.redenen))
        created = report.uitkomst == Uitkomst.GEIMPORTEERD and not data["proef"]
        body = _report_body(report, request, proef=data["proef"])
        headers = {"Location": body["bouwsteen"]} if created else {}
        return Response(
            body,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
            headers=headers,
        )

    def _organisatie(self, request, code: str | None) -> Organisatie | None:
        if not code:
            return None
        organisatie = (
            permissions.organisations_of(request.user).filter(code__iexact=code).first()
        )
        if organisatie is None:
            raise ValidationError(
                {
                    "organisatie": [
                        ErrorDetail(
                            f"U bent geen lid van een organisatie met code {code}.",
                            code="does_not_exist",
                        )
                    ]
                }
            )
        return organisatie

    def _source(self, data: dict) -> sources.Source:
        if upload := data.get("bestand"):
            if upload.size > limits.MAX_FILE_BYTES:
                raise RequestTooLarge(
                    f"Het bestand is groter dan {limits.MAX_FILE_BYTES // 1024} KiB."
                )
            return sources.Source("bestand", upload.read(limits.MAX_FILE_BYTES + 1))
        if data.get("inhoud"):
            return sources.Source("inhoud", data["inhoud"].encode("utf-8"))
        target = sources.Target(data["url"], url=data["url"])
        source = sources.load(target, public_only=not allow_private_urls())
        source.naam = "url"
        return source

    @staticmethod
    def _refusal(report: FileReport, *, field: str) -> ValidationError:
        detail: dict[str, list] = {}
        problems = [p for p in report.problemen if p.is_fout]
        for problem in problems:
            name = f"{field}.{problem.pad}" if problem.pad else field
            where = f" (regel {problem.regel})" if problem.regel else ""
            detail.setdefault(name, []).append(
                ErrorDetail(problem.melding + where, code="publiccode")
            )
        if not problems:
            detail[field] = [ErrorDetail(r, code="publiccode") for r in report.redenen]
        error = ValidationError(detail)
        error.summary = "Het bestand is geweigerd; zie invalidParams voor de redenen."
        return error


class PubliccodeExportView(APIView):
    permission_classes = [AllowAny]
    renderer_classes = [YamlRenderer, TextYamlRenderer]

    @extend_schema(
        operation_id="bouwstenen_publiccode",
        tags=["bouwstenen"],
        summary="Bouwsteen als publiccode.yml",
        description=(
            "De bouwsteen als publiccode.yml, met de Nederlandse uitbreiding "
            "(nl.commonground, nl.gemma) en de velden van dit register in "
            "nl.bouwstenenregister. Een bouwsteen die hier is gemaakt krijgt versie 0.4; "
            "met publiccodeYmlVersion=0.5 versie 0.5, met organisation.uri (TOOI). Een "
            "geïmporteerde bouwsteen is zijn bestand in de eigen versie, met wat hier "
            "bewerkt is. Opnieuw importeren geeft dezelfde bouwsteen."
        ),
        parameters=[EXPORT_VERSION],
        responses={
            # A YAML document that is one mapping (what clients parse it into).
            (200, "application/yaml"): OpenApiResponse(
                OpenApiTypes.OBJECT, description="publiccode.yml"
            )
        },
    )
    def get(self, request, uuid):
        # The parameter first: a wrong one is a 400 whichever block is asked for.
        version = requested_version(request.query_params)
        text = None
        if version is None and weergave.serves(request) and checks.is_uuid(uuid):
            # The file a write stored, as the detail reads its stored representation.
            text = stored_reads.publiccode_yml(uuid, base_url(request))
        if text is None:
            bouwsteen = get_object_or_404(
                bouwstenen_visible_to(request.user).select_related("organisatie"),
                uuid=uuid,
            )
            text = publiccode_yaml(
                bouwsteen, base_url=base_url(request), version=version
            )
        return Response(
            text,
            headers={"Content-Disposition": 'inline; filename="publiccode.yml"'},
        )


class DcatCatalogusView(APIView):
    permission_classes = [AllowAny]
    renderer_classes = [JsonLdRenderer, renderers.JSONRenderer]

    @extend_schema(
        operation_id="dcat_catalogus",
        tags=["bouwstenen"],
        summary="DCAT-AP-catalogus",
        description=(
            "De gepubliceerde datatoepassingen als DCAT-AP 3-catalogus (DCAT-AP-NL 3.0) "
            "in JSON-LD: API's als dcat:DataService, de rest als dcat:Dataset, met "
            "uitgevers als TOOI-URI, thema's als EU-datathema's, licenties en "
            "contactpunten."
        ),
        responses={
            (200, "application/ld+json"): OpenApiResponse(
                DcatCatalogusSerializer, description="De catalogus in JSON-LD."
            )
        },
    )
    def get(self, request):
        return Response(dcat_catalogue(base_url=base_url(request)))


class AdmsView(APIView):
    permission_classes = [AllowAny]
    renderer_classes = [JsonLdRenderer, TurtleRenderer]

    @extend_schema(
        operation_id="adms_catalogus",
        tags=["bouwstenen"],
        summary="ADMS-AP-catalogus (Interoperable Europe Portal)",
        description=(
            "Alle gepubliceerde bouwstenen als ADMS-AP, zoals het Interoperable Europe "
            "Portal (Joinup) herbruikbare oplossingen oogst: elk een adms:Asset met "
            "titel, samenvatting, uitgever (foaf:Agent met naam en de URI van de "
            "organisatie), identificatie, status, licentie, landingspagina, laatste "
            "wijziging, trefwoorden en, waar er een repository is, een distributie. "
            "JSON-LD (standaard) of Turtle, naar Accept."
        ),
        responses={
            (200, "application/ld+json"): OpenApiResponse(
                OpenApiTypes.OBJECT, description="De catalogus in JSON-LD."
            ),
            (200, adms.TURTLE_MEDIA_TYPE): OpenApiResponse(
                OpenApiTypes.STR, description="De catalogus in Turtle."
            ),
        },
    )
    def get(self, request):
        graph = adms.adms_graph(base_url=base_url(request))
        if isinstance(request.accepted_renderer, TurtleRenderer):
            return Response(adms.to_turtle(graph))
        return Response(adms.to_jsonld(graph))
