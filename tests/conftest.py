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

    # Tests that need PostgreSQL are not collected on SQLite, and tests about SQLite
    # alone not on PostgreSQL (not skipped: CI runs the whole suite on both).
    other = "sqlite" if on_postgresql() else "postgresql"
    selected = [item for item in items if item.get_closest_marker(other) is None]
    deselected = [item for item in items if item.get_closest_marker(other)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


# Where every write path runs: after each test there, every block's stored representation
# (bouwstenen.weergave) equals a fresh one, on both databases.
_REPRESENTATIONS_CHECKED = ("api", "admin", "write_paths", "interop", "pages")


@pytest.fixture(autouse=True)
def stored_representations_stay_current(request):
    under = request.node.path.relative_to(request.config.rootpath).parts
    uses_db = request.node.get_closest_marker("django_db") is not None or (
        "db" in request.fixturenames
    )
    if (
        not uses_db
        or _commits(request.node)
        or len(under) < 3
        or under[1] not in _REPRESENTATIONS_CHECKED
    ):
        yield
        from bouwstenen import weergave

        # Pending renderings of this test's rows mean nothing to the next test.
        weergave.discard()
        return
    # Set up before (so torn down after) this check.
    request.getfixturevalue("db")
    yield
    from django.db import connection

    if connection.needs_rollback:
        from bouwstenen import weergave

        weergave.discard()
        return  # The test left its transaction broken on purpose; nothing to read.
    from bouwstenen.api.weergave import differences

    assert differences() == [], "opgeslagen weergaven wijken af van een nieuwe"
