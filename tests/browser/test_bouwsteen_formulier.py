"""A municipal editor fills in the block form: the licence from the picker (another SPDX
expression typed in), the opschalingscheck with radio buttons, and saves. axe-core finds
nothing on the add form. In a real headless Chromium at 1280 px."""

import pytest

from django.contrib.auth import get_user_model

from bouwstenen.constants import Voorwaarde
from bouwstenen.models import Bouwsteen
from registry.constants import Rol
from registry.models import Lidmaatschap, Organisatie
from tests.browser.axe import audit, axe_path, describe
from tests.browser.conftest import new_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "wachtwoord-voor-de-browser"


@pytest.fixture
def redacteur(demo_catalogue):
    user = get_user_model().objects.create_user("redacteur", password=PASSWORD)
    Lidmaatschap.objects.create(
        gebruiker=user,
        organisatie=Organisatie.objects.get(code="GM0363"),
        rol=Rol.REDACTEUR,
    )


def test_an_editor_fills_the_form_with_the_picker_and_radios(page, redacteur):
    axe_path()  # fails under CI, skips locally, when axe-core is not installed
    # axe-core is injected as a script: the admin's CSP would block it.
    editor = new_page(page, bypass_csp=True)
    try:
        fill_and_save(editor)
    finally:
        editor.context.close()


def fill_and_save(page):
    page.goto(page.base_url + "/admin/login/")
    page.fill("#id_username", "redacteur")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    page.goto(page.base_url + "/admin/bouwstenen/bouwsteen/add/")

    violations, _passes = audit(page)
    assert violations == [], describe(violations)
    # The form fits a laptop screen: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280

    page.fill("#id_naam", "Parkeerdruk per buurt")
    page.select_option("#id_soort", "datatoepassing")
    page.fill("#id_samenvatting", "Kaart met de parkeerdruk per buurt, per uur.")
    page.fill("#id_beschrijving", "## Wat het doet\n\nToont de parkeerdruk.")
    page.check("input[name=lagen][value]:near(:text('Interactie'))")

    # The field for another expression waits until the editor asks for it.
    assert not page.is_visible("#id_licentie_anders")
    assert page.locator("#id_licentie option[value='EUPL-1.2']").count() == 1
    page.select_option("#id_licentie", "andere")
    assert page.is_visible("#id_licentie_anders")
    page.fill("#id_licentie_anders", "eupl-1.2 or mit")

    dpia = Voorwaarde.values.index("dpia")
    roadmap = Voorwaarde.values.index("roadmap")
    block = page.locator("#voorwaarde-dpia")
    assert block.locator("legend").first.inner_text() == "DPIA uitgevoerd"
    block.get_by_label("N.v.t.").check()
    block.get_by_label("Toelichting").fill("Er worden geen persoonsgegevens verwerkt.")
    page.locator("#voorwaarde-roadmap").get_by_label("Deels").check()
    page.fill("#id_contact_naam", "Team Mobiliteit")
    page.fill("#id_contact_email", "mobiliteit@amsterdam.example")
    screenshot(page, "bouwsteen-formulier-ingevuld")
    page.click("input[name=_continue]")
    page.wait_for_selector(".workflow-panel")

    bouwsteen = Bouwsteen.objects.get(naam="Parkeerdruk per buurt")
    assert bouwsteen.slug == "parkeerdruk-per-buurt"
    assert bouwsteen.licentie == "EUPL-1.2 OR MIT"
    assert dict(
        bouwsteen.opschalingsantwoorden.values_list("voorwaarde", "antwoord")
    ) == {"dpia": "nvt", "roadmap": "deels"}
    # Back in the form: the answers where they were, in the checklist's order.
    assert page.is_checked(f"#id_opschalingsantwoorden-{dpia}-antwoord_3")
    assert page.is_checked(f"#id_opschalingsantwoorden-{roadmap}-antwoord_1")
    legends = page.locator(".voorwaarde__naam").all_inner_texts()
    assert legends == [label for _code, label in Voorwaarde.choices]
    assert page.input_value("#id_licentie") == "EUPL-1.2 OR MIT"
