"""The export of an imported block: its source document, with what was edited here.

An import keeps the file as it came (``Bouwsteen.bron_document``) and what it read from
it (``bron_waarden``, the shape of ``values_of``). The export starts from that document,
so every key the registry has no field for (softwareVersion, releaseDate, logo, other
languages, platforms, categories, dependsOn, legal.mainCopyrightOwner, ...) comes back as
it was, and writes a field of the block over its key only where the block differs from
what the import read: import, export and import again changes nothing, and an edit here
changes only the keys of the edited field.
"""

import copy

from bouwstenen.constants import LEVENSFASE_TO_DEVELOPMENT_STATUS
from bouwstenen.interop.fingerprint import CONTENT_FIELDS
from bouwstenen.interop.publiccode import standard as std
from bouwstenen.interop.publiccode.mapping import FEATURES_HEADING, USED_BY_HEADING
from bouwstenen.interop.publiccode.reading import get_key, shorten
from bouwstenen.interop.publiccode.standard import REGISTRY_SECTION
from bouwstenen.interop.publiccode.yaml_loader import YamlRefused, load
from bouwstenen.models import Bouwsteen


def values_of(
    *, values: dict, organisatie, themas, lagen, referentiecomponenten, gebruikers
) -> dict:
    """What a block says, in a JSON-ready shape to compare an import with a block."""
    return {
        **{name: values.get(name) or "" for name in CONTENT_FIELDS},
        "organisatie": organisatie.code,
        "themas": sorted(t.slug for t in themas),
        "lagen": sorted(laag.slug for laag in lagen),
        "referentiecomponenten": sorted(str(c.gemma_id) for c in referentiecomponenten),
        "gebruikers": sorted(o.code for o in gebruikers),
    }


def current_values(bouwsteen: Bouwsteen, gebruikers) -> dict:
    return values_of(
        values={name: getattr(bouwsteen, name) for name in CONTENT_FIELDS},
        organisatie=bouwsteen.organisatie,
        themas=bouwsteen.themas.all(),
        lagen=bouwsteen.lagen.all(),
        referentiecomponenten=bouwsteen.referentiecomponenten.all(),
        gebruikers=gebruikers,
    )


def source_of(bouwsteen: Bouwsteen) -> dict | None:
    """The publiccode.yml the block was imported from, loaded; None for a block made
    here or harvested from another registry."""
    if not bouwsteen.bron_document or not isinstance(bouwsteen.bron_waarden, dict):
        return None
    try:
        data = load(bouwsteen.bron_document).data
    except YamlRefused:
        return None
    if not isinstance(data, dict) or get_key(data, "publiccodeYmlVersion") is None:
        return None
    return data


def sections(text: str) -> tuple[str, list[str] | None]:
    """The description without its features and usedBy sections (the import writes
    those from the file's features and usedBy), and the features listed in it."""
    body, features, skipping = [], None, False
    for line in text.splitlines():
        if line.startswith("## "):
            skipping = line.strip() in (FEATURES_HEADING, USED_BY_HEADING)
            if line.strip() == FEATURES_HEADING:
                features = []
            if skipping:
                continue
        if not skipping:
            body.append(line)
        elif features is not None and line.startswith("- "):
            features.append(line[2:].strip())
    return "\n".join(body).strip(), features


def features_section(text: str) -> tuple[str, list[str]] | None:
    """For a block made here: the description without its features section and the
    features in it, or None when it has none. A description that also lists usedBy
    names stays whole: an import appends those after the features, so splitting it
    would not give the same description back."""
    if USED_BY_HEADING in (line.strip() for line in text.splitlines()):
        return None
    body, features = sections(text)
    return None if features is None else (body, features)


def _language(data: dict) -> str | None:
    """The description the import read: the first Dutch one, else the first English."""
    descriptions = get_key(data, "description")
    if not isinstance(descriptions, dict):
        return None
    for wanted in ("nl", "en"):
        for tag, desc in descriptions.items():
            if (
                isinstance(tag, str)
                and std.language_of(tag) == wanted
                and isinstance(desc, dict)
            ):
                return tag
    return None


def _set_contact(data: dict, old: dict, new: dict) -> None:
    """Write the new contact over the entry the import took it from (a contact or a
    contractor), or add it as the first contact."""
    maintenance = data.setdefault("maintenance", {})
    if not isinstance(maintenance, dict):
        return
    entry = {"name": new["contact_naam"] or new["contact_email"]}
    if new["contact_email"]:
        entry["email"] = new["contact_email"]
    for key in ("contacts", "contractors"):
        for item in maintenance.get(key) or []:
            if isinstance(item, dict) and (
                (old["contact_email"] and item.get("email") == old["contact_email"])
                or (old["contact_naam"] and item.get("name") == old["contact_naam"])
            ):
                item.update(entry)
                if not new["contact_email"]:
                    item.pop("email", None)
                return
    maintenance.setdefault("contacts", []).insert(0, entry)
    if maintenance.get("type") in (None, "none"):
        maintenance["type"] = "internal"


def over_source(
    bouwsteen: Bouwsteen, source: dict, *, gebruikers, registry_section, display_name
) -> dict:
    """The source document with the block's edited fields written over their keys."""
    data = copy.deepcopy(source)
    old = bouwsteen.bron_waarden
    new = current_values(bouwsteen, gebruikers)
    edited = {name for name in new if new[name] != old.get(name, new[name])}
    tag = _language(data)
    # The key as the file spells it: the import reads "Description" as "description".
    desc = get_key(data, "description")[tag] if tag else {}
    if "naam" in edited:
        if isinstance(desc.get("localisedName"), str):
            desc["localisedName"] = bouwsteen.naam
        else:
            data["name"] = bouwsteen.naam
    if "samenvatting" in edited:
        desc["shortDescription"] = shorten(
            bouwsteen.samenvatting, std.SHORT_DESCRIPTION_MAX
        )
    if "beschrijving" in edited:
        body, features = sections(bouwsteen.beschrijving)
        desc["longDescription"] = body
        if features:
            desc["features"] = features
    if "documentatie_url" in edited:
        # The key the import read it from: documentation, else apiDocumentation.
        key = (
            "apiDocumentation"
            if "apiDocumentation" in desc and "documentation" not in desc
            else "documentation"
        )
        if bouwsteen.documentatie_url:
            desc[key] = bouwsteen.documentatie_url
        else:
            desc.pop(key, None)
    if "levensfase" in edited:
        data["developmentStatus"] = LEVENSFASE_TO_DEVELOPMENT_STATUS[
            bouwsteen.levensfase
        ]
    if "licentie" in edited:
        data.setdefault("legal", {})["license"] = bouwsteen.licentie
    if "repository_url" in edited and bouwsteen.repository_url:
        data["url"] = bouwsteen.repository_url
    if "website_url" in edited:
        if bouwsteen.website_url:
            data["landingURL"] = bouwsteen.website_url
        else:
            data.pop("landingURL", None)
    if edited & {"contact_naam", "contact_email"}:
        _set_contact(data, old, new)
    if "organisatie" in edited:
        organisatie = bouwsteen.organisatie
        data["organisation"] = {"name": display_name(organisatie)}
        if organisatie.tooi_uri:
            data["organisation"]["uri"] = organisatie.tooi_uri
    nl = data.get("nl") if isinstance(data.get("nl"), dict) else None
    if "lagen" in edited:
        nl = data.setdefault("nl", {}) if nl is None else nl
        nl.setdefault("commonground", {})["layerType"] = [
            std.LAAG_TO_LAYER_TYPE[laag.slug] for laag in bouwsteen.lagen.all()
        ]
    if "referentiecomponenten" in edited:
        nl = data.setdefault("nl", {}) if nl is None else nl
        nl.setdefault("gemma", {})["referentieComponenten"] = sorted(
            c.naam for c in bouwsteen.referentiecomponenten.all()
        )
    if "gebruikers" in edited:
        named = {str(n) for n in data.get("usedBy") or []}
        added = sorted(
            display_name(o)
            for o in gebruikers
            if o.code not in old.get("gebruikers", [])
        )
        data["usedBy"] = [
            *(data.get("usedBy") or []),
            *(n for n in added if n not in named),
        ]
    # What publiccode.yml has no key for goes into the registry's own section; only
    # when it was edited, because the section tells a later import to read them there.
    if edited & {"soort", "vorm", "themas", "demo_url"} or (
        "samenvatting" in edited
        and len(bouwsteen.samenvatting) > std.SHORT_DESCRIPTION_MAX
    ):
        nl = data.setdefault("nl", {}) if nl is None else nl
        section = registry_section(bouwsteen)
        # The file's features are a section of the beschrijving (the import put them
        # there, before any usedBy names): a later import puts them back.
        section.pop("functionaliteit", None)
        if sections(bouwsteen.beschrijving)[1] is not None:
            section["functionaliteit"] = True
        nl[REGISTRY_SECTION] = section
    return data
