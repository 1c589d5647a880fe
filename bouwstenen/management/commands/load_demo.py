from django.core.management.base import CommandError

from bouwstenen.demo_catalogue import DemoCatalogueError, load_demo_catalogue
from core.door import GuardedCommand


class Command(GuardedCommand):
    help = (
        "Laadt de Nederlandse demo-catalogus met realistische bouwstenen. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Zet ook gewijzigde demo-bouwstenen terug zoals ze in de catalogus staan.",
        )

    def handle(self, *args, reset: bool, **options):
        try:
            report = load_demo_catalogue(reset=reset)
        except DemoCatalogueError as exc:
            raise CommandError(f"Demo-catalogus niet geladen: {exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Bouwstenen: {report.created} aangemaakt, {report.updated} bijgewerkt, "
                f"{report.unchanged} ongewijzigd."
            )
        )
