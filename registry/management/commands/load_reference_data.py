from pathlib import Path

from django.core.management.base import CommandError

from core.door import GuardedCommand
from registry.reference_data import DATA_DIR, ReferenceDataError, load_reference_data


class Command(GuardedCommand):
    help = (
        "Laadt de echte referentiegegevens: organisaties, thema's en GEMMA-referentiecomponenten. "
        "Idempotent; verwijdert nooit iets."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=DATA_DIR,
            help="Map met de CSV-bestanden (standaard de meegeleverde registry/data).",
        )

    def handle(self, *args, data_dir: Path, **options):
        try:
            report = load_reference_data(data_dir)
        except ReferenceDataError as exc:
            raise CommandError(
                f"Referentiegegevens niet geladen ({exc.path}, regel {exc.line}): {exc.message}. "
                "De database is niet gewijzigd."
            ) from exc
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(
                f"Klaar: {report.created} aangemaakt, {report.updated} bijgewerkt."
            )
        )
