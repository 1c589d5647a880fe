"""Import publiccode.yml files as building blocks: the service behind the command, the
API and the admin upload.

One transaction per file, so one bad file never spoils the others. Each file ends as
imported, updated, unchanged, conflict or refused, with the reasons. The repository URL
identifies a block (a second import updates it, never duplicates it); a block that was
changed here since its import is not overwritten but reported as a conflict. New blocks
are drafts (concept), so a publicist reviews them before they are public.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import slugify

from bouwstenen import search
from bouwstenen.constants import HergebruikStadium
from bouwstenen.interop.fingerprint import fingerprint, fingerprint_of
from bouwstenen.interop.publiccode_mapping import (
    MappedBlock,
    ReferenceData,
    map_publiccode,
    registry_record_uuid,
)
from bouwstenen.interop.publiccode_validation import FOUT, Problem, validate
from bouwstenen.interop.sources import Source
from bouwstenen.interop.yaml_loader import YamlRefused, load_bytes
from bouwstenen.models import Bouwsteen, Hergebruik
from bouwstenen.services import record_history
from registry import permissions
from registry.models import Organisatie

logger = logging.getLogger(__name__)


class Uitkomst(models.TextChoices):
    GEIMPORTEERD = "geimporteerd", "geïmporteerd"
    BIJGEWERKT = "bijgewerkt", "bijgewerkt"
    ONGEWIJZIGD = "ongewijzigd", "ongewijzigd"
    CONFLICT = "conflict", "conflict"
    GEWEIGERD = "geweigerd", "geweigerd"


@dataclass
class FileReport:
    bron: str
    uitkomst: str
    redenen: list[str] = field(default_factory=list)
    problemen: list[Problem] = field(default_factory=list)
    bouwsteen: Bouwsteen | None = None

    @property
    def label(self) -> str:
        return Uitkomst(self.uitkomst).label

    @property
    def waarschuwingen(self) -> list[Problem]:
        return [p for p in self.problemen if not p.is_fout]


@dataclass
class ImportReport:
    bestanden: list[FileReport] = field(default_factory=list)
    dry_run: bool = False

    def count(self, uitkomst: str) -> int:
        return sum(1 for f in self.bestanden if f.uitkomst == uitkomst)

    @property
    def geweigerd(self) -> int:
        return self.count(Uitkomst.GEWEIGERD)

    def summary(self) -> str:
        parts = [
            f"{self.count(u)} {u.label}"
            for u in Uitkomst
            if self.count(u)
            or u
            in (
                Uitkomst.GEIMPORTEERD,
                Uitkomst.GEWEIGERD,
            )
        ]
        prefix = "Proefimport (niets opgeslagen): " if self.dry_run else ""
        return prefix + ", ".join(parts) + "."


class _Refused(Exception):
    def __init__(self, *redenen: str):
        self.redenen = list(redenen)


def repository_variants(url: str) -> list[str]:
    """The spellings of one repository URL: with and without .git and a final slash."""
    base = url.strip().rstrip("/").removesuffix(".git")
    return sorted({base, base + "/", base + ".git"})


def _free_slug(naam: str) -> str:
    base = slugify(naam)[:190].strip("-") or "bouwsteen"
    slug, number = base, 1
    while Bouwsteen.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [
            f"{field}: {message}"
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return list(error.messages)


class PubliccodeImporter:
    """Imports files one by one; ``user`` None means the operator (the command line)."""

    def __init__(
        self,
        *,
        user=None,
        organisatie: Organisatie | None = None,
        dry_run: bool = False,
    ):
        self.user = user
        self.organisatie = organisatie
        self.dry_run = dry_run
        self.reference = ReferenceData()

    def import_source(self, source: Source) -> FileReport:
        report = FileReport(source.naam, Uitkomst.GEWEIGERD)
        try:
            if source.fout:
                raise _Refused(source.fout)
            try:
                loaded = load_bytes(source.inhoud or b"")
            except YamlRefused as exc:
                raise _Refused(exc.message) from None
            mapped = map_publiccode(
                loaded, reference=self.reference, organisatie=self.organisatie
            )
            report.problemen = _unique([*validate(loaded), *mapped.problems])
            fouten = [str(p) for p in report.problemen if p.ernst == FOUT]
            if fouten:
                raise _Refused(*fouten)
            with transaction.atomic():
                self._write(mapped, source, report)
                if self.dry_run:
                    transaction.set_rollback(True)
        except _Refused as refused:
            report.uitkomst = Uitkomst.GEWEIGERD
            report.redenen = refused.redenen
            report.bouwsteen = None
        except Exception:
            # A bug must not stop a batch: this file is refused, the next one goes on.
            logger.exception("Import van %s mislukt", source.naam)
            report.uitkomst = Uitkomst.GEWEIGERD
            report.redenen = ["Onverwachte fout bij het importeren; zie het logboek."]
            report.bouwsteen = None
        return report

    # --- writing -----------------------------------------------------------------

    def _check_rights(self, organisatie: Organisatie) -> None:
        if self.user is not None and not permissions.can_create_for(
            self.user, organisatie.pk
        ):
            raise _Refused(
                f"U mag niet importeren voor {organisatie.naam}: u bent daar geen lid."
            )

    def _find_existing(self, mapped: MappedBlock) -> Bouwsteen | None:
        blocks = Bouwsteen.objects.select_for_update()
        if not mapped.values["repository_url"]:
            if mapped.registry_uuid and registry_record_uuid(mapped.url):
                return blocks.filter(uuid=mapped.registry_uuid).first()
            return None
        found = list(
            blocks.filter(
                repository_url__in=repository_variants(mapped.values["repository_url"])
            )[:2]
        )
        if len(found) > 1:
            raise _Refused(
                "Er zijn al meerdere bouwstenen met deze repository; het register weet "
                "niet welke bedoeld is."
            )
        return found[0] if found else None

    def _write(self, mapped: MappedBlock, source: Source, report: FileReport) -> None:
        organisatie = mapped.organisatie
        self._check_rights(organisatie)
        new_fingerprint = fingerprint(
            values=mapped.values,
            organisatie_code=organisatie.code,
            themas=[t.slug for t in mapped.themas],
            lagen=[laag.slug for laag in mapped.lagen],
            referentiecomponenten=[c.gemma_id for c in mapped.referentiecomponenten],
        )
        existing = self._find_existing(mapped)
        if existing is None:
            bouwsteen = self._create(mapped, source, new_fingerprint)
            report.uitkomst = Uitkomst.GEIMPORTEERD
        else:
            report.bouwsteen = existing
            current = fingerprint_of(existing)
            if current == new_fingerprint:
                report.uitkomst = Uitkomst.ONGEWIJZIGD
                bouwsteen = existing
            else:
                self._check_may_update(existing, organisatie, current, report)
                if report.uitkomst == Uitkomst.CONFLICT:
                    return
                bouwsteen = self._update(existing, mapped, source, new_fingerprint)
                report.uitkomst = Uitkomst.BIJGEWERKT
        if self._record_reuse(bouwsteen, mapped) and (
            report.uitkomst == Uitkomst.ONGEWIJZIGD
        ):
            report.uitkomst = Uitkomst.BIJGEWERKT
        report.bouwsteen = bouwsteen

    def _check_may_update(
        self,
        existing: Bouwsteen,
        organisatie: Organisatie,
        current: str,
        report: FileReport,
    ) -> None:
        if existing.is_geoogst:
            raise _Refused(
                f"‘{existing.naam}’ is geoogst uit {existing.bron_register} en wordt "
                "daar bijgehouden; hier kan hij niet worden bijgewerkt."
            )
        reason = None
        if existing.organisatie_id != organisatie.pk:
            reason = (
                f"‘{existing.naam}’ met deze repository hoort bij "
                f"{existing.organisatie.naam}, niet bij {organisatie.naam}."
            )
        elif not existing.bron_vingerafdruk:
            reason = (
                f"‘{existing.naam}’ met deze repository is in dit register gemaakt, niet "
                "geïmporteerd; het bestand wijkt ervan af en overschrijft hem niet."
            )
        elif existing.bron_vingerafdruk != current:
            reason = (
                f"‘{existing.naam}’ is na de vorige import hier bewerkt; het bestand "
                "overschrijft die wijzigingen niet. Neem de verschillen met de hand over."
            )
        if reason:
            report.uitkomst = Uitkomst.CONFLICT
            report.redenen = [reason]
            return
        if self.user is not None and not permissions.can_edit(self.user, existing):
            raise _Refused(
                f"U mag ‘{existing.naam}’ in de status "
                f"‘{existing.get_publicatiestatus_display().lower()}’ niet wijzigen."
            )

    def _create(self, mapped: MappedBlock, source: Source, fp: str) -> Bouwsteen:
        bouwsteen = Bouwsteen(
            **mapped.values,
            organisatie=mapped.organisatie,
            slug=_free_slug(mapped.values["naam"]),
            bron_url=source.url,
            bron_vingerafdruk=fp,
        )
        self._save(
            bouwsteen, mapped, f"Geïmporteerd uit publiccode.yml ({source.naam})"
        )
        return bouwsteen

    def _update(
        self, bouwsteen: Bouwsteen, mapped: MappedBlock, source: Source, fp: str
    ) -> Bouwsteen:
        for name, value in mapped.values.items():
            setattr(bouwsteen, name, value)
        bouwsteen.bron_vingerafdruk = fp
        if source.url:
            bouwsteen.bron_url = source.url
        bouwsteen.versie += 1
        self._save(bouwsteen, mapped, f"Bijgewerkt uit publiccode.yml ({source.naam})")
        return bouwsteen

    def _save(self, bouwsteen: Bouwsteen, mapped: MappedBlock, comment: str) -> None:
        try:
            bouwsteen.full_clean()
        except ValidationError as exc:
            raise _Refused(*_messages(exc)) from None
        bouwsteen.save()
        bouwsteen.themas.set(mapped.themas)
        bouwsteen.lagen.set(mapped.lagen)
        bouwsteen.referentiecomponenten.set(mapped.referentiecomponenten)
        search.reindex([bouwsteen.pk])
        record_history(bouwsteen, self.user, comment)

    def _record_reuse(self, bouwsteen: Bouwsteen, mapped: MappedBlock) -> bool:
        """usedBy: an in-use record for each named organisation that has none yet."""
        known = set(
            Hergebruik.objects.filter(bouwsteen=bouwsteen).values_list(
                "organisatie_id", flat=True
            )
        )
        added = False
        for organisatie in mapped.gebruikers:
            if organisatie.pk in known or organisatie.pk == bouwsteen.organisatie_id:
                continue
            hergebruik = Hergebruik(
                bouwsteen=bouwsteen,
                organisatie=organisatie,
                stadium=HergebruikStadium.IN_GEBRUIK,
            )
            hergebruik.full_clean()
            hergebruik.save()
            record_history(
                hergebruik, self.user, "Vastgelegd uit publiccode.yml (usedBy)"
            )
            added = True
        return added


def _unique(problems: list[Problem]) -> list[Problem]:
    seen, unique = set(), []
    for problem in problems:
        key = (problem.pad, problem.melding)
        if key not in seen:
            seen.add(key)
            unique.append(problem)
    return unique


def publiccode_import(
    *,
    sources: Iterable[Source],
    user=None,
    organisatie: Organisatie | None = None,
    dry_run: bool = False,
    on_file: Callable[[FileReport], None] | None = None,
) -> ImportReport:
    """Import each source in its own transaction and report on every one."""
    importer = PubliccodeImporter(user=user, organisatie=organisatie, dry_run=dry_run)
    report = ImportReport(dry_run=dry_run)
    for source in sources:
        file_report = importer.import_source(source)
        report.bestanden.append(file_report)
        if on_file is not None:
            on_file(file_report)
    return report
