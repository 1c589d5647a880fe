"""From a publiccode.yml to the values of a building block.

Text comes in Dutch where the file has it, else in English. The registry's own export
adds a section ``nl.bouwstenenregister`` with what publiccode.yml has no key for (soort,
vorm, the exact thema's, a summary longer than 150 characters, the demo link); with it,
importing an export gives the same block back.

Nothing here writes to the database: ``map_publiccode`` returns a ``MappedBlock`` with
the values, the related objects and the problems found on the way.
"""

import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email

from bouwstenen.constants import (
    DEVELOPMENT_STATUS_TO_LEVENSFASE,
    SAMENVATTING_MAX_LENGTH,
    Soort,
    Vorm,
)
from bouwstenen.interop import publiccode_standard as std
from bouwstenen.interop.licences import read_licence
from bouwstenen.interop.organisation_names import OrganisationNames
from bouwstenen.interop.publiccode_validation import (
    FOUT,
    WAARSCHUWING,
    Problem,
    deobfuscate_email,
    format_path,
    get_key,
)
from bouwstenen.interop.yaml_loader import KeyPath, LoadedYaml
from bouwstenen.models import Bouwsteen
from registry.models import Laag, Organisatie, Referentiecomponent, Thema

FEATURES_HEADING = "## Functionaliteit"
USED_BY_HEADING = "## Ook gebruikt door"
REGISTRY_SECTION = "bouwstenenregister"

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

_URL = URLValidator(schemes=["http", "https"])


@dataclass
class MappedBlock:
    values: dict = field(default_factory=dict)
    organisatie: Organisatie | None = None
    themas: list[Thema] = field(default_factory=list)
    lagen: list[Laag] = field(default_factory=list)
    referentiecomponenten: list[Referentiecomponent] = field(default_factory=list)
    gebruikers: list[Organisatie] = field(default_factory=list)
    # Public organisations the file names as its owner, each with the key that named it
    # (organisation.uri, organisation.name, legal.repoOwner, legal.mainCopyrightOwner),
    # first the one that names it most precisely. The importer books the block on one of
    # these only when the importing user is a member of it (the services' rule).
    eigenaren: list[tuple[str, Organisatie]] = field(default_factory=list)
    # The uuid in the registry that exported the file (nl.bouwstenenregister.uuid).
    registry_uuid: uuid.UUID | None = None
    # The ``url`` of the file: the repository, or the block's record in its registry.
    url: str = ""
    problems: list[Problem] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return any(p.is_fout for p in self.problems)


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


class _Mapper:
    def __init__(self, loaded: LoadedYaml, reference: ReferenceData):
        self.loaded = loaded
        self.data: dict = loaded.data
        self.reference = reference
        self.block = MappedBlock()
        nl = get_key(self.data, "nl")
        self.nl = nl if isinstance(nl, dict) else {}
        register = self.nl.get(REGISTRY_SECTION)
        self.register = register if isinstance(register, dict) else {}

    def problem(self, path: KeyPath, message: str, ernst: str = WAARSCHUWING) -> None:
        self.block.problems.append(
            Problem(format_path(path), message, ernst, self.loaded.line_of(path))
        )

    def descriptions(self) -> list[tuple[str, dict]]:
        """The Dutch, then the English description sections (with their keys)."""
        raw = get_key(self.data, "description")
        if not isinstance(raw, dict):
            return []
        found = []
        for wanted in ("nl", "en"):
            for tag, desc in raw.items():
                if (
                    isinstance(tag, str)
                    and std.language_of(tag) == wanted
                    and isinstance(desc, dict)
                ):
                    found.append((tag, desc))
                    break
        return found

    def first_text(self, key: str) -> tuple[str, str] | None:
        """``(language tag, text)`` of the first Dutch or English ``key`` with text."""
        for tag, desc in self.descriptions():
            value = get_key(desc, key)
            if isinstance(value, str) and value.strip():
                return tag, value
        return None


def map_publiccode(
    loaded: LoadedYaml,
    *,
    reference: ReferenceData,
    organisatie: Organisatie | None = None,
) -> MappedBlock:
    """The building block ``loaded`` describes; ``organisatie`` is the fallback owner."""
    if not isinstance(loaded.data, dict):
        return MappedBlock(
            problems=[
                Problem("", "Dit is geen publiccode.yml: verwacht sleutels.", FOUT)
            ]
        )
    m = _Mapper(loaded, reference)
    block = m.block
    if not m.descriptions():
        raw = get_key(m.data, "description")
        languages = ", ".join(str(t) for t in raw) if isinstance(raw, dict) else "geen"
        m.problem(
            ("description",),
            f"Geen beschrijving in het Nederlands of het Engels (wel in: {languages}).",
            FOUT,
        )
        return block
    values = block.values
    values["naam"] = _naam(m)
    values["samenvatting"] = _samenvatting(m)
    values["beschrijving"] = _beschrijving(m)
    values["levensfase"] = DEVELOPMENT_STATUS_TO_LEVENSFASE.get(
        get_key(m.data, "developmentStatus"), ""
    )
    values["soort"], values["vorm"] = _soort_en_vorm(m)
    licence = get_key(get_key(m.data, "legal") or {}, "license")
    values["licentie"] = read_licence(licence).spdx if isinstance(licence, str) else ""
    _links(m)
    _contact(m)
    _eigenaren(m)
    block.organisatie = _organisatie(m, organisatie)
    block.themas = _themas(m)
    block.lagen = _lagen(m)
    block.referentiecomponenten = _componenten(m)
    _gebruikers(m)
    _check_lengths(m)
    return block


def _naam(m: _Mapper) -> str:
    localised = m.first_text("localisedName")
    name = get_key(m.data, "name")
    naam = (localised[1] if localised else name) or ""
    return " ".join(str(naam).split())


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters at a sentence or word end, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    sentence = cut.rfind(". ")
    if sentence >= limit // 2:
        return cut[: sentence + 1]
    space = cut.rfind(" ")
    if space > 0:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "…"


def _samenvatting(m: _Mapper) -> str:
    exact = m.register.get("samenvatting")
    if isinstance(exact, str) and exact.strip():
        text = " ".join(exact.split())
    else:
        found = m.first_text("shortDescription")
        if found is None:
            # Worded as the validator's error when no language has one, so the report
            # shows it once.
            m.problem(
                ("description",),
                "Geen enkele taal heeft een shortDescription; daaruit komt de samenvatting."
                if not _any_short_description(m.data)
                else "Geen shortDescription in het Nederlands of het Engels; daaruit "
                "komt de samenvatting.",
                FOUT,
            )
            return ""
        text = " ".join(found[1].split())
    if len(text) > SAMENVATTING_MAX_LENGTH:
        text = shorten(text, SAMENVATTING_MAX_LENGTH)
        m.problem(
            ("description",),
            f"De samenvatting is ingekort tot {SAMENVATTING_MAX_LENGTH} tekens.",
        )
    return text


def _any_short_description(data: dict) -> bool:
    descriptions = get_key(data, "description")
    return isinstance(descriptions, dict) and any(
        isinstance(d, dict) and isinstance(get_key(d, "shortDescription"), str)
        for d in descriptions.values()
    )


def _beschrijving(m: _Mapper) -> str:
    found = m.first_text("longDescription")
    text = found[1].strip() if found else ""
    if m.register:
        # The registry's own export: the description is the beschrijving as it was.
        return text
    features = []
    for tag, desc in m.descriptions():
        if found and tag != found[0]:
            continue
        raw = get_key(desc, "features")
        if isinstance(raw, list):
            features = [
                " ".join(str(f).split()) for f in raw if isinstance(f, str | int)
            ]
        if features:
            break
    if features:
        section = FEATURES_HEADING + "\n\n" + "\n".join(f"- {f}" for f in features)
        text = f"{text}\n\n{section}" if text else section
    return text


def _soort_en_vorm(m: _Mapper) -> tuple[str, str]:
    soort = m.register.get("soort")
    vorm = m.register.get("vorm") or ""
    if soort is None:
        # Software described by publiccode.yml: a software component, unless it says more.
        return Soort.DATATOEPASSING, Vorm.SOFTWARECOMPONENT
    path = ("nl", REGISTRY_SECTION)
    if soort not in Soort.values:
        m.problem((*path, "soort"), f"Onbekende soort {soort!r}.", FOUT)
    if vorm and vorm not in Vorm.values:
        m.problem((*path, "vorm"), f"Onbekende vorm {vorm!r}; weggelaten.")
        vorm = ""
    if soort != Soort.DATATOEPASSING:
        vorm = ""
    return soort, vorm


def _url_value(m: _Mapper, path: KeyPath, value) -> str:
    """A usable http(s) URL from ``value``; a bare host name gets https:// (with a warning)."""
    if not isinstance(value, str) or not value.strip():
        return ""
    text = value.strip()
    if not urlsplit(text).scheme and "." in text.split("/", 1)[0] and " " not in text:
        text = "https://" + text
        m.problem(path, f"Geen schema in de URL; gelezen als {text}.")
    try:
        _URL(text)
    except ValidationError:
        m.problem(path, f"Geen bruikbare URL {value!r}; weggelaten.")
        return ""
    if len(text) > 500:
        m.problem(path, "De URL is langer dan 500 tekens; weggelaten.")
        return ""
    return text


def registry_record_uuid(url: str) -> uuid.UUID | None:
    """The uuid when ``url`` is a block's record in a registry (…/bouwstenen/<uuid>)."""
    parts = urlsplit(url or "").path.rstrip("/").split("/")
    if len(parts) >= 2 and parts[-2] == "bouwstenen":
        try:
            return uuid.UUID(parts[-1])
        except ValueError:
            return None
    return None


def _links(m: _Mapper) -> None:
    values = m.block.values
    url = get_key(m.data, "url")
    m.block.url = url.strip() if isinstance(url, str) else ""
    raw_uuid = m.register.get("uuid")
    if raw_uuid:
        try:
            m.block.registry_uuid = uuid.UUID(str(raw_uuid))
        except ValueError:
            m.problem(("nl", REGISTRY_SECTION, "uuid"), "Geen geldige uuid; genegeerd.")
    own_record = (
        m.block.registry_uuid is not None
        and registry_record_uuid(m.block.url) == m.block.registry_uuid
    )
    # A block without a repository is exported with its own record as url.
    values["repository_url"] = "" if own_record else _url_value(m, ("url",), url)
    values["website_url"] = _url_value(
        m, ("landingURL",), get_key(m.data, "landingURL")
    )
    documentation = None
    for key in ("documentation", "apiDocumentation"):
        found = m.first_text(key)
        if found:
            documentation = (("description", found[0], key), found[1])
            break
    values["documentatie_url"] = (
        _url_value(m, documentation[0], documentation[1]) if documentation else ""
    )
    values["demo_url"] = _url_value(
        m, ("nl", REGISTRY_SECTION, "demo"), m.register.get("demo")
    )


def _valid_email(value) -> str:
    if not isinstance(value, str):
        return ""
    for candidate in (value.strip(), deobfuscate_email(value)):
        try:
            validate_email(candidate)
        except ValidationError:
            continue
        return candidate
    return ""


def _contact(m: _Mapper) -> None:
    """The contactpunt: the first maintenance contact or contractor that can be mailed."""
    maintenance = get_key(m.data, "maintenance")
    maintenance = maintenance if isinstance(maintenance, dict) else {}
    people = [c for c in get_key(maintenance, "contacts") or [] if isinstance(c, dict)]
    firms = [
        c for c in get_key(maintenance, "contractors") or [] if isinstance(c, dict)
    ]
    # A functional address reaches someone longer than a person does: contacts with
    # an e-mail address first, then a contractor's, and only then a bare name.
    chosen = next((c for c in people if _valid_email(get_key(c, "email"))), None)
    chosen = chosen or next(
        (c for c in firms if _valid_email(get_key(c, "email"))), None
    )
    chosen = chosen or (people[0] if people else None)
    if chosen is None:
        m.block.values |= {"contact_naam": "", "contact_email": ""}
        return
    naam = get_key(chosen, "name")
    m.block.values["contact_naam"] = (
        " ".join(naam.split())[:200] if isinstance(naam, str) else ""
    )
    m.block.values["contact_email"] = _valid_email(get_key(chosen, "email"))


def _eigenaren(m: _Mapper) -> None:
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


def _organisatie(m: _Mapper, fallback: Organisatie | None) -> Organisatie | None:
    """The owner the file names most precisely (``_eigenaren``), else the one chosen at
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


def _themas(m: _Mapper) -> list[Thema]:
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


def _lagen(m: _Mapper) -> list[Laag]:
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


def _componenten(m: _Mapper) -> list[Referentiecomponent]:
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


def _gebruikers(m: _Mapper) -> None:
    """usedBy: known organisations become reuse records, the rest stays as text."""
    raw = get_key(m.data, "usedBy")
    names = [n for n in raw if isinstance(n, str)] if isinstance(raw, list) else []
    owner = m.block.organisatie
    unknown = []
    for name in names:
        organisatie = m.reference.names.match(name)
        if organisatie is None:
            unknown.append(" ".join(name.split()))
        elif organisatie != owner and organisatie not in m.block.gebruikers:
            m.block.gebruikers.append(organisatie)
    if unknown:
        section = USED_BY_HEADING + "\n\n" + "\n".join(f"- {n}" for n in unknown)
        text = m.block.values["beschrijving"]
        if section not in text:
            m.block.values["beschrijving"] = f"{text}\n\n{section}" if text else section


def _check_lengths(m: _Mapper) -> None:
    values = m.block.values
    naam_limit = Bouwsteen._meta.get_field("naam").max_length
    if len(values["naam"]) > naam_limit:
        values["naam"] = shorten(values["naam"], naam_limit)
        m.problem(("name",), f"De naam is ingekort tot {naam_limit} tekens.")


def is_registry_export(loaded: LoadedYaml) -> bool:
    nl = get_key(loaded.data, "nl") if isinstance(loaded.data, dict) else None
    return isinstance(nl, dict) and isinstance(nl.get(REGISTRY_SECTION), dict)
