"""``manage.py check_links`` against a local web server: working, 404, 500, a timeout and
redirects; the status and since when are stored, the owner is told once, the public
page says "link werkt niet sinds …", and internal addresses are refused by default."""

import http.server
import threading
import time
from datetime import timedelta

import pytest

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bouwstenen import weergave
from bouwstenen.models import Bouwsteen, Linkcontrole
from core.models import Bericht


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict = {}
    visits: dict = {}

    def do_GET(self):
        self.visits[self.path] = self.visits.get(self.path, 0) + 1
        status, location, delay = self.routes.get(self.path, (404, None, 0))
        if delay:
            time.sleep(delay)
        try:
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the checker gave up waiting (the timeout case), as it should

    def log_message(self, *args):
        pass


@pytest.fixture
def site():
    handler = type("Handler", (_Handler,), {"routes": {}, "visits": {}})
    handler.routes.update(
        {
            "/werkt": (200, None, 0),
            "/weg": (404, None, 0),
            "/kapot": (500, None, 0),
            "/verboden": (403, None, 0),
            "/traag": (200, None, 3),
            "/verhuisd": (301, "/werkt", 0),
            "/verhuisd-weg": (302, "/weg", 0),
        }
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    server.routes, server.visits = handler.routes, handler.visits
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def links(block: Bouwsteen, **urls) -> Bouwsteen:
    """Give the block these links (test set-up, outside the door)."""
    Bouwsteen.objects.filter(pk=block.pk).update(**urls)
    weergave.changed(weergave.BLOK, [block.pk])
    return Bouwsteen.objects.get(pk=block.pk)


def status(block) -> dict:
    return {
        c.veld: (c.werkt, c.http_status, c.kapot_sinds is not None)
        for c in Linkcontrole.objects.filter(bouwsteen=block)
    }


def check():
    call_command("check_links", "--timeout", "1", "--concurrency", "4")


@pytest.fixture
def checked(cast, site, settings):
    """Amsterdam's published block with four links, Utrecht's with two (one shared)."""
    settings.INTEROP_ALLOW_PRIVATE_URLS = True  # the local server, explicitly
    cast.published = links(
        cast.published,
        repository_url=f"{site.url}/werkt",
        documentatie_url=f"{site.url}/weg",
        demo_url=f"{site.url}/traag",
        website_url=f"{site.url}/verhuisd",
    )
    cast.imported = links(
        cast.imported,
        repository_url=f"{site.url}/werkt",
        documentatie_url=f"{site.url}/verboden",
        demo_url="",
        website_url=f"{site.url}/verhuisd-weg",
    )
    # A draft is not public: its links are not visited.
    links(cast.draft, repository_url=f"{site.url}/kapot")
    Bericht.objects.all().delete()
    return cast


def test_every_link_of_every_published_block_is_visited_once(checked, site):
    started = time.monotonic()
    check()
    # The slow link costs its timeout, not the whole run times every link.
    assert time.monotonic() - started < 10
    assert status(checked.published) == {
        "repository_url": (True, 200, False),
        "documentatie_url": (False, 404, True),
        "demo_url": (False, None, True),  # no answer within the timeout
        "website_url": (True, 200, False),  # a redirect to a page that works
    }
    assert status(checked.imported) == {
        "repository_url": (True, 200, False),
        "documentatie_url": (True, 403, False),  # there, but not for us
        "website_url": (False, 404, True),  # a redirect to a page that is gone
    }
    assert not Linkcontrole.objects.filter(bouwsteen=checked.draft).exists()
    assert site.visits.get("/kapot") is None
    # The address both blocks share was visited once.
    assert site.visits["/werkt"] == 2  # once itself, once at the end of /verhuisd
    demo = Linkcontrole.objects.get(bouwsteen=checked.published, veld="demo_url")
    assert demo.fout == "Geen antwoord binnen 1 seconden."


def test_the_owner_is_told_once_and_again_only_after_a_repair(checked, site):
    check()
    told = Bericht.objects.filter(soort="link_kapot")
    amsterdam = sorted(
        checked.users[n].email for n in ("redacteur", "publicist", "publicist2")
    )
    utrecht = sorted(checked.users[n].email for n in ("utrechter", "ander"))
    assert sorted(told.values_list("adres", flat=True)) == sorted(amsterdam + utrecht)
    to_amsterdam = told.get(adres=checked.users["redacteur"].email)
    assert to_amsterdam.onderwerp == "Link werkt niet: Openbaar A"
    assert f"Documentatie: {site.url}/weg" in to_amsterdam.tekst
    assert f"Demo: {site.url}/traag" in to_amsterdam.tekst
    assert "De server antwoordde met HTTP 404." in to_amsterdam.tekst

    # Three days later, still broken: the date stays, nobody is told again.
    since = timezone.now() - timedelta(days=3)
    Linkcontrole.objects.filter(kapot_sinds__isnull=False).update(kapot_sinds=since)
    check()
    assert told.count() == len(amsterdam + utrecht)
    documentatie = Linkcontrole.objects.get(
        bouwsteen=checked.published, veld="documentatie_url"
    )
    assert documentatie.kapot_sinds == since

    # Repaired: forgotten. Broken again later: a new date and a new e-mail.
    site.routes["/weg"] = (200, None, 0)
    check()
    documentatie.refresh_from_db()
    assert (documentatie.werkt, documentatie.kapot_sinds, documentatie.gemeld_op) == (
        True,
        None,
        None,
    )
    site.routes["/weg"] = (410, None, 0)
    check()
    documentatie.refresh_from_db()
    assert documentatie.kapot_sinds > since
    # Utrecht's redirect ends at the same page: repaired and broken with it.
    assert told.count() == 2 * len(amsterdam + utrecht)


def test_a_changed_or_removed_link_starts_afresh(checked, site):
    check()
    checked.published = links(
        checked.published, documentatie_url=f"{site.url}/werkt", demo_url=""
    )
    check()
    assert status(checked.published) == {
        "repository_url": (True, 200, False),
        "documentatie_url": (True, 200, False),
        "website_url": (True, 200, False),
    }
    # Archived (not public any more): what was known about its links goes.
    Bouwsteen.objects.filter(pk=checked.imported.pk).update(
        publicatiestatus="gearchiveerd"
    )
    weergave.changed(weergave.BLOK, [checked.imported.pk])
    check()
    assert not Linkcontrole.objects.filter(bouwsteen=checked.imported).exists()


def test_the_public_page_says_since_when_a_link_does_not_work(client, checked):
    url = reverse("catalogus:bouwsteen", args=[checked.published.slug])
    with CaptureQueriesContext(connection) as before:
        html = client.get(url).content.decode()
    assert "link werkt niet" not in html
    check()
    Linkcontrole.objects.filter(veld="documentatie_url").update(
        kapot_sinds=timezone.make_aware(timezone.datetime(2026, 3, 9, 12))
    )
    with CaptureQueriesContext(connection) as after:
        html = client.get(url).content.decode()
    links_section = html.split('id="links-titel"', 1)[1].split("</section>", 1)[0]
    items = {
        item.split("</a>", 1)[0].rsplit(">", 1)[1]: item
        for item in links_section.split("<li>")[1:]
    }
    assert "link werkt niet sinds 9 maart 2026" in items["Documentatie"]
    assert 'data-veld="demo_url"' in items["Demo"]
    assert "link werkt niet" not in items["Broncode"]
    assert "link werkt niet" not in items["Website"]
    # Read at render time, at the same cost with or without broken links.
    assert len(after.captured_queries) == len(before.captured_queries)
    # In English too.
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "link broken since 9 March 2026" in client.get(url).content.decode()


def test_internal_addresses_are_refused_unless_allowed(checked, site, settings):
    settings.INTEROP_ALLOW_PRIVATE_URLS = False
    check()
    assert site.visits == {}
    refused = Linkcontrole.objects.get(bouwsteen=checked.published, veld="demo_url")
    assert not refused.werkt
    assert "intern adres (127.0.0.1)" in refused.fout


def test_the_overview_selectors_find_an_organisations_broken_and_unchanged_blocks(
    checked, django_assert_max_num_queries
):
    from bouwstenen import onderhoud

    check()
    with django_assert_max_num_queries(2):  # the blocks, and their broken links
        found = [
            (b.naam, [c.veld for c in b.kapotte_links])
            for b in onderhoud.broken_links_of(checked.amsterdam)
        ]
    assert found == [("Openbaar A", ["demo_url", "documentatie_url"])]
    assert [b.pk for b in onderhoud.broken_links_of(checked.utrecht)] == [
        checked.imported.pk
    ]
    assert list(onderhoud.unchanged_of(checked.amsterdam)) == []
    Bouwsteen.objects.filter(pk=checked.published.pk).update(
        gewijzigd_op=timezone.now() - timedelta(days=400)
    )
    weergave.changed(weergave.BLOK, [checked.published.pk])
    assert [b.pk for b in onderhoud.unchanged_of(checked.amsterdam)] == [
        checked.published.pk
    ]
