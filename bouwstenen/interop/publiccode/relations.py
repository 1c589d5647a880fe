"""Which organisations, thema's, lagen and GEMMA components a publiccode.yml names,
looked up in the registry's reference data (read once per import run). Part of the
mapping (``mapping``): nothing here writes, each finding is a problem at a key path."""

from typing import TYPE_CHECKING

from bouwstenen.interop.publiccode import standard as std
from bouwstenen.interop.publiccode.organisation_names import OrganisationNames
from bouwstenen.interop.publiccode.problems import FOUT, format_path
from bouwstenen.interop.publiccode.reading import get_key
from bouwstenen.interop.publiccode.standard import REGISTRY_SECTION
from bouwstenen.interop.publiccode.yaml_loader import KeyPath
from registry.models import Laag, Organisatie, Referentiecomponent, Thema

if TYPE_CHECKING:
    from bouwstenen.interop.publiccode.mapping import Mapper

# publiccode.yml categories that name a public task, and the thema they stand for.
# Most categories describe the kind of software (it-development, collaboration) and
# say nothing about the task; those are left alone.
CATEGORY_TO_THEMA = {
    "accounting": "bedrijfsvoering",
    "budgeting": "bedrijfsvoering",
    "business-intelligence": "bedrijfsvoering",
    "financial-reporting": "bedrijfsvoering",
    "hr": "bedrijfsvoering",
    "payroll": "bedrijfsvoering",
    "procurement": "bedrijfsvoering",
    "appointment-scheduling": "dienstverlening",
    "call-center-management": "dienstverlening",
    "contact-management": "dienstverlening",
    "customer-service-and-support": "dienstverlening",
    "document-management": "dienstverlening",
    "online-booking": "dienstverlening",
    "digital-citizenship": "democratie-en-participatie",
    "geographic-information-systems": "ruimte-en-omgeving",
}


class ReferenceData:
    """The registry's organisations, thema's, lagen and GEMMA components, read once per
    import run (a folder of files costs the same few queries as one file)."""

    def __init__(self):
        organisaties = list(Organisatie.objects.all())
        self.by_tooi = {
            o.tooi_uri.rstrip("/").lower(): o for o in organisaties if o.tooi_uri
        }
        self.by_code = {o.code.lower(): o for o in organisaties}
        self.names = OrganisationNames(organisaties)
        self.themas = {t.slug: t for t in Thema.objects.all()}
        self.lagen = {laag.slug: laag for laag in Laag.objects.all()}
        componenten = list(Referentiecomponent.objects.all())
        self.componenten_by_id = {str(c.gemma_id): c for c in componenten}
        self.componenten_by_naam = {c.naam.casefold(): c for c in componenten}

    def organisation_by_uri(self, uri: str) -> Organisatie | None:
        return self.by_tooi.get(
            uri.strip().rstrip("/").lower().replace("http:", "https:")
        )


def eigenaren(m: "Mapper") -> None:
    """Who the file says owns the software: known public organisations become
    ``eigenaren``; a name that is not a public organisation in the register is a
    supplier (``leverancier``), kept as information and never as owner."""
    data = m.data
    organisation = get_key(data, "organisation")
    organisation = organisation if isinstance(organisation, dict) else {}
    legal = get_key(data, "legal")
    legal = legal if isinstance(legal, dict) else {}
    found: list[tuple[str, Organisatie]] = []

    def add(path: KeyPath, organisatie: Organisatie) -> None:
        if all(organisatie != other for _path, other in found):
            found.append((format_path(path), organisatie))

    uri, uri_path = get_key(organisation, "uri"), ("organisation", "uri")
    if not isinstance(uri, str):
        for key in ("organizationUri", "organisationUri"):
            if isinstance(data.get(key), str):
                uri, uri_path = data[key], (key,)
                break
    if isinstance(uri, str) and uri.strip():
        by_uri = m.reference.organisation_by_uri(uri)
        if by_uri is not None:
            add(uri_path, by_uri)
    leveranciers = []
    for path, name in (
        (("organisation", "name"), get_key(organisation, "name")),
        (("legal", "repoOwner"), get_key(legal, "repoOwner")),
        (("legal", "mainCopyrightOwner"), get_key(legal, "mainCopyrightOwner")),
    ):
        if not isinstance(name, str) or not name.strip():
            continue
        matched = m.reference.names.match(name)
        if matched is not None:
            add(path, matched)
        elif m.reference.names.is_ambiguous(name):
            m.problem(
                path,
                f"‘{name.strip()}’ past bij meer dan één organisatie in het register; "
                "niet als eigenaar gebruikt. Zet organisation.uri (TOOI) in het bestand.",
            )
        elif path[0] == "legal":
            text = " ".join(name.split())
            if text not in leveranciers:
                leveranciers.append(text)
    m.block.eigenaren = found
    m.block.values["leverancier"] = "; ".join(leveranciers)[:300]


def organisatie(m: "Mapper", fallback: Organisatie | None) -> Organisatie | None:
    """The owner the file names most precisely (``eigenaren``), else the one chosen at
    the import; the importer checks that the user may book it there."""
    if m.block.eigenaren:
        path, found = m.block.eigenaren[0]
        if fallback is not None and fallback != found:
            m.problem(
                tuple(path.split(".")),
                f"Het bestand noemt {found.naam} ({found.code}) als eigenaar, niet de "
                f"gekozen organisatie {fallback.naam}.",
            )
        elif fallback is None and not path.endswith("uri"):
            m.problem(
                tuple(path.split(".")),
                f"Organisatie afgeleid uit de naam: {found.naam} ({found.code}).",
            )
        return found
    organisation = get_key(m.data, "organisation")
    uri = get_key(organisation, "uri") if isinstance(organisation, dict) else None
    if isinstance(uri, str) and uri.strip():
        if fallback is None:
            m.problem(
                ("organisation", "uri"),
                f"Onbekende organisatie-URI {uri!r}: geen organisatie in het register "
                "heeft deze TOOI-URI. Kies een organisatie bij het importeren.",
                FOUT,
            )
            return None
        m.problem(
            ("organisation", "uri"),
            f"Onbekende organisatie-URI {uri!r}; {fallback.naam} gebruikt.",
        )
        return fallback
    if fallback is not None:
        return fallback
    m.problem(
        ("organisation",),
        "Onbekend welke organisatie deze bouwsteen publiceert: het bestand heeft geen "
        "bekende organisation.uri (TOOI). Kies een organisatie bij het importeren.",
        FOUT,
    )
    return None


def themas(m: "Mapper") -> list[Thema]:
    themas = m.reference.themas
    exact = m.register.get("themas")
    if isinstance(exact, list):
        found = []
        for index, slug in enumerate(exact):
            if slug in themas:
                found.append(themas[slug])
            else:
                m.problem(
                    ("nl", REGISTRY_SECTION, "themas", index),
                    f"Onbekend thema {slug!r}; weggelaten.",
                )
        return found
    found: dict[str, Thema] = {}
    audience = get_key(m.data, "intendedAudience")
    scopes = get_key(audience, "scope") if isinstance(audience, dict) else None
    for scope in scopes if isinstance(scopes, list) else []:
        matching = [t for t in themas.values() if t.publiccode_scope == scope]
        for thema in matching:
            found.setdefault(thema.slug, thema)
    categories = get_key(m.data, "categories")
    for category in categories if isinstance(categories, list) else []:
        slug = CATEGORY_TO_THEMA.get(category)
        if slug in themas:
            found.setdefault(slug, themas[slug])
    return sorted(found.values(), key=lambda t: t.naam)


def lagen(m: "Mapper") -> list[Laag]:
    vng = m.nl.get("vng") if isinstance(m.nl.get("vng"), dict) else {}
    commonground = m.nl.get("commonground") or vng.get("commonground") or {}
    raw = commonground.get("layerType") if isinstance(commonground, dict) else None
    items = raw if isinstance(raw, list) else [raw] if raw else []
    lagen = []
    for item in items:
        if not isinstance(item, str):
            continue
        slug = std.LAYER_TYPE_TO_LAAG.get(item.lower(), item.lower())
        laag = m.reference.lagen.get(slug)
        if laag is not None and laag not in lagen:
            lagen.append(laag)
    return lagen


def componenten(m: "Mapper") -> list[Referentiecomponent]:
    gemma = m.nl.get("gemma")
    raw = gemma.get("referentieComponenten") if isinstance(gemma, dict) else None
    found = []
    for index, item in enumerate(raw if isinstance(raw, list) else []):
        if not isinstance(item, str):
            continue
        component = m.reference.componenten_by_id.get(
            item.strip().lower()
        ) or m.reference.componenten_by_naam.get(item.strip().casefold())
        if component is None:
            m.problem(
                ("nl", "gemma", "referentieComponenten", index),
                f"Onbekende GEMMA-referentiecomponent {item!r}; weggelaten.",
            )
        elif component not in found:
            found.append(component)
    return found
