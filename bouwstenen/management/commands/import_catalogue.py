from django.core.management.base import CommandError

from bouwstenen.services.catalogus import catalogue_restore
from core.door import GuardedCommand
from core.errors import ServiceError


class Command(GuardedCommand):
    help = (
        "Zet een export van export_catalogue terug in een lege database (na migrate) en "
        "bouwt de zoekindex opnieuw op. Alles of niets."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Het JSON-bestand van export_catalogue.")

    def handle(self, *args, path: str, **options):
        try:
            count = catalogue_restore(path)
        except ServiceError as exc:
            raise CommandError(" ".join(exc.messages())) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Catalogus teruggezet: {count} bouwstenen, zoekindex opgebouwd."
            )
        )
