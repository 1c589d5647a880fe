"""What ranks first: the words in a block's name, then in its summary; a block found only
through its description or context comes after those, in name order. The same on both
databases (PostgreSQL ranks on the small ``vector_kort``, SQLite's bm25 weighs the same
columns)."""

import pytest

from django.db import connection

from bouwstenen import search
from bouwstenen.models import Bouwsteen, Zoekdocument
from tests.factories import BouwsteenFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def blocks():
    organisatie = OrganisatieFactory()
    made = {
        "beschrijving": BouwsteenFactory(
            organisatie=organisatie,
            naam="Aardrijkskundige kaartlaag",
            samenvatting="Een kaart van de regio.",
            beschrijving="Peilbuizen, peilbuizen en nog eens peilbuizen: "
            "alle peilbuizen van de provincie.",
            gepubliceerd=True,
        ),
        "naam": BouwsteenFactory(
            organisatie=organisatie,
            naam="Peilbuizen dashboard",
            samenvatting="Grondwaterstanden per week.",
            gepubliceerd=True,
        ),
        "samenvatting": BouwsteenFactory(
            organisatie=organisatie,
            naam="Grondwatermonitor",
            samenvatting="Metingen uit peilbuizen in het hele land.",
            gepubliceerd=True,
        ),
        "ook-beschrijving": BouwsteenFactory(
            organisatie=organisatie,
            naam="Bodemdata",
            samenvatting="Bodemgegevens.",
            beschrijving="Gekoppeld aan peilbuizen.",
            gepubliceerd=True,
        ),
    }
    search.reindex()
    return made


def test_name_then_summary_then_the_rest_in_name_order(blocks):
    ranked = search.search(Bouwsteen.objects.published(), "peilbuizen").order_by(
        "-zoekscore", "naam"
    )
    assert list(ranked.values_list("naam", flat=True)) == [
        "Peilbuizen dashboard",
        "Grondwatermonitor",
        # Many mentions in the description do not lift a block above a name or summary.
        "Aardrijkskundige kaartlaag",
        "Bodemdata",
    ]


@pytest.mark.postgresql
def test_reindex_keeps_the_short_vector_of_name_and_summary(blocks):
    document = Zoekdocument.objects.get(bouwsteen=blocks["naam"])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT vector_kort::text, vector::text FROM bouwstenen_zoekdocument "
            "WHERE bouwsteen_id = %s",
            [document.pk],
        )
        kort, vol = cursor.fetchone()
    assert "'peilbuiz':1A" in kort and "'grondwaterstand':3B" in kort
    # The context (organisation, soort: weight D, which PostgreSQL prints without a
    # letter) is in the full vector only.
    assert "'datatoepass'" in vol and "datatoepass" not in kort


def test_pages_of_a_word_follow_the_ranking_across_the_leading_subset(anonymous):
    """A page is read from the blocks with the word in naam or samenvatting when they
    fill it (PostgreSQL); paging through must still give exactly the ranked list."""
    organisatie = OrganisatieFactory()
    for n in range(7):
        BouwsteenFactory(
            organisatie=organisatie,
            naam=f"Peilbuizen {n}",
            samenvatting="Grondwater." if n % 2 else "Peilbuizen en grondwater.",
            gepubliceerd=True,
        )
    for n in range(6):
        BouwsteenFactory(
            organisatie=organisatie,
            naam=f"Bodemkaart {n}",
            samenvatting="Bodemgegevens.",
            beschrijving="Gekoppeld aan peilbuizen." * (n + 1),
            gepubliceerd=True,
        )
    search.reindex()
    for query in ("peilbuizen", "peilbuiz", "bodemkaart or peilbuizen"):
        ranked = list(
            search.search(Bouwsteen.objects.published(), query)
            .order_by("-zoekscore", "naam", "pk")
            .values_list("naam", flat=True)
        )
        assert len(ranked) >= 13
        assert _paged(anonymous, query, 3, total=len(ranked)) == ranked, query


def _paged(anonymous, query: str, size: int, *, total: int | None = None) -> list:
    """The names of every page of a search in the API, following ``next``; each page
    says the total (exact) when one is given."""
    paged, url = [], f"/api/v1/bouwstenen?q={query}&pageSize={size}"
    while url:
        body = anonymous.get(url).json()
        if total is not None:
            assert (body["count"], body["countExact"]) == (total, True)
        paged += [item["naam"] for item in body["results"]]
        url = body.get("next")
    return paged


def test_pages_past_the_names_follow_the_ranking_and_skip_it_on_postgres(anonymous):
    """A word in no name or summary scores zero in every block it is found in, so the
    blocks tie and come in name order; on PostgreSQL a page past the leading rows is
    read in that order, without scoring every match. Paging gives the ranked list."""
    from django.test.utils import CaptureQueriesContext

    organisatie = OrganisatieFactory()
    for n in (3, 1, 4, 0, 2):
        BouwsteenFactory(
            organisatie=organisatie,
            naam=f"Kaartlaag {n}",
            beschrijving="Gemeten in peilbuizen.",
            gepubliceerd=True,
        )
    BouwsteenFactory(organisatie=organisatie, naam="Peilbuizen", gepubliceerd=True)
    BouwsteenFactory(organisatie=organisatie, naam="Zonder", gepubliceerd=True)
    search.reindex()
    for query, first in (("peilbuizen", ["Peilbuizen"]), ("gemeten", [])):
        expected = first + [f"Kaartlaag {n}" for n in range(5)]
        with CaptureQueriesContext(connection) as queries:
            paged = _paged(anonymous, query, 2, total=len(expected))
        assert paged == expected, query
        pages = [q["sql"] for q in queries if 'AS "_lijst"' in q["sql"]]
        assert len(pages) == 3
        if connection.vendor == "postgresql":
            # The first page of "peilbuizen" holds its name hit and is ranked; the
            # others (every page of "gemeten", found in no name) are not.
            ranked = [("ts_rank" in sql) for sql in pages]
            assert ranked == ([True, False, False] if first else [False] * 3), query


def test_a_word_postgres_splits_in_two_is_ranked_whole(anonymous):
    """PostgreSQL splits ``grond_water`` into two lexemes; a block with one of them in
    its name scores above zero without matching the word in its name. Such a query
    has no leading subset, so its pages are ranked, never read in name order."""
    organisatie = OrganisatieFactory()
    for naam, beschrijving in (
        ("Aardbeienteelt", "Grond en water."),
        ("Grondkaart", "Water onder de grond."),
        ("Grond", "Water in de polder."),
        ("Bodemvocht", "Grond water."),
    ):
        BouwsteenFactory(
            organisatie=organisatie,
            naam=naam,
            beschrijving=beschrijving,
            gepubliceerd=True,
        )
    search.reindex()
    ranked = list(
        search.search(Bouwsteen.objects.published(), "grond_water")
        .order_by("-zoekscore", "naam", "pk")
        .values_list("naam", flat=True)
    )
    assert ranked
    assert _paged(anonymous, "grond_water", 1, total=len(ranked)) == ranked
    if connection.vendor == "postgresql":
        assert ranked[0] == "Grond"


def test_a_word_in_more_names_than_the_cap_is_counted_as_more_than(
    anonymous, monkeypatch
):
    from core.paging import CappedPaginator

    _peilbuizen(6)
    monkeypatch.setattr(CappedPaginator, "cap", 4)
    body = anonymous.get(
        "/api/v1/bouwstenen", {"q": "peilbuizen", "pageSize": 2}
    ).json()
    assert (body["count"], body["countExact"]) == (4, False)
    assert [item["naam"] for item in body["results"]] == [
        "Peilbuizen 0",
        "Peilbuizen 1",
    ]
    monkeypatch.setattr(CappedPaginator, "cap", 7)
    body = anonymous.get("/api/v1/bouwstenen", {"q": "peilbuizen"}).json()
    assert (body["count"], body["countExact"]) == (7, True)
    assert body["results"][-1]["naam"] == "Bodemkaart"


@pytest.mark.postgresql
def test_postgres_pages_a_word_from_the_short_vector_when_it_fills_the_page(
    anonymous,
):
    from django.test.utils import CaptureQueriesContext

    organisatie = OrganisatieFactory()
    for n in range(4):
        BouwsteenFactory(
            organisatie=organisatie, naam=f"Peilbuizen {n}", gepubliceerd=True
        )
    search.reindex()
    with CaptureQueriesContext(connection) as queries:
        body = anonymous.get("/api/v1/bouwstenen", {"q": "peilbuizen", "pageSize": 2})
    assert body.json()["count"] == 4
    statements = [q["sql"] for q in queries]
    # One statement counts the leading rows and, only if needed, all of them.
    assert sum("CASE WHEN lead.n >" in s for s in statements) == 1
    page = next(s for s in statements if "ts_rank" in s and "LIMIT 2" in s)
    # The page's rows come from the short vector (the leading subset).
    assert page.count('"vector_kort" @@') == 1
    # All rows are those of the full vector, whose index counts them alone: "short or
    # full" made the planner scan every document (core.search.backends.postgresql).
    counting = next(s for s in statements if "CASE WHEN lead.n >" in s)
    all_rows = counting.split(" ELSE (", 1)[1].split(" alles) END", 1)[0]
    assert '"vector" @@' in all_rows
    assert '"vector_kort" @@' not in all_rows


@pytest.mark.postgresql
def test_postgres_suggests_from_the_short_vector_when_it_holds_enough(
    anonymous, monkeypatch
):
    """Suggestions pick from the best ranked blocks; those with the word in naam or
    samenvatting rank first, so when there are enough of them the rest is not ranked.
    Too few: the rest follows in name order, also unranked. The same names either way."""
    from django.test.utils import CaptureQueriesContext

    _peilbuizen(3)
    published = Bouwsteen.objects.published()
    ranked = search.find(published, "peilbuizen").queryset.order_by(
        "-zoekscore", "naam", "pk"
    )
    everything = list(ranked.values_list("uuid", "naam", "slug"))
    assert [row[1] for row in everything][-1] == "Bodemkaart"

    monkeypatch.setattr(search, "SUGGESTIONS_SEARCHED", 2)
    found = search.find(published, "peilbuizen")
    with CaptureQueriesContext(connection) as queries:
        best = search._best_blocks(found)
    assert best == everything[:2]
    assert len(queries) == 1
    assert '"vector_kort" @@' in queries[0]["sql"]

    monkeypatch.setattr(search, "SUGGESTIONS_SEARCHED", 10)
    found = search.find(published, "peilbuizen")
    with CaptureQueriesContext(connection) as queries:
        best = search._best_blocks(found)
    assert best == everything
    # Too few in the short vector: the rest ties at zero and is read in name order,
    # without being ranked.
    assert len(queries) == 2
    assert "ts_rank" not in queries[1]["sql"]


def _peilbuizen(in_names: int) -> None:
    """Published blocks named "Peilbuizen 0", "Peilbuizen 1", ..., and one, "Bodemkaart",
    with the word only in its beschrijving (found, but ranked last), indexed."""
    organisatie = OrganisatieFactory()
    for n in range(in_names):
        BouwsteenFactory(
            organisatie=organisatie, naam=f"Peilbuizen {n}", gepubliceerd=True
        )
    BouwsteenFactory(
        organisatie=organisatie,
        naam="Bodemkaart",
        beschrijving="Over peilbuizen.",
        gepubliceerd=True,
    )
    search.reindex()
