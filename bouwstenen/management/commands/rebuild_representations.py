import time

from django.core.management.base import CommandError

from bouwstenen import weergave
from bouwstenen.api.weergave import differences
from bouwstenen.models import Weergave
from core.door import GuardedCommand


class Command(GuardedCommand):
    help = (
        "Vergelijkt de opgeslagen weergaven van de bouwstenen (wat de API leest) met een "
        "nieuwe weergave, meldt de verschillen en bouwt ze allemaal opnieuw op."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Alleen vergelijken; afsluiten met een fout als er verschillen zijn.",
        )

    def handle(self, *args, check: bool, **options):
        started = time.perf_counter()
        found = differences()
        for line in found:
            self.stdout.write(line)
        if check:
            if found:
                raise CommandError(
                    f"{len(found)} opgeslagen weergaven wijken af; draai "
                    "rebuild_representations zonder --check om ze te herstellen."
                )
            self.stdout.write(self.style.SUCCESS("Alle opgeslagen weergaven kloppen."))
            return
        weergave.changed_all()
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(found)} verschillen hersteld; {Weergave.objects.count()} "
                f"weergaven opnieuw opgebouwd in {seconds:.1f} s."
            )
        )
