""" "Mijn organisatie": the admin's start page for a member, per organisation.

Reads through ``bouwstenen.mijn_organisatie`` (a fixed number of queries for all the
user's organisations), groups per organisation and says, for each item, what its link
opens. ``RegistryAdminSite.index`` adds this to the index's context.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from bouwstenen import mijn_organisatie as selectors
from bouwstenen.onderhoud import HERINNEREN_MAANDEN
from registry.constants import Publicatiestatus, Rol


@dataclass(frozen=True)
class Item:
    url: str
    link: str  # says what the link opens, also out of context
    details: list[str] = field(default_factory=list)
    opmerking: str = ""  # a publicist's reason for a return, quoted as written


# A box lists this many; the rest is a link to the full list (the heading counts all).
TONEN = 10


@dataclass(frozen=True)
class Sectie:
    slug: str
    titel: str
    leeg: str
    items: list[Item]
    uitleg: str = ""
    lijst: tuple[str, str] = ("", "")  # the full list: its link text, its url

    @property
    def getoond(self) -> list[Item]:
        return self.items[:TONEN]

    @property
    def meer(self) -> int:
        return max(len(self.items) - TONEN, 0)


@dataclass(frozen=True)
class Overzicht:
    organisatie: object
    rol: str
    secties: list[Sectie]

    @property
    def rol_label(self) -> str:
        return Rol(self.rol).label.lower()


def _datum(moment) -> str:
    return date_format(timezone.localtime(moment), "j F Y")


def _wie(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def _change(model: str, pk: int, anchor: str = "") -> str:
    return reverse(f"admin:bouwstenen_{model}_change", args=[pk]) + anchor


def _werk_item(werk: selectors.Werk, *, rol: str) -> Item:
    naam = werk.bouwsteen.naam
    url = _change("bouwsteen", werk.bouwsteen.pk)
    details = []
    if werk.is_werkversie:
        details.append("Wijzigingen in de gepubliceerde bouwsteen")
    if werk.status == Publicatiestatus.TER_BEOORDELING:
        wie = _wie(werk.ingediend_door)
        details.append(
            f"Ingediend{f' door {wie}' if wie else ''}, gewijzigd {_datum(werk.gewijzigd_op)}"
        )
        link = f"Beoordelen: {naam}" if rol == Rol.PUBLICIST else f"Bekijken: {naam}"
        return Item(url=url, link=link, details=details)
    details.append(f"Gewijzigd {_datum(werk.gewijzigd_op)}")
    if werk.is_teruggestuurd:
        return Item(
            url=url,
            link=f"Aanpassen: {naam}",
            details=details,
            opmerking=werk.opmerking,
        )
    return Item(url=url, link=f"Verder werken aan: {naam}", details=details)


def _hergebruik_item(hergebruik) -> Item:
    door = hergebruik.gemeld_namens.naam if hergebruik.gemeld_namens else ""
    melding = f"Gemeld door {door}" if door else "Gemeld"
    if hergebruik.melding_bron:
        melding += f" via {hergebruik.melding_bron}"
    return Item(
        url=_change("hergebruik", hergebruik.pk),
        link=f"Bevestigen of afwijzen: hergebruik van {hergebruik.bouwsteen.naam}",
        details=[f"{melding} op {_datum(hergebruik.gemeld_op)}"],
    )


def _overdracht_item(overdracht, organisatie_id: int, *, rol: str) -> Item:
    naam = overdracht.bouwsteen.naam
    url = _change("overdracht", overdracht.pk)
    sinds = f"Aangevraagd op {_datum(overdracht.aangemaakt_op)}"
    uitgaand = overdracht.van_id == organisatie_id
    ander = overdracht.naar if uitgaand else overdracht.van
    if overdracht.aangevraagd_namens_id == organisatie_id:
        richting = "naar" if uitgaand else "van"
        return Item(
            url=url,
            link=f"Uw verzoek: {naam} {richting} {ander.naam}",
            details=[f"{sinds}; {ander.naam} beslist"],
        )
    verzoek = (
        "wil ‘{}’ aan u overdragen" if not uitgaand else "vraagt ‘{}’ over te nemen"
    )
    werkwoord = "Beslissen" if rol == Rol.PUBLICIST else "Bekijken"
    return Item(
        url=url,
        link=f"{werkwoord}: overdracht van {naam} ({'naar' if uitgaand else 'van'} "
        f"{ander.naam})",
        details=[f"{ander.naam} {verzoek.format(naam)}; {sinds.lower()}"],
    )


def _kapot_item(bouwsteen) -> Item:
    return Item(
        url=_change("bouwsteen", bouwsteen.pk, "#onderhoud"),
        link=f"Links herstellen: {bouwsteen.naam}",
        details=[
            f"{c.get_veld_display()}: {c.url}, werkt niet sinds {_datum(c.kapot_sinds)}"
            for c in bouwsteen.kapotte_links
        ],
    )


def _oud_item(bouwsteen) -> Item:
    return Item(
        url=_change("bouwsteen", bouwsteen.pk, "#onderhoud"),
        link=f"Bijwerken of bevestigen: {bouwsteen.naam}",
        details=[f"Niet gewijzigd sinds {_datum(bouwsteen.gewijzigd_op)}"],
    )


def overzichten(user) -> list[Overzicht]:
    """One overview per organisation of the user, in a fixed number of queries."""
    organisaties = selectors.own_organisations(user)
    if not organisaties:
        return []
    ids = [o.pk for o in organisaties]
    rollen = {o.pk: o.rol for o in organisaties}
    per_org: dict[str, dict[int, list[Item]]] = defaultdict(lambda: defaultdict(list))

    for werk in selectors.in_progress(ids):
        org = werk.bouwsteen.organisatie_id
        if werk.status == Publicatiestatus.TER_BEOORDELING:
            sectie = "ter-beoordeling"
        elif werk.is_teruggestuurd:
            sectie = "teruggestuurd"
        else:
            sectie = "concepten"
        per_org[sectie][org].append(_werk_item(werk, rol=rollen[org]))
    for hergebruik in selectors.reported_reuse(ids):
        per_org["hergebruik"][hergebruik.organisatie_id].append(
            _hergebruik_item(hergebruik)
        )
    for overdracht in selectors.open_transfers(ids):
        # Both sides may be the user's organisations: then it is listed at both.
        for org in {overdracht.van_id, overdracht.naar_id} & set(ids):
            per_org["overdrachten"][org].append(
                _overdracht_item(overdracht, org, rol=rollen[org])
            )
    for bouwsteen in selectors.with_broken_links(ids):
        per_org["links"][bouwsteen.organisatie_id].append(_kapot_item(bouwsteen))
    for bouwsteen in selectors.unchanged(ids):
        per_org["ongewijzigd"][bouwsteen.organisatie_id].append(_oud_item(bouwsteen))

    return [
        Overzicht(
            organisatie=org,
            rol=org.rol,
            secties=_secties(per_org, org.pk, org.rol),
        )
        for org in organisaties
    ]


def _lijst(model: str, query: str = "") -> str:
    return reverse(f"admin:bouwstenen_{model}_changelist") + query


def _secties(per_org, org: int, rol: str) -> list[Sectie]:
    publicist = rol == Rol.PUBLICIST
    bouwstenen = ("Alle bouwstenen in de lijst", _lijst("bouwsteen"))
    return [
        Sectie(
            "concepten",
            "Concepten",
            "Geen concepten.",
            per_org["concepten"][org],
            lijst=bouwstenen,
        ),
        Sectie(
            "ter-beoordeling",
            "Te beoordelen" if publicist else "Ter beoordeling",
            "Niets ter beoordeling.",
            per_org["ter-beoordeling"][org],
            "Een andere publicist dan wie het wijzigde, publiceert of stuurt terug."
            if publicist
            else "Een publicist van uw organisatie beoordeelt deze bouwstenen.",
            lijst=bouwstenen,
        ),
        Sectie(
            "teruggestuurd",
            "Teruggestuurd",
            "Niets teruggestuurd.",
            per_org["teruggestuurd"][org],
            "Pas aan wat de publicist vraagt en dien opnieuw in.",
            lijst=bouwstenen,
        ),
        Sectie(
            "hergebruik",
            "Gemeld hergebruik",
            "Geen gemeld hergebruik om te bevestigen.",
            per_org["hergebruik"][org],
            "Een ander meldde dat uw organisatie deze bouwstenen gebruikt; het telt pas "
            "mee als u het bevestigt.",
            lijst=(
                "Al het gemelde hergebruik in de lijst",
                _lijst("hergebruik", "?status__exact=gemeld"),
            ),
        ),
        Sectie(
            "overdrachten",
            "Overdrachten",
            "Geen open overdrachten.",
            per_org["overdrachten"][org],
            lijst=(
                "Alle open overdrachten in de lijst",
                _lijst("overdracht", "?status__exact=aangevraagd"),
            ),
        ),
        Sectie(
            "links",
            "Links die niet werken",
            "Alle links werken.",
            per_org["links"][org],
            lijst=bouwstenen,
        ),
        Sectie(
            "ongewijzigd",
            f"{HERINNEREN_MAANDEN} maanden niet gewijzigd",
            f"Geen bouwstenen die {HERINNEREN_MAANDEN} maanden niet zijn gewijzigd.",
            per_org["ongewijzigd"][org],
            "Werk ze bij, of bevestig dat ze nog actueel zijn.",
            lijst=bouwstenen,
        ),
    ]


def start_page_context(user) -> dict:
    """What the index adds for a member: the overviews, and its title."""
    overviews = overzichten(user)
    if not overviews:
        return {}
    return {"title": "Mijn organisatie", "overzichten": overviews}
