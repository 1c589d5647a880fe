"""Reuse that someone else reported (gemeld), answered in a real headless Chromium.

Amsterdam says Rotterdam uses its jeugdzorg dashboard. Until a member of Rotterdam says
so too, the public page shows the claim apart and does not count it. A Rotterdam member
confirms it with Rotterdam's own stage and story (then it counts), or rejects it with a
reason (then it is gone from the public page, and the record keeps the reason)."""

import datetime
import re

import pytest

from django.contrib.auth import get_user_model

from bouwstenen import services
from bouwstenen.constants import HergebruikStadium, HergebruikStatus
from bouwstenen.models import Bouwsteen, Hergebruik
from registry.constants import Rol
from registry.models import Lidmaatschap, Organisatie
from tests.browser.axe import audit, axe_path, describe
from tests.browser.conftest import new_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "wachtwoord-voor-gemeld-hergebruik"
BLOCK = "jeugdzorg-dashboard-instroom-doorlooptijden"
URL = f"/bouwstenen/{BLOCK}"
# The demo's own confirmed reuse of this block: one organisation in use, one in pilot.
COUNT_BEFORE = "In gebruik bij 1 organisatie, 1 in pilot"
CLAIM = "gemeld door Amsterdam, nog niet bevestigd door Rotterdam"


def member(username: str, code: str, rol: str):
    user = get_user_model().objects.create_user(username, password=PASSWORD)
    Lidmaatschap.objects.create(
        gebruiker=user, organisatie=Organisatie.objects.get(code=code), rol=rol
    )
    return user


@pytest.fixture
def report(demo_catalogue) -> Hergebruik:
    """Amsterdam, the owner, reports that Rotterdam uses its dashboard."""
    amsterdam = member("amsterdam", "GM0363", Rol.PUBLICIST)
    member("rotterdam", "GM0599", Rol.REDACTEUR)
    return services.hergebruik_report(
        user=amsterdam,
        bouwsteen=Bouwsteen.objects.get(slug=BLOCK),
        organisatie=Organisatie.objects.get(code="GM0599"),
        bron="de eigenaar",
    )


def log_in(page, username: str, next_url: str) -> None:
    page.goto(page.base_url + "/admin/login/?next=" + next_url)
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(re.escape(next_url) + "$"))


def confirmed_names(page) -> list[str]:
    """The organisations under "Wie gebruikt dit?" that count (not the reported ones)."""
    return page.locator(
        "#hergebruik .reuse-list:not(.reuse-list--gemeld) .reuse__org"
    ).all_inner_texts()


def assert_claim_shown_apart(page) -> None:
    """The report is listed apart and not counted, whoever looks."""
    assert page.inner_text("#hergebruik-telling") == COUNT_BEFORE
    assert page.inner_text("#gemeld-titel") == "Gemeld, nog niet bevestigd"
    assert page.inner_text(".reuse--gemeld .badge--gemeld") == CLAIM
    assert "Rotterdam" not in confirmed_names(page)


def test_a_member_confirms_the_reported_reuse(page, report):
    # Anyone sees the claim apart, uncounted.
    page.goto(page.base_url + URL)
    assert_claim_shown_apart(page)

    # A member of Rotterdam is asked whether it is true.
    log_in(page, "rotterdam", URL)
    assert_claim_shown_apart(page)
    question = page.locator("#melding-GM0599")
    assert question.locator("p").inner_text() == (
        "Amsterdam meldt dat Rotterdam deze bouwsteen gebruikt. Klopt dat?"
    )
    # Not the form for a new record: the report is answered first.
    assert page.locator("summary:has-text('Wij gebruiken dit ook')").count() == 0
    screenshot(page, "gemeld-01-melding-op-de-bouwsteen")

    question.get_by_role("link", name="Ja, bevestigen").click()
    page.wait_for_url(re.compile(URL + "/hergebruik/GM0599/bevestigen$"))
    assert page.inner_text("h1") == "Hergebruik bevestigen"
    assert "Amsterdam meldt dat Rotterdam" in page.inner_text(
        ".utrecht-paragraph--lead"
    )
    assert "Namens Rotterdam" in page.inner_text(".reuse-form__for")
    # The form starts from what was reported; Rotterdam says what is true.
    assert page.is_checked("#stadium-in-gebruik")
    page.check("#stadium-pilot")
    page.fill("#sinds", "2025-03-01")
    page.fill(
        "#ervaring",
        "We draaien het dashboard als **pilot** op de iJw-berichten van twee wijken.",
    )
    screenshot(page, "gemeld-02-bevestigen-formulier")
    page.click("form.reuse-form button[type=submit]")

    page.wait_for_url(re.compile(URL + "#hergebruik$"))
    assert page.inner_text(".message") == (
        "Bevestigd: Rotterdam gebruikt Jeugdzorgdashboard instroom en doorlooptijden."
    )
    assert page.inner_text("#hergebruik-telling") == (
        "In gebruik bij 1 organisatie, 2 in pilot"
    )
    assert "Rotterdam" in confirmed_names(page)
    rotterdam = page.locator("#hergebruik .reuse", has_text="Rotterdam")
    assert rotterdam.locator(".badge--stadium").inner_text() == "Pilot"
    assert rotterdam.locator(".reuse__since").inner_text() == "sinds maart 2025"
    assert rotterdam.locator(".reuse__story strong").inner_text() == "pilot"
    # The claim is answered: no longer listed apart, no longer asked.
    assert page.locator("#gemeld-titel").count() == 0
    assert page.locator("#melding-GM0599").count() == 0
    screenshot(page, "gemeld-03-bevestigd")

    hergebruik = Hergebruik.objects.get(pk=report.pk)
    assert hergebruik.status == HergebruikStatus.BEVESTIGD
    assert hergebruik.stadium == HergebruikStadium.PILOT
    assert hergebruik.sinds == datetime.date(2025, 3, 1)
    assert hergebruik.ervaring.startswith("We draaien het dashboard als **pilot**")
    assert hergebruik.beoordeeld_door.username == "rotterdam"

    # A visitor who is not logged in sees it counted too.
    visitor = new_page(page)
    try:
        visitor.goto(visitor.base_url + URL)
        assert visitor.inner_text("#hergebruik-telling") == (
            "In gebruik bij 1 organisatie, 2 in pilot"
        )
        assert "Rotterdam" in confirmed_names(visitor)
    finally:
        visitor.context.close()


def test_a_member_rejects_the_reported_reuse_without_javascript(page, report):
    """The page's forms are plain HTML: without JavaScript they work the same."""
    plain = new_page(page, java_script_enabled=False)
    try:
        log_in(plain, "rotterdam", URL)
        assert_claim_shown_apart(plain)
        question = plain.locator("#melding-GM0599")
        question.get_by_label("Reden om af te wijzen (optioneel)").fill(
            "Wij hebben het alleen bekeken; we gebruiken een eigen dashboard."
        )
        screenshot(plain, "gemeld-04-afwijzen-met-reden")
        question.get_by_role("button", name="Nee, afwijzen").click()

        plain.wait_for_url(re.compile(URL + "#hergebruik$"))
        assert plain.inner_text(".message") == (
            "Afgewezen: Rotterdam gebruikt "
            "Jeugdzorgdashboard instroom en doorlooptijden niet."
        )
        assert plain.inner_text("#hergebruik-telling") == COUNT_BEFORE
        assert plain.locator("#gemeld-titel").count() == 0
        assert "Rotterdam" not in plain.inner_text("#hergebruik")
        screenshot(plain, "gemeld-05-afgewezen")
    finally:
        plain.context.close()

    hergebruik = Hergebruik.objects.get(pk=report.pk)
    assert hergebruik.status == HergebruikStatus.AFGEWEZEN
    assert hergebruik.afwijzing_reden == (
        "Wij hebben het alleen bekeken; we gebruiken een eigen dashboard."
    )
    assert hergebruik.beoordeeld_door.username == "rotterdam"

    # Gone from the public page, for anyone.
    page.goto(page.base_url + URL)
    assert "Rotterdam" not in page.inner_text("#hergebruik")
    assert page.locator(".reuse--gemeld").count() == 0
    assert page.inner_text("#hergebruik-telling") == COUNT_BEFORE


def test_accessibility_of_the_report_and_the_confirm_page(page, report):
    axe_path()  # fails under CI, skips locally, when axe-core is not installed
    # A context that lets Playwright inject axe-core despite the CSP (as in
    # test_catalogue.py).
    audited = new_page(page, bypass_csp=True)
    problems = {}

    def check(name: str) -> None:
        violations, _passes = audit(audited)
        if violations:
            problems[name] = describe(violations)
        screenshot(audited, f"gemeld-a11y-{name}")

    try:
        audited.goto(audited.base_url + URL)
        check("bouwsteen-met-melding")
        log_in(audited, "rotterdam", URL)
        check("bouwsteen-melding-beantwoorden")
        audited.goto(audited.base_url + URL + "/hergebruik/GM0599/bevestigen")
        check("bevestigen")
        # With an error: a date in the future.
        audited.fill("#sinds", "2999-01-01")
        audited.click("form.reuse-form button[type=submit]")
        audited.wait_for_selector("#sinds-fout")
        assert "toekomst" in audited.inner_text("#sinds-fout")
        check("bevestigen-fout")
    finally:
        audited.context.close()
    assert not problems, "\n\n".join(f"== {k}\n{v}" for k, v in problems.items())
