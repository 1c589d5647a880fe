"""The relevance set, grown for search that forgives (issue 18): misspellings, word order,
compounds split and joined, and exclusions, on the demo catalogue and the extra blocks,
on both databases. Kept apart from test_relevance.py, whose catalogue it shares."""

import pytest

from bouwstenen.models import Bouwsteen
from bouwstenen.search import find
from tests.search.test_relevance import _ranked
from tests.search.test_relevance import catalogue as catalogue  # the fixture

pytestmark = pytest.mark.django_db


# A misspelling finds what the right spelling finds, in the same order, and says which
# word it searched for instead. Typed as a data lead in a hurry would.
TYPOS = [
    ("jeugzorg", "jeugdzorg"),  # a letter left out
    ("verduurzamming", "verduurzaming"),  # a letter doubled
    ("hitestress", "hittestress"),
    ("betalingsachterstnd", "betalingsachterstanden"),  # the start of a longer word
    ("warmtetransite", "warmtetransitie"),
    ("stikstofdepositei", "stikstofdepositie"),  # two letters swapped
    ("laadpallen", "laadpalen"),
    ("dijkinspecies", "dijkinspecties"),
    ("algoritmeregster", "algoritmeregister"),
    ("vroegsignalring", "vroegsignalering"),
    ("grondwatr", "grondwater"),
    ("energielabl", "energielabel"),
    ("zaakgerigt", "zaakgericht"),  # a letter changed
    ("leerplight", "leerplicht"),
    ("wijkprofeil", "wijkprofiel"),
    ("Verkeersveilgheid", "verkeersveiligheid"),  # capital, letter left out
]


@pytest.mark.parametrize(("typo", "meant"), TYPOS, ids=[t for t, _m in TYPOS])
def test_a_misspelling_finds_what_the_right_spelling_finds(catalogue, typo, meant):
    answer = find(Bouwsteen.objects.published(), typo)
    assert answer.correction is not None, typo
    assert answer.correction.gezocht_op == meant
    assert _ranked(meant)
    assert _ranked(typo) == _ranked(meant)


# The result set of "a b" is that of "b a".
ORDERS = [
    ("warmte buurt", "buurt warmte"),
    ("energie monitor", "monitor energie"),
    ("jeugdzorg dashboard", "dashboard jeugdzorg"),
    ("open data", "data open"),
    ("grondwater droogte", "droogte grondwater"),
    ("laadpalen wijk", "wijk laadpalen"),
    ("schulden vroegsignalering", "vroegsignalering schulden"),
    ("meldingen openbare ruimte", "ruimte meldingen openbare"),
    ("pilot opschaling werkwijze", "werkwijze pilot opschaling"),
    ("open formulieren zaak", "zaak formulieren open"),
    ("energie label adres", "adres energie label"),
    ("woningen verduurzaming -loket", "-loket verduurzaming woningen"),
]


@pytest.mark.parametrize(("first", "second"), ORDERS, ids=[f for f, _s in ORDERS])
def test_word_order_never_changes_the_result_set(catalogue, first, second):
    assert set(_ranked(first)) == set(_ranked(second))


# A compound typed apart finds what it finds joined, and the other way round.
COMPOUNDS = [
    ("energie label", "energielabel"),
    ("hitte stress", "hittestress"),
    ("jeugdzorg dashboard", "jeugdzorgdashboard"),
    ("warmte transitie", "warmtetransitie"),
    ("grond water", "grondwater"),
    ("laad behoefte", "laadbehoefte"),
    ("verkeers veiligheid", "verkeersveiligheid"),
    ("algoritme register", "algoritmeregister"),
    ("droogte monitor", "droogtemonitor"),
    ("schuldhulp verlening", "schuldhulpverlening"),
]


@pytest.mark.parametrize(("split", "joined"), COMPOUNDS, ids=[s for s, _j in COMPOUNDS])
def test_a_compound_split_or_joined_finds_the_same_blocks(catalogue, split, joined):
    assert _ranked(joined)
    assert set(_ranked(split)) == set(_ranked(joined))


# Leaving out a word leaves out every block with it, and only those.
EXCLUSIONS = [
    ("-jeugdzorg", "jeugdzorg-dashboard-instroom-doorlooptijden", "laadpalen-dataset"),
    ("-hittestress", "hittestresskaart", "laadpalen-dataset"),
    ("laadpalen -dataset", "laadpalen-dataset", "laadbehoefte-prognosemodel"),
    (
        "dashboard -stikstof",
        "stikstofdepositie-dashboard-natura2000",
        "jeugdzorg-dashboard-instroom-doorlooptijden",
    ),
    ("-energielabel", "energielabel-per-adres-api", "hittestresskaart"),
    ("-jeugzorg", "jeugdzorg-dashboard-instroom-doorlooptijden", "laadpalen-dataset"),
]


@pytest.mark.parametrize(
    ("query", "absent", "present"), EXCLUSIONS, ids=[q for q, _a, _p in EXCLUSIONS]
)
def test_an_exclusion_leaves_out_the_blocks_with_the_word(
    catalogue, query, absent, present
):
    ranked = _ranked(query)
    assert absent not in ranked
    assert present in ranked


# A part of a compound finds the compound (index-time decompounding, core.search.compounds):
# none of these blocks has the part as a word of its own.
PARTS = [
    ("kaart", "hittestresskaart"),
    ("stress", "hittestresskaart"),
    ("loket", "verduurzamingsloket-woningeigenaren"),
    ("pijplijn", "woo-publicatie-pijplijn"),
    ("armoede", "energiearmoede-gerichte-isolatieaanpak"),
    ("register", "algoritmeregister-publiceren-werkwijze"),
    ("voorzieningen", "wmo-dashboard-maatwerkvoorzieningen"),
]


@pytest.mark.parametrize(("part", "slug"), PARTS, ids=[p for p, _s in PARTS])
def test_a_part_of_a_compound_finds_the_compound(catalogue, part, slug):
    assert slug in _ranked(part)


def test_a_block_that_names_the_part_itself_ranks_before_the_compound(catalogue):
    # "Wijkprofiel-dashboard" has "dashboard" as a word of its name; the parts of
    # "Jeugdzorgdashboard" are context, which ranking does not weigh.
    ranked = _ranked("dashboard")
    assert "jeugdzorg-dashboard-instroom-doorlooptijden" in ranked
    assert ranked.index("wijkprofiel-dashboard") < ranked.index(
        "jeugdzorg-dashboard-instroom-doorlooptijden"
    )
