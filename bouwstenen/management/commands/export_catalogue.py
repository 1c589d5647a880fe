from django.core.management import call_command

from core.door import GuardedCommand

# Everything a restore needs. The search index is left out: import_catalogue rebuilds it.
# API tokens are left out on purpose: they are secrets, and users can make new ones.
CATALOGUE_MODELS = [
    "auth.user",
    "registry.organisatie",
    "registry.thema",
    "registry.referentiecomponent",
    "registry.laag",
    "registry.lidmaatschap",
    "bouwstenen.bouwsteen",
    "bouwstenen.hergebruik",
    "bouwstenen.opschalingsantwoord",
    "bouwstenen.relatie",
    "bouwstenen.bouwsteenconcept",
    "bouwstenen.overdracht",
    "bouwstenen.behoefte",
    "bouwstenen.deelname",
    "reversion.revision",
    "reversion.version",
]


class Command(GuardedCommand):
    help = (
        "Exporteert de hele catalogus (organisaties, bouwstenen, hergebruik, opschalingscheck, "
        "relaties, concepten, overdrachten, behoeften, gebruikers en lidmaatschappen, geschiedenis) als JSON, voor een back-up. "
        "Het bestand bevat wachtwoord-hashes: bewaar het veilig."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", "-o", required=True, help="Pad van het JSON-bestand."
        )

    def handle(self, *args, output: str, **options):
        call_command(
            "dumpdata",
            *CATALOGUE_MODELS,
            natural_foreign=True,
            indent=1,
            output=output,
            verbosity=0,
        )
        self.stdout.write(self.style.SUCCESS(f"Catalogus geëxporteerd naar {output}."))
