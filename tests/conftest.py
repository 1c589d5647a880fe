import pytest

from registry.reference_data import load_reference_data


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real reference data once; each test runs in a transaction on top of it."""
    with django_db_blocker.unblock():
        load_reference_data()


def pytest_collection_modifyitems(items):
    """Run tests that commit (live server, browser) last: they empty the database when done,
    and the tests that run inside a transaction rely on the reference data loaded above."""
    items.sort(key=lambda item: "transactional_db" in getattr(item, "fixturenames", ()))
