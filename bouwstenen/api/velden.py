"""The fields a client can select of a block (``fields=``, core.api.sparse): those of a
list item, and of a detail (the item and what only the detail shows).

Spelled out, because the OpenAPI document declares them as a pattern when it is built;
tests/api/test_sparse.py holds them equal to what the serializers show.
"""

ITEM = (
    "url",
    "uuid",
    "naam",
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
    "aangemaaktOp",
    "gewijzigdOp",
    "inGebruik",
    "inPilot",
    "hergebruikActief",
    "opschalingsscore",
)
# What the detail shows beyond a list item; the list item is the detail without them.
DETAIL_ONLY = ("concept", "opschalingscheck", "relaties")
DETAIL = ITEM + DETAIL_ONLY
