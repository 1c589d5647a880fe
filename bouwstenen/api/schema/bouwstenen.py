"""The ``bouwstenen`` resource in the OpenAPI document."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)

from bouwstenen.api import serializers, velden
from bouwstenen.api.export import FORMAT_PARAMETER
from bouwstenen.api.interop import DcatCatalogusSerializer
from bouwstenen.api.schema import filters  # noqa: F401 (describes the filter set)
from bouwstenen.api.schema.zoeken import FINDING
from bouwstenen.constants import RelatieType
from bouwstenen.export import CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE
from core.api import sparse
from core.api.conditional import conditional_parameters

HEADERS = conditional_parameters(
    this="deze bouwsteen", the="de bouwsteen", new="de nieuwe bouwsteen"
)
EXPORT_FORMAT = OpenApiParameter(
    FORMAT_PARAMETER,
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    enum=["csv", "xlsx"],
    description="Alle resultaten als bestand in plaats van een pagina JSON: csv of "
    "xlsx. Gaat voor Accept; weglaten geeft JSON.",
)
ITEM_FIELDS = sparse.parameter(velden.ITEM, "elke bouwsteen")
DETAIL_FIELDS = sparse.parameter(velden.DETAIL, "de bouwsteen")
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
    """A change that answers with the whole block and its new ETag."""
    kwargs.setdefault("request", None)
    kwargs["parameters"] = [*kwargs.get("parameters", []), *HEADERS.write]
    return _operation(
        summary,
        description,
        responses={200: serializers.BouwsteenDetailSerializer},
        **kwargs,
    )


bouwsteen_schema = extend_schema_view(
    list=_operation(
        "Bouwstenen zoeken",
        "Gepubliceerde bouwstenen, en voor leden ook de overige van hun eigen "
        "organisaties. Meerdere waarden van één filter (herhaald of met komma's) "
        "selecteren elk ervan; verschillende filters gelden samen. Elke bouwsteen "
        "draagt zijn afgeleide cijfers: hergebruik (inGebruik, inPilot, "
        "hergebruikActief) en opschalingsscore. Met Accept: application/ld+json komt "
        "in plaats daarvan de DCAT-AP-catalogus (als GET /dcat; filters en paginering "
        "gelden dan niet). Met format=csv of format=xlsx (of Accept: text/csv of het "
        "Excel-mediatype) komen alle resultaten van de zoekvraag met haar filters en "
        "sortering als bestand, niet één pagina; de kolommen staan in docs/api.md "
        "(Exporteren).",
        parameters=[EXPORT_FORMAT, ITEM_FIELDS],
        responses={
            (200, "application/json"): serializers.BouwsteenSerializer(many=True),
            (200, "application/ld+json"): DcatCatalogusSerializer,
            (200, CSV_MEDIA_TYPE): OpenApiResponse(
                OpenApiTypes.STR,
                description="Alle resultaten als CSV: UTF-8 met byte order mark, een "
                "kopregel, een regel per bouwsteen.",
            ),
            (200, XLSX_MEDIA_TYPE): OpenApiResponse(
                OpenApiTypes.BINARY,
                description="Alle resultaten als Excel-werkboek, werkblad Bouwstenen.",
            ),
        },
    ),
    retrieve=_operation(
        "Eén bouwsteen",
        "Met de opschalingscheck per voorwaarde en de relaties in beide richtingen, en "
        "een ETag; met If-None-Match en een ongewijzigde bouwsteen volgt 304.",
        parameters=[*HEADERS.read, DETAIL_FIELDS],
        responses={200: serializers.BouwsteenDetailSerializer, 304: None},
    ),
    create=_operation(
        "Bouwsteen aanmaken",
        "Als concept, voor een organisatie waarvan het token lid is. Met een "
        "Idempotency-Key geeft een herhaling hetzelfde antwoord zonder iets dubbel op "
        "te slaan.",
        parameters=HEADERS.created,
        request=serializers.BouwsteenSerializer,
        responses={201: serializers.BouwsteenDetailSerializer},
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
        parameters=HEADERS.write,
        request=serializers.BouwsteenSerializer,
        responses={200: serializers.BouwsteenDetailSerializer},
    ),
    partial_update=_operation(
        "Bouwsteen deels wijzigen",
        "Alleen de meegestuurde velden veranderen; verder als vervangen.",
        parameters=HEADERS.write,
        request=serializers.BouwsteenSerializer,
        responses={200: serializers.BouwsteenDetailSerializer},
    ),
    destroy=_transition_operation(
        "Bouwsteen archiveren",
        "Verwijdert niets: archiveert de bouwsteen (als de actie archiveren) en geeft "
        "hem terug. Alleen een publicist; herstellen kan later.",
    ),
    indienen=_transition_operation(
        "Ter beoordeling aanbieden",
        "Van concept naar ter beoordeling; elk lid van de organisatie mag dit. Alleen "
        "een complete bouwsteen (of een compleet concept): naam, soort, samenvatting, "
        "beschrijving, thema, laag, levensfase, licentie, contactpunt, minstens één "
        "link en een antwoord op elke voorwaarde van de opschalingscheck (nvt telt). "
        "Ontbreekt er iets, dan volgt 400 met elk ontbrekend onderdeel in invalidParams.",
        operation_id="bouwstenen_indienen",
    ),
    publiceren=_transition_operation(
        "Publiceren",
        "Van ter beoordeling naar gepubliceerd; alleen een publicist, en (vier ogen) "
        "niet wie de bouwsteen zelf indiende. Dezelfde volledigheid als bij indienen: "
        "ontbreekt er iets, dan volgt 400 met de onderdelen in invalidParams.",
        operation_id="bouwstenen_publiceren",
    ),
    terugsturen=_transition_operation(
        "Terugsturen naar de redacteur",
        "Van ter beoordeling terug naar concept, met een reden; alleen een publicist.",
        request=serializers.TerugsturenSerializer,
        operation_id="bouwstenen_terugsturen",
    ),
    archiveren=_transition_operation(
        "Archiveren",
        "Uit elke status naar gearchiveerd (hetzelfde als DELETE); alleen een publicist.",
        operation_id="bouwstenen_archiveren",
    ),
    herstellen=_transition_operation(
        "Herstellen uit het archief",
        "Terug naar gepubliceerd als de bouwsteen ooit gepubliceerd was, anders naar "
        "concept; alleen een publicist.",
        operation_id="bouwstenen_herstellen",
    ),
    opschalingscheck=_transition_operation(
        "Opschalingscheck invullen",
        "Geeft of wijzigt antwoorden van de opschalingscheck (ja, deels, nee of nvt, met "
        "een toelichting en een link als bewijs); voorwaarden die u niet noemt blijven "
        "zoals ze zijn. Alleen wie de bouwsteen mag wijzigen (een concept: elk lid; "
        "anders een publicist). Geeft de bouwsteen terug, met de nieuwe score.",
        request=serializers.OpschalingscheckInvoerSerializer,
        operation_id="bouwstenen_opschalingscheck",
    ),
    relatie_toevoegen=_transition_operation(
        "Relatie leggen",
        "Legt een relatie van deze bouwsteen naar een andere die u kunt zien (gebruikt, "
        "is gebaseerd op, is een alternatief voor, is onderdeel van). Alleen wie de "
        "bouwsteen mag wijzigen; bij een gepubliceerde bouwsteen komt de relatie in "
        "zijn concept. Dezelfde relatie nog eens: 409. Geeft de bouwsteen terug.",
        request=serializers.RelatieInvoerSerializer,
        operation_id="bouwstenen_relaties_create",
    ),
    relatie_verwijderen=_transition_operation(
        "Relatie verwijderen",
        "Haalt de relatie van deze bouwsteen van dit type naar die bouwsteen weg "
        "(bij een gepubliceerde bouwsteen: in zijn concept). Alleen wie de bouwsteen "
        "mag wijzigen. Geeft de bouwsteen terug.",
        parameters=[RELATIE_TYPE, RELATIE_NAAR],
        operation_id="bouwstenen_relaties_destroy",
    ),
    # Applied in this order, as the decorators were: the DELETE first.
    concept=[
        extend_schema(
            methods=["delete"],
            summary="Het concept weggooien",
            description="Gooit de nog niet gepubliceerde wijzigingen weg; de gepubliceerde "
            "versie blijft. Alleen zolang het concept niet ter beoordeling ligt. Geeft de "
            "bouwsteen terug.",
            request=None,
            parameters=HEADERS.write,
            responses={200: serializers.BouwsteenDetailSerializer},
            operation_id="bouwstenen_concept_destroy",
        ),
        extend_schema(
            methods=["get"],
            summary="Het concept van een gepubliceerde bouwsteen",
            description="De wijzigingen van een gepubliceerde bouwsteen die nog niet "
            "gepubliceerd zijn, als de hele bouwsteen zoals hij na publicatie zou zijn. "
            "Alleen voor leden van de eigenaar; 404 als er geen concept is. Indienen, "
            "publiceren en terugsturen werken op het concept zolang het er is.",
            responses={200: serializers.BouwsteenDetailSerializer},
            operation_id="bouwstenen_concept",
        ),
    ],
    **FINDING,
)
