"""A publicist changes a published block in the admin: the change is a concept, the public
page keeps the published text, and only a second publicist can make the change public.
In a real headless Chromium, with an anonymous visitor in a browser of their own."""

import pytest

from django.contrib.auth import get_user_model

from bouwstenen.models import Bouwsteen
from registry.constants import Publicatiestatus, Rol
from registry.models import Lidmaatschap, Organisatie
from tests.browser.conftest import new_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "wachtwoord-voor-het-concept"
BLOCK = "jeugdzorg-dashboard-instroom-doorlooptijden"
OLD_NAME = "Jeugdzorgdashboard instroom en doorlooptijden"
NEW_NAME = "Jeugdhulpdashboard instroom, wachttijden en doorlooptijden"
NEW_TEXT = (
    "Vanaf 2026 ook met **wachttijden per aanbieder**, naast de instroom per wijk."
)


@pytest.fixture
def publicists(demo_catalogue):
    """Two publicists of Amsterdam, the owner of the published dashboard."""
    amsterdam = Organisatie.objects.get(code="GM0363")
    for username in ("publicist-a", "publicist-b"):
        user = get_user_model().objects.create_user(username, password=PASSWORD)
        Lidmaatschap.objects.create(
            gebruiker=user, organisatie=amsterdam, rol=Rol.PUBLICIST
        )
    return Bouwsteen.objects.get(slug=BLOCK)


def log_in(page, username):
    page.context.clear_cookies()
    page.goto(page.base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")


def public_page(visitor) -> tuple[str, str]:
    """What an anonymous visitor reads: the name and the description on the block's
    page; the list of Amsterdam's blocks names it the same way."""
    visitor.goto(visitor.base_url + "/organisaties/GM0363")
    listed = visitor.inner_text("#publiceert-titel ~ ul")
    visitor.goto(visitor.base_url + f"/bouwstenen/{BLOCK}")
    name = visitor.inner_text("h1")
    assert name in listed
    assert (NEW_NAME if name == OLD_NAME else OLD_NAME) not in listed
    return name, visitor.inner_text(".detail__main .prose")


def test_an_edit_stays_invisible_until_a_second_publicist_publishes_it(
    page, publicists
):
    bouwsteen = publicists
    change_url = page.base_url + f"/admin/bouwstenen/bouwsteen/{bouwsteen.pk}/change/"
    visitor = new_page(page)
    try:
        name, text = public_page(visitor)
        assert name == OLD_NAME
        assert "wachttijden per aanbieder" not in text

        # Publicist A changes the name and the description and saves.
        log_in(page, "publicist-a")
        page.goto(change_url)
        assert "Deze bouwsteen is gepubliceerd. Wat u opslaat, komt in een concept" in (
            page.inner_text(".workflow-panel")
        )
        page.fill("#id_naam", NEW_NAME)
        page.fill(
            "#id_beschrijving",
            page.input_value("#id_beschrijving") + "\n\n## Nieuw\n\n" + NEW_TEXT,
        )
        page.click("input[name=_continue]")
        # Saved in the concept, and the admin says so (not "met succes gewijzigd").
        assert page.inner_text(".messagelist .success") == (
            f"Opgeslagen in het concept van ‘{OLD_NAME}’. De gepubliceerde versie "
            "blijft zichtbaar tot een andere publicist het concept publiceert."
        )

        # The admin says A is editing the concept; the form shows the concept's text.
        panel = page.inner_text(".workflow-panel")
        assert "met een concept van wijzigingen (concept)" in panel
        assert "U bewerkt het concept van deze gepubliceerde bouwsteen" in panel
        assert "tot een andere publicist het concept publiceert" in panel
        assert page.input_value("#id_naam") == NEW_NAME
        buttons = page.locator(".workflow-panel a[data-workflow]").all_inner_texts()
        assert "Ter beoordeling aanbieden" in buttons
        assert "Concept weggooien" in buttons
        screenshot(page, "concept-01-beheer-concept-banner")

        # In the database: the block as published, the change in its concept.
        bouwsteen = Bouwsteen.objects.get(pk=bouwsteen.pk)
        assert bouwsteen.naam == OLD_NAME
        assert NEW_TEXT not in bouwsteen.beschrijving
        assert bouwsteen.publicatiestatus == Publicatiestatus.GEPUBLICEERD
        assert bouwsteen.werkversie.inhoud["velden"]["naam"] == NEW_NAME
        assert bouwsteen.werkversie.inhoud_gewijzigd_door.username == "publicist-a"

        # The public still reads the published version.
        name, text = public_page(visitor)
        assert name == OLD_NAME
        assert "wachttijden per aanbieder" not in text

        # A offers it for review...
        page.click("a[data-workflow=indienen]")
        page.click("input[name=_bevestig]")
        assert page.inner_text(".messagelist .success") == (
            f"Het concept van ‘{OLD_NAME}’ is ter beoordeling aangeboden."
        )
        assert "met een concept van wijzigingen (ter beoordeling)" in (
            page.inner_text(".workflow-panel")
        )
        # ... and is not offered to publish it alone, with the reason.
        buttons = page.locator(".workflow-panel a[data-workflow]").all_inner_texts()
        assert "Publiceren" not in buttons
        assert page.inner_text(".workflow-panel .vier-ogen") == (
            "Vier ogen: u hebt de inhoud het laatst gewijzigd; een andere publicist "
            "moet die bekijken en publiceren."
        )
        screenshot(page, "concept-02-ter-beoordeling-door-a")

        # Going to the publish step anyway: refused, with the reason, and no form.
        page.goto(
            page.base_url
            + f"/admin/bouwstenen/bouwsteen/{bouwsteen.pk}/workflow/publiceren/"
        )
        assert page.inner_text(".errornote") == (
            "Vier ogen: u hebt de inhoud het laatst gewijzigd; een andere publicist "
            "moet die bekijken en publiceren."
        )
        assert page.locator("input[name=_bevestig]").count() == 0
        screenshot(page, "concept-03-vier-ogen-weigering")
        bouwsteen.refresh_from_db()
        assert bouwsteen.naam == OLD_NAME
        assert public_page(visitor)[0] == OLD_NAME

        # Publicist B reviews and publishes.
        log_in(page, "publicist-b")
        page.goto(change_url)
        assert "met een concept van wijzigingen (ter beoordeling)" in (
            page.inner_text(".workflow-panel")
        )
        assert page.locator(".workflow-panel .vier-ogen").count() == 0
        page.click("a[data-workflow=publiceren]")
        page.click("input[name=_bevestig]")
        assert page.inner_text(".messagelist .success") == (
            f"Het concept van ‘{NEW_NAME}’ is gepubliceerd."
        )
        panel = page.inner_text(".workflow-panel")
        assert panel.startswith("Publicatiestatus: Gepubliceerd")
        assert "concept van wijzigingen" not in panel
        screenshot(page, "concept-04-gepubliceerd-door-b")

        bouwsteen = Bouwsteen.objects.get(pk=bouwsteen.pk)
        assert bouwsteen.naam == NEW_NAME
        assert NEW_TEXT in bouwsteen.beschrijving
        assert bouwsteen.werkversie is None
        name, text = public_page(visitor)
        assert name == NEW_NAME
        assert "wachttijden per aanbieder" in text
        screenshot(visitor, "concept-05-openbaar-na-publicatie")

        # The history names both.
        page.goto(
            page.base_url + f"/admin/bouwstenen/bouwsteen/{bouwsteen.pk}/history/"
        )
        history = page.inner_text("#change-history")
        assert "publicist-a" in history and "publicist-b" in history
    finally:
        visitor.context.close()
