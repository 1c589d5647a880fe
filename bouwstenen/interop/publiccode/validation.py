"""Check a publiccode.yml against the standard, leniently, naming every problem.

Each problem has the key path (``description.en.longDescription``, ``maintenance
.contacts[0].email``), the line where the key starts and a Dutch message. A ``fout``
(error) is something without which no sound building block can be made, so the file is
refused; a ``waarschuwing`` (warning) is a departure from the standard that the importer
can live with. Versions 0.2 up to 0.5 are read by their own rules; 0.1 and later versions
(0.6, 0.7, with ``organizationUri`` and upper-case country sections) are read as the
nearest known version, with a warning.
"""

from urllib.parse import urlsplit

from bouwstenen.interop.publiccode import standard as std
from bouwstenen.interop.publiccode.checks import Checker
from bouwstenen.interop.publiccode.licences import read_licence
from bouwstenen.interop.publiccode.problems import FOUT, Problem
from bouwstenen.interop.publiccode.reading import get_key, read_email, read_version
from bouwstenen.interop.publiccode.yaml_loader import KeyPath, LoadedYaml

TOP_LEVEL_KEYS = frozenset(std.TOP_LEVEL_KEYS)
DESCRIPTION_KEYS = {
    "localisedName",
    "genericName",
    "shortDescription",
    "longDescription",
    "documentation",
    "apiDocumentation",
    "features",
    "screenshots",
    "videos",
    "awards",
}
REPOSITORY_SCHEMES = {"http", "https", "git", "ssh", "svn", "git+ssh", "hg"}


def validate(loaded: LoadedYaml) -> list[Problem]:
    """Every problem in the file, errors and warnings, in the order of the standard."""
    c = Checker(loaded)
    data = loaded.data
    if not isinstance(data, dict):
        c.report(
            (),
            "Dit is geen publiccode.yml: bovenaan hoort een sectie met sleutels.",
            FOUT,
        )
        return c.problems
    for path in loaded.duplicates:
        c.report(
            path, "Deze sleutel staat twee keer in dezelfde sectie; de laatste telt."
        )
    version = _check_version(c, data)
    _check_top_level_keys(c, data)

    name = get_key(data, "name")
    if name is None:
        c.missing(("name",), FOUT, "Zonder naam kan geen bouwsteen worden gemaakt.")
    elif not isinstance(name, str) or not name.strip():
        c.report(("name",), "Verwacht een niet-lege naam.", FOUT)
    c.text(("applicationSuite",), get_key(data, "applicationSuite"))

    url = get_key(data, "url")
    if url is None:
        c.missing(("url",), FOUT, "De url (de repository) identificeert de bouwsteen.")
    elif not isinstance(url, str) or urlsplit(url).scheme not in REPOSITORY_SCHEMES:
        c.report(("url",), f"Geen geldige URL van een repository: {url!r}.", FOUT)
    elif urlsplit(url).path.lower().endswith((".yaml", ".yml", ".json")):
        c.report(("url",), "Wijst naar een bestand, niet naar een repository.")

    landing = get_key(data, "landingURL")
    if landing is None and "landingURL" in data:
        c.report(("landingURL",), "Lege waarde; laat de sleutel weg als er geen is.")
    c.url(("landingURL",), landing)
    c.url(("roadmap",), get_key(data, "roadmap"))
    _check_is_based_on(c, get_key(data, "isBasedOn"))
    software_version = get_key(data, "softwareVersion")
    if software_version is not None and not isinstance(software_version, str):
        c.report(
            ("softwareVersion",),
            "Verwacht tekst; zet het versienummer tussen aanhalingstekens.",
        )
    release = get_key(data, "releaseDate")
    if release is None and version <= (0, 3):
        c.missing(("releaseDate",))
    c.date(("releaseDate",), release)
    c.text(("logo",), get_key(data, "logo"))
    if get_key(data, "monochromeLogo") is not None:
        c.report(("monochromeLogo",), "Verouderde sleutel; gebruik logo.")
    c.text_list(("inputTypes",), get_key(data, "inputTypes"))
    c.text_list(("outputTypes",), get_key(data, "outputTypes"))

    _check_organisation(c, data)

    platforms = get_key(data, "platforms")
    if platforms is None:
        c.missing(("platforms",))
    else:
        c.text_list(("platforms",), platforms)
    categories = get_key(data, "categories")
    if categories is None and version <= (0, 3):
        c.missing(("categories",))
    c.text_list(("categories",), categories, allowed=std.CATEGORIES)
    c.text_list(("usedBy",), get_key(data, "usedBy"))
    _check_funded_by(c, get_key(data, "fundedBy"))

    status = get_key(data, "developmentStatus")
    if status is None:
        c.missing(("developmentStatus",), FOUT, "Daaruit volgt de levensfase.")
    else:
        c.enum(("developmentStatus",), status, std.DEVELOPMENT_STATUSES, ernst=FOUT)
    software_type = get_key(data, "softwareType")
    if software_type is None:
        c.missing(("softwareType",))
    else:
        c.enum(("softwareType",), software_type, std.SOFTWARE_TYPES)

    audience = c.mapping(("intendedAudience",), get_key(data, "intendedAudience"))
    if audience is not None:
        scope_path = ("intendedAudience", "scope")
        c.text_list(scope_path, get_key(audience, "scope"), allowed=std.SCOPES)
        for key in ("countries", "unsupportedCountries"):
            for index, country in enumerate(
                c.text_list(("intendedAudience", key), get_key(audience, key))
            ):
                if len(country) != 2 or not country.isalpha():
                    c.report(
                        ("intendedAudience", key, index),
                        f"Geen ISO 3166-1-landcode van twee letters: {country!r}.",
                    )

    _check_description(c, get_key(data, "description"))
    _check_legal(c, get_key(data, "legal"))
    _check_maintenance(c, get_key(data, "maintenance"))
    _check_localisation(c, get_key(data, "localisation"))
    _check_depends_on(c, get_key(data, "dependsOn"))
    _check_nl_section(c, data)
    return c.problems


def _check_version(c: Checker, data: dict) -> tuple[int, int]:
    raw = get_key(data, "publiccodeYmlVersion")
    path = ("publiccodeYmlVersion",)
    if raw is None:
        c.missing(path, FOUT, "Zonder versie is dit geen publiccode.yml.")
        return (0, 5)
    version = read_version(raw)
    if version is None:
        c.report(path, f"Geen versienummer: {raw!r}.", FOUT)
        return (0, 5)
    if not isinstance(raw, str):
        c.report(path, "Verwacht tekst; zet de versie tussen aanhalingstekens.")
    shown = f"{version[0]}.{version[1]}"
    if shown in std.SUPPORTED_VERSIONS:
        return version
    if version < (0, 2):
        c.report(
            path, f"Versie {shown} is ouder dan de standaard (0.2); gelezen als 0.2."
        )
        return (0, 2)
    c.report(
        path,
        f"Versie {shown} is nieuwer dan dit register kent; gelezen met de regels van "
        f"{std.SUPPORTED_VERSIONS[-1]}.",
    )
    return (0, 5)


def _check_top_level_keys(c: Checker, data: dict) -> None:
    known_lower = {k.lower(): k for k in TOP_LEVEL_KEYS}
    for key in data:
        if not isinstance(key, str):
            c.report((str(key),), "Een sleutel moet tekst zijn.")
        elif key in TOP_LEVEL_KEYS or _is_country_section(key):
            continue
        elif key.lower() in known_lower:
            c.report(
                (key,), f"Schrijf ‘{known_lower[key.lower()]}’ (hoofdlettergevoelig)."
            )
        else:
            c.report((key,), "Onbekende sleutel; die hoort niet bij de standaard.")


def _is_country_section(key: str) -> bool:
    return len(key) == 2 and key.isalpha()


def _check_is_based_on(c: Checker, value) -> None:
    if value is None:
        return
    values = value if isinstance(value, list) else [value]
    for index, item in enumerate(values):
        path = ("isBasedOn", index) if isinstance(value, list) else ("isBasedOn",)
        if not isinstance(item, str) or urlsplit(item).scheme not in REPOSITORY_SCHEMES:
            c.report(path, f"Geen geldige URL: {item!r}.")


def _check_organisation(c: Checker, data: dict) -> None:
    organisation = c.mapping(("organisation",), get_key(data, "organisation"))
    if organisation is not None:
        if not isinstance(get_key(organisation, "name"), str):
            c.missing(("organisation", "name"))
        c.text(("organisation", "uri"), get_key(organisation, "uri"))
    for key in ("organizationUri", "organisationUri"):
        c.text((key,), data.get(key))


def _check_funded_by(c: Checker, value) -> None:
    if value is None:
        return
    if not isinstance(value, list):
        c.report(("fundedBy",), "Verwacht een lijst.")
        return
    for index, item in enumerate(value):
        funder = c.mapping(("fundedBy", index), item)
        if funder is not None and not isinstance(get_key(funder, "name"), str):
            c.missing(("fundedBy", index, "name"))


def _check_description(c: Checker, value) -> None:
    path = ("description",)
    descriptions = c.required_section(
        path, value, ernst=FOUT, why="Zonder beschrijving geen samenvatting."
    )
    if descriptions is None:
        return
    if not descriptions:
        c.report(path, "Geef de beschrijving in minstens één taal.", FOUT)
        return
    has_short = False
    has_long = False
    for lang, desc in descriptions.items():
        lang_path = (*path, str(lang))
        if not isinstance(lang, str) or not std.LANGUAGE_TAG.match(lang):
            c.report(lang_path, f"Geen taalcode volgens BCP 47: {lang!r}.")
        desc = c.mapping(lang_path, desc)
        if desc is None:
            continue
        for key in desc:
            if key not in DESCRIPTION_KEYS:
                c.report(
                    (*lang_path, str(key)), "Onbekende sleutel in de beschrijving."
                )
        short = get_key(desc, "shortDescription")
        if short is None:
            c.missing((*lang_path, "shortDescription"))
        elif c.text(
            (*lang_path, "shortDescription"),
            short,
            max_length=std.SHORT_DESCRIPTION_MAX,
        ):
            has_short = has_short or bool(short.strip())
        long = get_key(desc, "longDescription")
        if long is None:
            c.missing((*lang_path, "longDescription"))
        elif c.text(
            (*lang_path, "longDescription"), long, max_length=std.LONG_DESCRIPTION_MAX
        ):
            has_long = True
            if len(long.strip()) < std.LONG_DESCRIPTION_MIN:
                c.report(
                    (*lang_path, "longDescription"),
                    f"Is {len(long.strip())} tekens lang; de standaard vraagt er minstens "
                    f"{std.LONG_DESCRIPTION_MIN}.",
                )
        c.text((*lang_path, "localisedName"), get_key(desc, "localisedName"))
        c.text(
            (*lang_path, "genericName"),
            get_key(desc, "genericName"),
            max_length=std.GENERIC_NAME_MAX,
        )
        for key in ("documentation", "apiDocumentation"):
            c.url((*lang_path, key), get_key(desc, key))
        features = get_key(desc, "features")
        if features is None:
            c.missing((*lang_path, "features"))
        elif not c.text_list((*lang_path, "features"), features):
            c.report((*lang_path, "features"), "Noem minstens één functie.")
        for key in ("screenshots", "awards"):
            c.text_list((*lang_path, key), get_key(desc, key))
        for index, video in enumerate(
            c.text_list((*lang_path, "videos"), get_key(desc, "videos"))
        ):
            c.url((*lang_path, "videos", index), video)
    if not has_short:
        c.report(
            path,
            "Geen enkele taal heeft een shortDescription; daaruit komt de samenvatting.",
            FOUT,
        )
    elif not has_long:
        c.report(path, "Geen enkele taal heeft een longDescription.")


def _check_legal(c: Checker, value) -> None:
    path = ("legal",)
    legal = c.required_section(
        path,
        value,
        ernst=FOUT,
        why="Zonder licentie kan een bouwsteen niet worden opgenomen.",
    )
    if legal is None:
        return
    licence = get_key(legal, "license")
    if licence is None:
        c.missing((*path, "license"), FOUT, "Zonder licentie geen bouwsteen.")
    elif not isinstance(licence, str):
        c.report((*path, "license"), "Verwacht een SPDX-expressie als tekst.", FOUT)
    else:
        reading = read_licence(licence)
        if reading.error:
            c.report((*path, "license"), reading.error, FOUT)
        elif reading.warning:
            c.report((*path, "license"), reading.warning)
    for key in ("mainCopyrightOwner", "repoOwner"):
        c.text((*path, key), get_key(legal, key))
    if get_key(legal, "authorsFile") is not None:
        c.report((*path, "authorsFile"), "Verouderde sleutel; kan weg.")


def _check_maintenance(c: Checker, value) -> None:
    path = ("maintenance",)
    maintenance = c.required_section(path, value)
    if maintenance is None:
        return
    kind = get_key(maintenance, "type")
    if kind is None:
        c.missing((*path, "type"))
    else:
        c.enum((*path, "type"), kind, std.MAINTENANCE_TYPES)
    contacts = _entries(c, (*path, "contacts"), get_key(maintenance, "contacts"))
    contractors = _entries(
        c, (*path, "contractors"), get_key(maintenance, "contractors")
    )
    if kind in ("internal", "community") and not contacts:
        c.report(
            (*path, "contacts"), f"Bij type {kind} zijn contactpersonen verplicht."
        )
    if kind == "contract" and not contractors:
        c.report(
            (*path, "contractors"), "Bij type contract zijn opdrachtnemers verplicht."
        )
    for index, contact in contacts:
        entry_path = (*path, "contacts", index)
        if not isinstance(get_key(contact, "name"), str):
            c.missing((*entry_path, "name"))
        _check_email(c, (*entry_path, "email"), get_key(contact, "email"))
        phone = get_key(contact, "phone")
        if phone is not None and not isinstance(phone, str):
            c.report((*entry_path, "phone"), "Verwacht het telefoonnummer als tekst.")
    for index, contractor in contractors:
        entry_path = (*path, "contractors", index)
        if not isinstance(get_key(contractor, "name"), str):
            c.missing((*entry_path, "name"))
        until = get_key(contractor, "until")
        if until is None:
            c.missing((*entry_path, "until"))
        c.date((*entry_path, "until"), until)
        _check_email(c, (*entry_path, "email"), get_key(contractor, "email"))
        c.url((*entry_path, "website"), get_key(contractor, "website"))


def _entries(c: Checker, path: KeyPath, value) -> list[tuple[int, dict]]:
    if value is None:
        return []
    if not isinstance(value, list):
        c.report(path, "Verwacht een lijst.")
        return []
    entries = []
    for index, item in enumerate(value):
        entry = c.mapping((*path, index), item)
        if entry is not None:
            entries.append((index, entry))
    return entries


def _check_email(c: Checker, path: KeyPath, value) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        c.report(path, "Verwacht een e-mailadres als tekst.")
        return
    address, obfuscated = read_email(value)
    if not address:
        c.report(path, f"Geen geldig e-mailadres: {value!r}.")
    elif obfuscated:
        c.report(path, "Het e-mailadres is verhuld (\\x64 voor @); gelezen met @.")


def _check_localisation(c: Checker, value) -> None:
    path = ("localisation",)
    localisation = c.required_section(path, value)
    if localisation is None:
        return
    ready = get_key(localisation, "localisationReady")
    if ready is None:
        c.missing((*path, "localisationReady"))
    elif not isinstance(ready, bool):
        c.report((*path, "localisationReady"), "Verwacht true of false.")
    languages = get_key(localisation, "availableLanguages")
    if languages is None:
        c.missing((*path, "availableLanguages"))
    for index, tag in enumerate(c.text_list((*path, "availableLanguages"), languages)):
        if not std.LANGUAGE_TAG.match(tag):
            c.report((*path, "availableLanguages", index), f"Geen taalcode: {tag!r}.")


def _check_depends_on(c: Checker, value) -> None:
    path = ("dependsOn",)
    depends = c.mapping(path, value)
    if depends is None:
        return
    for kind in ("open", "proprietary", "hardware"):
        items = get_key(depends, kind)
        if items is None:
            continue
        if not isinstance(items, list):
            c.report((*path, kind), "Verwacht een lijst.")
            continue
        for index, item in enumerate(items):
            item_path = (*path, kind, index)
            if isinstance(item, str):
                c.report(
                    item_path,
                    "Verwacht een afhankelijkheid met name:, geen losse tekst.",
                )
            elif not isinstance(item, dict) or not isinstance(
                get_key(item, "name"), str
            ):
                c.missing((*item_path, "name"))
            elif "optional" in item and not isinstance(item["optional"], bool):
                c.report((*item_path, "optional"), "Verwacht true of false.")


def _check_nl_section(c: Checker, data: dict) -> None:
    """The Dutch country section: Common Ground, GEMMA, and this registry's own keys."""
    key = "NL" if "NL" in data else "nl"
    nl = c.mapping((key,), data.get(key))
    if nl is None:
        return
    vng = nl.get("vng")
    if isinstance(vng, dict) and "commonground" in vng:
        c.report(
            (key, "vng"), "Verouderde indeling (nl.vng); gelezen als nl.commonground."
        )
    commonground = nl.get("commonground") or (vng or {}).get("commonground")
    commonground = c.mapping((key, "commonground"), commonground)
    if commonground is not None:
        layer = commonground.get("layerType")
        layers = layer if isinstance(layer, list) else [layer] if layer else []
        for index, item in enumerate(layers):
            if not isinstance(item, str) or (
                item.lower() not in std.LAYER_TYPE_TO_LAAG
                and item.lower() not in std.LAAG_TO_LAYER_TYPE
            ):
                c.report(
                    (key, "commonground", "layerType", index)
                    if isinstance(layer, list)
                    else (key, "commonground", "layerType"),
                    f"Onbekende Common Ground-laag {item!r}; toegestaan: "
                    f"{', '.join(std.LAAG_TO_LAYER_TYPE.values())}.",
                )
    gemma = nl.get("gemma")
    if isinstance(gemma, dict):
        c.text_list(
            (key, "gemma", "referentieComponenten"), gemma.get("referentieComponenten")
        )
    register = c.mapping((key, "bouwstenenregister"), nl.get("bouwstenenregister"))
    if register is not None:
        for name in ("uuid", "soort", "vorm", "samenvatting"):
            c.text((key, "bouwstenenregister", name), register.get(name))
        c.text_list((key, "bouwstenenregister", "themas"), register.get("themas"))
        c.url((key, "bouwstenenregister", "demo"), register.get("demo"))
