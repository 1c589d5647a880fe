"""The cost of a list does not grow with the page: everything it shows is prefetched.

The same holds for search, facet counts, similar blocks, suggestions, the reuse of a block
and a block's detail: the number of queries does not depend on how many blocks there are
or how many answers, reuse records and relations a block has.
"""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bouwstenen import weergave
from bouwstenen.constants import Voorwaarde
from bouwstenen.models import Hergebruik, Opschalingsantwoord, Relatie
from bouwstenen.search import reindex
from registry.models import Laag, Organisatie, Referentiecomponent, Thema
from tests.factories import BouwsteenFactory

pytestmark = pytest.mark.django_db

# A reader without a role reads the stored representations (bouwstenen.weergave): the
# count and the page, and the filters' values looked up. A member's list is serialized:
# count, page, organisations (joined), thema's, components, layers; and for a token its
# lookup and the user's memberships.
ANONYMOUS_CEILING = 4
MEMBER_CEILING = 7


def fill(cast, number: int) -> list:
    """``number`` published blocks, each with thema's, layers, a component, reuse by
    two organisations and answers in the opschalingscheck."""
    themas = list(Thema.objects.all()[:2])
    lagen = list(Laag.objects.all()[:2])
    component = Referentiecomponent.objects.first()
    reusers = list(Organisatie.objects.filter(soort="gemeente").order_by("code")[5:7])
    made = []
    for organisatie in (cast.amsterdam, cast.utrecht):
        for _ in range(number // 2):
            bouwsteen = BouwsteenFactory(organisatie=organisatie, gepubliceerd=True)
            bouwsteen.themas.set(themas)
            bouwsteen.lagen.set(lagen)
            bouwsteen.referentiecomponenten.set([component])
            for reuser, stadium in zip(reusers, ["pilot", "in-gebruik"], strict=True):
                Hergebruik.objects.create(
                    bouwsteen=bouwsteen, organisatie=reuser, stadium=stadium
                )
            for voorwaarde in Voorwaarde.values[:3]:
                Opschalingsantwoord.objects.create(
                    bouwsteen=bouwsteen, voorwaarde=voorwaarde, antwoord="ja"
                )
            made.append(bouwsteen)
    # Set-up writes outside the door; their renderings are not the reads measured here.
    weergave.flush()
    return made


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
    fill(cast, 34)
    reindex()
    client = client_for(None)
    assert queries_for(client, "/api/v1/bouwstenen?q=bouwsteen&pageSize=3") == (
        queries_for(client, "/api/v1/bouwstenen?q=bouwsteen&pageSize=30")
    )


# The list, searched and sorted on the derived figures, and filtered on the score.
SEARCH = (
    "/api/v1/bouwstenen?q=bouwsteen&sort=-hergebruik,-opschalingsscore"
    "&opschalingsscoreMin=10&thema=jeugdzorg,wonen&pageSize=100"
)
# One query per facet dimension; the filter values are looked up once per dimension;
# on PostgreSQL the search first checks for a match (the typo fallback).
FACETS = (
    "/api/v1/bouwstenen/facetten?q=bouwsteen&thema=jeugdzorg&opschalingsscoreMin=10"
)
FACETS_CEILING = 8 + 8 * 2 + 8 + 1  # dimensions, thema lookups, search checks, auth


@pytest.mark.parametrize("role", [None, "redacteur"])
def test_search_and_facets_cost_the_same_for_3_and_30_blocks(
    client_for, cast, django_assert_max_num_queries, role
):
    client = client_for(role)
    fill(cast, 4)
    reindex()
    small = (queries_for(client, SEARCH), queries_for(client, FACETS))
    fill(cast, 30)
    reindex()
    large = (queries_for(client, SEARCH), queries_for(client, FACETS))
    assert small == large
    with django_assert_max_num_queries(MEMBER_CEILING + 1):
        client.get(SEARCH)
    with django_assert_max_num_queries(FACETS_CEILING):
        client.get(FACETS)


def test_similar_blocks_and_suggestions_cost_the_same_for_3_and_30_blocks(
    anonymous, cast
):
    first = fill(cast, 4)[0]
    reindex()
    similar = f"/api/v1/bouwstenen/{first.uuid}/vergelijkbaar"
    suggestions = "/api/v1/suggesties?q=bouwsteen"

    def dry_run():
        with CaptureQueriesContext(connection) as captured:
            response = anonymous.post(
                "/api/v1/bouwstenen/vergelijkbaar",
                {"naam": "Bouwsteen", "themas": ["jeugdzorg"]},
                format="json",
            )
        assert response.status_code == 200
        return len(captured.captured_queries)

    small = (queries_for(anonymous, similar), queries_for(anonymous, suggestions))
    small_dry_run = dry_run()
    fill(cast, 30)
    reindex()
    assert (queries_for(anonymous, similar), queries_for(anonymous, suggestions)) == (
        small
    )
    assert dry_run() == small_dry_run


def test_a_detail_costs_the_same_however_much_is_said_about_the_block(anonymous, cast):
    blocks = fill(cast, 12)
    subject = blocks[0]
    url = f"/api/v1/bouwstenen/{subject.uuid}"
    few = queries_for(anonymous, url)
    for other in blocks[1:6]:
        Relatie.objects.create(van=subject, type="gebruikt", naar=other)
        Relatie.objects.create(van=other, type="gebaseerd-op", naar=subject)
    for voorwaarde in Voorwaarde.values[3:]:
        Opschalingsantwoord.objects.create(
            bouwsteen=subject, voorwaarde=voorwaarde, antwoord="deels"
        )
    weergave.flush()
    assert queries_for(anonymous, url) == few
    # The block, its three lists and the owner, the answers, both sets of relations.
    assert few <= 7


def test_the_reuse_of_a_block_costs_the_same_for_2_and_20_records(anonymous, cast):
    subject = fill(cast, 2)[0]
    url = f"/api/v1/bouwstenen/{subject.uuid}/hergebruik?pageSize=100"
    few = queries_for(anonymous, url)
    for organisatie in Organisatie.objects.filter(soort="gemeente").order_by("code")[
        10:28
    ]:
        Hergebruik.objects.create(bouwsteen=subject, organisatie=organisatie)
    assert queries_for(anonymous, url) == few
    assert few <= 3


def test_organisations_with_their_counts_in_a_fixed_number_of_queries(
    anonymous, cast, django_assert_max_num_queries
):
    fill(cast, 6)
    with django_assert_max_num_queries(2):
        anonymous.get("/api/v1/organisaties?pageSize=100")
