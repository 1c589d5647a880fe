"""A result card of the catalogue, read from the block's stored list item (``Weergave``).

The cards of the search page, the home page and the thema, organisation and component
pages show what the API's list item holds: name, kind, phase, owner, summary, thema's,
reuse and score. They are built from that stored JSON, so a page of cards costs no
model instances, no prefetches and no subqueries for the figures (issue 17); only the
thema's are looked up, for their name in the visitor's language.
"""

from dataclasses import dataclass, field
from datetime import datetime

import orjson

from django.utils.safestring import SafeString

from bouwstenen import weergave
from bouwstenen.constants import Levensfase, Soort, Vorm
from bouwstenen.models import Weergave
from registry.models import Thema

_SOORTEN = dict(Soort.choices)
_VORMEN = dict(Vorm.choices)
_LEVENSFASEN = dict(Levensfase.choices)


@dataclass(frozen=True)
class Eigenaar:
    code: str
    naam: str


@dataclass
class Kaart:
    """What ``catalogus/_kaart.html`` shows of one published block."""

    uuid: str
    slug: str
    naam: str
    soort: str
    vorm: str
    levensfase: str
    samenvatting: str
    organisatie: Eigenaar
    hergebruik_in_gebruik: int
    hergebruik_pilot: int
    hergebruik_actief: int
    opschalingsscore: float | None
    gepubliceerd_op: datetime | None
    themas: list[Thema] = field(default_factory=list)
    # The name and summary with the searched words marked (search page only).
    naam_gemarkeerd: SafeString | None = None
    samenvatting_gemarkeerd: SafeString | None = None

    def get_soort_display(self) -> str:
        return _SOORTEN.get(self.soort, self.soort)

    def get_vorm_display(self) -> str:
        return _VORMEN.get(self.vorm, self.vorm) if self.vorm else ""

    def get_levensfase_display(self) -> str:
        return _LEVENSFASEN.get(self.levensfase, self.levensfase)

    def mark(self, highlight) -> None:
        """Mark the searched words in name and summary with ``highlight(text)``."""
        self.naam_gemarkeerd = highlight(self.naam)
        self.samenvatting_gemarkeerd = highlight(self.samenvatting)


def from_items(items: list[str], themas: dict[str, Thema]) -> list[Kaart]:
    """Cards from stored list items (JSON text), in their order; ``themas`` by slug."""
    cards = []
    for text in items:
        item = orjson.loads(text)
        owner = item["organisatie"]
        cards.append(
            Kaart(
                uuid=item["uuid"],
                slug=item["slug"],
                naam=item["naam"],
                soort=item["soort"],
                vorm=item.get("vorm") or "",
                levensfase=item["levensfase"],
                samenvatting=item["samenvatting"],
                organisatie=Eigenaar(code=owner["code"], naam=owner["naam"]),
                hergebruik_in_gebruik=item["inGebruik"],
                hergebruik_pilot=item["inPilot"],
                hergebruik_actief=item["hergebruikActief"],
                opschalingsscore=item["opschalingsscore"],
                gepubliceerd_op=(
                    datetime.fromisoformat(item["gepubliceerdOp"])
                    if item.get("gepubliceerdOp")
                    else None
                ),
                # In the item's order: by name, as the database sorts them.
                themas=[
                    themas[t["slug"]] for t in item["themas"] if t["slug"] in themas
                ],
            )
        )
    return cards


def stored_list_items(pks: list[int]) -> dict[int, str]:
    """The stored list items (JSON text) of these published blocks, by id; a block
    whose representation is missing (written before there were stored ones) is
    rendered and stored now. The cards and the API's list read them here."""
    weergave.flush()
    found = dict(
        Weergave.objects.filter(bouwsteen__in=pks).values_list("bouwsteen_id", "lijst")
    )
    if missing := [pk for pk in pks if pk not in found]:
        weergave.changed(weergave.BLOK, missing)
        weergave.flush()
        found.update(
            Weergave.objects.filter(bouwsteen__in=missing).values_list(
                "bouwsteen_id", "lijst"
            )
        )
    return found


def cards_of(pks: list[int]) -> list[Kaart]:
    """The cards of these published blocks, in this order, with the thema's for their
    names: two queries, or more only for a representation that was missing."""
    items = stored_list_items(pks)
    return from_items(
        [items[pk] for pk in pks if pk in items],
        {thema.slug: thema for thema in Thema.objects.all()},
    )
