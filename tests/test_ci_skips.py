"""Under CI a skip fails the run unless tests/ci.py allows it: proved on small generated
test files, each run by a pytest of its own with only that plugin loaded."""

import os
from pathlib import Path

import pytest

from tests.ci import in_ci

ROOT = Path(__file__).resolve().parent.parent

MIXED = """
import pytest


def test_needs_a_tool():
    pytest.skip("gereedschap ontbreekt")


@pytest.mark.skipif(True, reason="nooit op deze machine")
def test_marked_skip():
    pass


@pytest.fixture
def tool():
    pytest.skip("fixture: gereedschap ontbreekt")


def test_fixture_skip(tool):
    pass


@pytest.mark.xfail(strict=True, reason="kan het nog niet")
def test_expected_failure():
    assert False


@pytest.mark.postgresql
def test_only_on_postgresql():
    pytest.skip("geen PostgreSQL")


def test_passes():
    assert True
"""

# A conftest that makes the inner run look like a run on PostgreSQL, without a database.
ON_POSTGRESQL = """
from django.conf import settings

settings.configure(
    DATABASES={"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "x"}}
)
"""


@pytest.fixture
def inner(pytester, monkeypatch):
    """Run pytest on generated files with tests/ci.py as its only plugin (and xdist)."""
    for name in list(os.environ):
        if name.startswith(("PYTEST_", "DJANGO_", "CI")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    pytester.makeini(
        """
        [pytest]
        markers =
            postgresql: needs PostgreSQL
        """
    )

    def run(*args, ci: str | None = None):
        if ci is None:
            monkeypatch.delenv("CI", raising=False)
        else:
            monkeypatch.setenv("CI", ci)
        return pytester.runpytest_subprocess(
            "-p", "tests.ci", "-p", "no:cacheprovider", "-rA", *args
        )

    return run


def test_outside_ci_a_skip_is_a_skip(pytester, inner):
    pytester.makepyfile(test_mixed=MIXED)
    result = inner()
    assert result.ret == pytest.ExitCode.OK
    result.assert_outcomes(passed=1, skipped=4, xfailed=1)
    assert "niet toegestaan" not in result.stdout.str()


@pytest.mark.parametrize("workers", [[], ["-p", "xdist.plugin", "-n", "2"]])
def test_in_ci_a_skip_fails_the_run_and_is_named(pytester, inner, workers):
    pytester.makepyfile(test_mixed=MIXED)
    result = inner(*workers, ci="true")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    # A skip inside the test fails it; one in setup (skipif, a fixture) is an error.
    # The PostgreSQL-only test stays a skip: this run has no PostgreSQL (allowed), and
    # an expected failure is no skip.
    result.assert_outcomes(passed=1, failed=1, errors=2, skipped=1, xfailed=1)
    result.stdout.re_match_lines(
        [r".*overgeslagen in CI, niet toegestaan.*"], consecutive=False
    )
    summary = result.stdout.str().split("overgeslagen in CI, niet toegestaan", 1)[1]
    for line in [
        "test_mixed.py::test_needs_a_tool: gereedschap ontbreekt",
        "test_mixed.py::test_marked_skip: nooit op deze machine",
        "test_mixed.py::test_fixture_skip: fixture: gereedschap ontbreekt",
    ]:
        assert line in summary
    assert "test_only_on_postgresql" not in summary


def test_in_ci_on_postgresql_a_postgresql_test_may_not_skip(pytester, inner):
    pytester.makeconftest(ON_POSTGRESQL)
    pytester.makepyfile(test_mixed=MIXED)
    result = inner(ci="true")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.assert_outcomes(passed=1, failed=2, errors=2, xfailed=1)
    assert "test_mixed.py::test_only_on_postgresql: geen PostgreSQL" in (
        result.stdout.str()
    )


def test_in_ci_a_module_skipped_at_import_fails(pytester, inner):
    pytester.makepyfile(
        test_module_skip="""
        import pytest

        pytest.importorskip("een_module_die_niet_bestaat")


        def test_never_collected():
            pass
        """
    )
    assert inner().ret == pytest.ExitCode.NO_TESTS_COLLECTED
    result = inner(ci="true")
    # A failed collection stops the run before any test.
    assert result.ret == pytest.ExitCode.INTERRUPTED
    assert "test_module_skip.py: could not import 'een_module_die_niet_bestaat'" in (
        result.stdout.str()
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, False),
        ("", False),
        ("false", False),
        ("0", False),
        ("no", False),
        ("true", True),
        ("True", True),
        ("1", True),
        ("yes", True),
    ],
)
def test_one_rule_for_ci(monkeypatch, value, expected):
    if value is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", value)
    assert in_ci() is expected
