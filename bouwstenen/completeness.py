"""What a building block needs before it goes to review and publication: one rule, pure.

A block is made of parts ("onderdelen"): its name, what it is, a description, the
thema's and layers it belongs to, its phase and licence, a contact, a link and the
opschalingscheck. ``completeness_of`` says which are done and which are missing, each
missing part with the field it is about and a Dutch sentence of what to fill in, so a
screen can say "8 van 11 onderdelen ingevuld voor publicatie" and list the rest.

The rule reads a block (or a view of a concept, ``services.content.view_of``) and writes
nothing. It is enforced where a block is offered for review and where a publicist
publishes it (``services.workflow``); an import or a harvest that publishes directly
keeps only the smaller rule of a public page (``Bouwsteen.publication_problems``).

Four parts are what a public page cannot do without (``openbaar``): those are also what a
published block must keep and what every published copy must have.
"""

from collections.abc import Callable
from dataclasses import dataclass

from bouwstenen.constants import Voorwaarde


@dataclass(frozen=True)
class Onderdeel:
    code: str
    label: str  # what the part is, as it reads in a sentence (a screen capitalises it)
    field: str  # the field a missing part is reported on (and linked to in the admin)
    ontbreekt: str  # what to do when it is missing
    check: Callable[[object], bool]
    openbaar: bool = False  # a public page needs it, also outside the review
    anchor: str = (
        ""  # the id of the admin form's element to jump to, when not id_<field>
    )

    @property
    def target(self) -> str:
        return self.anchor or f"id_{self.field}"


def _filled(value) -> bool:
    return bool((value or "").strip())


def _open_preconditions(bouwsteen) -> list[str]:
    answered = {
        a.voorwaarde for a in bouwsteen.opschalingsantwoorden.all() if a.antwoord
    }
    return [label for code, label in Voorwaarde.choices if code not in answered]


LINK_FIELDS = ("repository_url", "documentatie_url", "demo_url", "website_url")

ONDERDELEN: tuple[Onderdeel, ...] = (
    Onderdeel(
        "naam",
        "naam",
        "naam",
        "Geef de bouwsteen een naam.",
        lambda b: _filled(b.naam),
    ),
    Onderdeel(
        "soort",
        "soort",
        "soort",
        "Kies de soort: datatoepassing, use case of werkwijze.",
        lambda b: _filled(b.soort),
    ),
    Onderdeel(
        "samenvatting",
        "samenvatting",
        "samenvatting",
        "Vat in één of twee zinnen samen wat het is en wat het oplevert.",
        lambda b: _filled(b.samenvatting),
    ),
    Onderdeel(
        "beschrijving",
        "beschrijving",
        "beschrijving",
        "Beschrijf de bouwsteen: werking, data en resultaten.",
        lambda b: _filled(b.beschrijving),
        openbaar=True,
    ),
    Onderdeel(
        "themas",
        "thema",
        "themas",
        "Kies minstens één thema (maatschappelijke opgave).",
        lambda b: b.themas.exists(),
        openbaar=True,
    ),
    Onderdeel(
        "lagen",
        "Common Ground-laag",
        "lagen",
        "Kies minstens één Common Ground-laag.",
        lambda b: b.lagen.exists(),
        openbaar=True,
    ),
    Onderdeel(
        "levensfase",
        "levensfase",
        "levensfase",
        "Kies de levensfase: idee, pilot, opschaling, productie of uitgefaseerd.",
        lambda b: _filled(b.levensfase),
    ),
    Onderdeel(
        "licentie",
        "licentie",
        "licentie",
        "Vul de licentie in, bijvoorbeeld EUPL-1.2.",
        lambda b: _filled(b.licentie),
    ),
    Onderdeel(
        "contact",
        "contactpunt",
        "contact_email",
        "Vul een contactpunt in (naam en e-mail), zodat anderen u kunnen vinden.",
        lambda b: _filled(b.contact_naam) and _filled(b.contact_email),
        openbaar=True,
        anchor="id_contact_naam",
    ),
    Onderdeel(
        "link",
        "link",
        # Any of four fields will do: the refusal names the group, as the API does.
        "links",
        "Geef minstens één link: repository, documentatie, demo of website.",
        lambda b: any(_filled(getattr(b, name)) for name in LINK_FIELDS),
        anchor="id_repository_url",
    ),
    Onderdeel(
        "opschalingscheck",
        "opschalingscheck",
        "opschalingscheck",
        "Beantwoord elke voorwaarde van de opschalingscheck (‘n.v.t.’ mag ook).",
        lambda b: not _open_preconditions(b),
        anchor="opschalingsantwoorden-group",
    ),
)


@dataclass(frozen=True)
class Ontbrekend:
    code: str
    label: str
    field: str
    reden: str
    target: str  # where the admin form has it (an element id)


@dataclass(frozen=True)
class Volledigheid:
    gedaan: list[Onderdeel]
    ontbreekt: list[Ontbrekend]

    @property
    def totaal(self) -> int:
        return len(self.gedaan) + len(self.ontbreekt)

    @property
    def ingevuld(self) -> int:
        return len(self.gedaan)

    @property
    def compleet(self) -> bool:
        return not self.ontbreekt

    @property
    def samenvatting(self) -> str:
        return f"{self.ingevuld} van {self.totaal} onderdelen ingevuld voor publicatie"

    def field_errors(self) -> dict[str, list[str]]:
        """What is missing per field, as a refusal of the services reports it."""
        errors: dict[str, list[str]] = {}
        for part in self.ontbreekt:
            errors.setdefault(part.field, []).append(part.reden)
        return errors


def _reason(part: Onderdeel, bouwsteen) -> str:
    if part.code != "opschalingscheck":
        return part.ontbreekt
    # Name the open preconditions: "answer everything" alone does not say where.
    return f"{part.ontbreekt} Nog open: {', '.join(_open_preconditions(bouwsteen))}."


def completeness_of(bouwsteen, *, openbaar_only: bool = False) -> Volledigheid:
    """Which parts of ``bouwsteen`` are done and which are missing, in the form's order.

    ``openbaar_only``: only the parts a public page needs (``Onderdeel.openbaar``).
    """
    gedaan, ontbreekt = [], []
    for part in ONDERDELEN:
        if openbaar_only and not part.openbaar:
            continue
        if part.check(bouwsteen):
            gedaan.append(part)
        else:
            ontbreekt.append(
                Ontbrekend(
                    part.code,
                    part.label,
                    part.field,
                    _reason(part, bouwsteen),
                    part.target,
                )
            )
    return Volledigheid(gedaan, ontbreekt)
