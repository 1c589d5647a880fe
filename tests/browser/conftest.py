"""A real headless Chromium, driven by Playwright, against the live test server."""

import os
import shutil
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str | None:
    return (
        os.environ.get("CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = _chromium()
    if path is None:
        # Skips: locally with the reason; in CI tests/ci.py makes them fail the run.
        pytest.skip(
            "Chromium ontbreekt (apt-get install chromium, of zet "
            "CHROMIUM=/pad/naar/chromium)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("playwright (Python) ontbreekt: make test installeert het")
    return path


@pytest.fixture
def page(chromium_path, live_server, monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes
    # between browser steps are ordinary synchronous code and safe here.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_FLAGS
        )
        context = browser.new_context(
            locale="nl-NL", viewport={"width": 1280, "height": 900}
        )
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.base_url = live_server.url
        yield page
        context.close()
        browser.close()


def screenshot(page, name: str) -> Path:
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def reference_data():
    """The register as a fresh install has it: the Common Ground layers and the
    reference data. A transactional test empties the database when done, the layers a
    data migration made included; put them back the way that migration does, so a
    browser test does not depend on which test ran before it."""
    from importlib import import_module

    from django.apps import apps as django_apps

    from registry.reference_data import load_reference_data

    import_module("registry.migrations.0002_common_ground_lagen").create_lagen(
        django_apps, None
    )
    load_reference_data()


@pytest.fixture
def demo_catalogue(reference_data):
    """The Dutch demo catalogue on top of the reference data."""
    from bouwstenen.demo_catalogue import load_demo_catalogue

    load_demo_catalogue()


def new_page(page, **options):
    """A second browser context next to ``page`` (another visitor, or one without
    JavaScript): its own cookies, the same live server. Close its context when done."""
    context = page.context.browser.new_context(
        locale="nl-NL", viewport={"width": 1280, "height": 900}, **options
    )
    context.set_default_timeout(15_000)
    other = context.new_page()
    other.base_url = page.base_url
    return other
