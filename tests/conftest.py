import pytest

from registry.reference_data import load_reference_data

# Under CI a skip fails the run unless tests/ci.py allows it. (Loaded as a plugin, not
# imported above, so pytest can load it before anything else imports it.)
# pytester: tests/test_ci_skips.py runs that plugin in a pytest of its own.
pytest_plugins = ["tests.ci", "pytester"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real reference data once; each test runs in a transaction on top of it."""
    with django_db_blocker.unblock():
        load_reference_data()


def _commits(item) -> bool:
    marker = item.get_closest_marker("django_db")
    by_marker = marker is not None and marker.kwargs.get("transaction", False)
    return by_marker or "transactional_db" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(config, items):
    """Run tests that commit (live server, browser) last: they empty the database when done,
    and the tests that run inside a transaction rely on the reference data loaded above."""
    from tests.ci import on_postgresql

    items.sort(key=_commits)

    # Tests that need PostgreSQL are not collected on SQLite (not skipped: CI runs the
    # whole suite on PostgreSQL as well, where they run).
    if not on_postgresql():
        selected = [
            item for item in items if item.get_closest_marker("postgresql") is None
        ]
        deselected = [item for item in items if item.get_closest_marker("postgresql")]
        if deselected:
            config.hook.pytest_deselected(items=deselected)
            items[:] = selected
