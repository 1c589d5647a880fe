"""Any search, with its filters, as a CSV or Excel file: every result, not one page."""

import csv
import io

import pytest
from openpyxl import load_workbook

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bouwstenen.export import HEADERS
from registry.constants import Publicatiestatus
from registry.models import Thema
from tests.pages.conftest import make_block

pytestmark = pytest.mark.django_db
CSV = reverse("catalogus:export", args=["csv"])
XLSX = reverse("catalogus:export", args=["xlsx"])


@pytest.fixture
def catalogue(owner):
    wonen = Thema.objects.get(slug="wonen")
    blocks = [
        make_block(naam=f"Woningmonitor {i:02d}", organisatie=owner) for i in range(25)
    ]
    for block in blocks[:23]:
        block.themas.add(wonen)
    make_block(naam='=HYPERLINK("http://kwaad.example")', organisatie=owner)
    make_block(
        naam="Conceptmonitor", organisatie=owner, status=Publicatiestatus.CONCEPT
    )
    return blocks


def read_csv(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")  # so Excel reads UTF-8
    return list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))))


def api_count(client, **params) -> int:
    return client.get("/api/v1/bouwstenen", params).json()["count"]


def test_csv_holds_every_result_of_the_search_not_one_page(client, catalogue):
    response = client.get(CSV, {"thema": "wonen", "sort": "naam"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="bouwstenen-'
    )
    rows = read_csv(response)
    assert len(rows) == 23 == api_count(client, thema="wonen")
    assert [r["naam"] for r in rows] == [f"Woningmonitor {i:02d}" for i in range(23)]
    first = rows[0]
    assert list(first) == HEADERS
    assert first["organisatie"] == "Gemeente Eigenaarstad"
    assert first["themas"] == "Jeugdzorg; Wonen"
    assert first["pagina"] == "http://testserver/bouwstenen/" + catalogue[0].slug


def test_only_published_blocks_and_no_formula_runs(client, catalogue):
    rows = read_csv(client.get(CSV))
    names = {r["naam"] for r in rows}
    assert "Conceptmonitor" not in names
    assert len(rows) == api_count(client) == 26
    assert '\'=HYPERLINK("http://kwaad.example")' in names  # text, not a formula


def test_excel_workbook_with_the_same_rows(client, catalogue):
    response = client.get(XLSX, {"thema": "wonen"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [cell.value for cell in sheet[1]]
    assert header == HEADERS
    assert sheet["A1"].font.bold
    assert sheet.max_row == 1 + 23
    assert {sheet.cell(row=r, column=2).value for r in range(2, 25)} == {
        f"Woningmonitor {i:02d}" for i in range(23)
    }


def test_search_words_and_sort_carry_over(client, catalogue):
    rows = read_csv(
        client.get(CSV, {"q": "woningmonitor", "sort": "-opschalingsscore"})
    )
    assert len(rows) == 25 == api_count(client, q="woningmonitor")


def test_an_invalid_filter_goes_back_to_the_page_that_explains(client, catalogue):
    response = client.get(CSV, {"thema": "bestaat-niet"})
    assert response.status_code == 302
    assert response["Location"] == "/bouwstenen?thema=bestaat-niet"
    page = client.get(response["Location"])
    assert page.status_code == 400


def test_an_unknown_format_is_404(client):
    assert client.get("/bouwstenen/export.pdf").status_code == 404


def test_queries_do_not_grow_with_the_rows(client, owner, catalogue):
    def queries():
        with CaptureQueriesContext(connection) as ctx:
            b"".join(client.get(CSV).streaming_content)
        return len(ctx.captured_queries)

    before = queries()
    for i in range(30):
        make_block(naam=f"Extra {i}", organisatie=owner)
    assert queries() == before


def test_the_results_page_offers_the_download_with_its_state(client, catalogue):
    html = client.get(
        reverse("catalogus:zoeken"), {"thema": "wonen", "page": 2}
    ).content
    html = html.decode()
    assert 'href="/bouwstenen/export.csv?thema=wonen" download' in html
    assert 'href="/bouwstenen/export.xlsx?thema=wonen" download' in html
