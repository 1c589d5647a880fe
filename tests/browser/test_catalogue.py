"""The public catalogue in a real headless Chromium: the journey of a data lead, with and
without JavaScript, recording a reuse, and an axe-core audit of every page type."""

import re

import pytest

from django.contrib.auth import get_user_model

from bouwstenen.models import Bouwsteen
from registry.constants import Rol
from registry.models import Lidmaatschap, Organisatie, Referentiecomponent
from tests.browser.axe import audit, axe_path, describe
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "wachtwoord-voor-de-catalogus"
BLOCK = "jeugdzorg-dashboard-instroom-doorlooptijden"


@pytest.fixture
def catalogue(demo_catalogue):
    # Rotterdam does not reuse the Amsterdam dashboard yet.
    user = get_user_model().objects.create_user("rotterdam", password=PASSWORD)
    Lidmaatschap.objects.create(
        gebruiker=user,
        organisatie=Organisatie.objects.get(code="GM0599"),
        rol=Rol.REDACTEUR,
    )


def data_lead_journey(page, prefix: str) -> None:
    """Home, search "jeugdzorg", tick a facet, open a result, follow the organisation."""
    page.goto(page.base_url + "/")
    screenshot(page, f"{prefix}-01-home")
    page.fill("#home-q", "jeugdzorg")
    page.press("#home-q", "Enter")
    page.wait_for_url(re.compile(r"/bouwstenen\?q=jeugdzorg"))
    found = page.inner_text("#resultaten-titel")
    assert re.match(r"\d+ bouwstenen gevonden", found), found
    screenshot(page, f"{prefix}-02-zoeken-jeugdzorg")

    # The facet is a real checkbox with a label; the form is applied with its button.
    page.get_by_label(re.compile(r"^Datatoepassing")).check()
    page.click("button.facets__apply")
    page.wait_for_url(re.compile(r"soort=datatoepassing"))
    assert "q=jeugdzorg" in page.url
    chips = page.locator(".active-filters .chip").all_inner_texts()
    assert any("Datatoepassing" in c for c in chips), chips
    assert page.is_checked("input[name=soort][value=datatoepassing]")
    screenshot(page, f"{prefix}-03-facet-datatoepassing")

    first = page.locator(".cards .card__title a").first
    name = first.inner_text()
    first.click()
    page.wait_for_selector("h1.detail__title")
    assert page.inner_text("h1") == name
    screenshot(page, f"{prefix}-04-bouwsteen")

    organisation = page.locator(".detail__by a").first
    org_name = organisation.inner_text()
    organisation.click()
    page.wait_for_url(re.compile(r"/organisaties/"))
    assert page.inner_text("h1") == org_name
    assert name in page.inner_text("#publiceert-titel ~ ul")
    screenshot(page, f"{prefix}-05-organisatie")


def test_data_lead_journey(page, catalogue):
    data_lead_journey(page, "catalogus-js")


def test_data_lead_journey_without_javascript(page, catalogue):
    context = page.context.browser.new_context(
        java_script_enabled=False,
        locale="nl-NL",
        viewport={"width": 1280, "height": 900},
    )
    try:
        plain = context.new_page()
        plain.base_url = page.base_url
        data_lead_journey(plain, "catalogus-zonder-js")
        # Without JavaScript the copy-link button stays hidden; everything else works.
        plain.goto(plain.base_url + "/bouwstenen?q=jeugdzorg")
        assert not plain.is_visible("[data-kopieer-link]")
    finally:
        context.close()


def log_in(page, next_url: str) -> None:
    page.goto(page.base_url + "/admin/login/?next=" + next_url)
    page.fill("#id_username", "rotterdam")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


def test_record_reuse_and_see_the_count_change(page, catalogue):
    page.goto(page.base_url + f"/bouwstenen/{BLOCK}")
    before = page.inner_text("#hergebruik-telling")
    assert before == "In gebruik bij 1 organisatie, 1 in pilot"
    page.click("text=Log in om het vast te leggen")
    page.fill("#id_username", "rotterdam")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(BLOCK))

    page.click("summary:has-text('Wij gebruiken dit ook')")
    assert page.is_visible("#hg-stadium-in-gebruik")
    assert "Rotterdam" in page.inner_text(".reuse-form__for")
    page.check("#hg-stadium-in-gebruik")
    page.fill("#hg-sinds", "2025-09-01")
    page.fill(
        "#hg-ervaring", "Binnen een maand draaide het op onze **eigen** iJw-berichten."
    )
    screenshot(page, "catalogus-06-wij-gebruiken-dit-ook")
    page.click(".reuse-form button[type=submit]")
    page.wait_for_selector(".message")
    assert "Vastgelegd: Rotterdam gebruikt" in page.inner_text(".message")
    assert page.inner_text("#hergebruik-telling") == (
        "In gebruik bij 2 organisaties, 1 in pilot"
    )
    assert "Rotterdam" in page.inner_text("#hergebruik")
    assert page.inner_text("#hergebruik strong") == "eigen"
    screenshot(page, "catalogus-07-hergebruik-vastgelegd")
    # Recorded once: the button gives way to a note.
    assert page.locator("summary:has-text('Wij gebruiken dit ook')").count() == 0


def page_types():
    block = Bouwsteen.objects.get(slug=BLOCK)
    component = Referentiecomponent.objects.filter(bouwstenen=block).first()
    other, third = (
        Bouwsteen.objects.published().exclude(pk=block.pk).order_by("naam")[:2]
    )
    return [
        ("home", "/"),
        ("zoeken", "/bouwstenen"),
        (
            "zoeken-gefilterd",
            "/bouwstenen?q=dashboard&thema=jeugdzorg&sort=-hergebruik",
        ),
        ("zoeken-pagina-2", "/bouwstenen?page=2"),
        ("zoeken-fout", "/bouwstenen?thema=bestaat-niet"),
        ("bouwsteen", f"/bouwstenen/{BLOCK}"),
        ("organisaties", "/organisaties"),
        ("organisatie", "/organisaties/GM0363"),
        ("themas", "/themas"),
        ("thema", "/themas/jeugdzorg"),
        ("gemma-dekking", "/referentiecomponenten"),
        ("referentiecomponent", f"/referentiecomponenten/{component.gemma_id}"),
        ("over", "/over"),
        ("toegankelijkheid", "/toegankelijkheid"),
        ("privacy", "/privacy"),
        ("niet-gevonden", "/bouwstenen/bestaat-niet"),
        ("vergelijk", f"/vergelijk?b={BLOCK}&b={other.slug}&b={third.slug}"),
        ("statistieken", "/statistieken"),
        ("vergelijk-kiezen", f"/vergelijk?b={BLOCK}&q=dashboard"),
    ]


@pytest.fixture
def audit_page(page):
    """A page whose context lets Playwright inject axe-core despite our CSP (which allows
    no inline script: exactly what add_script_tag adds). The journeys above run with
    the CSP in force."""
    context = page.context.browser.new_context(
        bypass_csp=True, locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    audited = context.new_page()
    audited.base_url = page.base_url
    yield audited
    context.close()


def test_accessibility_of_every_page_type(audit_page, catalogue):
    axe_path()  # fails under CI, skips locally, when axe-core is not installed
    page = audit_page
    problems, checked = {}, []
    for name, url in page_types():
        page.goto(page.base_url + url)
        violations, passes = audit(page)
        checked.append(f"{name}: {passes} regels in orde")
        if violations:
            problems[name] = describe(violations)
        screenshot(page, f"catalogus-a11y-{name}")

    # Logged in: the detail page with the reuse form opened, and the form page itself.
    log_in(page, f"/bouwstenen/{BLOCK}")
    page.wait_for_url(re.compile(BLOCK))
    page.click("summary:has-text('Wij gebruiken dit ook')")
    violations, _passes = audit(page)
    if violations:
        problems["bouwsteen-formulier-open"] = describe(violations)
    screenshot(page, "catalogus-a11y-bouwsteen-formulier-open")
    # The form page itself, and with an error: a second record for the same pair.
    page.goto(page.base_url + f"/bouwstenen/{BLOCK}/hergebruik")
    page.click("form.reuse-form button[type=submit]")
    page.wait_for_url(re.compile(BLOCK + "#hergebruik"))
    page.goto(page.base_url + f"/bouwstenen/{BLOCK}/hergebruik")
    page.click("form.reuse-form button[type=submit]")
    page.wait_for_selector(".reuse-form .utrecht-alert--error")
    violations, _passes = audit(page)
    if violations:
        problems["hergebruik-formulier-fout"] = describe(violations)
    screenshot(page, "catalogus-a11y-hergebruik-formulier-fout")

    # English, and a phone.
    page.goto(page.base_url + "/")
    page.click("button[value=en]")
    page.wait_for_selector("html[lang=en]")
    page.set_viewport_size({"width": 390, "height": 844})
    compare = next(url for name, url in page_types() if name == "vergelijk")
    for name, url in [
        ("en-home", "/"),
        ("telefoon-bouwsteen", f"/bouwstenen/{BLOCK}"),
        ("telefoon-vergelijk", compare),
    ]:
        page.goto(page.base_url + url)
        violations, _passes = audit(page)
        if violations:
            problems[name] = describe(violations)
        screenshot(page, f"catalogus-a11y-{name}")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base_url + "/bouwstenen?q=jeugdzorg")
    screenshot(page, "catalogus-telefoon-zoeken")

    assert not problems, "\n\n".join(f"== {k}\n{v}" for k, v in problems.items())
    print("\n".join(checked))


def test_keyboard_skip_link_and_focus(page, catalogue):
    page.goto(page.base_url + "/bouwstenen")
    page.keyboard.press("Tab")
    skip = page.locator(".utrecht-skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "inhoud"


def test_script_only_adds(page, catalogue):
    """With JavaScript: a copy-link button, and on a phone the filters start folded."""
    page.goto(page.base_url + "/bouwstenen?q=jeugdzorg")
    assert page.is_visible("[data-kopieer-link-knop]")
    assert page.get_attribute("[data-filters]", "open") is not None
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base_url + "/bouwstenen?q=jeugdzorg")
    assert page.get_attribute("[data-filters]", "open") is None
    page.click("summary.facets-toggle__summary")
    assert page.is_visible("input[name=soort][value=datatoepassing]")


def test_filters_apply_at_once_and_leave_no_empty_parameters(page, catalogue):
    """With JavaScript a ticked filter or a new sort order applies at once (the page says
    so), and the address carries only what was chosen."""
    page.goto(page.base_url + "/bouwstenen")
    assert page.is_visible("[data-direct-toepassen]")
    with page.expect_navigation():
        page.check("input[name=soort][value=datatoepassing]")
    assert page.url.endswith("/bouwstenen?soort=datatoepassing")  # no q=, no score=
    with page.expect_navigation():
        page.select_option("#zoek-sort", "-hergebruik")
    assert page.url.endswith("/bouwstenen?soort=datatoepassing&sort=-hergebruik")
    # Typing a search is not sent per letter; Enter sends it, still without empties.
    page.fill("#zoek-q", "dashboard")
    assert "q=" not in page.url
    with page.expect_navigation():
        page.press("#zoek-q", "Enter")
    assert "q=dashboard" in page.url and "opschalingsscoreMin" not in page.url


def test_organisations_filter_leaves_no_empty_parameters(page, catalogue):
    page.goto(page.base_url + "/organisaties")
    page.select_option("#org-provincie", "PV27")
    with page.expect_navigation():
        page.click("text=Toon organisaties")
    assert page.url.endswith("/organisaties?provincie=PV27")
