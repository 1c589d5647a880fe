import time

from bouwstenen.search import reindex
from core.door import GuardedCommand


class Command(GuardedCommand):
    help = "Bouwt de zoekindex van alle bouwstenen opnieuw op."

    def handle(self, *args, **options):
        started = time.perf_counter()
        count = reindex()
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(f"{count} bouwstenen geïndexeerd in {seconds:.1f} s.")
        )
