"""The cost of a list does not grow with the page: everything it shows is prefetched."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.models import Laag, Referentiecomponent, Thema
from tests.factories import BouwsteenFactory

pytestmark = pytest.mark.django_db

# count, page, organisations (joined), thema's, components, layers; and for a token its
# lookup and the user's memberships.
ANONYMOUS_CEILING = 5
MEMBER_CEILING = 7


def fill(cast, number: int) -> None:
    themas = list(Thema.objects.all()[:2])
    lagen = list(Laag.objects.all()[:2])
    component = Referentiecomponent.objects.first()
    for organisatie in (cast.amsterdam, cast.utrecht):
        for _ in range(number // 2):
            bouwsteen = BouwsteenFactory(organisatie=organisatie, gepubliceerd=True)
            bouwsteen.themas.set(themas)
            bouwsteen.lagen.set(lagen)
            bouwsteen.referentiecomponenten.set([component])


def queries_for(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    ("role", "ceiling"), [(None, ANONYMOUS_CEILING), ("redacteur", MEMBER_CEILING)]
)
def test_a_list_costs_the_same_for_3_and_30_blocks(
    client_for, cast, django_assert_max_num_queries, role, ceiling
):
    client = client_for(role)
    fill(cast, 4)
    small = queries_for(client, "/api/v1/bouwstenen?pageSize=3")
    fill(cast, 30)
    large = queries_for(client, "/api/v1/bouwstenen?pageSize=30")
    assert small == large
    with django_assert_max_num_queries(ceiling):
        client.get("/api/v1/bouwstenen?pageSize=100&thema=jeugdzorg,wonen&laag=data")


def test_a_search_costs_the_same_for_3_and_30_blocks(client_for, cast):
    from bouwstenen.search import reindex

    fill(cast, 34)
    reindex()
    client = client_for(None)
    assert queries_for(client, "/api/v1/bouwstenen?q=bouwsteen&pageSize=3") == (
        queries_for(client, "/api/v1/bouwstenen?q=bouwsteen&pageSize=30")
    )


def test_organisations_with_their_counts_in_a_fixed_number_of_queries(
    anonymous, cast, django_assert_max_num_queries
):
    fill(cast, 6)
    with django_assert_max_num_queries(2):
        anonymous.get("/api/v1/organisaties?pageSize=100")
