"""One backend per database, chosen once, and a leading subset only where it is known."""

import pytest

from django.db import connection

from bouwstenen import search
from bouwstenen.models import Bouwsteen
from bouwstenen.search_index import INDEX
from core.search.backends import get_backend
from core.search.backends.postgresql import PostgresSearchBackend
from core.search.backends.sqlite import SQLiteSearchBackend
from tests.factories import BouwsteenFactory

pytestmark = pytest.mark.django_db


def test_the_backend_is_chosen_once_from_the_database_settings():
    expected = {
        "postgresql": PostgresSearchBackend,
        "sqlite": SQLiteSearchBackend,
    }[connection.vendor]
    assert type(get_backend()) is expected
    assert get_backend() is get_backend("default")


def test_a_word_names_its_leading_subset_only_on_postgresql():
    BouwsteenFactory(naam="Peilbuizen", gepubliceerd=True)
    BouwsteenFactory(
        naam="Bodemkaart", beschrijving="Over peilbuizen.", gepubliceerd=True
    )
    search.reindex()

    found = search.find(Bouwsteen.objects.published(), "peilbuizen")

    assert set(found.queryset.values_list("naam", flat=True)) == {
        "Peilbuizen",
        "Bodemkaart",
    }
    if connection.vendor == "postgresql":
        assert found.leading.first_order == f"-{INDEX.score}"
        leading = found.queryset.filter(found.leading.condition)
        assert list(leading.values_list("naam", flat=True)) == ["Peilbuizen"]
    else:
        assert found.leading is None
    # With an exclusion the ranking is not that simple: nothing is named.
    assert search.find(Bouwsteen.objects.all(), "peilbuizen -kaart").leading is None
