""" "Mijn organisatie" in a real headless Chromium: a publicist of Amsterdam logs in and
the start page shows what waits for Amsterdam, in boxes with headings in order, each item
a link to what it names; axe-core finds nothing, on a desktop and on a phone."""

from datetime import timedelta

import pytest

from django.contrib.auth import get_user_model
from django.utils import timezone

from bouwstenen import services, weergave
from bouwstenen.models import Bouwsteen, Linkcontrole
from registry.constants import Publicatiestatus, Rol
from registry.models import Lidmaatschap, Organisatie
from tests.browser.axe import audit, axe_path, describe
from tests.browser.conftest import screenshot
from tests.factories import complete

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "wachtwoord-voor-mijn-organisatie"
PHONE = {"width": 390, "height": 844}


def member(username: str, code: str, rol: str):
    user = get_user_model().objects.create_user(username, password=PASSWORD)
    Lidmaatschap.objects.create(
        gebruiker=user, organisatie=Organisatie.objects.get(code=code), rol=rol
    )
    return user


@pytest.fixture
def amsterdam(demo_catalogue):
    redacteur = member("redacteur", "GM0363", Rol.REDACTEUR)
    publicist = member("publicist", "GM0363", Rol.PUBLICIST)
    utrecht = member("utrecht", "GM0344", Rol.PUBLICIST)
    own = Bouwsteen.objects.published().filter(organisatie__code="GM0363")
    first, second, third = own.order_by("naam")[:3]
    draft = services.bouwsteen_create(
        user=redacteur,
        organisatie=first.organisatie,
        values={
            "naam": "Wachttijdenmonitor jeugdhulp",
            "soort": "datatoepassing",
            "vorm": "dashboard",
            "samenvatting": "Wachttijden per jeugdhulpaanbieder, per wijk.",
            "licentie": "EUPL-1.2",
        },
    )
    complete(draft)  # only a complete block goes to review (bouwstenen.completeness)
    services.bouwsteen_transition(
        bouwsteen=Bouwsteen.objects.get(pk=draft.pk), user=redacteur, actie="indienen"
    )
    services.bouwsteen_transition(
        bouwsteen=Bouwsteen.objects.get(pk=draft.pk),
        user=publicist,
        actie="terugsturen",
        reden="Noem de bron van de wachttijden.",
    )
    services.overdracht_request(
        user=utrecht,
        bouwsteen=Bouwsteen.objects.published()
        .filter(organisatie__code="GM0344")
        .first(),
        naar=first.organisatie,
    )
    Linkcontrole.objects.create(
        bouwsteen=second,
        veld="documentatie_url",
        url="https://docs.amsterdam.example/verdwenen",
        werkt=False,
        http_status=404,
        gecontroleerd_op=timezone.now(),
        kapot_sinds=timezone.now() - timedelta(days=9),
    )
    Bouwsteen.objects.filter(pk=third.pk).update(
        gewijzigd_op=timezone.now() - timedelta(days=420)
    )
    weergave.changed(weergave.BLOK, [third.pk])
    return {"teruggestuurd": draft, "kapot": second, "oud": third}


@pytest.fixture
def audit_page(page):
    """A page whose context lets Playwright inject axe-core despite our CSP (which allows
    no inline script: exactly what add_script_tag adds), as in test_catalogue.py."""
    context = page.context.browser.new_context(
        bypass_csp=True, locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    audited = context.new_page()
    audited.base_url = page.base_url
    yield audited
    context.close()


def log_in(page, username: str) -> None:
    page.goto(page.base_url + "/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("h1:has-text('Mijn organisatie')")


def test_a_member_starts_at_mijn_organisatie(audit_page, amsterdam):
    axe_path()  # fails under CI, skips locally, when axe-core is not installed
    page = audit_page
    log_in(page, "publicist")
    headings = page.locator("#content h1, #content h2, #content h3").all_inner_texts()
    assert headings[:3] == [
        "Mijn organisatie",
        "Amsterdam (u bent publicist)",
        "Concepten (0)",
    ]
    # Headings go down one level at a time.
    levels = page.eval_on_selector_all(
        "#content h1, #content h2, #content h3, #content h4",
        "els => els.map(e => Number(e.tagName[1]))",
    )
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels

    teruggestuurd = page.locator("[data-sectie=teruggestuurd]")
    assert "Teruggestuurd (1)" in teruggestuurd.locator("h3").inner_text()
    assert "Noem de bron van de wachttijden." in teruggestuurd.inner_text()
    assert "Links die niet werken (1)" in page.inner_text("[data-sectie=links]")
    assert "werkt niet sinds" in page.inner_text("[data-sectie=links]")
    assert amsterdam["oud"].naam in page.inner_text("[data-sectie=ongewijzigd]")
    assert "Beslissen: overdracht van" in page.inner_text("[data-sectie=overdrachten]")
    assert page.inner_text("[data-sectie=hergebruik] p") == (
        "Geen gemeld hergebruik om te bevestigen."
    )
    # Everything else, folded away below.
    assert not page.is_visible("#content-main .app-bouwstenen")
    screenshot(page, "mijn-01-startpagina-1280")

    violations, passes = audit(page)
    assert violations == [], describe(violations)
    assert passes > 0

    page.click("summary:has-text('Alle onderdelen')")
    assert page.is_visible("#content-main .app-bouwstenen")
    violations, _ = audit(page)
    assert violations == [], describe(violations)

    page.set_viewport_size(PHONE)
    page.click("summary:has-text('Alle onderdelen')")
    screenshot(page, "mijn-02-startpagina-390")
    violations, _ = audit(page)
    assert violations == [], describe(violations)
    # Nothing wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # An item opens what it names.
    page.click(f"text=Aanpassen: {amsterdam['teruggestuurd'].naam}")
    page.wait_for_url(
        f"**/admin/bouwstenen/bouwsteen/{amsterdam['teruggestuurd'].pk}/change/"
    )
    assert "Noem de bron van de wachttijden." in page.inner_text("#content")
    stored = Bouwsteen.objects.get(pk=amsterdam["teruggestuurd"].pk)
    assert stored.publicatiestatus == Publicatiestatus.CONCEPT
