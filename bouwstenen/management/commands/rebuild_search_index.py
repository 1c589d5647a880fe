import time

from django.core.management.base import BaseCommand

from bouwstenen.search import reindex


class Command(BaseCommand):
    help = "Bouwt de zoekindex van alle bouwstenen opnieuw op."

    def handle(self, *args, **options):
        started = time.perf_counter()
        count = reindex()
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(f"{count} bouwstenen geïndexeerd in {seconds:.1f} s.")
        )
