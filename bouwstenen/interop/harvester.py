"""Harvest the published building blocks of another instance of this registry.

The source is read through its REST API (``/api/v1/bouwstenen``, every page, anonymously,
so only what it publishes). Each block is stored here with its provenance (source
registry, its URL there, its uuid there, when last harvested) and is read-only locally.
A second harvest updates what changed and archives what disappeared at the source; local
blocks (those without a ``bron_register``) are never touched.

Consistency: one transaction per page. If the source answers garbage or stops halfway,
the pages read so far are stored and nothing is archived, because an incomplete list
says nothing about what disappeared.
"""

import datetime
import json
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify

from bouwstenen.interop import limits
from bouwstenen.interop.fingerprint import fingerprint
from bouwstenen.interop.sources import SourceError, fetch_url
from bouwstenen.services import oogst
from core.errors import ServiceError
from registry.models import Laag, Organisatie, Referentiecomponent, Thema

logger = logging.getLogger(__name__)

API_LIST_PATH = "/api/v1/bouwstenen"
PAGE_SIZE = 50


class HarvestError(Exception):
    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass
class HarvestReport:
    bron: str
    nieuw: int = 0
    bijgewerkt: int = 0
    ongewijzigd: int = 0
    gearchiveerd: int = 0
    paginas: int = 0
    overgeslagen: list[str] = field(default_factory=list)
    fout: str | None = None

    @property
    def volledig(self) -> bool:
        return self.fout is None

    def summary(self) -> str:
        text = (
            f"{self.bron}: {self.paginas} pagina('s), {self.nieuw} nieuw, "
            f"{self.bijgewerkt} bijgewerkt, {self.ongewijzigd} ongewijzigd, "
            f"{self.gearchiveerd} gearchiveerd, {len(self.overgeslagen)} overgeslagen."
        )
        if self.fout:
            text += f" Onvolledig: {self.fout} Niets gearchiveerd."
        return text


def source_registry(url: str) -> str:
    """The base address of the other registry, from its address or its API's."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise HarvestError(f"Geen http(s)-adres van een register: {url}.")
    path = parts.path.rstrip("/")
    for suffix in (API_LIST_PATH, "/api/v1", "/api"):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
            break
    return f"{parts.scheme}://{parts.netloc}{path}"


def fetch_json(url: str):
    try:
        body = fetch_url(url, limit=limits.MAX_PAGE_BYTES, accept="application/json")
    except SourceError as exc:
        raise HarvestError(exc.message) from None
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise HarvestError("Het antwoord is geen geldige JSON.") from None


class _Skip(Exception):
    """This record cannot be stored; the reason goes into the report."""


@dataclass
class _Record:
    bron_uuid: uuid.UUID
    bron_url: str
    slug: str
    values: dict
    organisatie: Organisatie
    themas: list[Thema]
    lagen: list[Laag]
    referentiecomponenten: list[Referentiecomponent]
    gepubliceerd_op: datetime.datetime | None
    # The record as the other registry served it (its JSON), kept with the copy.
    document: str = ""


def _text(item: dict, key: str, *, required: bool = False) -> str:
    value = item.get(key)
    if value is None:
        if required:
            raise _Skip(f"veld {key} ontbreekt")
        return ""
    if not isinstance(value, str):
        raise _Skip(f"veld {key} is geen tekst")
    return value.strip()


def _keys(items, key: str) -> list[str]:
    """Natural keys from a list of references (objects with ``key``) or plain strings."""
    if not isinstance(items, list):
        return []
    found = []
    for item in items:
        value = item.get(key) if isinstance(item, dict) else item
        if isinstance(value, str):
            found.append(value)
    return found


class _Harvest:
    def __init__(self, register: str, fallback: Organisatie | None, report):
        self.register = register
        self.fallback = fallback
        self.report = report
        self.organisaties = {o.code.lower(): o for o in Organisatie.objects.all()}
        self.themas = {t.slug: t for t in Thema.objects.all()}
        self.lagen = {laag.slug: laag for laag in Laag.objects.all()}
        self.componenten = {
            str(c.gemma_id): c for c in Referentiecomponent.objects.all()
        }
        self.seen: set[uuid.UUID] = set()

    def record(self, item) -> _Record:
        if not isinstance(item, dict):
            raise _Skip("geen object")
        try:
            bron_uuid = uuid.UUID(_text(item, "uuid", required=True))
        except ValueError:
            raise _Skip("geen geldige uuid") from None
        self.seen.add(bron_uuid)
        owner = item.get("organisatie")
        code = owner.get("code") if isinstance(owner, dict) else owner
        organisatie = self.organisaties.get(str(code or "").lower()) or self.fallback
        if organisatie is None:
            raise _Skip(
                f"organisatie {code!r} is hier onbekend (geef --organisatie op om "
                "zulke bouwstenen toch op te nemen)"
            )
        links = item.get("links") if isinstance(item.get("links"), dict) else {}
        contact = item.get("contactpunt")
        contact = contact if isinstance(contact, dict) else {}
        values = {
            "naam": _text(item, "naam", required=True),
            "soort": _text(item, "soort", required=True),
            "vorm": _text(item, "vorm"),
            "samenvatting": _text(item, "samenvatting", required=True),
            "beschrijving": _text(item, "beschrijving"),
            "levensfase": _text(item, "levensfase", required=True),
            "licentie": _text(item, "licentie", required=True),
            "repository_url": _text(links, "repository"),
            "documentatie_url": _text(links, "documentatie"),
            "demo_url": _text(links, "demo"),
            "website_url": _text(links, "website"),
            "contact_naam": _text(contact, "naam"),
            "contact_email": _text(contact, "email"),
        }
        published = item.get("gepubliceerdOp")
        return _Record(
            bron_uuid=bron_uuid,
            bron_url=_text(item, "url"),
            slug=_text(item, "slug") or slugify(values["naam"]),
            values=values,
            organisatie=organisatie,
            themas=[
                self.themas[s]
                for s in _keys(item.get("themas"), "slug")
                if s in self.themas
            ],
            lagen=[
                self.lagen[s]
                for s in _keys(item.get("lagen"), "slug")
                if s in self.lagen
            ],
            referentiecomponenten=[
                self.componenten[g.lower()]
                for g in _keys(item.get("referentiecomponenten"), "gemmaId")
                if g.lower() in self.componenten
            ],
            gepubliceerd_op=parse_datetime(published)
            if isinstance(published, str)
            else None,
            document=json.dumps(item, ensure_ascii=False, sort_keys=True),
        )

    def store_page(self, items: list) -> None:
        """One page in one transaction: create, update or leave each record."""
        now = timezone.now()
        with transaction.atomic():
            for item in items:
                try:
                    record = self.record(item)
                    _bouwsteen, outcome = self._store(record, now)
                except (_Skip, ServiceError) as skip:
                    name = item.get("naam") if isinstance(item, dict) else None
                    reason = (
                        "; ".join(skip.messages())
                        if isinstance(skip, ServiceError)
                        else str(skip)
                    )
                    self.report.overgeslagen.append(
                        f"{name or '(zonder naam)'}: {reason}"
                    )
                    continue
                setattr(self.report, outcome, getattr(self.report, outcome) + 1)

    def _store(self, record: _Record, now):
        new_fingerprint = fingerprint(
            values=record.values,
            organisatie_code=record.organisatie.code,
            themas=[t.slug for t in record.themas],
            lagen=[laag.slug for laag in record.lagen],
            referentiecomponenten=[c.gemma_id for c in record.referentiecomponenten],
        )
        # A savepoint per record: one that cannot be stored leaves the page intact.
        with transaction.atomic():
            return oogst.harvest_store(
                register=self.register,
                bron_uuid=record.bron_uuid,
                bron_url=record.bron_url,
                slug=record.slug,
                organisatie=record.organisatie,
                values=record.values,
                relations={
                    "themas": record.themas,
                    "lagen": record.lagen,
                    "referentiecomponenten": record.referentiecomponenten,
                },
                fingerprint=new_fingerprint,
                document=record.document,
                gepubliceerd_op=record.gepubliceerd_op,
                now=now,
            )

    def archive_vanished(self) -> None:
        archived = oogst.harvest_archive(register=self.register, seen=self.seen)
        self.report.gearchiveerd = len(archived)


def harvest(
    *,
    url: str,
    organisatie: Organisatie | None = None,
    fetch: Callable[[str], object] = fetch_json,
    page_size: int = PAGE_SIZE,
) -> HarvestReport:
    """Harvest every page of the registry at ``url``; ``organisatie`` owns the blocks
    whose organisation is unknown here (without it they are skipped)."""
    register = source_registry(url)
    report = HarvestReport(bron=register)
    run = _Harvest(register, organisatie, report)
    origin = urlsplit(register)[:2]
    page_url = f"{register}{API_LIST_PATH}?{urlencode({'pageSize': page_size})}"
    visited = set()
    try:
        while page_url:
            if page_url in visited or len(visited) >= limits.MAX_HARVEST_PAGES:
                raise HarvestError("De bron blijft pagina's aanbieden; gestopt.")
            if urlsplit(page_url)[:2] != origin:
                raise HarvestError(
                    f"De volgende pagina ligt buiten de bron: {page_url}."
                )
            visited.add(page_url)
            page = fetch(page_url)
            if not isinstance(page, dict) or not isinstance(page.get("results"), list):
                raise HarvestError(
                    f"Pagina {len(visited)} is geen lijst van bouwstenen (verwacht "
                    "een object met results)."
                )
            run.store_page(page["results"])
            report.paginas += 1
            following = page.get("next")
            page_url = following if isinstance(following, str) and following else None
    except HarvestError as exc:
        report.fout = exc.message
        logger.warning("Oogst van %s onvolledig: %s", register, exc.message)
        return report
    run.archive_vanished()
    return report
