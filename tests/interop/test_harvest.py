"""Harvesting another registry: a second instance with its own database, over HTTP.

The second registry runs in its own process (``second_registry.py``) with its own SQLite
file, so the harvest reads a real other instance through its real API, never this test
database. The local database is SQLite or PostgreSQL, whichever the suite runs on.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from django.core.management import call_command

from bouwstenen import search
from bouwstenen.interop.harvester import harvest, source_registry
from bouwstenen.models import Bouwsteen
from registry import permissions
from registry.constants import Publicatiestatus, Rol
from registry.models import Lidmaatschap, Organisatie
from tests.factories import BouwsteenFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]


class SecondRegistry:
    def __init__(self, tmp: Path):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": f"sqlite:///{tmp / 'tweede-register.sqlite3'}",
            "DATABASE_REPLICA_URLS": "",
            "API_THROTTLE_ANON": "100000/minute",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.interop.second_registry"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        line = self.process.stdout.readline()
        if not line.startswith("poort "):
            self.process.kill()
            raise RuntimeError(f"Tweede register startte niet: {line!r}")
        self.url = f"http://127.0.0.1:{int(line.split()[1])}"

    def do(self, command: str) -> None:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        assert self.process.stdout.readline().strip() == "ok"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.write("stop\n")
            self.process.stdin.close()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


@pytest.fixture(scope="module")
def second_registry(tmp_path_factory):
    registry = SecondRegistry(tmp_path_factory.mktemp("tweede-register"))
    yield registry
    registry.stop()


@pytest.fixture
def source(second_registry):
    second_registry.do("herstel")
    return second_registry


def harvested(source):
    return Bouwsteen.objects.filter(bron_register=source.url)


def test_harvest_twice_then_follow_updates_and_removals(db, source):
    own = BouwsteenFactory(
        naam="Eigen bouwsteen", slug="gedeelde-slug", gepubliceerd=True
    )

    first = harvest(url=source.url, page_size=3)
    assert first.volledig, first.fout
    assert first.paginas == 3  # nine published blocks, three per page
    assert (first.nieuw, first.bijgewerkt, first.gearchiveerd) == (8, 0, 0)
    assert [s.split(":")[0] for s in first.overgeslagen] == ["Regionale monitor"]
    blocks = harvested(source)
    assert blocks.count() == 8
    assert not blocks.filter(naam="Nog een concept").exists()
    block = blocks.get(naam="Woningmarktmonitor 1")
    assert block.is_geoogst
    assert block.publicatiestatus == Publicatiestatus.GEPUBLICEERD
    assert block.organisatie.code == "GM0344"
    assert block.bron_url.startswith(f"{source.url}/api/v1/bouwstenen/")
    assert str(block.bron_uuid) in block.bron_url
    assert block.laatst_geoogst_op is not None
    assert [laag.slug for laag in block.lagen.all()] == ["data"]
    # The record as the other registry served it is kept with the copy (issue 22).
    record = json.loads(block.bron_document)
    assert record["uuid"] == str(block.bron_uuid)
    assert record["naam"] == "Woningmarktmonitor 1"
    # The local block keeps its slug; the harvested one gets another.
    assert blocks.get(naam="Gedeelde naam").slug == "gedeelde-slug-2"
    # Public here, so found by a search like every public block.
    assert block in search.search(Bouwsteen.objects.published(), "woningmarktmonitor")

    second = harvest(url=source.url, page_size=3)
    assert (second.nieuw, second.bijgewerkt, second.ongewijzigd) == (0, 0, 8)
    assert harvested(source).count() == 8
    block.refresh_from_db()
    assert block.versie == 1

    source.do("wijzig")
    third = harvest(url=source.url, page_size=3)
    assert (third.nieuw, third.bijgewerkt, third.ongewijzigd) == (0, 1, 7)
    block.refresh_from_db()
    assert block.naam == "Woningmarktmonitor 1 (vernieuwd)"
    assert list(search.search(Bouwsteen.objects.published(), "vernieuwd")) == [block]
    assert block.levensfase == "opschaling"
    assert sorted(laag.slug for laag in block.lagen.all()) == ["data", "interactie"]
    assert block.versie == 2

    source.do("verwijder")
    fourth = harvest(url=source.url, page_size=3)
    assert fourth.gearchiveerd == 2
    archived = harvested(source).filter(publicatiestatus=Publicatiestatus.GEARCHIVEERD)
    assert sorted(archived.values_list("naam", flat=True)) == [
        "Woningmarktmonitor 2",
        "Woningmarktmonitor 3",
    ]
    assert harvest(url=source.url, page_size=3).gearchiveerd == 0

    own.refresh_from_db()
    assert (own.naam, own.slug, own.versie, own.bron_register) == (
        "Eigen bouwsteen",
        "gedeelde-slug",
        1,
        "",
    )


def test_a_fallback_organisation_takes_the_unknown_ones(db, source):
    fallback = Organisatie.objects.get(code="GM0363")
    report = harvest(url=f"{source.url}/api/v1/bouwstenen", organisatie=fallback)
    assert report.overgeslagen == []
    assert harvested(source).get(naam="Regionale monitor").organisatie == fallback


def test_the_command_harvests_and_reports(db, source, capsys):
    call_command("harvest", source.url)
    out = capsys.readouterr().out
    assert "8 nieuw" in out and "overgeslagen: Regionale monitor" in out


def test_harvested_blocks_are_read_only_here(db, source):
    harvest(url=source.url)
    block = harvested(source).first()
    user = UserFactory()
    Lidmaatschap.objects.create(
        gebruiker=user, organisatie=block.organisatie, rol=Rol.PUBLICIST
    )
    assert block.is_geoogst
    assert not permissions.can_edit(user, block)
    assert not permissions.can_delete(user, block)


# --- a source that misbehaves (served by a plain local http.server) -------------------


def _page(web_server, items, next_path=None):
    body = {"count": 99, "results": items}
    if next_path:
        body["next"] = web_server.url + next_path
    return json.dumps(body).encode()


def _item(number: int) -> dict:
    return {
        "url": f"http://bron.example/api/v1/bouwstenen/00000000-0000-0000-0000-00000000000{number}",
        "uuid": f"00000000-0000-0000-0000-00000000000{number}",
        "naam": f"Bouwsteen {number}",
        "slug": f"bouwsteen-{number}",
        "soort": "datatoepassing",
        "vorm": None,
        "samenvatting": "Een bouwsteen van elders.",
        "beschrijving": "Wat hij doet en voor wie, zoals de bron het publiceert.",
        "organisatie": {"code": "GM0363"},
        "levensfase": "pilot",
        "themas": [{"slug": "jeugdzorg"}],
        "referentiecomponenten": [],
        "lagen": ["data"],
        "licentie": "EUPL-1.2",
        "links": {
            "repository": None,
            "documentatie": None,
            "demo": None,
            "website": None,
        },
        "contactpunt": {"naam": "Team Data", "email": "data@bron.example"},
        "gepubliceerdOp": "2025-01-02T10:00:00+01:00",
    }


def test_an_incomplete_record_is_not_published_here(db, web_server):
    """A copy is public here, so it is complete like every public block."""
    incomplete = {**_item(4), "beschrijving": "", "contactpunt": None}
    _serve(
        web_server,
        "/api/v1/bouwstenen?pageSize=50",
        _page(web_server, [_item(1), incomplete]),
    )
    report = harvest(url=web_server.url)
    assert report.nieuw == 1
    assert len(report.overgeslagen) == 1
    assert report.overgeslagen[0].startswith("Bouwsteen 4: onvolledig")
    assert "Beschrijf de bouwsteen" in report.overgeslagen[0]
    assert list(Bouwsteen.objects.values_list("naam", flat=True)) == ["Bouwsteen 1"]


def _serve(web_server, path, body):
    def answer(request):
        request.send_response(200)
        request.send_header("Content-Type", "application/json")
        request.end_headers()
        request.wfile.write(body)

    web_server.routes[path] = answer


def test_a_source_that_stops_halfway_keeps_the_catalogue_consistent(db, web_server):
    _serve(
        web_server,
        "/api/v1/bouwstenen?pageSize=50",
        _page(web_server, [_item(1), _item(2)], "/p2"),
    )
    _serve(web_server, "/p2", b"<html>Interne fout</html>")
    first = harvest(url=web_server.url)
    assert not first.volledig and "geen geldige JSON" in first.fout
    # The first page is stored whole; nothing is archived after an incomplete run.
    blocks = Bouwsteen.objects.filter(bron_register=web_server.url)
    assert blocks.count() == 2

    _serve(
        web_server,
        "/api/v1/bouwstenen?pageSize=50",
        _page(web_server, [_item(1)], "/p2"),
    )
    _serve(web_server, "/p2", json.dumps({"results": "geen lijst"}).encode())
    second = harvest(url=web_server.url)
    assert not second.volledig and "Pagina 2" in second.fout
    assert blocks.filter(publicatiestatus=Publicatiestatus.GEPUBLICEERD).count() == 2

    _serve(web_server, "/api/v1/bouwstenen?pageSize=50", _page(web_server, [_item(1)]))
    third = harvest(url=web_server.url)
    assert third.volledig and third.gearchiveerd == 1


def test_bad_records_are_skipped_and_foreign_next_links_refused(db, web_server):
    broken = {**_item(3), "licentie": "Geen-Licentie", "soort": "iets"}
    _serve(
        web_server,
        "/api/v1/bouwstenen?pageSize=50",
        json.dumps(
            {
                "results": [_item(1), broken, "geen object"],
                "next": "http://elders.example/p2",
            }
        ).encode(),
    )
    report = harvest(url=web_server.url)
    assert len(report.overgeslagen) == 2
    assert "buiten de bron" in report.fout
    assert Bouwsteen.objects.filter(bron_register=web_server.url).count() == 1


@pytest.mark.parametrize(
    ("url", "register"),
    [
        ("https://register.example.nl", "https://register.example.nl"),
        (
            "https://register.example.nl/api/v1/bouwstenen/",
            "https://register.example.nl",
        ),
        ("https://x.example/register/api/v1", "https://x.example/register"),
    ],
)
def test_the_source_registry_is_its_base_address(url, register):
    assert source_registry(url) == register
