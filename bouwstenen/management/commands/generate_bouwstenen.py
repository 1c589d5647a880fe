import time

from bouwstenen.generator import generate
from core.door import GuardedCommand


class Command(GuardedCommand):
    help = (
        "Maakt N realistische bouwstenen (met hergebruik, opschalingscheck en relaties) over "
        "de echte organisaties, thema's, GEMMA-componenten en lagen. Reproduceerbaar per seed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, count: int, seed: int, **options):
        started = time.perf_counter()

        def progress(done, total):
            self.stdout.write(f"\r{done}/{total} bouwstenen", ending="")
            self.stdout.flush()

        totals = generate(count=count, seed=seed, progress=progress)
        seconds = time.perf_counter() - started
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"{totals.bouwstenen} bouwstenen, {totals.hergebruik} hergebruik, "
                f"{totals.antwoorden} antwoorden, {totals.relaties} relaties in {seconds:.1f} s "
                "(inclusief de zoekindex)."
            )
        )
