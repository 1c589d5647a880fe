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
from django.core.validators import URLValidator

from bouwstenen.constants import (
    DEVELOPMENT_STATUS_TO_LEVENSFASE,
    SAMENVATTING_MAX_LENGTH,
    Soort,
    Vorm,
)
from bouwstenen.interop.publiccode import relations
from bouwstenen.interop.publiccode import standard as std
from bouwstenen.interop.publiccode.licences import read_licence
from bouwstenen.interop.publiccode.problems import (
    FOUT,
    WAARSCHUWING,
    Problem,
    problem_at,
)
from bouwstenen.interop.publiccode.reading import (
    get_key,
    read_email,
    registry_record_uuid,
    shorten,
)
from bouwstenen.interop.publiccode.relations import ReferenceData
from bouwstenen.interop.publiccode.standard import REGISTRY_SECTION
from bouwstenen.interop.publiccode.yaml_loader import KeyPath, LoadedYaml
from bouwstenen.models import Bouwsteen
from registry.models import Laag, Organisatie, Referentiecomponent, Thema

FEATURES_HEADING = "## Functionaliteit"
USED_BY_HEADING = "## Ook gebruikt door"

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


class Mapper:
    """One file on its way to a block: the data, the registry's section, the problems."""

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
        self.block.problems.append(problem_at(self.loaded, path, message, ernst))

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
    m = Mapper(loaded, reference)
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
    relations.eigenaren(m)
    block.organisatie = relations.organisatie(m, organisatie)
    block.themas = relations.themas(m)
    block.lagen = relations.lagen(m)
    block.referentiecomponenten = relations.componenten(m)
    _gebruikers(m)
    _check_lengths(m)
    return block


def _naam(m: Mapper) -> str:
    localised = m.first_text("localisedName")
    name = get_key(m.data, "name")
    naam = (localised[1] if localised else name) or ""
    return " ".join(str(naam).split())


def _samenvatting(m: Mapper) -> str:
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


def _beschrijving(m: Mapper) -> str:
    found = m.first_text("longDescription")
    text = found[1].strip() if found else ""
    if m.register and not m.register.get("functionaliteit"):
        # The registry's own export: the description is the beschrijving as it was
        # (with ``functionaliteit`` its features were a section of it).
        return text
    if FEATURES_HEADING in text.splitlines():
        # Listed already: the features are never added twice.
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


def _soort_en_vorm(m: Mapper) -> tuple[str, str]:
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


def _url_value(m: Mapper, path: KeyPath, value) -> str:
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


def _links(m: Mapper) -> None:
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


def _email(value) -> str:
    return read_email(value)[0] if isinstance(value, str) else ""


def _contact(m: Mapper) -> None:
    """The contactpunt: the first maintenance contact or contractor that can be mailed."""
    maintenance = get_key(m.data, "maintenance")
    maintenance = maintenance if isinstance(maintenance, dict) else {}
    people = [c for c in get_key(maintenance, "contacts") or [] if isinstance(c, dict)]
    firms = [
        c for c in get_key(maintenance, "contractors") or [] if isinstance(c, dict)
    ]
    # A functional address reaches someone longer than a person does: contacts with
    # an e-mail address first, then a contractor's, and only then a bare name.
    chosen = next((c for c in people if _email(get_key(c, "email"))), None)
    chosen = chosen or next((c for c in firms if _email(get_key(c, "email"))), None)
    chosen = chosen or (people[0] if people else None)
    if chosen is None:
        m.block.values |= {"contact_naam": "", "contact_email": ""}
        return
    naam = get_key(chosen, "name")
    m.block.values["contact_naam"] = (
        " ".join(naam.split())[:200] if isinstance(naam, str) else ""
    )
    m.block.values["contact_email"] = _email(get_key(chosen, "email"))


def _gebruikers(m: Mapper) -> None:
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


def _check_lengths(m: Mapper) -> None:
    values = m.block.values
    naam_limit = Bouwsteen._meta.get_field("naam").max_length
    if len(values["naam"]) > naam_limit:
        values["naam"] = shorten(values["naam"], naam_limit)
        m.problem(("name",), f"De naam is ingekort tot {naam_limit} tekens.")


def is_registry_export(loaded: LoadedYaml) -> bool:
    nl = get_key(loaded.data, "nl") if isinstance(loaded.data, dict) else None
    return isinstance(nl, dict) and isinstance(nl.get(REGISTRY_SECTION), dict)
