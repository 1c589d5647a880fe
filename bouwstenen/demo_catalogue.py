"""Load the hand-written Dutch demo catalogue (``bouwstenen/demo/catalogus.yaml``).

Idempotent: blocks are matched on their slug; a second run changes nothing.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from django.db import transaction

from bouwstenen.models import Bouwsteen
from bouwstenen.services import catalogus, uitgelicht
from core.errors import ServiceError
from registry.constants import Publicatiestatus
from registry.models import Laag, Organisatie, Referentiecomponent, Thema

CATALOGUE = Path(__file__).resolve().parent / "demo" / "catalogus.yaml"
_AMSTERDAM = ZoneInfo("Europe/Amsterdam")
_LINK_FIELDS = {
    "repository": "repository_url",
    "documentatie": "documentatie_url",
    "demo": "demo_url",
    "website": "website_url",
}


class DemoCatalogueError(Exception):
    pass


@dataclass
class DemoReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _lookup(model, field: str, keys: list, slug: str, label: str) -> list:
    found = {
        str(getattr(o, field)): o
        for o in model.objects.filter(**{f"{field}__in": keys})
    }
    missing = [str(k) for k in keys if str(k) not in found]
    if missing:
        raise DemoCatalogueError(
            f"{slug}: onbekende {label}: {', '.join(missing)}. "
            "Is load_reference_data al uitgevoerd?"
        )
    return [found[str(k)] for k in keys]


def _published_at(entry: dict) -> datetime.datetime | None:
    day = entry.get("gepubliceerd_op")
    if day is None:
        return None
    return datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=_AMSTERDAM)


def _phases(entry: dict) -> list[tuple[str, datetime.datetime]]:
    return [
        (
            step["levensfase"],
            datetime.datetime.combine(step["datum"], datetime.time(9, 0), _AMSTERDAM),
        )
        for step in entry.get("fasen") or []
    ]


def _apply(entry: dict, *, reset: bool) -> tuple[Bouwsteen, bool, bool]:
    slug = entry["slug"]
    existing = Bouwsteen.objects.filter(slug=slug).first()
    if existing is not None and not reset:
        # What people changed in a demo block (in the admin, say) is theirs to keep.
        return existing, False, False
    try:
        organisatie = Organisatie.objects.get(code=entry["organisatie"])
    except Organisatie.DoesNotExist:
        raise DemoCatalogueError(
            f"{slug}: onbekende organisatie {entry['organisatie']!r}. "
            "Is load_reference_data al uitgevoerd?"
        ) from None
    values = {
        "naam": entry["naam"],
        "soort": entry["soort"],
        "vorm": entry.get("vorm", ""),
        "samenvatting": " ".join(entry["samenvatting"].split()),
        "beschrijving": entry.get("beschrijving", "").strip(),
        "levensfase": entry["levensfase"],
        "licentie": entry["licentie"],
        "contact_naam": entry.get("contact", {}).get("naam", ""),
        "contact_email": entry.get("contact", {}).get("email", ""),
    }
    links = entry.get("links") or {}
    for key, field in _LINK_FIELDS.items():
        values[field] = links.get(key, "")
    relations = {
        "themas": _lookup(Thema, "slug", entry.get("themas", []), slug, "thema's"),
        "lagen": _lookup(Laag, "slug", entry.get("lagen", []), slug, "lagen"),
        "referentiecomponenten": _lookup(
            Referentiecomponent,
            "gemma_id",
            entry.get("referentiecomponenten", []),
            slug,
            "referentiecomponenten",
        ),
    }
    answers = {
        code: {
            "antwoord": item["antwoord"],
            "toelichting": (item.get("toelichting") or "").strip(),
        }
        for code, item in (entry.get("opschalingscheck") or {}).items()
    }
    try:
        bouwsteen, created, changed = catalogus.seed_block(
            slug=slug,
            organisatie=organisatie,
            values=values,
            relations=relations,
            answers=answers,
            publicatiestatus=entry.get(
                "publicatiestatus", Publicatiestatus.GEPUBLICEERD
            ),
            gepubliceerd_op=_published_at(entry),
            comment="Demo-catalogus geladen",
        )
        if created:
            # Its history before this register, once: a reset keeps what is there.
            catalogus.seed_phases(
                bouwsteen=bouwsteen,
                fasen=_phases(entry),
                comment="Demo-catalogus: levensfase",
            )
        changed |= _apply_reuse(bouwsteen, entry)
        if entry.get("uitgelicht") and (created or reset):
            # Once: a beheerder who takes it off the home page keeps that choice.
            changed |= uitgelicht.seed_featured(bouwsteen=bouwsteen)
    except ServiceError as exc:
        raise DemoCatalogueError(f"{slug}: {' '.join(exc.messages())}") from exc
    return bouwsteen, created, changed


def _apply_reuse(bouwsteen: Bouwsteen, entry: dict) -> bool:
    """The demo's reuse; an entry with ``gemeld: true`` was reported by the owner and
    waits for the organisation's confirmation, like a usedBy line of a publiccode.yml."""
    changed = False
    for item in entry.get("hergebruik") or []:
        organisatie = _lookup(
            Organisatie, "code", [item["organisatie"]], bouwsteen.slug, "organisaties"
        )[0]
        changed |= catalogus.seed_reuse(
            bouwsteen=bouwsteen,
            organisatie=organisatie,
            values={
                "stadium": item["stadium"],
                "sinds": item.get("sinds"),
                "ervaring": (item.get("ervaring") or "").strip(),
            },
            gemeld=bool(item.get("gemeld")),
            comment="Demo-catalogus geladen",
        )
    return changed


def _apply_relations(entries: list[dict], blocks: dict[str, Bouwsteen]) -> None:
    for entry in entries:
        van = blocks.get(entry["slug"])
        if van is None:
            continue
        relaties = []
        for item in entry.get("relaties") or []:
            naar = Bouwsteen.objects.filter(slug=item["doel"]).first()
            if naar is None:
                raise DemoCatalogueError(
                    f"{entry['slug']}: onbekende relatie-doel {item['doel']!r}"
                )
            relaties.append((item["type"], naar))
        try:
            catalogus.seed_relations(van=van, relaties=relaties)
        except ServiceError as exc:
            raise DemoCatalogueError(" ".join(exc.messages())) from exc


def load_demo_catalogue(path: Path = CATALOGUE, *, reset: bool = False) -> DemoReport:
    """Add the demo blocks that are missing; with ``reset``, also restore changed ones."""
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DemoCatalogueError(
            f"{path.name}: kan niet gelezen worden: {exc}"
        ) from exc
    report = DemoReport()
    touched: dict[str, Bouwsteen] = {}
    with transaction.atomic():
        for entry in entries:
            bouwsteen, created, changed = _apply(entry, reset=reset)
            if changed:
                touched[bouwsteen.slug] = bouwsteen
            if created:
                report.created += 1
            elif changed:
                report.updated += 1
            else:
                report.unchanged += 1
        _apply_relations(entries, touched)
    return report
