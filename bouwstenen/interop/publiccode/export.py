"""A building block as publiccode.yml, readable by any publiccode.yml tool.

A block made here gets a complete file of version 0.4 (issue 22); 0.5 on request adds
``organisation`` with the owner's TOOI URI, where 0.4 names the owner only in
``legal.repoOwner``. An imported block keeps its source document and its version unless a
version is asked for (``roundtrip``); a harvested block gets 0.5, as before 0.4 came.

What publiccode.yml has no key for goes into the Dutch country section: the Common Ground
layers and GEMMA components in the keys the OpenCatalogi/VNG extension uses
(``nl.commonground.layerType``, ``nl.gemma.referentieComponenten``), and the rest of the
registry's fields in ``nl.bouwstenenregister``. Importing the file gives the same block
back. A block without a repository (a werkwijze, say) has its own record in this registry
as ``url``: the standard requires one, and it identifies the block just as well.
"""

import logging
import re

import yaml

from django.db.models import Prefetch
from django.urls import NoReverseMatch, reverse

from bouwstenen.constants import (
    LEVENSFASE_TO_DEVELOPMENT_STATUS,
    HergebruikStadium,
    HergebruikStatus,
    Soort,
    Vorm,
)
from bouwstenen.interop.publiccode import roundtrip
from bouwstenen.interop.publiccode import standard as std
from bouwstenen.interop.publiccode.mapping import USED_BY_HEADING
from bouwstenen.interop.publiccode.reading import get_key, shorten
from bouwstenen.interop.publiccode.standard import REGISTRY_SECTION
from bouwstenen.models import Bouwsteen, Hergebruik
from registry.constants import OrganisatieSoort
from registry.models import Organisatie

logger = logging.getLogger(__name__)

MAX_FEATURES = 20

SOFTWARE_TYPE = {
    Vorm.DASHBOARD: "standalone/web",
    Vorm.API: "standalone/backend",
    Vorm.MODEL: "standalone/backend",
    Vorm.DATAPIJPLIJN: "standalone/backend",
    Vorm.SOFTWARECOMPONENT: "library",
}
CATEGORIES = {
    Vorm.DASHBOARD: ["data-visualization"],
    Vorm.MODEL: ["data-analytics", "predictive-analysis"],
    Vorm.DATAPIJPLIJN: ["data-collection", "data-analytics"],
    Vorm.API: ["it-development"],
    Vorm.DATASET: ["data-collection"],
    Vorm.SOFTWARECOMPONENT: ["it-development"],
}
_DISPLAY_PREFIX = {
    OrganisatieSoort.GEMEENTE: "Gemeente",
    OrganisatieSoort.PROVINCIE: "Provincie",
}


def display_name(organisatie: Organisatie) -> str:
    """The name as people write it in usedBy: "Gemeente Utrecht", not "Utrecht"."""
    prefix = _DISPLAY_PREFIX.get(organisatie.soort)
    if prefix and not organisatie.naam.lower().startswith(prefix.lower()):
        return f"{prefix} {organisatie.naam}"
    return organisatie.naam


def record_url(bouwsteen: Bouwsteen, *, base_url: str) -> str:
    """The block's own address in this registry's API, absolute."""
    try:
        path = reverse("api:bouwsteen-detail", kwargs={"uuid": bouwsteen.uuid})
    except NoReverseMatch:
        path = f"/api/v1/bouwstenen/{bouwsteen.uuid}"
    return base_url.rstrip("/") + path


# The origin a stored publiccode.yml is written with (``Weergave.publiccode``); a read
# puts its own origin in its place, so one stored file serves under every host name.
# The .invalid domain is reserved (RFC 2606): no registry is reachable under it.
STORED_ORIGIN = "https://bouwstenenregister.invalid"
# The origins that are a plain YAML scalar in front of the record's path, as the
# export writes them; another origin (brackets, a user in it) is written afresh.
_PLAIN_ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")


def publiccode_stored(bouwsteen: Bouwsteen) -> str:
    """The publiccode.yml of ``bouwsteen`` in the version the export gives when none is
    asked for, with ``STORED_ORIGIN`` as the registry's origin; or "" when that origin
    would not be put back unambiguously (a text of the block names it), so that a
    read writes the file afresh."""
    try:
        text = publiccode_yaml(bouwsteen, base_url=STORED_ORIGIN)
    except Exception:  # noqa: BLE001 - the file is secondary to the block's own representation
        # A file that cannot be written must not stop the write that stores the block's
        # detail (or a migration that fills the column): the export then writes it per
        # request, and says what is wrong there.
        logger.exception(
            "publiccode.yml van bouwsteen %s niet opgeslagen; de export maakt hem per "
            "verzoek.",
            bouwsteen.pk,
        )
        return ""
    record = f"\nurl: {record_url(bouwsteen, base_url=STORED_ORIGIN)}\n"
    return text if text.count(STORED_ORIGIN) == text.count(record) <= 1 else ""


def with_origin(stored: str, base_url: str) -> str | None:
    """A stored publiccode.yml (``publiccode_stored``) as the export writes it for
    ``base_url``; None when that origin is not one the stored file can take."""
    if STORED_ORIGIN not in stored:
        return stored
    origin = base_url.rstrip("/")
    if not _PLAIN_ORIGIN.fullmatch(origin):
        return None
    return stored.replace(STORED_ORIGIN, origin, 1)


_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)")


def features_of(beschrijving: str) -> list[str]:
    """The top-level bullet points of the description (with their wrapped lines), as
    plain text."""
    items: list[str] = []
    section, in_item = "", False
    for line in beschrijving.splitlines():
        if line.startswith("#"):
            section, in_item = line.strip(), False
        elif section != USED_BY_HEADING and line.startswith(("- ", "* ")):
            items.append(line[2:])
            in_item = True
        elif in_item and line.startswith("  ") and line.strip():
            items[-1] += " " + line.strip()
        else:
            in_item = False
    features = []
    for item in items[:MAX_FEATURES]:
        text = _EMPHASIS.sub("", _LINK.sub(r"\1", item))
        text = " ".join(text.split()).rstrip(";,.")
        if text:
            features.append(shorten(text, 200))
    return features


def _description(bouwsteen: Bouwsteen) -> dict:
    description = {
        "shortDescription": shorten(bouwsteen.samenvatting, std.SHORT_DESCRIPTION_MAX)
    }
    split = roundtrip.features_section(bouwsteen.beschrijving)
    if split is None:
        # No features section: the features are the description's own bullets.
        body, listed = (
            bouwsteen.beschrijving.strip(),
            features_of(bouwsteen.beschrijving),
        )
    else:
        body, listed = split
    if body:
        description["longDescription"] = body
    if bouwsteen.documentatie_url:
        description["documentation"] = bouwsteen.documentatie_url
    # Once: a features section of the description goes into features, not into both.
    description["features"] = listed or [shorten(bouwsteen.samenvatting, 100)]
    return description


# Where ``gebruikers_prefetch`` leaves a block's users.
_GEBRUIKERS = "publiccode_gebruikers"


def _reuse_in_use():
    return (
        Hergebruik.objects.filter(stadium=HergebruikStadium.IN_GEBRUIK)
        .exclude(status=HergebruikStatus.AFGEWEZEN)
        .select_related("organisatie")
    )


def gebruikers_prefetch() -> Prefetch:
    """The reuse usedBy names, for many blocks in one query (rendering a batch of
    stored representations); without it each block asks for its own."""
    return Prefetch("hergebruik", queryset=_reuse_in_use(), to_attr=_GEBRUIKERS)


def _gebruikers(bouwsteen: Bouwsteen) -> list[Organisatie]:
    """The organisations usedBy names: confirmed reuse, and what the owner reported
    (usedBy is the owner's own claim in the standard); never a rejected report."""
    reuse = getattr(bouwsteen, _GEBRUIKERS, None)
    if reuse is None:
        reuse = _reuse_in_use().filter(bouwsteen=bouwsteen)
    return [h.organisatie for h in reuse]


def _used_by(bouwsteen: Bouwsteen) -> list[str]:
    return sorted(display_name(o) for o in _gebruikers(bouwsteen))


def _registry_section(bouwsteen: Bouwsteen) -> dict:
    section = {"uuid": str(bouwsteen.uuid), "soort": bouwsteen.soort}
    if bouwsteen.vorm:
        section["vorm"] = bouwsteen.vorm
    section["themas"] = sorted(t.slug for t in bouwsteen.themas.all())
    if len(bouwsteen.samenvatting) > std.SHORT_DESCRIPTION_MAX:
        section["samenvatting"] = bouwsteen.samenvatting
    if bouwsteen.demo_url:
        section["demo"] = bouwsteen.demo_url
    if roundtrip.features_section(bouwsteen.beschrijving) is not None:
        # The features are a section of the beschrijving: an import puts them back.
        section["functionaliteit"] = True
    return section


def default_version(bouwsteen: Bouwsteen) -> str:
    """The version a fresh file of ``bouwsteen`` gets when none is asked for: 0.4 for a
    block made here, 0.5 (as before) for one that came from elsewhere."""
    if bouwsteen.bron_register or bouwsteen.bron_document:
        return std.EXPORT_VERSION_OTHERWISE
    return std.EXPORT_VERSION_MADE_HERE


def _organisation(organisatie: Organisatie) -> dict:
    organisation = {"name": display_name(organisatie)}
    if organisatie.tooi_uri:
        organisation["uri"] = organisatie.tooi_uri
    return organisation


# The top-level keys that come after ``organisation`` (and its unofficial spellings).
_AFTER_ORGANISATION = std.TOP_LEVEL_KEYS[
    std.TOP_LEVEL_KEYS.index("organisationUri") + 1 :
]


def _as_version(data: dict, bouwsteen: Bouwsteen, version: str) -> dict:
    """A source document rewritten as ``version``: 0.4 without the keys it does not
    know, keeping the owner they named in legal.repoOwner; 0.5 with ``organisation``
    (the file's own, completed with the owner's TOOI URI). Keys are matched in any
    case, as the importer reads them ("Organisation", "PubliccodeYmlVersion")."""
    replaced = {key.lower() for key in (*std.KEYS_NOT_IN_0_4, "publiccodeYmlVersion")}
    own = get_key(data, "organisation")
    items = [("publiccodeYmlVersion", version)] + [
        (key, value)
        for key, value in data.items()
        if not (isinstance(key, str) and key.lower() in replaced)
    ]
    if version == "0.4":
        owner_keys = {key.lower() for key in std.KEYS_NOT_IN_0_4}
        if any(isinstance(k, str) and k.lower() in owner_keys for k in data):
            _keep_repo_owner(items, display_name(bouwsteen.organisatie))
        return dict(items)
    # The file's own organisation wins; the owner's name and URI fill what it lacks.
    organisation = _organisation(bouwsteen.organisatie) | (
        dict(own) if isinstance(own, dict) else {}
    )
    position = next(
        (i for i, (key, _value) in enumerate(items) if key in _AFTER_ORGANISATION),
        len(items),
    )
    items.insert(position, ("organisation", organisation))
    return dict(items)


def _keep_repo_owner(items: list[tuple], owner: str) -> None:
    """legal.repoOwner names ``owner`` when the file's legal section names nobody."""
    for index, (key, value) in enumerate(items):
        if isinstance(key, str) and key.lower() == "legal":
            if isinstance(value, dict):
                if not get_key(value, "repoOwner"):
                    items[index] = (key, {**value, "repoOwner": owner})
                return
            items[index] = (key, {"repoOwner": owner})
            return
    items.append(("legal", {"repoOwner": owner}))


def publiccode_for(
    bouwsteen: Bouwsteen, *, base_url: str, version: str | None = None
) -> dict:
    """The publiccode.yml of ``bouwsteen`` as data, in the standard's key order: the
    file it was imported from with what was edited here (``roundtrip``), or, for a
    block made here, a complete file of its own.

    ``version`` ("0.4" or "0.5") writes that version of the standard; None keeps an
    imported file's own version and gives any other block its ``default_version``.
    """
    if version is not None and version not in std.EXPORT_VERSIONS:
        raise ValueError(f"Geen exportversie van publiccode.yml: {version!r}.")
    source = roundtrip.source_of(bouwsteen)
    if source is not None:
        data = roundtrip.over_source(
            bouwsteen,
            source,
            gebruikers=_gebruikers(bouwsteen),
            registry_section=_registry_section,
            display_name=display_name,
        )
        return data if version is None else _as_version(data, bouwsteen, version)
    version = version or default_version(bouwsteen)
    organisatie = bouwsteen.organisatie
    data = {
        "publiccodeYmlVersion": version,
        "name": bouwsteen.naam,
        "url": bouwsteen.repository_url or record_url(bouwsteen, base_url=base_url),
    }
    if bouwsteen.website_url:
        data["landingURL"] = bouwsteen.website_url
    if version != "0.4":
        data["organisation"] = _organisation(organisatie)
    data["platforms"] = ["web"]
    data["categories"] = CATEGORIES.get(bouwsteen.vorm, ["knowledge-management"])
    if used_by := _used_by(bouwsteen):
        data["usedBy"] = used_by
    data["developmentStatus"] = LEVENSFASE_TO_DEVELOPMENT_STATUS[bouwsteen.levensfase]
    data["softwareType"] = (
        SOFTWARE_TYPE.get(bouwsteen.vorm, "standalone/other")
        if bouwsteen.soort == Soort.DATATOEPASSING
        else "standalone/other"
    )
    scopes = sorted(
        {t.publiccode_scope for t in bouwsteen.themas.all() if t.publiccode_scope}
    )
    data["intendedAudience"] = {"countries": ["NL"]}
    if scopes:
        data["intendedAudience"]["scope"] = scopes
    data["description"] = {"nl": _description(bouwsteen)}
    data["legal"] = {"license": bouwsteen.licentie}
    if version == "0.4":
        # 0.4 has no organisation key: the owner is named here, which an import reads.
        data["legal"]["repoOwner"] = display_name(organisatie)
    if bouwsteen.contact_naam or bouwsteen.contact_email:
        contact = {"name": bouwsteen.contact_naam or bouwsteen.contact_email}
        if bouwsteen.contact_email:
            contact["email"] = bouwsteen.contact_email
        data["maintenance"] = {"type": "internal", "contacts": [contact]}
    else:
        data["maintenance"] = {"type": "none"}
    data["localisation"] = {"localisationReady": False, "availableLanguages": ["nl"]}
    nl = {}
    lagen = [laag.slug for laag in bouwsteen.lagen.all()]
    if lagen:
        nl["commonground"] = {
            "layerType": [std.LAAG_TO_LAYER_TYPE[slug] for slug in lagen]
        }
    componenten = sorted(c.naam for c in bouwsteen.referentiecomponenten.all())
    if componenten:
        nl["gemma"] = {"referentieComponenten": componenten}
    nl[REGISTRY_SECTION] = _registry_section(bouwsteen)
    data["nl"] = nl
    return data


class _Dumper(yaml.SafeDumper):
    """Multi-line text as a literal block, so descriptions stay readable Markdown."""


def _represent_str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def to_yaml(data: dict, *, title: str = "") -> str:
    header = (
        f"# publiccode.yml van ‘{title}’, uit het Bouwstenenregister.\n"
        if title
        else ""
    )
    body = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=88,
        default_flow_style=False,
    )
    return header + body


def publiccode_yaml(
    bouwsteen: Bouwsteen, *, base_url: str, version: str | None = None
) -> str:
    return to_yaml(
        publiccode_for(bouwsteen, base_url=base_url, version=version),
        title=bouwsteen.naam,
    )
