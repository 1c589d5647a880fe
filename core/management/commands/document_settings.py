import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from core.door import GuardedCommand
from core.env import markdown_table

START = "<!-- omgevingsvariabelen:start -->"
END = "<!-- omgevingsvariabelen:einde -->"


class Command(GuardedCommand):
    help = (
        "Schrijft de tabel met alle omgevingsvariabelen (uit de instellingen zelf) in "
        "docs/beheer.md, zodat de documentatie niet kan afwijken. --check faalt bij verschil."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, check: bool, **options):
        path = Path(settings.BASE_DIR) / "docs" / "beheer.md"
        text = path.read_text(encoding="utf-8")
        if START not in text or END not in text:
            raise CommandError(f"{path} mist de markeringen {START} en {END}.")
        # Defaults that depend on where the project lives are shown relative to it.
        table = markdown_table().replace(str(settings.BASE_DIR), "<projectmap>")
        block = f"{START}\n{table}\n{END}"
        updated = re.sub(
            re.escape(START) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S
        )
        if check:
            if updated != text:
                raise CommandError(
                    "docs/beheer.md loopt achter: voer manage.py document_settings uit."
                )
            self.stdout.write("docs/beheer.md is bij.")
            return
        path.write_text(updated, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"{path} bijgewerkt."))
