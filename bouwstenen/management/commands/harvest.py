import sys

from django.core.management.base import CommandError

from bouwstenen.interop.harvester import HarvestError, harvest
from core.door import GuardedCommand
from registry.models import Organisatie


class Command(GuardedCommand):
    help = (
        "Oogst de gepubliceerde bouwstenen van een ander Bouwstenenregister via zijn "
        "API (alle pagina's). Geoogste bouwstenen zijn hier alleen-lezen; wat aan de "
        "bron verdwijnt, wordt hier gearchiveerd. Eigen bouwstenen blijven onaangeroerd. "
        "Eindigt met code 1 als de oogst onvolledig was."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "urls",
            nargs="+",
            metavar="URL",
            help="Het adres van het andere register, bijvoorbeeld "
            "https://register.example.nl (of zijn /api/v1/bouwstenen).",
        )
        parser.add_argument(
            "--organisatie",
            metavar="CODE",
            help="Eigenaar hier van bouwstenen waarvan de organisatie hier onbekend "
            "is; zonder deze optie worden die overgeslagen.",
        )

    def handle(self, *args, urls, organisatie, verbosity, **options):
        owner = None
        if organisatie:
            owner = Organisatie.objects.filter(code__iexact=organisatie).first()
            if owner is None:
                raise CommandError(f"Onbekende organisatie: {organisatie}.")
        incomplete = False
        for url in urls:
            try:
                report = harvest(url=url, organisatie=owner)
            except HarvestError as exc:
                self.stdout.write(self.style.ERROR(f"{url}: {exc.message}"))
                incomplete = True
                continue
            style = self.style.SUCCESS if report.volledig else self.style.ERROR
            self.stdout.write(style(report.summary()))
            for reason in report.overgeslagen if verbosity > 0 else []:
                self.stdout.write(f"    overgeslagen: {reason}")
            incomplete |= not report.volledig
        if incomplete:
            sys.exit(1)
