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

from django.db import models, transaction

from bouwstenen import services
from bouwstenen.interop.fingerprint import fingerprint, fingerprint_of
from bouwstenen.interop.publiccode import roundtrip
from bouwstenen.interop.publiccode.mapping import MappedBlock, map_publiccode
from bouwstenen.interop.publiccode.problems import FOUT, Problem
from bouwstenen.interop.publiccode.reading import registry_record_uuid
from bouwstenen.interop.publiccode.relations import ReferenceData
from bouwstenen.interop.publiccode.validation import validate
from bouwstenen.interop.publiccode.yaml_loader import YamlRefused, decode, load_bytes
from bouwstenen.interop.sources import Source
from bouwstenen.models import Bouwsteen
from core.errors import ServiceError
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
    # The name of the block a dry run would have made (it has no address).
    naam: str = ""

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
            if self.dry_run and report.uitkomst == Uitkomst.GEIMPORTEERD:
                # Nothing was stored: the block it would have made has no address.
                report.naam = report.bouwsteen.naam if report.bouwsteen else ""
                report.bouwsteen = None
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

    # --- writing: through the services -------------------------------------------

    @property
    def actor(self):
        """Who writes: the user, or the operator at the command line."""
        return self.user if self.user is not None else permissions.OPERATOR

    def _owner(self, mapped: MappedBlock) -> Organisatie:
        """The organisation to book the block on. A file that names a public
        organisation as its owner is booked there, and only by a member of it (or the
        operator); a supplier that is not in the register does not count."""
        if self.user is None or self.user.is_superuser:
            return mapped.organisatie
        own = permissions.roles_of(self.user)
        for _path, named in mapped.eigenaren:
            if named.pk in own:
                return named
        if mapped.eigenaren:
            path, named = mapped.eigenaren[0]
            raise _Refused(
                f"Dit bestand noemt {named.naam} ({named.code}) als eigenaar ({path}); "
                f"u bent daar geen lid. Een lid van {named.naam} kan het importeren. Is "
                "de bouwsteen van uw organisatie, vraag dan na het importeren door "
                f"{named.naam} een overdracht aan."
            )
        if mapped.organisatie.pk not in own:
            raise _Refused(
                f"U mag niet importeren voor {mapped.organisatie.naam}: u bent daar "
                "geen lid."
            )
        return mapped.organisatie

    def _find_existing(self, mapped: MappedBlock) -> Bouwsteen | None:
        blocks = Bouwsteen.objects.select_related("organisatie")
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
        organisatie = self._owner(mapped)
        new_fingerprint = fingerprint(
            values=mapped.values,
            organisatie_code=organisatie.code,
            themas=[t.slug for t in mapped.themas],
            lagen=[laag.slug for laag in mapped.lagen],
            referentiecomponenten=[c.gemma_id for c in mapped.referentiecomponenten],
        )
        herkomst = {
            "bron_vingerafdruk": new_fingerprint,
            # The file as it came, and what was read from it: the export writes only
            # what is edited here over it (publiccode.roundtrip).
            "bron_document": decode(source.inhoud or b""),
            "bron_waarden": roundtrip.values_of(
                values=mapped.values,
                organisatie=organisatie,
                themas=mapped.themas,
                lagen=mapped.lagen,
                referentiecomponenten=mapped.referentiecomponenten,
                gebruikers=[o for o in mapped.gebruikers if o != organisatie],
            ),
        }
        if source.url:
            herkomst["bron_url"] = source.url
        relations = {
            "themas": mapped.themas,
            "lagen": mapped.lagen,
            "referentiecomponenten": mapped.referentiecomponenten,
        }
        existing = self._find_existing(mapped)
        try:
            if existing is None:
                bouwsteen = services.bouwsteen_create(
                    user=self.actor,
                    organisatie=organisatie,
                    values=mapped.values,
                    relations=relations,
                    herkomst=herkomst,
                    comment=f"Geïmporteerd uit publiccode.yml ({source.naam})",
                )
                report.uitkomst = Uitkomst.GEIMPORTEERD
            else:
                report.bouwsteen = existing
                view, _inhoud = services.current_content(existing)
                current = fingerprint_of(view)
                if current == new_fingerprint:
                    report.uitkomst = Uitkomst.ONGEWIJZIGD
                    bouwsteen = existing
                else:
                    self._check_may_update(existing, view, organisatie, current, report)
                    if report.uitkomst == Uitkomst.CONFLICT:
                        return
                    bouwsteen = services.bouwsteen_update(
                        bouwsteen=existing,
                        user=self.actor,
                        values=mapped.values,
                        relations=relations,
                        herkomst=herkomst,
                        comment=f"Bijgewerkt uit publiccode.yml ({source.naam})",
                    )
                    report.uitkomst = Uitkomst.BIJGEWERKT
                    if bouwsteen.is_published:
                        report.redenen.append(
                            "De wijzigingen staan in het concept van deze gepubliceerde "
                            "bouwsteen; de gepubliceerde versie blijft tot een "
                            "publicist het concept publiceert."
                        )
            if self._report_reuse(bouwsteen, mapped) and (
                report.uitkomst == Uitkomst.ONGEWIJZIGD
            ):
                report.uitkomst = Uitkomst.BIJGEWERKT
        except ServiceError as exc:
            raise _Refused(*exc.messages()) from None
        report.bouwsteen = bouwsteen

    def _check_may_update(
        self,
        existing: Bouwsteen,
        view: Bouwsteen,
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
                f"{existing.organisatie.naam}, niet bij {organisatie.naam}. Is hij van "
                f"{organisatie.naam}, vraag dan een overdracht aan (in het beheer bij "
                "Overdrachten, of POST …/overdrachten in de API)."
            )
        elif not view.bron_vingerafdruk:
            reason = (
                f"‘{existing.naam}’ met deze repository is in dit register gemaakt, niet "
                "geïmporteerd; het bestand wijkt ervan af en overschrijft hem niet."
            )
        elif view.bron_vingerafdruk != current:
            reason = (
                f"‘{existing.naam}’ is na de vorige import hier bewerkt; het bestand "
                "overschrijft die wijzigingen niet. Neem de verschillen met de hand over."
            )
        if reason:
            report.uitkomst = Uitkomst.CONFLICT
            report.redenen = [reason]

    def _report_reuse(self, bouwsteen: Bouwsteen, mapped: MappedBlock) -> bool:
        """usedBy: what the file says about other organisations is reported, not
        counted, until each confirms it (services.hergebruik_report)."""
        added = False
        for organisatie in mapped.gebruikers:
            if organisatie.pk == bouwsteen.organisatie_id:
                continue
            reported = services.hergebruik_report(
                user=self.actor,
                bouwsteen=bouwsteen,
                organisatie=organisatie,
                bron="publiccode.yml (usedBy)",
            )
            added = added or reported is not None
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
