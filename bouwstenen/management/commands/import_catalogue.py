from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from bouwstenen.models import Bouwsteen
from bouwstenen.search import reindex
from registry.models import Organisatie


class Command(BaseCommand):
    help = (
        "Zet een export van export_catalogue terug in een lege database (na migrate) en "
        "bouwt de zoekindex opnieuw op. Alles of niets."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Het JSON-bestand van export_catalogue.")

    def handle(self, *args, path: str, **options):
        if Bouwsteen.objects.exists() or Organisatie.objects.exists():
            raise CommandError(
                "De database is niet leeg. Zet een back-up alleen terug in een nieuwe, "
                "gemigreerde database zonder referentiegegevens."
            )
        with transaction.atomic():
            call_command("loaddata", path, verbosity=0)
            count = reindex()
        self.stdout.write(
            self.style.SUCCESS(
                f"Catalogus teruggezet: {count} bouwstenen, zoekindex opgebouwd."
            )
        )
