"""The representations of the API, one module per resource (``base`` holds what they
share). The names below are what the views and other modules use."""

from bouwstenen.api.serializers.base import (
    BouwsteenVerwijzingSerializer,
    ContactpuntSerializer,
    LinksSerializer,
)
from bouwstenen.api.serializers.bouwsteen import (
    BouwsteenDetailSerializer,
    BouwsteenSerializer,
    api_names,
)
from bouwstenen.api.serializers.hergebruik import (
    AfwijzenSerializer,
    BevestigenSerializer,
    HergebruikSerializer,
    hergebruik_url,
)
from bouwstenen.api.serializers.invoer import (
    OpschalingscheckInvoerSerializer,
    RelatieInvoerSerializer,
    TerugsturenSerializer,
)
from bouwstenen.api.serializers.overdracht import (
    BesluitSerializer,
    OverdrachtSerializer,
    overdracht_url,
)
from bouwstenen.api.serializers.vergelijking import VergelijkingSerializer
from bouwstenen.api.serializers.vraag import (
    AntwoordSerializer,
    MeldingSerializer,
    VraagSerializer,
)
from bouwstenen.api.serializers.zoeken import (
    FacettenSerializer,
    SuggestiesSerializer,
    SuggestieVraagSerializer,
    VergelijkbaarLijstSerializer,
    VergelijkbaarVraagSerializer,
)

__all__ = [
    "AntwoordSerializer",
    "MeldingSerializer",
    "VraagSerializer",
    "AfwijzenSerializer",
    "BesluitSerializer",
    "BevestigenSerializer",
    "BouwsteenDetailSerializer",
    "BouwsteenSerializer",
    "BouwsteenVerwijzingSerializer",
    "ContactpuntSerializer",
    "FacettenSerializer",
    "HergebruikSerializer",
    "LinksSerializer",
    "OpschalingscheckInvoerSerializer",
    "OverdrachtSerializer",
    "RelatieInvoerSerializer",
    "SuggestieVraagSerializer",
    "SuggestiesSerializer",
    "TerugsturenSerializer",
    "VergelijkbaarLijstSerializer",
    "VergelijkbaarVraagSerializer",
    "VergelijkingSerializer",
    "api_names",
    "hergebruik_url",
    "overdracht_url",
]
