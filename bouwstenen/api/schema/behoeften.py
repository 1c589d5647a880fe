"""The needs board (``/behoeften`` and ``.../deelnemers``) in the OpenAPI document."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view

from bouwstenen.api import serializers
from bouwstenen.api.serializers.behoefte import (
    BehoefteMatchesSerializer,
    BehoefteSerializer,
    DeelnemerSerializer,
    SluitenSerializer,
)
from core.api.conditional import conditional_parameters

HEADERS = conditional_parameters(
    this="deze behoefte", the="de behoefte", new="de nieuwe behoefte"
)
BEHOEFTE = OpenApiParameter(
    "uuid", OpenApiTypes.UUID, OpenApiParameter.PATH, description="De behoefte."
)
ORGANISATIE = OpenApiParameter(
    "organisatie",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    pattern="^[A-Za-z0-9]+$",
    description="De code van de organisatie die zich aansloot, bijvoorbeeld GM0344.",
)


def _step(summary: str, description: str, name: str, **kwargs):
    """A step that answers with the whole need and its new ETag."""
    kwargs.setdefault("request", None)
    return extend_schema(
        summary=summary,
        description=description,
        parameters=HEADERS.write,
        responses={200: BehoefteSerializer},
        operation_id=f"behoeften_{name}",
        **kwargs,
    )


behoefte_schema = extend_schema_view(
    list=extend_schema(
        summary="Behoeften zoeken",
        description="Gepubliceerde behoeften (open en gesloten), nieuwste eerst, en voor "
        "leden ook de overige van hun eigen organisaties. Filters op thema, soort "
        "organisatie, organisatie en status.",
    ),
    retrieve=extend_schema(
        summary="Eén behoefte",
        description="Met wie zich aansloten (‘wij ook’) en, als ze gesloten is, de "
        "bouwsteen die haar beantwoordt. Met If-None-Match en een ongewijzigde "
        "behoefte volgt 304.",
        parameters=HEADERS.read,
        responses={200: BehoefteSerializer, 304: None},
    ),
    create=extend_schema(
        summary="Behoefte plaatsen",
        description="Als concept, voor een organisatie waarvan het token lid is; een "
        "publicist publiceert haar (indienen, publiceren, zoals een bouwsteen). "
        "Hoogstens tien nieuwe behoeften per persoon per uur (daarna 429). Met een "
        "Idempotency-Key geeft een herhaling hetzelfde antwoord.",
        parameters=HEADERS.created,
        responses={201: BehoefteSerializer},
    ),
    update=extend_schema(
        summary="Behoefte vervangen",
        description="Een concept mag elk lid van de organisatie wijzigen, wat ter "
        "beoordeling ligt alleen een publicist. Een gepubliceerde behoefte verandert "
        "niet meer (403): anderen sloten zich aan bij wat er staat.",
        parameters=HEADERS.write,
    ),
    partial_update=extend_schema(
        summary="Behoefte deels wijzigen",
        description="Alleen de meegestuurde velden veranderen; verder als vervangen.",
        parameters=HEADERS.write,
    ),
    indienen=_step(
        "Behoefte ter beoordeling aanbieden",
        "Van concept naar ter beoordeling; elk lid van de organisatie.",
        "indienen",
    ),
    publiceren=_step(
        "Behoefte publiceren",
        "Van ter beoordeling naar gepubliceerd; alleen een publicist, en (vier ogen) "
        "niet wie haar indiende of het laatst wijzigde. Ontbreekt er iets, dan 400 met "
        "de velden in invalidParams.",
        "publiceren",
    ),
    terugsturen=_step(
        "Behoefte terugsturen",
        "Van ter beoordeling terug naar concept, met een reden; alleen een publicist.",
        "terugsturen",
        request=serializers.TerugsturenSerializer,
    ),
    archiveren=_step(
        "Behoefte archiveren",
        "Uit elke status naar gearchiveerd; alleen een publicist.",
        "archiveren",
    ),
    herstellen=_step(
        "Behoefte herstellen",
        "Terug naar gepubliceerd als ze ooit gepubliceerd was, anders naar concept; "
        "alleen een publicist.",
        "herstellen",
    ),
    sluiten=_step(
        "Behoefte sluiten met een bouwsteen",
        "Een gepubliceerde bouwsteen beantwoordt de behoefte: ze wordt gesloten en "
        "wijst naar hem. Alleen een publicist van de organisatie die haar plaatste.",
        "sluiten",
        request=SluitenSerializer,
    ),
    vergelijkbaar=extend_schema(
        summary="Bouwstenen die dicht bij de behoefte komen",
        description="Dezelfde vergelijking als ‘Bestaat dit al?’ in het beheer: de "
        "titel tegen de naam van gepubliceerde bouwstenen (tikfouten en samenstellingen "
        "vergeven), de beschrijving tegen hun samenvatting.",
        responses={200: BehoefteMatchesSerializer},
    ),
)

deelnemer_schema = extend_schema_view(
    list=extend_schema(
        summary="Wie zoekt dit ook?",
        description="De organisaties die zich bij de behoefte aansloten.",
        parameters=[BEHOEFTE],
    ),
    retrieve=extend_schema(summary="Eén deelname", parameters=[BEHOEFTE, ORGANISATIE]),
    create=extend_schema(
        summary="Wij ook",
        description="Uw organisatie zoekt hetzelfde: een lid sluit haar aan bij een "
        "gepubliceerde, open behoefte van een andere organisatie, met een toelichting "
        "en een contactpunt als u wilt. Eén keer per organisatie (een tweede geeft "
        "409); hoogstens tien per persoon per uur (daarna 429).",
        parameters=[BEHOEFTE],
        responses={201: DeelnemerSerializer},
    ),
    destroy=extend_schema(
        summary="Wij ook intrekken",
        description="Alleen een lid van de organisatie die zich aansloot.",
        parameters=[BEHOEFTE, ORGANISATIE],
        responses={204: None},
    ),
)
