"""The page of a login lockout, in a real browser: the site's look, 429, and accessible."""

import pytest

from registry.reference_data import load_reference_data
from tests.browser.axe import audit, axe_path, describe
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def audited(page):
    """A context that lets Playwright inject axe-core despite the CSP, as in
    test_catalogue.py; everything else as the site serves it."""
    context = page.context.browser.new_context(
        bypass_csp=True, locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    audited = context.new_page()
    audited.base_url = page.base_url
    yield audited
    context.close()


def test_the_lockout_page_is_dutch_accessible_and_says_when(audited, settings):
    load_reference_data()
    axe_path()  # fails under CI, skips locally, when axe-core is not installed
    page = audited
    statuses = []
    page.on(
        "response",
        lambda response: (
            statuses.append(response.status)
            if response.request.method == "POST"
            else None
        ),
    )
    page.goto(page.base_url + "/admin/login/")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.fill("#id_username", "iemand")
        page.fill("#id_password", "niet-het-wachtwoord")
        page.click("input[type=submit]")
        page.wait_for_load_state()
        if page.locator("h1", has_text="Inloggen tijdelijk geblokkeerd").count():
            break
        page.goto(page.base_url + "/admin/login/")
    heading = page.locator("h1")
    assert heading.inner_text() == "Inloggen tijdelijk geblokkeerd"
    assert statuses[-1] == 429
    assert page.locator("html").get_attribute("lang") == "nl"
    assert "Probeer het over 15 minuten opnieuw." in page.content()
    # The site's header with its navigation, and the footer.
    assert page.locator("nav.site-nav").count() == 1
    assert page.locator("footer.site-footer").count() == 1
    violations, _passes = audit(page)
    screenshot(page, "inloggen-geblokkeerd")
    assert not violations, describe(violations)
