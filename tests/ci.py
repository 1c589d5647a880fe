"""One rule for "is this CI", and what a skip means there.

Locally a test may skip when a tool is missing (Chromium, axe-core, the SHACL shapes),
with the reason. In CI a skip would hide exactly what CI is for, so there every skip fails
the run, unless it is on the short allow-list below. The suite loads this module as a
plugin (``pytest_plugins`` in tests/conftest.py); tests/test_ci_skips.py runs it on small
generated test files.
"""

import os
from collections.abc import Callable
from dataclasses import dataclass

import pytest

# CI systems set CI (GitHub, GitLab, .ci/run: "true"; some "1"). "false", "0" or "no" say
# explicitly that this is not CI, as an empty or absent variable does.
_NOT_CI = {"", "0", "false", "no", "off"}


@dataclass(frozen=True)
class AllowedSkip:
    marker: str  # a skip of a test that carries this marker...
    applies: Callable[[], bool]  # ...is allowed on a run where this holds
    reason: str  # and where that test does run


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in _NOT_CI


def on_postgresql() -> bool:
    """Whether this run's database is PostgreSQL (False when Django is not configured)."""
    from django.conf import settings

    return settings.configured and settings.DATABASES["default"]["ENGINE"].endswith(
        "postgresql"
    )


# The skips CI accepts. Keep this list short: every entry says where its tests do run.
ALLOWED_SKIPS = (
    AllowedSkip(
        "postgresql",
        lambda: not on_postgresql(),
        "needs PostgreSQL; CI runs the whole suite on PostgreSQL as well, where it runs "
        "(tests/conftest.py deselects these on other databases, so normally they are "
        "not even collected there)",
    ),
)


def _allowed(item) -> AllowedSkip | None:
    """The entry that allows a skip of ``item`` on this run, or None."""
    for entry in ALLOWED_SKIPS:
        if item.get_closest_marker(entry.marker) is not None and entry.applies():
            return entry
    return None


def _reason(report) -> str:
    # A skip's longrepr is (path, line, "Skipped: reason").
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


def _refuse(report) -> None:
    reason = _reason(report)
    report.outcome = "failed"
    report.longrepr = (
        f"Overgeslagen in CI, en niet toegestaan (tests/ci.py, ALLOWED_SKIPS): {reason}"
    )
    # Kept on the report (also when pytest-xdist sends it from a worker) for the summary.
    report.ci_refused_skip = reason


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    # An expected failure is reported as a skip with ``wasxfail``: that is no skip.
    if (
        report.skipped
        and not hasattr(report, "wasxfail")
        and in_ci()
        and _allowed(item) is None
    ):
        _refuse(report)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector):
    # A whole module skipped at import (pytest.skip(allow_module_level=True) or a module
    # level importorskip) never reaches the per-test hook above.
    report = yield
    if report.skipped and in_ci():
        _refuse(report)
    return report


def pytest_terminal_summary(terminalreporter):
    refused = [
        report
        for key in ("failed", "error")
        for report in terminalreporter.stats.get(key, [])
        if getattr(report, "ci_refused_skip", None) is not None
    ]
    if not refused:
        return
    terminalreporter.section("overgeslagen in CI, niet toegestaan", red=True)
    for report in refused:
        terminalreporter.line(f"{report.nodeid}: {report.ci_refused_skip}")
    terminalreporter.line(
        "Een test die in CI niet kan draaien is een gat: installeer wat ontbreekt, of zet "
        "de test met een reden op ALLOWED_SKIPS in tests/ci.py."
    )
