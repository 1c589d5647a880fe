import pytest
from reversion.models import Revision

from bouwstenen import weergave
from bouwstenen.demo_catalogue import load_demo_catalogue
from bouwstenen.models import Bouwsteen, Zoekwoord


@pytest.fixture(scope="module")
def demo_catalogue(django_db_setup, django_db_blocker):
    """The Dutch demo catalogue, loaded once for a module of read-only search tests."""
    with django_db_blocker.unblock():
        load_demo_catalogue()
        yield
        Bouwsteen.objects.all().delete()
        # Deleting blocks bypasses the search backend, which keeps the vocabulary.
        Zoekwoord.objects.all().delete()
        # The rows are gone: nothing of theirs is left to render (at exit the test
        # database would be gone too).
        weergave.discard()
        Revision.objects.all().delete()


@pytest.fixture
def anonymous():
    from rest_framework.test import APIClient

    return APIClient()
