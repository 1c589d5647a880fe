"""The data lead's day in a real headless Chromium (issue 19): compare blocks, export a
search and count its rows against the API, read the statistics; axe-core on the pages
this work changed, on a desktop, a phone and in English."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from bouwstenen.models import Bouwsteen
from registry.models import Organisatie, Thema
from tests.browser.axe import audit, axe_path, describe
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def api_count(page, query: str) -> int:
    response = page.request.get(f"{page.base_url}/api/v1/bouwstenen?{query}")
    assert response.ok
    return response.json()["count"]


def test_compare_two_results_side_by_side(page, demo_catalogue):
    page.goto(page.base_url + "/bouwstenen?q=dashboard&sort=naam")
    names = page.locator(".cards .card__title a").all_inner_texts()[:2]
    for checkbox in page.locator(".card__compare input[type=checkbox]").all()[:2]:
        checkbox.check()
    with page.expect_navigation():
        page.click("text=Vergelijk de aangevinkte bouwstenen")
    assert re.search(r"/vergelijk\?b=[^&]+&b=", page.url), page.url
    table = page.locator("table.compare__table")
    assert "2 bouwstenen naast elkaar" in table.locator("caption").inner_text()
    headers = table.locator("thead th").all_inner_texts()
    assert all(any(name in h for h in headers) for name in names), headers
    rows = table.locator("tbody th").all_inner_texts()
    for label in ("Levensfase", "Opschalingsscore", "Licentie", "Contact"):
        assert any(label in row for row in rows), rows
    screenshot(page, "dag-vergelijk")

    # On a phone the columns stack: each cell says which block it is about.
    page.set_viewport_size(PHONE)
    cell = table.locator("tbody td").first
    assert cell.evaluate("el => getComputedStyle(el).display") == "block"
    label = cell.evaluate("el => getComputedStyle(el, '::before').content")
    assert names[0] in label or names[1] in label, label
    screenshot(page, "dag-vergelijk-telefoon")


def test_export_the_search_and_count_the_rows_against_the_api(page, demo_catalogue):
    query = "thema=jeugdzorg"
    page.goto(f"{page.base_url}/bouwstenen?{query}")
    expected = api_count(page, query)
    assert expected >= 3
    with page.expect_download() as info:
        page.click(".results__export a:has-text('CSV')")
    download = info.value
    assert re.fullmatch(
        r"bouwstenen-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename
    )
    body = download.path().read_text(encoding="utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))))
    assert len(rows) == expected
    jeugdzorg = Thema.objects.get(slug="jeugdzorg").naam
    assert all(jeugdzorg in row["themas"] for row in rows)

    with page.expect_download() as info:
        page.click(".results__export a:has-text('Excel')")
    assert info.value.suggested_filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(info.value.path().read_bytes())).active
    assert sheet.max_row - 1 == expected

    # The API gives the same file for the same query.
    api = page.request.get(f"{page.base_url}/api/v1/bouwstenen?{query}&format=csv")
    assert api.headers["content-type"] == "text/csv; charset=utf-8"
    api_rows = list(csv.DictReader(io.StringIO(api.text().removeprefix("\ufeff"))))
    assert [r["uuid"] for r in api_rows] == [r["uuid"] for r in rows]


def test_the_statistics_from_the_home_page(page, demo_catalogue):
    page.goto(page.base_url + "/")
    with page.expect_navigation():
        page.click("text=Het register in cijfers")
    assert page.url.endswith("/statistieken")
    figures = page.request.get(page.base_url + "/api/v1/statistieken").json()
    funnel = {step["levensfase"]: step for step in figures["trechter"]}
    assert funnel["pilot"]["doorgegaan"] > 0  # the demo's dated history
    text = page.inner_text("main")
    assert (
        f"{funnel['pilot']['doorgegaan']} gingen door naar opschaling, na mediaan "
        f"{funnel['pilot']['medianeDagen']} dagen"
    ) in text
    assert page.locator("svg.chart").count() == 4
    most = figures["meestHergebruikt"][0]["naam"]
    assert most in text
    screenshot(page, "dag-statistieken")


def test_the_neighbours_of_an_organisation(page, demo_catalogue):
    """Find Amsterdam in the list, then look at who is like it and what they use."""
    page.goto(page.base_url + "/organisaties")
    page.fill("#org-q", "Amsterdam")
    page.select_option("#org-soort", "gemeente")
    with page.expect_navigation():
        page.click("text=Toon organisaties")
    assert "q=Amsterdam" in page.url and "soort=gemeente" in page.url
    with page.expect_navigation():
        page.click("main a:text-is('Amsterdam')")
    assert page.inner_text("h1") == "Amsterdam"
    published = page.locator("#publiceert-titel ~ ul .card__title a").all_inner_texts()
    assert "Jeugdzorgdashboard instroom en doorlooptijden" in published
    like = page.locator("#zoals-u-titel")
    assert "gemeente in Noord-Holland" in like.inner_text()
    same = page.locator("#zelfde-titel ~ ul a")
    assert same.count() >= 1
    neighbour = same.first.inner_text()
    with page.expect_navigation():
        same.first.click()
    assert page.inner_text("h1") == neighbour
    screenshot(page, "dag-buren")


def test_the_home_page_shows_what_the_beheerders_featured(page, demo_catalogue):
    page.goto(page.base_url + "/")
    featured = page.locator(".home-featured .card__title a").all_inner_texts()
    assert "Jeugdzorgdashboard instroom en doorlooptijden" in featured
    assert len(featured) == 3


@pytest.fixture
def audit_page(page):
    """axe-core needs an injected script, which the CSP forbids; this context allows it."""
    context = page.context.browser.new_context(
        bypass_csp=True, locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    audited = context.new_page()
    audited.base_url = page.base_url
    yield audited
    context.close()


def test_accessibility_of_the_pages_this_work_touched(audit_page, demo_catalogue):
    axe_path()
    page = audit_page
    empty = Organisatie.objects.filter(bouwstenen__isnull=True, soort="gemeente")
    empty_thema = Thema.objects.filter(bouwstenen__isnull=True).first() or (
        Thema.objects.first()
    )
    block = Bouwsteen.objects.get(slug="wmo-dashboard-maatwerkvoorzieningen")
    pages = [
        ("home", "/"),
        ("bouwsteen", f"/bouwstenen/{block.slug}"),
        ("organisatie-leeg", f"/organisaties/{empty.first().code}"),
        ("thema", f"/themas/{empty_thema.slug}"),
        ("statistieken", "/statistieken"),
        ("zoeken-thema", "/bouwstenen?thema=jeugdzorg"),
        ("organisaties", "/organisaties?provincie=PV27"),
        ("organisatie", "/organisaties/GM0363"),
        (
            "vergelijk",
            f"/vergelijk?b={block.slug}&b=jeugdzorg-dashboard-instroom-doorlooptijden",
        ),
    ]
    problems = {}

    def check(prefix):
        for name, url in pages:
            page.goto(page.base_url + url)
            violations, _passes = audit(page)
            if violations:
                problems[f"{prefix}-{name}"] = describe(violations)
            screenshot(page, f"dag-a11y-{prefix}-{name}")

    check("desktop")
    page.set_viewport_size(PHONE)
    check("telefoon")
    page.goto(page.base_url + f"/bouwstenen/{block.slug}")
    assert page.is_visible("dl.phone-summary")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.base_url + f"/bouwstenen/{block.slug}")
    assert not page.is_visible("dl.phone-summary")
    page.click("button[value=en]")
    page.wait_for_selector("html[lang=en]")
    check("en")
    page.goto(page.base_url + "/themas")
    assert "Youth care" in page.inner_text("main")
    assert not problems, "\n\n".join(f"== {k}\n{v}" for k, v in problems.items())
