"""The admin in the register's own look, in a real headless Chromium: the pages an editor
uses fit a 1280 px screen and a 390 px phone without sideways scrolling, axe-core finds
nothing on them, and the header carries the register's name, mark and colour.

An editor (redacteur) of Amsterdam walks the admin: the index, the building blocks, a new
block, one of Amsterdam's own blocks (with the opschalingscheck and relations inlines,
the widest form), the hergebruik list and the e-mail preferences; and the login page
before that."""

import tempfile
from pathlib import Path

import pytest

from django.contrib.auth import get_user_model

from bouwstenen.models import Bouwsteen
from registry.constants import Rol
from registry.models import Lidmaatschap, Organisatie
from tests.browser.axe import audit, axe_path, describe
from tests.browser.conftest import new_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "wachtwoord-voor-de-huisstijl"
BLOCK = "jeugdzorg-dashboard-instroom-doorlooptijden"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
# The catalogue's accent (--br-accent: voorbeeld violet-600), as a computed colour.
CATALOGUE_ACCENT = "rgb(59, 15, 176)"
# Screenshots to look at, as a user would (look-<page>-<width>*.png), beside the full-page
# ones in test-artifacts/.
LOOK = Path(tempfile.gettempdir())

# Every element of the page whose right edge lies past the viewport (a pixel of
# rounding allowed), with what it is, so a failure names the culprit. Elements a
# scrolling parent clips or that are hidden do not count: the user never sees them stick
# out. Screen-reader-only text is 1 px wide and never sticks out by itself.
OVERFLOWING = """() => {
    const width = window.innerWidth;
    const clipped = (el) => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
            const style = getComputedStyle(p);
            if (style.overflowX !== 'visible' && p.scrollWidth > p.clientWidth) return true;
        }
        return false;
    };
    const out = [];
    for (const el of document.querySelectorAll('#header *, #content *, #main *, .breadcrumbs *')) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        if (box.right > width + 1 && !clipped(el)) {
            out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}` +
                     `${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : ''}` +
                     ` right=${Math.round(box.right)}`);
        }
    }
    return out.slice(0, 10);
}"""

# Parts of the page that scroll sideways by themselves (Django wraps a changelist's
# table in one): the user would have to scroll them to see the last columns. Form fields
# scroll their own text and do not count.
SCROLLING_INSIDE = """() => {
    const out = [];
    for (const el of document.querySelectorAll('#content *')) {
        if (['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)) continue;
        const style = getComputedStyle(el);
        if (!['auto', 'scroll'].includes(style.overflowX)) continue;
        if (el.scrollWidth > el.clientWidth + 1) {
            out.push(`${el.tagName.toLowerCase()}.${String(el.className).trim()} ` +
                     `${el.scrollWidth} > ${el.clientWidth}`);
        }
    }
    return out;
}"""


@pytest.fixture
def audited(page):
    """A page whose context lets Playwright inject axe-core despite the CSP (which allows
    no inline script: exactly what add_script_tag adds), as in test_catalogue.py."""
    other = new_page(page, bypass_csp=True)
    yield other
    other.context.close()


@pytest.fixture
def redacteur(demo_catalogue):
    user = get_user_model().objects.create_user(
        "redacteur", password=PASSWORD, email="redacteur@amsterdam.example"
    )
    Lidmaatschap.objects.create(
        gebruiker=user,
        organisatie=Organisatie.objects.get(code="GM0363"),
        rol=Rol.REDACTEUR,
    )
    return user


def editor_pages() -> list[tuple[str, str]]:
    block = Bouwsteen.objects.get(slug=BLOCK)
    return [
        ("index", "/admin/"),
        ("bouwstenen", "/admin/bouwstenen/bouwsteen/"),
        ("nieuwe-bouwsteen", "/admin/bouwstenen/bouwsteen/add/"),
        ("bouwsteen-wijzigen", f"/admin/bouwstenen/bouwsteen/{block.pk}/change/"),
        ("hergebruik", "/admin/bouwstenen/hergebruik/"),
        ("meldingen", "/admin/meldingen/"),
    ]


def check_fits_and_passes_axe(page, name: str) -> None:
    for label, viewport in [("desktop", DESKTOP), ("telefoon", PHONE)]:
        page.set_viewport_size(viewport)
        # Layout settles after the resize (the admin's own scripts lay out widgets).
        page.wait_for_timeout(150)
        page.screenshot(path=LOOK / f"look-{name}-{label}.png", full_page=True)
        screenshot(page, f"huisstijl-{name}-{label}")
        page.screenshot(path=LOOK / f"look-{name}-{label}-boven.png")
        inlines = page.locator(".inline-group")
        for number in range(inlines.count()):
            inlines.nth(number).screenshot(
                path=LOOK / f"look-{name}-{label}-inline-{number}.png"
            )
        scroll_width, inner_width = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert scroll_width <= inner_width, (
            f"{name} scrolls sideways at {label}: {scroll_width} > {inner_width}; "
            f"sticking out: {page.evaluate(OVERFLOWING)}"
        )
        assert page.evaluate(OVERFLOWING) == [], f"{name} at {label}"
        assert page.evaluate(SCROLLING_INSIDE) == [], f"{name} at {label}"
        violations, passes = audit(page)
        assert violations == [], f"{name} at {label}:\n" + describe(violations)
        assert passes > 0


def check_header(page) -> None:
    header = page.locator("#header")
    assert (
        header.locator("#site-name .brand__name").inner_text() == "Bouwstenenregister"
    )
    mark = header.locator("#site-name svg.brand__mark")
    assert mark.is_visible()
    assert mark.get_attribute("aria-hidden") == "true"
    assert (
        page.evaluate(
            "() => getComputedStyle(document.body).getPropertyValue('--primary').trim()"
        )
        != ""
    )
    # The admin's primary colour is the catalogue's accent: the header's top band and
    # the default button are painted with it.
    assert (
        page.evaluate(
            "() => getComputedStyle(document.querySelector('#header')).borderTopColor"
        )
        == CATALOGUE_ACCENT
    )
    icon = page.locator("link[rel=icon]")
    assert icon.get_attribute("href").endswith("catalogus/favicon.svg")


def test_login_page_is_the_registers(audited, redacteur):
    axe_path()  # fails under CI, skips locally, when axe-core is not installed
    page = audited
    page.goto(page.base_url + "/admin/login/")
    check_header(page)
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_role("button", name="Aanmelden").is_visible()
    assert (
        page.get_by_role("link", name="Naar de catalogus").get_attribute("href") == "/"
    )
    check_fits_and_passes_axe(page, "inloggen")


def test_editor_pages_fit_and_pass_axe(audited, redacteur):
    axe_path()  # fails under CI, skips locally, when axe-core is not installed
    page = audited
    page.goto(page.base_url + "/admin/login/")
    page.fill("#id_username", "redacteur")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")

    for name, url in editor_pages():
        page.set_viewport_size(DESKTOP)
        page.goto(page.base_url + url)
        assert page.locator("#content").is_visible(), name
        check_header(page)
        # A way back to the public catalogue, and the admin in Dutch.
        back = page.locator("#user-tools a.catalogus-link")
        assert back.inner_text().strip() == "Naar de catalogus"
        assert back.get_attribute("href") == "/"
        assert page.locator(
            "#user-tools form[action='/admin/logout/'] button"
        ).is_visible()
        user_tools = page.inner_text("#user-tools")
        assert "Afmelden" in user_tools and "Log out" not in user_tools, name
        assert "E-mailmeldingen" in user_tools
        assert page.locator("#user-tools button[lang=en]").inner_text() == "English"
        # Buttons and links in the catalogue's violet, not Django's teal.
        default = page.locator("input.default, .submit-row input[type=submit]").first
        if default.count():
            assert default.evaluate("el => getComputedStyle(el).backgroundColor") in (
                CATALOGUE_ACCENT,
                "rgb(29, 8, 87)",
            ), name
        check_fits_and_passes_axe(page, name)

    # The widest form shows every column of the opschalingscheck on a desktop screen:
    # the evidence link is on screen, not off to the right.
    block = Bouwsteen.objects.get(slug=BLOCK)
    page.set_viewport_size(DESKTOP)
    page.goto(page.base_url + f"/admin/bouwstenen/bouwsteen/{block.pk}/change/")
    evidence = page.locator("[name$='-bewijs_url']").first
    evidence.scroll_into_view_if_needed()
    box = evidence.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= DESKTOP["width"]
    assert "opschalingscheck" in page.inner_text("#content").lower()

    # On a phone each precondition's fields stack under their own labels, and the
    # evidence field fits; the relations' table rows stack as cards under their
    # column's name, and the row Django copies for "add another" stays hidden.
    page.set_viewport_size(PHONE)
    label = page.locator(f"label[for='{evidence.get_attribute('id')}']")
    assert label.inner_text().startswith("Bewijs")
    box = evidence.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    relation = page.locator(".inline-group .tabular td.field-type").first
    assert relation.get_attribute("data-label") == "Relatie"
    for row in page.locator(".inline-group tr.empty-form").all():
        assert row.is_hidden()
