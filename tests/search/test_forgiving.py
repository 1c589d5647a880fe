"""Search that forgives, on both databases: the vocabulary of the published catalogue,
corrections of misspelled words read from it alone, and compounds split and joined."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bouwstenen import search
from bouwstenen.models import Bouwsteen, Zoekwoord
from bouwstenen.search_index import INDEX
from core.search import text
from core.search.backends import get_backend
from core.search.forgiving import corrected, distance, forgive, nearest
from core.search.text import Compound
from registry.constants import Publicatiestatus
from tests.factories import BouwsteenFactory

pytestmark = pytest.mark.django_db


def vocabulary() -> dict[str, int]:
    return dict(Zoekwoord.objects.values_list("woord", "aantal"))


def found(query: str) -> list[str]:
    return list(
        search.search(Bouwsteen.objects.published(), query)
        .order_by("-zoekscore", "naam")
        .values_list("naam", flat=True)
    )


@pytest.fixture
def blocks():
    made = [
        BouwsteenFactory(
            naam="Jeugdzorgdashboard instroom",
            samenvatting="Wachttijden in de jeugdzorg per wijk.",
            gepubliceerd=True,
        ),
        BouwsteenFactory(
            naam="Energielabel per adres",
            samenvatting="Het energielabel van elke woning als open data.",
            gepubliceerd=True,
        ),
        BouwsteenFactory(
            naam="Verduurzaming woningvoorraad",
            samenvatting="Monitor van de verduurzaming van huurwoningen.",
            gepubliceerd=True,
        ),
        BouwsteenFactory(
            naam="Hitte in de stad",
            samenvatting="Een kaart van hitte stress per buurt.",
            gepubliceerd=True,
        ),
        BouwsteenFactory(naam="Geheim jeugdzorgplan", samenvatting="Nog een concept."),
    ]
    search.reindex()
    return made


# --- the vocabulary -------------------------------------------------------------------


def test_the_vocabulary_holds_the_published_words_and_how_many_blocks_use_them(blocks):
    words = vocabulary()
    assert words["jeugdzorg"] == 1  # the concept's "jeugdzorgplan" does not count
    assert words["energielabel"] == 1
    assert words["datatoepassing"] == 4  # the soort, in every block's context
    assert "jeugdzorgplan" not in words and "concept" not in words
    # Stop words, bare numbers and one- or two-letter words are no words to correct to.
    assert not {"de", "van", "het", "in"} & set(words)
    assert all(len(w) >= 3 and not w.isdigit() for w in words)


def test_reindexing_one_block_keeps_the_vocabulary_as_a_full_rebuild_would(blocks):
    dashboard, label, _monitor, _hitte, concept = blocks
    Bouwsteen.objects.filter(pk=dashboard.pk).update(
        naam="Jeugdhulpdashboard instroom", samenvatting="Wachttijden per wijk."
    )
    Bouwsteen.objects.filter(pk=label.pk).update(
        publicatiestatus=Publicatiestatus.GEARCHIVEERD
    )
    Bouwsteen.objects.filter(pk=concept.pk).update(
        publicatiestatus=Publicatiestatus.GEPUBLICEERD, gepubliceerd_op=timezone.now()
    )
    search.reindex([dashboard.pk, label.pk, concept.pk])
    incremental = vocabulary()

    assert "jeugdzorgdashboard" not in incremental  # the only block with it changed
    assert incremental["jeugdhulpdashboard"] == 1
    assert "energielabel" not in incremental  # archived: no longer published
    assert incremental["jeugdzorgplan"] == 1  # published now
    assert incremental["wijk"] == 1  # still used by the dashboard
    search.reindex()
    assert vocabulary() == incremental


def test_a_renamed_word_can_no_longer_be_a_correction(blocks):
    dashboard = blocks[0]
    Bouwsteen.objects.filter(pk=dashboard.pk).update(naam="Dashboard instroom")
    Bouwsteen.objects.filter(pk=dashboard.pk).update(samenvatting="Per wijk.")
    search.reindex([dashboard.pk])
    assert search.find(Bouwsteen.objects.published(), "jeugzorg").correction is None


# --- corrections ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("jeugzorg", "jeugdzorg"),  # a letter left out
        ("jeugdzorgg", "jeugdzorg"),  # one too many
        ("jeugdzrog", "jeugdzorg"),  # two swapped
        ("verduurzamming", "verduurzaming"),
        ("energielabl", "energielabel"),
        ("Energeilabel", "energielabel"),  # capitals and a swap
    ],
)
def test_a_misspelled_word_is_corrected_and_the_correction_searched(
    blocks, typed, meant
):
    answer = search.find(Bouwsteen.objects.published(), typed)
    assert answer.correction is not None
    assert answer.correction.suggestie == meant
    assert answer.correction.gezocht_op == meant
    assert found(typed) == found(meant) != []


def test_only_the_misspelled_word_changes_in_the_suggestion(blocks):
    answer = search.find(Bouwsteen.objects.published(), "Jeugzorg  -Energielabel")
    assert answer.correction.suggestie == "jeugdzorg  -Energielabel"
    assert found("Jeugzorg -Energielabel") == ["Jeugdzorgdashboard instroom"]


def test_a_misspelled_exclusion_is_corrected_too(blocks):
    answer = search.find(Bouwsteen.objects.published(), "-jeugzorg")
    assert answer.correction.suggestie == "-jeugdzorg"
    assert "Jeugdzorgdashboard instroom" not in found("-jeugzorg")
    assert len(found("-jeugzorg")) == 3


@pytest.mark.parametrize(
    "query",
    [
        "jeugdzorg",  # a word of the catalogue
        "jeugd",  # the start of one
        "verduurzamen",  # its stem is a word's stem
        "stad",  # too short to correct
        "xylofoonmuziek",  # nothing close: nothing found, nothing suggested
    ],
)
def test_known_short_and_hopeless_words_are_not_corrected(blocks, query):
    assert search.find(Bouwsteen.objects.published(), query).correction is None


def test_a_correction_reads_the_vocabulary_and_never_the_blocks(blocks):
    query = text.parse("jeugzorg verduurzamming")
    with CaptureQueriesContext(connection) as queries:
        searched, fixes = forgive(query, get_backend().vocabulary(INDEX))
    assert fixes == {"jeugzorg": "jeugdzorg", "verduurzamming": "verduurzaming"}
    assert queries.captured_queries
    for executed in queries.captured_queries:
        sql = executed["sql"].lower()
        assert "bouwstenen_zoekwoord" in sql
        assert "bouwstenen_bouwsteen" not in sql and "zoekdocument" not in sql
        assert "zoekindex" not in sql


def test_an_ordinary_query_costs_one_read_of_the_vocabulary(blocks):
    query = text.parse("wachttijden hittestress")
    with CaptureQueriesContext(connection) as queries:
        searched, fixes = forgive(query, get_backend().vocabulary(INDEX))
    # Whether each word is known, whether the two join and whether they split, in
    # one statement.
    assert len(queries.captured_queries) == 1
    assert not fixes
    assert searched.groups[1][0] == Compound(("hittestress",), ("hitte", "stress"))


def test_the_search_functions_that_forgive_and_the_one_that_does_not(blocks):
    # Similar blocks search with stems, which are no typed words: nothing to correct.
    assert search.find(Bouwsteen.objects.published(), "jeugzorg").correction
    plain = search.find(Bouwsteen.objects.published(), "jeugzorg", forgiving=False)
    assert plain.correction is None and not plain.queryset.exists()


# --- compounds and word order ---------------------------------------------------------


@pytest.mark.parametrize(
    ("split", "joined"),
    [
        ("energie label", "energielabel"),
        ("label energie", "energielabel"),
        ("jeugdzorg dashboard", "jeugdzorgdashboard"),
        ("hitte stress", "hittestress"),
    ],
)
def test_split_and_joined_compounds_find_the_same_blocks(blocks, split, joined):
    assert set(found(split)) == set(found(joined))


def test_a_joined_word_finds_the_blocks_that_write_it_apart(blocks):
    # "Hitte in de stad" writes "hitte stress"; "hittestress" is a word of nobody.
    assert "Hitte in de stad" in found("hitte stress")
    assert found("energielabel") == ["Energielabel per adres"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("wijk jeugdzorg", "jeugdzorg wijk"),
        ("woning verduurzaming", "verduurzaming woning"),
        ("energie label adres", "adres label energie"),
        ("dashboard -energie", "-energie dashboard"),
    ],
)
def test_word_order_never_changes_what_is_found(blocks, first, second):
    assert set(found(first)) == set(found(second))


# --- the pure parts -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "edits"),
    [
        ("jeugdzorg", "jeugdzorg", 0),
        ("jeugzorg", "jeugdzorg", 1),
        ("jeugdzrog", "jeugdzorg", 1),
        ("verduurzamming", "verduurzaming", 1),
        ("wijk", "wonen", 4),
    ],
)
def test_edit_distance(a, b, edits):
    assert distance(a, b, limit=5) == edits
    # Beyond the limit, the answer is only "too far".
    assert distance(a, b, limit=0) == min(edits, 1)


def test_the_nearest_word_is_the_fewest_edits_then_a_whole_word_then_the_most_used():
    assert nearest("jeugzorg", [("jeugdzorg", 1), ("jeugdzorgplan", 9)]) == "jeugdzorg"
    assert nearest("wonig", [("woning", 1), ("wonin", 5)]) == "wonin"
    assert (
        nearest("betalingsachterstnd", [("betalingsachterstanden", 2)])
        == "betalingsachterstanden"
    )
    assert nearest("jeugzorg", [("jeugzorg", 3)]) is None  # itself: not a correction
    assert nearest("abcdef", [("uvwxyz", 9)]) is None


def test_a_suggestion_keeps_what_was_typed_around_the_corrected_words():
    fixes = {"jeugzorg": "jeugdzorg"}
    assert corrected('"Jeugzorg" Amsterdam ', fixes) == '"jeugdzorg" Amsterdam'
