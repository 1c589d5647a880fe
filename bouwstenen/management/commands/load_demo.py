from django.core.management.base import BaseCommand, CommandError

from bouwstenen.demo_catalogue import DemoCatalogueError, load_demo_catalogue


class Command(BaseCommand):
    help = (
        "Laadt de Nederlandse demo-catalogus met realistische bouwstenen. Idempotent."
    )

    def handle(self, *args, **options):
        try:
            report = load_demo_catalogue()
        except DemoCatalogueError as exc:
            raise CommandError(f"Demo-catalogus niet geladen: {exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Bouwstenen: {report.created} aangemaakt, {report.updated} bijgewerkt, "
                f"{report.unchanged} ongewijzigd."
            )
        )
