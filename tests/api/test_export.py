"""The list as a file: ``format=csv|xlsx`` or ``Accept``, every result of the filtered query."""

import csv
import io

import pytest
from openpyxl import load_workbook

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bouwstenen import search
from bouwstenen.constants import Levensfase
from bouwstenen.export import HEADERS, XLSX_MEDIA_TYPE
from registry.models import Thema
from tests.api.helpers import assert_problem, invalid_names
from tests.factories import BouwsteenFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/bouwstenen"


@pytest.fixture
def catalogue(cast, blocks):
    """45 published blocks of Utrecht (more than two pages of 20), 30 about wonen, 12 in
    production; next to the fixture's blocks in every status."""
    wonen = Thema.objects.get(slug="wonen")
    made = []
    for i in range(45):
        block = BouwsteenFactory(
            naam=f"Woningmonitor {i:02d}",
            organisatie=cast.utrecht,
            gepubliceerd=True,
            levensfase=Levensfase.PRODUCTIE if i % 4 == 0 else Levensfase.PILOT,
        )
        if i < 30:
            block.themas.add(wonen)
        made.append(block)
    search.reindex([block.pk for block in made])
    return made


def csv_rows(response) -> list[dict]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="bouwstenen-'
    )
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")  # so Excel reads UTF-8
    reader = csv.DictReader(io.StringIO(body.removeprefix("\ufeff")))
    rows = list(reader)
    assert reader.fieldnames == HEADERS
    return rows


def json_count(client, **params) -> int:
    return client.get(LIST, params).json()["count"]


def test_csv_holds_every_result_not_one_page(anonymous, catalogue):
    rows = csv_rows(anonymous.get(LIST, {"format": "csv"}))
    assert len(rows) == json_count(anonymous) == 46
    # The list's order: by name.
    assert [r["naam"] for r in rows] == sorted(r["naam"] for r in rows)
    first = next(r for r in rows if r["naam"] == "Woningmonitor 00")
    assert first["organisatie"] == "Utrecht"
    assert first["organisatieCode"] == "GM0344"
    assert first["levensfase"] == "productie"
    assert first["themas"] == "Wonen"
    assert first["uuid"] == str(catalogue[0].uuid)
    assert first["pagina"] == f"http://testserver/bouwstenen/{catalogue[0].slug}"


def test_accept_text_csv_asks_for_the_same_file(anonymous, catalogue):
    by_accept = csv_rows(anonymous.get(LIST, HTTP_ACCEPT="text/csv"))
    by_format = csv_rows(anonymous.get(LIST, {"format": "csv"}))
    assert by_accept == by_format
    response = anonymous.get(LIST, {"format": "csv"})
    assert response["API-Version"]
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Security-Policy"] == (
        "default-src 'none'; frame-ancestors 'none'"
    )
    # JSON stays the default.
    assert "results" in anonymous.get(LIST, HTTP_ACCEPT="*/*").json()


def test_the_filters_and_the_sort_apply(anonymous, catalogue):
    params = {"thema": "wonen", "levensfase": "productie", "sort": "-naam"}
    rows = csv_rows(anonymous.get(LIST, {**params, "format": "csv"}))
    assert len(rows) == json_count(anonymous, **params) == 8
    assert [r["naam"] for r in rows] == [
        f"Woningmonitor {i:02d}" for i in (28, 24, 20, 16, 12, 8, 4, 0)
    ]
    found = csv_rows(anonymous.get(LIST, {"q": "woningmonitor", "format": "csv"}))
    assert len(found) == json_count(anonymous, q="woningmonitor") == 45


def test_anonymous_callers_get_only_published_blocks(anonymous, catalogue):
    names = {r["naam"] for r in csv_rows(anonymous.get(LIST, {"format": "csv"}))}
    assert "Gepubliceerd A" in names
    assert not names & {"Concept A", "Beoordeling A", "Archief A", "Concept Utrecht"}


def test_members_get_what_the_list_shows_them(client_for, catalogue):
    client = client_for("redacteur")
    rows = csv_rows(client.get(LIST, {"format": "csv"}))
    by_name = {r["naam"]: r for r in rows}
    assert {"Concept A", "Beoordeling A", "Archief A"} <= set(by_name)
    assert "Concept Utrecht" not in by_name
    assert len(rows) == json_count(client)
    draft = by_name["Concept A"]
    assert draft["publicatiestatus"] == "concept"
    assert draft["pagina"] == ""  # no page in the catalogue until it is published
    published = by_name["Gepubliceerd A"]
    assert published["publicatiestatus"] == "gepubliceerd"
    assert published["pagina"].startswith("http://testserver/bouwstenen/")


@pytest.mark.parametrize(
    "how", [{"data": {"format": "xlsx"}}, {"HTTP_ACCEPT": XLSX_MEDIA_TYPE}]
)
def test_an_excel_workbook_with_the_same_rows(anonymous, catalogue, how):
    response = anonymous.get(LIST, {"thema": "wonen", **how.pop("data", {})}, **how)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_MEDIA_TYPE
    assert response["Content-Disposition"].startswith(
        'attachment; filename="bouwstenen-'
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert sheet.max_row - 1 == json_count(anonymous, thema="wonen") == 30


def test_a_bad_filter_is_a_problem_not_a_file(anonymous, catalogue):
    for request in (
        {"data": {"thema": "bestaat-niet", "format": "csv"}},
        {"data": {"thema": "bestaat-niet"}, "HTTP_ACCEPT": "text/csv"},
        {"data": {"pageSize": "0", "opschalingsscoreMin": "200", "format": "xlsx"}},
    ):
        response = anonymous.get(LIST, request.pop("data"), **request)
        body = assert_problem(response, 400, "invalid")
        assert body["invalidParams"]
    assert invalid_names(
        anonymous.get(LIST, {"thema": "bestaat-niet", "format": "csv"})
    ) == {"thema"}


def test_an_unknown_or_repeated_format_is_a_dutch_400(anonymous, catalogue):
    response = anonymous.get(LIST, {"format": "pdf"})
    body = assert_problem(response, 400, "invalid")
    [param] = body["invalidParams"]
    assert param["name"] == "format"
    assert param["code"] == "invalid_choice"
    assert "kies csv of xlsx" in param["reason"]
    repeated = anonymous.get(f"{LIST}?format=csv&format=xlsx")
    assert invalid_names(repeated) == {"format"}
    # Elsewhere the API still speaks JSON only.
    detail = f"{LIST}/{catalogue[0].uuid}"
    assert_problem(anonymous.get(detail, HTTP_ACCEPT="text/csv"), 406)
    assert anonymous.get(detail, {"format": "csv"}).json()["naam"]


def test_queries_do_not_grow_with_the_rows(anonymous, cast, catalogue):
    def queries():
        with CaptureQueriesContext(connection) as ctx:
            b"".join(anonymous.get(LIST, {"format": "csv"}).streaming_content)
        return len(ctx.captured_queries)

    before = queries()
    for i in range(30):
        BouwsteenFactory(
            naam=f"Extra {i}", organisatie=cast.utrecht, gepubliceerd=True
        ).themas.add(Thema.objects.get(slug="wonen"))
    assert queries() == before


def test_the_api_and_the_page_export_the_same_rows(anonymous, client, catalogue):
    api = csv_rows(anonymous.get(LIST, {"thema": "wonen", "format": "csv"}))
    page = csv_rows(client.get("/bouwstenen/export.csv", {"thema": "wonen"}))
    assert api == page
