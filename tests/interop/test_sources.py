"""Reading files and URLs: size caps, timeouts, unreachable servers, internal addresses.

URLs are served by a local http.server started in the test; nothing reaches the internet.
"""

import time

import pytest

from bouwstenen.interop import limits
from bouwstenen.interop.publiccode.importer import Uitkomst, publiccode_import
from bouwstenen.interop.sources import SourceError, Target, expand, fetch_url, load
from registry.models import Organisatie
from tests.interop.conftest import DATA


def test_a_url_import_reads_the_file_from_the_server(db, web_server):
    vng = Organisatie.objects.create(
        soort="samenwerkingsverband", code="VNG", naam="VNG", slug="vng"
    )
    url = f"{web_server.url}/open-zaak__open-zaak.yml"
    report = publiccode_import(sources=[load(Target(url, url=url))], organisatie=vng)
    result = report.bestanden[0]
    assert result.uitkomst == Uitkomst.GEIMPORTEERD
    assert result.bouwsteen.bron_url == url


def test_a_missing_file_is_refused_with_the_status(web_server):
    source = load(Target("x", url=f"{web_server.url}/bestaat-niet.yml"))
    assert source.fout == "De server antwoordde met HTTP 404."


def test_an_unreachable_server_is_refused(web_server):
    port = web_server.server_address[1]
    web_server.shutdown()
    web_server.server_close()
    source = load(Target("x", url=f"http://127.0.0.1:{port}/publiccode.yml"))
    assert source.fout.startswith("Niet bereikbaar")


def test_a_server_that_does_not_answer_in_time_is_refused(web_server, monkeypatch):
    monkeypatch.setattr(limits, "FETCH_TIMEOUT", 0.3)

    def slow(request):
        time.sleep(1.5)
        request.send_response(200)
        request.end_headers()

    web_server.routes["/traag.yml"] = slow
    start = time.monotonic()
    with pytest.raises(SourceError, match="Geen antwoord binnen"):
        fetch_url(f"{web_server.url}/traag.yml")
    assert time.monotonic() - start < 1.4


def test_a_server_that_drips_is_cut_off_at_the_deadline(web_server, monkeypatch):
    monkeypatch.setattr(limits, "FETCH_DEADLINE", 0.5)

    def drip(request):
        request.send_response(200)
        request.end_headers()
        for _ in range(30):
            request.wfile.write(b"x" * 70_000)
            request.wfile.flush()
            time.sleep(0.05)

    web_server.routes["/druppel.yml"] = drip
    with pytest.raises(SourceError, match="langer dan"):
        fetch_url(f"{web_server.url}/druppel.yml", limit=10 * 1024 * 1024)


@pytest.mark.parametrize("declared", [True, False])
def test_a_huge_answer_is_refused_without_reading_it_all(web_server, declared):
    def huge(request):
        request.send_response(200)
        if declared:
            request.send_header("Content-Length", str(50 * 1024 * 1024))
        request.end_headers()
        try:
            for _ in range(50):
                request.wfile.write(b"#" * 1024 * 1024)
        except OSError:
            pass  # the client hung up, as it should

    web_server.routes["/groot.yml"] = huge
    with pytest.raises(SourceError, match="groter dan 1024 KiB"):
        fetch_url(f"{web_server.url}/groot.yml")


def test_urls_from_users_may_not_point_at_internal_addresses(web_server):
    with pytest.raises(SourceError, match="intern adres"):
        fetch_url(f"{web_server.url}/MinBZK__amt.yml", public_only=True)


def test_a_redirect_to_an_internal_address_is_refused_too(web_server, monkeypatch):
    from bouwstenen.interop import sources

    checked = []

    def pretend_public(url):
        checked.append(url)
        if len(checked) > 1:
            raise SourceError("De URL wijst naar een intern adres (127.0.0.1).")

    monkeypatch.setattr(sources, "_check_public_host", pretend_public)

    def redirect(request):
        request.send_response(302)
        request.send_header("Location", f"{web_server.url}/MinBZK__amt.yml")
        request.end_headers()

    web_server.routes["/verder.yml"] = redirect
    with pytest.raises(SourceError, match="intern adres"):
        fetch_url(f"{web_server.url}/verder.yml", public_only=True)
    assert len(checked) == 2


def test_a_huge_local_file_is_refused(tmp_path):
    huge = tmp_path / "groot.yml"
    huge.write_bytes(b"x" * (limits.MAX_FILE_BYTES + 1))
    source = load(expand([str(huge)])[0])
    assert "groter dan 1024 KiB" in source.fout


def test_a_folder_expands_to_its_yaml_files_in_name_order():
    targets = expand(
        [str(DATA / "zelfgemaakt"), "ftp-is-geen-url", "https://example.org/p.yml"]
    )
    names = [t.naam.rsplit("/", 1)[-1] for t in targets]
    assert names[:2] == ["diep-genest.yml", "geen-mapping.yml"]
    assert "README.md" not in names
    assert targets[-2].fout == "Het bestand of de map bestaat niet."
    assert targets[-1].url == "https://example.org/p.yml"
