"""A redacteur creates and submits a building block, a publicist publishes it, and a member
of another organisation never sees the draft. In a real headless Chromium."""

import pytest

from django.contrib.auth import get_user_model

from bouwstenen.constants import Voorwaarde
from bouwstenen.models import Bouwsteen
from registry.constants import Publicatiestatus, Rol
from registry.models import Lidmaatschap, Organisatie
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "wachtwoord-voor-de-browser"


@pytest.fixture
def members(demo_catalogue):
    User = get_user_model()
    for username, code, rol in [
        ("redacteur", "GM0363", Rol.REDACTEUR),
        ("publicist", "GM0363", Rol.PUBLICIST),
        ("utrecht", "GM0344", Rol.PUBLICIST),
    ]:
        user = User.objects.create_user(username, password=PASSWORD)
        Lidmaatschap.objects.create(
            gebruiker=user, organisatie=Organisatie.objects.get(code=code), rol=rol
        )


def log_in(page, username):
    page.context.clear_cookies()
    page.goto(page.base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")


def pick(page, field: str, term: str, option: str):
    """Choose a value in an admin autocomplete (select2) field."""
    page.click(f"#id_{field} + .select2 .select2-selection")
    search = page.locator(".select2-container--open .select2-search__field")
    search.fill(term)
    page.locator(".select2-results__option", has_text=option).first.click()


def test_create_submit_publish_and_scoping(page, members):
    log_in(page, "redacteur")
    screenshot(page, "01-admin-start-redacteur")
    page.goto(page.base_url + "/admin/bouwstenen/bouwsteen/add/")
    page.fill("#id_naam", "Wachttijdenmonitor jeugdhulp")
    page.select_option("#id_soort", "datatoepassing")
    page.select_option("#id_vorm", "dashboard")
    page.fill(
        "#id_samenvatting",
        "Dashboard met wachttijden en doorlooptijden per jeugdhulpaanbieder, per wijk.",
    )
    page.fill(
        "#id_beschrijving",
        "## Wat het doet\n\nToont **wachttijden** per aanbieder en per wijk.",
    )
    # Before anyone rebuilds it: the similar block Amsterdam already published shows up.
    page.wait_for_selector("#bestaat-dit-al li:has-text('Jeugdzorgdashboard instroom')")
    # The live preview shows the Markdown as visitors will read it.
    page.wait_for_selector(".markdown-voorbeeld strong:text('wachttijden')")
    # The redacteur belongs to one organisation, which the form has already chosen.
    assert "Amsterdam" in page.inner_text("#id_organisatie + .select2")
    pick(page, "themas", "jeugd", "Jeugdzorg")
    page.check("input[name=lagen][value]:near(:text('Interactie'))")
    pick(page, "referentiecomponenten", "Zaakregistratie", "Zaakregistratiecomponent")
    page.select_option("#id_licentie", "EUPL-1.2")
    page.fill("#id_contact_naam", "Team Jeugd en Data")
    page.fill("#id_contact_email", "jeugddata@amsterdam.example")
    screenshot(page, "02-nieuwe-bouwsteen-formulier")
    page.click("input[name=_continue]")
    page.wait_for_selector(".workflow-panel")
    screenshot(page, "03-bouwsteen-opgeslagen")

    bouwsteen = Bouwsteen.objects.get(naam="Wachttijdenmonitor jeugdhulp")
    assert bouwsteen.organisatie.code == "GM0363"
    assert list(bouwsteen.themas.values_list("slug", flat=True)) == ["jeugdzorg"]
    assert bouwsteen.referentiecomponenten.get().naam == "Zaakregistratiecomponent"

    # Not complete yet: the meter says how far, and offering it lists what is missing.
    assert "9 van 11 onderdelen ingevuld voor publicatie" in page.inner_text(
        "#volledigheid"
    )
    page.click("a[data-workflow=indienen]")
    missing = page.locator("[data-onderdeel]").evaluate_all(
        "items => items.map(item => item.dataset.onderdeel)"
    )
    assert missing == ["link", "opschalingscheck"]
    assert page.locator("input[name=_bevestig]").count() == 0
    screenshot(page, "03b-nog-niet-compleet")
    # Each missing part links to its field on the form.
    page.click("[data-onderdeel=link] a")
    page.fill("#id_repository_url", "https://github.com/amsterdam/wachttijden")
    for row in range(len(Voorwaarde.values)):
        page.check(f"input[name=opschalingsantwoorden-{row}-antwoord][value=nvt]")
    page.check("input[name=opschalingsantwoorden-5-antwoord][value=ja]")
    page.click("input[name=_continue]")
    page.wait_for_selector(".workflow-panel")
    assert "11 van 11 onderdelen ingevuld voor publicatie" in page.inner_text(
        "#volledigheid"
    )

    # The public page as it will be, before anyone publishes it.
    page.click("#voorbeeld-link")
    assert "Voorbeeld — nog niet gepubliceerd" in page.inner_text("#voorbeeld-banner")
    assert "Wachttijdenmonitor jeugdhulp" in page.inner_text("h1")
    page.go_back()

    page.click("a[data-workflow=indienen]")
    page.click("input[name=_bevestig]")
    page.wait_for_selector(".messagelist .success")
    screenshot(page, "04-ter-beoordeling-aangeboden")
    bouwsteen.refresh_from_db()
    assert bouwsteen.publicatiestatus == Publicatiestatus.TER_BEOORDELING

    # A member of Utrecht sees neither the draft in the list nor behind its URL.
    log_in(page, "utrecht")
    page.goto(page.base_url + "/admin/bouwstenen/bouwsteen/")
    assert "Wachttijdenmonitor" not in page.content()
    response = page.goto(
        page.base_url + f"/admin/bouwstenen/bouwsteen/{bouwsteen.pk}/change/"
    )
    assert response.status == 404
    screenshot(page, "05-andere-organisatie-ziet-niets")

    log_in(page, "publicist")
    page.goto(page.base_url + f"/admin/bouwstenen/bouwsteen/{bouwsteen.pk}/change/")
    page.click("a[data-workflow=publiceren]")
    page.click("input[name=_bevestig]")
    page.wait_for_selector(".messagelist .success")
    screenshot(page, "06-gepubliceerd-door-publicist")
    bouwsteen.refresh_from_db()
    assert bouwsteen.publicatiestatus == Publicatiestatus.GEPUBLICEERD

    page.goto(page.base_url + f"/admin/bouwstenen/bouwsteen/{bouwsteen.pk}/history/")
    history = page.inner_text("#change-history")
    assert "redacteur" in history and "publicist" in history
    screenshot(page, "07-geschiedenis")
