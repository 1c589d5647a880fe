"""The needs board in a real headless Chromium: Rotterdam searches, finds nothing and
posts it as a need; a second Rotterdam publicist publishes it; the board shows the blocks
that come closest; Utrecht says "wij ook"; Rotterdam closes the need with Amsterdam's
block, whose page then shows that it answers it. And axe-core finds nothing on the new
pages, on a desktop, on a phone and in English."""

import re

import pytest

from django.contrib.auth import get_user_model

from bouwstenen import services
from bouwstenen.models import Behoefte, Deelname
from registry.constants import Rol
from registry.models import Laag, Lidmaatschap, Organisatie, Thema
from tests.browser.axe import audit, axe_path, describe
from tests.browser.conftest import new_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "wachtwoord-voor-behoeften"
ANSWER = "jeugdzorg-dashboard-instroom-doorlooptijden"
QUERY = "wachttijdenvoorspeller jeugdhulp"
TITLE = "Dashboard wachttijden en instroom jeugdzorg per wijk"


def member(username: str, code: str, rol: str):
    user = get_user_model().objects.create_user(username, password=PASSWORD)
    Lidmaatschap.objects.create(
        gebruiker=user, organisatie=Organisatie.objects.get(code=code), rol=rol
    )
    return user


@pytest.fixture
def members(demo_catalogue):
    return {
        "rotterdam": member("rotterdam", "GM0599", Rol.REDACTEUR),
        "rotterdam-publicist": member("rotterdam-publicist", "GM0599", Rol.PUBLICIST),
        "utrecht": member("utrecht", "GM0344", Rol.REDACTEUR),
    }


def log_in(page, username: str, next_url: str) -> None:
    page.context.clear_cookies()
    page.goto(page.base_url + "/admin/login/?next=" + next_url)
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


def bulk(page, action: str) -> None:
    page.goto(page.base_url + "/admin/bouwstenen/behoefte/")
    page.check("input[name=_selected_action]")
    page.select_option("select[name=action]", action)
    page.click("button[name=index]")
    page.wait_for_selector("ul.messagelist")


def test_post_publish_match_join_and_close_a_need(page, members):
    # A search that finds nothing offers to post it as a need, the query filled in.
    log_in(page, "rotterdam", "/admin/")
    page.wait_for_selector("#site-name")
    page.goto(page.base_url + "/bouwstenen?q=" + QUERY.replace(" ", "+"))
    assert "0 bouwstenen gevonden" in page.inner_text("#resultaten-titel")
    screenshot(page, "behoeften-01-niets-gevonden")
    page.click(f"#als-behoefte a:has-text('‘{QUERY}’ plaatsen als behoefte')")
    page.wait_for_url(re.compile(r"/admin/bouwstenen/behoefte/add/\?titel="))
    assert page.input_value("#id_titel") == QUERY

    page.fill("#id_titel", TITLE)
    page.fill(
        "#id_beschrijving",
        "Wij zoeken een dashboard dat de **instroom** en de wachttijden in de "
        "jeugdzorg per wijk laat zien, voor de wijkteams en de regiegroep.",
    )
    jeugdzorg = Thema.objects.get(slug="jeugdzorg")
    page.select_option("#id_themas", [str(jeugdzorg.pk)])
    page.select_option("#id_lagen", [str(Laag.objects.get(slug="interactie").pk)])
    page.select_option("#id_levensfase", "pilot")
    page.fill("#id_contact_naam", "Team Jeugd Rotterdam")
    page.fill("#id_contact_email", "jeugd@rotterdam.example")
    screenshot(page, "behoeften-02-plaatsen")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/admin/bouwstenen/behoefte/$"))
    need = Behoefte.objects.get(titel=TITLE)
    assert need.publicatiestatus == "concept"

    bulk(page, "indienen_selected")
    need.refresh_from_db()
    assert need.publicatiestatus == "ter-beoordeling"

    # A publicist of Rotterdam (not who wrote it) publishes it.
    log_in(page, "rotterdam-publicist", "/admin/")
    page.wait_for_selector("#site-name")
    bulk(page, "publiceren_selected")
    need.refresh_from_db()
    assert need.publicatiestatus == "gepubliceerd"

    # On the board, with the blocks that come closest.
    visitor = new_page(page)
    visitor.goto(visitor.base_url + "/behoeften")
    visitor.click(f"a:has-text('{TITLE}')")
    visitor.wait_for_url(re.compile(f"/behoeften/{need.slug}$"))
    closest = visitor.locator("#bestaat-al .compact-list__link").all_inner_texts()
    assert "Jeugdzorgdashboard instroom en doorlooptijden" in closest
    assert "Log in om ‘wij ook’ te zeggen" in visitor.inner_text("#wij-ook")
    screenshot(visitor, "behoeften-03-de-behoefte-met-wat-er-al-is")
    visitor.context.close()

    # Utrecht needs the same: "wij ook".
    log_in(page, "utrecht", f"/behoeften/{need.slug}")
    page.wait_for_url(re.compile(f"/behoeften/{need.slug}$"))
    page.click("summary:has-text('Wij ook')")
    page.fill("#id_toelichting", "Wij willen het ook per **school** kunnen zien.")
    page.fill("#id_contact_email", "jeugd@utrecht.example")
    screenshot(page, "behoeften-04-wij-ook")
    page.click("form.reuse-form button:has-text('Aansluiten')")
    page.wait_for_url(re.compile("#wie-ook$"))
    assert page.inner_text(".message") == "Utrecht heeft zich aangesloten: wij ook."
    joined = page.locator("#wie-ook .reuse")
    assert joined.locator(".reuse__org").all_inner_texts() == ["Utrecht"]
    assert joined.locator("strong").inner_text() == "school"
    assert Deelname.objects.get().organisatie.code == "GM0344"

    # Rotterdam's publicist closes it with Amsterdam's block, one of the matches.
    log_in(page, "rotterdam-publicist", f"/behoeften/{need.slug}")
    page.wait_for_url(re.compile(f"/behoeften/{need.slug}$"))
    page.check(
        "#sluiten label:has-text('Jeugdzorgdashboard instroom en doorlooptijden')"
    )
    page.click("#sluiten button[type=submit]")
    page.wait_for_selector(".message")
    assert page.inner_text(".message") == (
        "Gesloten: Jeugdzorgdashboard instroom en doorlooptijden beantwoordt deze "
        "behoefte."
    )
    assert "beantwoordt deze behoefte" in page.inner_text(".utrecht-alert--ok")
    screenshot(page, "behoeften-05-gesloten")
    page.click(".utrecht-alert--ok a")
    page.wait_for_url(re.compile(f"/bouwstenen/{ANSWER}$"))
    assert page.locator("#behoeften .compact-list__link").all_inner_texts() == [TITLE]
    screenshot(page, "behoeften-06-de-bouwsteen-beantwoordt")


@pytest.fixture
def board(members):
    """An open need Utrecht may join, and a closed one."""
    rotterdam = Organisatie.objects.get(code="GM0599")
    from registry.permissions import OPERATOR

    def need(titel):
        made = services.behoefte_create(
            user=OPERATOR,
            organisatie=rotterdam,
            values={
                "titel": titel,
                "beschrijving": "Een dashboard met **wachttijden** per wijk.",
                "contact_naam": "Team Jeugd",
                "contact_email": "jeugd@rotterdam.example",
                "levensfase": "pilot",
            },
            themas=[Thema.objects.get(slug="jeugdzorg")],
            lagen=[Laag.objects.get(slug="data")],
        )
        for actie in ("indienen", "publiceren"):
            made = services.behoefte_transition(
                user=OPERATOR, behoefte=made, actie=actie
            )
        return made

    open_need = need("Wachttijden jeugdzorg per wijk")
    closed = need("Instroom jeugdzorg per school")
    services.deelname_add(
        user=members["utrecht"],
        behoefte=closed,
        organisatie=Organisatie.objects.get(code="GM0344"),
        values={"toelichting": "Ook voor ons.", "contact_naam": "Team Utrecht"},
    )
    from bouwstenen.models import Bouwsteen

    services.behoefte_close(
        user=OPERATOR, behoefte=closed, bouwsteen=Bouwsteen.objects.get(slug=ANSWER)
    )
    return open_need, closed


def test_accessibility_of_the_needs_pages(page, board):
    axe_path()
    open_need, closed = board
    context = page.context.browser.new_context(
        bypass_csp=True, locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    audited = context.new_page()
    audited.base_url = page.base_url
    problems = {}

    def check(name):
        violations, _passes = audit(audited)
        if violations:
            problems[name] = describe(violations)
        screenshot(audited, f"behoeften-a11y-{name}")

    pages = [
        ("lijst", "/behoeften"),
        ("lijst-gefilterd", "/behoeften?thema=jeugdzorg&status=open"),
        ("open", f"/behoeften/{open_need.slug}"),
        ("gesloten", f"/behoeften/{closed.slug}"),
        ("bouwsteen-beantwoordt", f"/bouwstenen/{ANSWER}"),
        ("niets-gevonden", "/bouwstenen?q=" + QUERY.replace(" ", "+")),
    ]
    for name, url in pages:
        audited.goto(audited.base_url + url)
        check(name)

    # Signed in for another organisation: the "wij ook" form, opened, with an error.
    log_in(audited, "utrecht", f"/behoeften/{open_need.slug}")
    audited.wait_for_url(re.compile(f"/behoeften/{open_need.slug}$"))
    audited.click("summary:has-text('Wij ook')")
    check("wij-ook-open")
    audited.fill("#id_contact_email", "geen adres")
    audited.evaluate("document.querySelector('#id_contact_email').type = 'text'")
    audited.click("form.reuse-form button:has-text('Aansluiten')")
    audited.wait_for_selector(".utrecht-form-field-error-message")
    check("wij-ook-fout")
    # The owner's publicist: the form that closes it.
    log_in(audited, "rotterdam-publicist", f"/behoeften/{open_need.slug}")
    audited.wait_for_url(re.compile(f"/behoeften/{open_need.slug}$"))
    audited.wait_for_selector("#sluiten")
    check("sluiten")

    # A phone, and English.
    audited.set_viewport_size({"width": 390, "height": 844})
    for name, url in pages[:3]:
        audited.goto(audited.base_url + url)
        check(f"telefoon-{name}")
    audited.goto(audited.base_url + "/behoeften")
    audited.click("button[value=en]")
    audited.wait_for_selector("html[lang=en]")
    audited.set_viewport_size({"width": 1280, "height": 900})
    for name, url in pages[:4]:
        audited.goto(audited.base_url + url)
        check(f"en-{name}")
    assert audited.inner_text("h2#wie-ook-titel") == "Who else needs this?"
    context.close()
    assert not problems, "\n\n".join(f"== {k}\n{v}" for k, v in problems.items())
