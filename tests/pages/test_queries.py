"""Each page costs the same number of queries at 5 results as at 40."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bouwstenen import services, weergave
from bouwstenen.constants import HergebruikStadium
from bouwstenen.models import Opschalingsantwoord, Relatie
from registry.models import Organisatie, Thema
from registry.permissions import OPERATOR
from tests.factories import OrganisatieFactory
from tests.pages.conftest import make_block, reuse

pytestmark = pytest.mark.django_db
# Ceilings per page type, measured on SQLite and PostgreSQL. The search page with one
# thema ticked: the thema validated, the words against the vocabulary, count, page ids,
# their stored items, their thema's; for the facets the words again (the thema facet
# counts without the thema, so with a filter set of its own) and the one facet
# statement; the catalogue's state (the cache key) too once that statement was slow
# (bouwstenen.facets), which leaves one to spare here.
# An organisation: itself, its blocks (+2 prefetches), its reuse, what was reported, and
# the three neighbour lists. The home page: 13 with featured blocks (their cards and 2
# prefetches; the catalogue features some), 11 without. A block's page: 13 (of them 3
# for the similar blocks: the textual candidates, the pool's scores as plain values,
# and the few shown, read as blocks), the published needs it answers (1, bounded) and
# its questions with their answers (2; tests/vragen/test_pages.py holds them constant).
CEILINGS = {"zoeken": 8, "home": 13, "detail": 16, "organisatie": 9, "thema": 9}


def catalogue(n: int, owner):
    reusers = list(Organisatie.objects.filter(soort="gemeente").order_by("code")[:3])
    blocks = [
        make_block(naam=f"Jeugdmonitor {i:02d}", organisatie=owner) for i in range(n)
    ]
    thema = Thema.objects.get(slug="wonen")
    for i, block in enumerate(blocks):
        block.themas.add(thema)
        for org in reusers[: i % 4]:
            reuse(block, org, HergebruikStadium.PILOT, ervaring="Goed bevallen.")
        Opschalingsantwoord.objects.create(
            bouwsteen=block, voorwaarde="dpia", antwoord="ja"
        )
        if i:
            Relatie.objects.create(van=block, type="gebruikt", naar=blocks[i - 1])
    for block in blocks[:3]:
        services.bouwsteen_feature(user=OPERATOR, bouwsteen=block)
    # Set-up writes outside the door; their renderings are not the reads measured.
    weergave.flush()
    return blocks


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def measure(client, blocks, owner):
    middle = blocks[len(blocks) // 2]
    return {
        "zoeken": count_queries(
            client,
            reverse("catalogus:zoeken"),
            {"q": "jeugdmonitor", "thema": "jeugdzorg", "sort": "-hergebruik"},
        ),
        "home": count_queries(client, reverse("catalogus:home")),
        "detail": count_queries(
            client, reverse("catalogus:bouwsteen", args=[middle.slug])
        ),
        "organisatie": count_queries(
            client, reverse("catalogus:organisatie", args=[owner.code])
        ),
        "thema": count_queries(client, reverse("catalogus:thema", args=["jeugdzorg"])),
    }


@pytest.mark.parametrize("logged_in", [False, True], ids=["anoniem", "lid"])
def test_constant_queries(client, member_of, logged_in, django_assert_max_num_queries):
    small_owner = OrganisatieFactory()
    large_owner = OrganisatieFactory()
    if logged_in:
        client.force_login(member_of(Organisatie.objects.get(code="GM0344")))
    small_blocks = catalogue(5, small_owner)
    measure(client, small_blocks, small_owner)  # warm caches (content types)
    small = measure(client, small_blocks, small_owner)
    large = measure(client, catalogue(40, large_owner), large_owner)
    assert small == large
    extra = 3 if logged_in else 0  # session, user and the user's memberships
    ceilings = dict(CEILINGS)
    for page, ceiling in ceilings.items():
        assert large[page] <= ceiling + extra, (page, large[page])
    print("queries per page:", large)
    with django_assert_max_num_queries(ceilings["zoeken"] + extra):
        client.get(reverse("catalogus:zoeken"), {"q": "jeugdmonitor"})
