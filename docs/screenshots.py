"""Renews the screenshots of docs/handleiding-publiceren.md (docs/img/publiceren-*.png).

Run from the project root, with the virtualenv active (`make install`):

    python docs/screenshots.py

It builds a throwaway register the way `make run` does (a fresh SQLite database in a temporary
directory, migrate, load_reference_data, load_demo), adds a redacteur and a publicist of
Amsterdam with `manage.py add_member`, starts `runserver` on a free port and walks the
guide's story in a headless Chromium at 1280x800. Nothing touches your own database.
Not a test (pytest only collects tests/) and not run in CI: renew by hand when the admin
changes, look at the pictures, and commit them with the guide.
"""

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IMG = ROOT / "docs" / "img"
VIEWPORT = {"width": 1280, "height": 800}
ORGANISATION = "GM0363"  # Amsterdam: the demo catalogue has blocks of its own there
PASSWORD = "schermafdrukken-voor-de-handleiding"  # noqa: S105 - a throwaway database
BLOCK = "Wachttijdenmonitor jeugdhulp"
# The flags the browser tests use (tests/browser/conftest.py): headless in a container.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def manage(env: dict, *args: str) -> None:
    subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen) -> None:
    for _ in range(120):
        if server.poll() is not None:
            raise SystemExit("De ontwikkelserver stopte voordat hij antwoordde.")
        try:
            urllib.request.urlopen(url + "/admin/login/", timeout=2)  # noqa: S310
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"De ontwikkelserver op {url} antwoordt niet.")


def prepare_register(env: dict) -> None:
    """The register as `make run` has it, plus two members to log in with."""
    manage(env, "migrate", "--no-input")
    manage(env, "load_reference_data")
    manage(env, "load_demo")
    members = {**env, "REGISTRY_PASSWORD": PASSWORD}
    for username, role in [("redacteur", "redacteur"), ("publicist", "publicist")]:
        manage(members, "add_member", username, ORGANISATION, "--role", role)


def shoot(target, name: str) -> None:
    """A page (its viewport) or one element of it, as docs/img/publiceren-<name>.png."""
    path = IMG / f"publiceren-{name}.png"
    target.screenshot(path=str(path))
    print(f"  {path.relative_to(ROOT)}")


def log_in(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")


def pick(page, field: str, term: str, option: str) -> None:
    """Choose a value in an admin autocomplete (select2) field."""
    page.click(f"#id_{field} + .select2 .select2-selection")
    page.locator(".select2-container--open .select2-search__field").fill(term)
    page.locator(".select2-results__option", has_text=option).first.click()


def answer(page, voorwaarde: str, label: str, toelichting: str = "") -> None:
    block = page.locator(f"#voorwaarde-{voorwaarde}")
    block.get_by_label(label, exact=True).check()
    if toelichting:
        block.get_by_label("Toelichting").fill(toelichting)


def save_and_continue(page) -> None:
    page.click("input[name=_continue]")
    page.wait_for_selector(".workflow-panel")


def walk_the_guide(page, base: str) -> None:
    # 1. The redacteur logs in and lands on Mijn organisatie.
    log_in(page, base, "redacteur")
    shoot(page, "01-admin-start-redacteur")

    # 2. A new block: the top of the form, then the opschalingscheck.
    page.goto(base + "/admin/bouwstenen/bouwsteen/add/")
    page.fill("#id_naam", BLOCK)
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
    # Wait for what the guide describes: similar blocks and the Markdown preview.
    page.wait_for_selector("#bestaat-dit-al li")
    page.wait_for_selector(".markdown-voorbeeld strong")
    # No focus ring on the description: the picture is about the form.
    page.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)")
    shoot(page, "02-nieuwe-bouwsteen-formulier")
    pick(page, "themas", "jeugd", "Jeugdzorg")
    page.check("input[name=lagen][value]:near(:text('Interactie'))")
    pick(page, "referentiecomponenten", "Zaakregistratie", "Zaakregistratiecomponent")
    page.select_option("#id_licentie", "EUPL-1.2")
    page.fill("#id_contact_naam", "Team Jeugd en Data")
    page.fill("#id_contact_email", "jeugddata@amsterdam.example")
    answer(page, "maatschappelijke-opgave", "Ja", "Wachtlijsten jeugdhulp verkorten.")
    answer(page, "waarde-aangetoond", "Deels", "Pilot in twee stadsdelen.")
    answer(page, "draagvlak-management", "Ja")
    # The checklist from its heading on, as a laptop screen shows it.
    page.locator("#voorwaarde-maatschappelijke-opgave").evaluate(
        "el => { el.scrollIntoView({block: 'start'}); window.scrollBy(0, -120); }"
    )
    shoot(page, "02b-opschalingscheck")

    # 3. Saved as a concept, not complete: the meter and what is missing.
    save_and_continue(page)
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, "03-bouwsteen-opgeslagen")
    shoot(page.locator("#volledigheid"), "03a-volledigheid")
    page.click("a[data-workflow=indienen]")
    page.wait_for_selector("[data-onderdeel]")
    shoot(page, "03b-nog-niet-compleet")

    # Fill in what was missing: a link, and an answer to every other voorwaarde.
    page.click("[data-onderdeel=link] a")
    page.fill("#id_repository_url", "https://github.com/amsterdam/wachttijden")
    for voorwaarde in page.locator("[id^=voorwaarde-]:has(input[type=radio])").all():
        if voorwaarde.get_by_label("Nog niet ingevuld", exact=True).is_checked():
            voorwaarde.get_by_label("N.v.t.", exact=True).check()
    save_and_continue(page)

    # The public page as it will be, before anyone publishes it.
    page.click("#voorbeeld-link")
    page.wait_for_selector("#voorbeeld-banner")
    shoot(page, "03c-voorbeeld")
    page.go_back()

    # 4. Offered for review.
    page.click("a[data-workflow=indienen]")
    page.click("input[name=_bevestig]")
    page.wait_for_selector(".messagelist .success")
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, "04-ter-beoordeling-aangeboden")
    change_url = page.url

    # The publicist's start page now has it under Te beoordelen; the publicist publishes.
    log_in(page, base, "publicist")
    shoot(page, "00-mijn-organisatie")
    page.goto(change_url)
    page.click("a[data-workflow=publiceren]")
    page.click("input[name=_bevestig]")
    page.wait_for_selector(".messagelist .success")
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, "06-gepubliceerd-door-publicist")

    # 6. Who did what.
    page.goto(change_url.replace("/change/", "/history/"))
    shoot(page, "07-geschiedenis")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--chromium",
        default=os.environ.get("CHROMIUM") or shutil.which("chromium"),
        help="Pad naar Chromium (standaard: $CHROMIUM of chromium op het PATH).",
    )
    args = parser.parse_args()
    if not args.chromium:
        raise SystemExit("Chromium ontbreekt: zet --chromium of CHROMIUM.")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="schermafdrukken-") as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": f"sqlite:///{Path(tmp) / 'db.sqlite3'}",
        }
        print("Register klaarzetten in", tmp)
        prepare_register(env)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(  # noqa: S603 - our own manage.py runserver
            [
                sys.executable,
                "manage.py",
                "runserver",
                "--noreload",
                f"127.0.0.1:{port}",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(base, server)
            print("Schermafdrukken maken tegen", base)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=args.chromium, headless=True, args=CHROMIUM_FLAGS
                )
                context = browser.new_context(locale="nl-NL", viewport=VIEWPORT)
                context.set_default_timeout(15_000)
                try:
                    walk_the_guide(context.new_page(), base)
                finally:
                    browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
