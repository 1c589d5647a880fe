"""Load the hand-written Dutch demo catalogue (``bouwstenen/demo/catalogus.yaml``).

Idempotent: blocks are matched on their slug; a second run changes nothing.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from django.core.exceptions import ValidationError
from django.db import transaction

from bouwstenen import search
from bouwstenen.models import Bouwsteen, Hergebruik, Opschalingsantwoord, Relatie
from bouwstenen.services import record_history
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
        "organisatie": organisatie,
        "levensfase": entry["levensfase"],
        "publicatiestatus": entry.get(
            "publicatiestatus", Publicatiestatus.GEPUBLICEERD
        ),
        "gepubliceerd_op": _published_at(entry),
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

    bouwsteen = Bouwsteen.objects.filter(slug=slug).first()
    created = bouwsteen is None
    if created:
        bouwsteen = Bouwsteen(slug=slug)
    changed = created or any(getattr(bouwsteen, k) != v for k, v in values.items())
    for key, value in values.items():
        setattr(bouwsteen, key, value)
    if changed:
        try:
            bouwsteen.full_clean()
        except ValidationError as exc:
            raise DemoCatalogueError(f"{slug}: {exc.message_dict}") from exc
        bouwsteen.save()
    for name, objects in relations.items():
        manager = getattr(bouwsteen, name)
        if created or {o.pk for o in manager.all()} != {o.pk for o in objects}:
            manager.set(objects)
            changed = True
    changed |= _apply_reuse(bouwsteen, entry)
    changed |= _apply_readiness(bouwsteen, entry)
    if changed:
        record_history(bouwsteen, None, "Demo-catalogus geladen")
    return bouwsteen, created, changed


def _apply_reuse(bouwsteen: Bouwsteen, entry: dict) -> bool:
    changed = False
    for item in entry.get("hergebruik") or []:
        organisatie = _lookup(
            Organisatie, "code", [item["organisatie"]], bouwsteen.slug, "organisaties"
        )[0]
        values = {
            "stadium": item["stadium"],
            "sinds": item.get("sinds"),
            "ervaring": (item.get("ervaring") or "").strip(),
        }
        current = Hergebruik.objects.filter(
            bouwsteen=bouwsteen, organisatie=organisatie
        ).first()
        if current and all(getattr(current, k) == v for k, v in values.items()):
            continue
        hergebruik = current or Hergebruik(bouwsteen=bouwsteen, organisatie=organisatie)
        for key, value in values.items():
            setattr(hergebruik, key, value)
        _validated(hergebruik, bouwsteen.slug).save()
        changed = True
    return changed


def _apply_readiness(bouwsteen: Bouwsteen, entry: dict) -> bool:
    changed = False
    for code, item in (entry.get("opschalingscheck") or {}).items():
        values = {
            "antwoord": item["antwoord"],
            "toelichting": (item.get("toelichting") or "").strip(),
        }
        current = Opschalingsantwoord.objects.filter(
            bouwsteen=bouwsteen, voorwaarde=code
        ).first()
        if current and all(getattr(current, k) == v for k, v in values.items()):
            continue
        answer = current or Opschalingsantwoord(bouwsteen=bouwsteen, voorwaarde=code)
        for key, value in values.items():
            setattr(answer, key, value)
        _validated(answer, bouwsteen.slug).save()
        changed = True
    return changed


def _apply_relations(entries: list[dict], blocks: dict[str, Bouwsteen]) -> None:
    for entry in entries:
        van = blocks.get(entry["slug"])
        if van is None:
            continue
        for item in entry.get("relaties") or []:
            naar = Bouwsteen.objects.filter(slug=item["doel"]).first()
            if naar is None:
                raise DemoCatalogueError(
                    f"{entry['slug']}: onbekende relatie-doel {item['doel']!r}"
                )
            if not Relatie.objects.filter(
                van=van, type=item["type"], naar=naar
            ).exists():
                _validated(
                    Relatie(van=van, type=item["type"], naar=naar), entry["slug"]
                ).save()


def _validated(obj, slug: str):
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise DemoCatalogueError(f"{slug}: {exc.message_dict}") from exc
    return obj


def load_demo_catalogue(path: Path = CATALOGUE, *, reset: bool = False) -> DemoReport:
    """Add the demo blocks that are missing; with ``reset``, also restore changed ones."""
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DemoCatalogueError(
            f"{path.name}: kan niet gelezen worden: {exc}"
        ) from exc
    report = DemoReport()
    changed_ids = []
    touched: dict[str, Bouwsteen] = {}
    with transaction.atomic():
        for entry in entries:
            bouwsteen, created, changed = _apply(entry, reset=reset)
            if changed:
                changed_ids.append(bouwsteen.pk)
                touched[bouwsteen.slug] = bouwsteen
            if created:
                report.created += 1
            elif changed:
                report.updated += 1
            else:
                report.unchanged += 1
        _apply_relations(entries, touched)
        search.reindex(changed_ids)
    return report
