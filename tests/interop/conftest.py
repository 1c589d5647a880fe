"""Paths to the test files, a small web server for URL imports, and the demo catalogue."""

import http.server
import threading
from pathlib import Path

import pytest
from reversion.models import Revision

from bouwstenen import weergave
from bouwstenen.demo_catalogue import load_demo_catalogue
from bouwstenen.models import Bouwsteen, Zoekwoord

DATA = Path(__file__).resolve().parent.parent / "data" / "publiccode"
REAL_FILES = sorted(DATA.glob("*.yml"))
OWN = DATA / "zelfgemaakt"


def own_file(name: str) -> Path:
    return OWN / name


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the test data, plus a few misbehaving paths."""

    routes: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(DATA), **kwargs)

    def do_GET(self):
        route = self.routes.get(self.path)
        if route is None:
            return super().do_GET()
        return route(self)

    def log_message(self, *args):
        pass


@pytest.fixture
def web_server():
    """A local http.server on a free port (no test reaches the internet).

    ``server.routes[path] = handler(request)`` adds a misbehaving path for one test.
    """
    handler = type("Handler", (_Handler,), {"routes": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.routes = handler.routes
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def demo(db):
    """The Dutch demo catalogue, inside the test's transaction."""
    load_demo_catalogue()


@pytest.fixture(scope="module")
def demo_catalogue(django_db_setup, django_db_blocker):
    """The demo catalogue, loaded once for a module (each test's changes roll back)."""
    with django_db_blocker.unblock():
        load_demo_catalogue()
        yield
        Bouwsteen.objects.all().delete()
        Zoekwoord.objects.all().delete()  # the blocks go without the search backend
        Revision.objects.all().delete()
        # The rows are gone: nothing of theirs is left to render (at exit the test
        # database would be gone too).
        weergave.discard()


@pytest.fixture
def demo_loaded(demo_catalogue, db):
    """A test that reads the module's demo catalogue."""
