"""A second instance of this registry for the harvest tests: own database, real HTTP.

Started by ``tests/interop/test_harvest.py`` as a separate process with its own SQLite
file (``DATABASE_URL``). It migrates, loads the reference data and a few blocks, serves
the whole application on a free port (printed as ``poort N``), and then reads commands
from standard input, answering ``ok`` after each: ``wijzig`` changes a block, ``verwijder``
archives one and deletes another, ``herstel`` puts the first state back, ``stop`` ends.
"""

import sys
import threading
from wsgiref.simple_server import WSGIRequestHandler, make_server


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def _block(naam: str, **extra):
    from django.utils import timezone

    from bouwstenen.models import Bouwsteen
    from registry.models import Laag, Organisatie, Thema

    values = {
        "naam": naam,
        "slug": extra.pop("slug", None) or naam.lower().replace(" ", "-"),
        "soort": "datatoepassing",
        "vorm": "dashboard",
        "samenvatting": f"{naam}: een bouwsteen uit het andere register.",
        "beschrijving": f"## Wat doet het?\n\n{naam} laat zien wat er gebeurt.",
        "organisatie": Organisatie.objects.get(code=extra.pop("organisatie", "GM0344")),
        "levensfase": "pilot",
        "licentie": "EUPL-1.2",
        "contact_naam": "Team Data",
        "contact_email": "data@utrecht.example",
        "publicatiestatus": "gepubliceerd",
        "gepubliceerd_op": timezone.now(),
        **extra,
    }
    bouwsteen = Bouwsteen.objects.create(**values)
    bouwsteen.themas.set([Thema.objects.get(slug="wonen")])
    bouwsteen.lagen.set([Laag.objects.get(slug="data")])
    return bouwsteen


def seed():
    from bouwstenen.models import Bouwsteen
    from registry.models import Organisatie

    Bouwsteen.objects.all().delete()
    Organisatie.objects.filter(code="SV9001").delete()
    for number in range(1, 8):
        _block(f"Woningmarktmonitor {number}")
    # Same slug as a block of the harvesting registry's own.
    _block("Gedeelde naam", slug="gedeelde-slug")
    _block("Nog een concept", publicatiestatus="concept", gepubliceerd_op=None)
    local_only = Organisatie.objects.create(
        soort="samenwerkingsverband",
        code="SV9001",
        naam="Regio Alleen Hier",
        slug="regio-alleen-hier",
    )
    _block("Regionale monitor", organisatie=local_only.code)


def change():
    from bouwstenen.models import Bouwsteen
    from registry.models import Laag

    bouwsteen = Bouwsteen.objects.get(naam="Woningmarktmonitor 1")
    bouwsteen.naam = "Woningmarktmonitor 1 (vernieuwd)"
    bouwsteen.levensfase = "opschaling"
    bouwsteen.versie += 1
    bouwsteen.save()
    bouwsteen.lagen.add(Laag.objects.get(slug="interactie"))


def remove():
    from bouwstenen.models import Bouwsteen

    Bouwsteen.objects.filter(naam="Woningmarktmonitor 2").update(
        publicatiestatus="gearchiveerd"
    )
    Bouwsteen.objects.filter(naam="Woningmarktmonitor 3").delete()


COMMANDS = {"wijzig": change, "verwijder": remove, "herstel": seed}


def main():
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application

    from registry.reference_data import load_reference_data

    call_command("migrate", verbosity=0)
    load_reference_data()
    seed()
    server = make_server(
        "127.0.0.1", 0, get_wsgi_application(), handler_class=_QuietHandler
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"poort {server.server_port}", flush=True)
    for line in sys.stdin:
        command = line.strip()
        if command == "stop":
            break
        COMMANDS[command]()
        print("ok", flush=True)
    server.shutdown()


if __name__ == "__main__":
    main()
