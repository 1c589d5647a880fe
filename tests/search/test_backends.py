"""One backend per database, chosen once, and a leading subset only where it is known."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

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


@pytest.mark.postgresql
def test_a_write_leaves_nothing_queued_that_every_search_would_scan():
    """GIN indexes queue new entries in a pending list that each search reads whole until
    a vacuum merges it (bouwstenen migration 0025): the search indexes take them at once."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.reloptions FROM pg_index i"
            " JOIN pg_class c ON c.oid = i.indexrelid"
            " JOIN pg_am a ON a.oid = c.relam"
            " WHERE a.amname = 'gin'"
            " AND i.indrelid = 'bouwstenen_zoekdocument'::regclass"
        )
        indexes = dict(cursor.fetchall())
    assert len(indexes) == 3
    assert all("fastupdate=off" in (options or []) for options in indexes.values())
    for n in range(5):
        BouwsteenFactory(naam=f"Peilbuizen {n}", gepubliceerd=True)
    search.reindex()
    with connection.cursor() as cursor:
        for index in indexes:
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
            assert cursor.fetchone()[0] == 0, index


@pytest.mark.postgresql
def test_the_vectors_stored_with_a_document_are_those_of_its_stored_texts():
    """The vectors are computed in the INSERT that stores the texts; they are what
    PostgreSQL makes of the texts as stored, weights included (A naam to D context;
    the short vector only the fields that rank)."""
    BouwsteenFactory(
        naam="Grondwater peilbeheer",
        samenvatting="Peilbuizen in de polder, elke dag gemeten.",
        beschrijving="## Wat\n\nMetingen van het **grondwater**.",
        gepubliceerd=True,
    )
    leeg = BouwsteenFactory(
        naam="Zonder samenvatting", samenvatting="", gepubliceerd=True
    )
    search.reindex()
    # In the INSERT: no UPDATE of the row just written, and no savepoint of its own.
    # (A changed text: a document whose texts stay the same is not written again.)
    leeg.beschrijving = "Nu met een beschrijving."
    with CaptureQueriesContext(connection) as captured:
        search.reindex_written(leeg)
    statements = [q["sql"] for q in captured.captured_queries]
    assert any(
        s.startswith('INSERT INTO "bouwstenen_zoekdocument"') for s in statements
    )
    assert not [
        s for s in statements if s.startswith('UPDATE "bouwstenen_zoekdocument"')
    ]
    assert not [s for s in statements if "SAVEPOINT" in s]
    full = " || ".join(
        f"setweight(to_tsvector('registry_nl', COALESCE({f.name}, '')), '{label}')"
        for label, f in zip("ABCD", INDEX.fields, strict=False)
    )
    short = " || ".join(
        f"setweight(to_tsvector('registry_nl', COALESCE({f.name}, '')), '{label}')"
        for label, f in zip("ABCD", INDEX.fields, strict=False)
        if f.weight > 0
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*), count(*) FILTER (WHERE vector = {full}"  # noqa: S608
            f" AND vector_kort = {short} AND vector <> ''::tsvector)"
            " FROM bouwstenen_zoekdocument"
        )
        total, equal = cursor.fetchone()
    assert total == 2 and equal == 2


@pytest.mark.sqlite
def test_sqlite_scores_the_matches_in_one_full_text_query_per_statement():
    """The bm25 scores come from one materialised full-text query, looked up per
    block; run as a co-routine per block it made a common word quadratic (a word in
    87% of 1,000 blocks: 278 ms for a page)."""
    for n in range(30):
        BouwsteenFactory(
            naam=f"Gemeentelijke kaart {n}",
            samenvatting="Voor de gemeente." if n % 2 else "Een kaart.",
            gepubliceerd=True,
        )
    search.reindex()
    found = search.find(Bouwsteen.objects.published(), "gemeente")
    page = found.queryset.order_by("-zoekscore", "naam", "pk").values_list("naam")[:5]
    sql, params = page.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = [row[-1] for row in cursor.fetchall()]
    assert "MATERIALIZE zoekscores" in plan
    assert "CO-ROUTINE zoekscores" not in plan
    ranked = [naam for (naam,) in page]
    # The blocks with the word in their summary too rank first, by name.
    assert ranked == [f"Gemeentelijke kaart {n}" for n in (1, 11, 13, 15, 17)]
