import sys

from django.core.management.base import CommandError

from bouwstenen.interop import sources
from bouwstenen.interop.publiccode.importer import (
    ImportReport,
    PubliccodeImporter,
    Uitkomst,
)
from core.door import GuardedCommand
from registry.models import Organisatie


class Command(GuardedCommand):
    help = (
        "Importeert publiccode.yml-bestanden (bestanden, mappen en http(s)-URL's) als "
        "bouwstenen, elk in een eigen transactie. Nieuwe bouwstenen worden concept. "
        "Eindigt met code 1 als een bestand is geweigerd."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "bronnen",
            nargs="+",
            metavar="PAD_OF_URL",
            help="Een publiccode.yml, een map met .yml/.yaml-bestanden of een URL.",
        )
        parser.add_argument(
            "--organisatie",
            metavar="CODE",
            help="De organisatie (GM0363, PV27…) voor bestanden zonder bekende "
            "organisation.uri (TOOI).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Alles controleren en melden, niets opslaan.",
        )

    def handle(self, *args, bronnen, organisatie, dry_run, verbosity, **options):
        owner = None
        if organisatie:
            owner = Organisatie.objects.filter(code__iexact=organisatie).first()
            if owner is None:
                raise CommandError(f"Onbekende organisatie: {organisatie}.")
        targets = sources.expand(bronnen)
        importer = PubliccodeImporter(organisatie=owner, dry_run=dry_run)
        report = ImportReport(dry_run=dry_run)
        progress = self.stdout.isatty() and verbosity > 0
        for number, target in enumerate(targets, start=1):
            if progress:
                self._progress(number, len(targets), target.naam)
            file_report = importer.import_source(sources.load(target))
            report.bestanden.append(file_report)
            if progress:
                self.stdout.write("\r\033[K", ending="")
            self._print(file_report, verbosity)
        style = self.style.ERROR if report.geweigerd else self.style.SUCCESS
        self.stdout.write(style(report.summary()))
        if report.geweigerd:
            sys.exit(1)

    def _progress(self, number: int, total: int, naam: str) -> None:
        width = 30
        done = int(width * (number - 1) / max(total, 1))
        bar = "#" * done + "-" * (width - done)
        self.stdout.write(f"\r[{bar}] {number}/{total} {naam[-40:]}", ending="")
        self.stdout.flush()

    def _print(self, file_report, verbosity: int) -> None:
        styles = {
            Uitkomst.GEIMPORTEERD: self.style.SUCCESS,
            Uitkomst.BIJGEWERKT: self.style.SUCCESS,
            Uitkomst.ONGEWIJZIGD: str,
            Uitkomst.CONFLICT: self.style.WARNING,
            Uitkomst.GEWEIGERD: self.style.ERROR,
        }
        line = f"{file_report.label.upper()}: {file_report.bron}"
        naam = file_report.bouwsteen.naam if file_report.bouwsteen else file_report.naam
        if naam:
            line += f" → {naam}"
        self.stdout.write(styles[file_report.uitkomst](line))
        for reden in file_report.redenen:
            self.stdout.write(f"    {reden}")
        if verbosity > 1:
            for problem in file_report.waarschuwingen:
                self.stdout.write(f"    waarschuwing: {problem}")
