""" "Bestaat dit al?" catches the obvious duplicates: a new name as a civil servant would
type it against the existing block it repeats, on the demo catalogue, on both databases.
"""

import pytest

from bouwstenen.duplicates import likeness_in_words, possible_duplicates
from bouwstenen.models import Bouwsteen

pytestmark = pytest.mark.django_db

PAIRS = [
    ("Jeugdzorg dashboard", "jeugdzorg-dashboard-instroom-doorlooptijden"),
    (
        "Dashboard doorlooptijden jeugdzorg",
        "jeugdzorg-dashboard-instroom-doorlooptijden",
    ),
    ("Jeugzorgdashboard", "jeugdzorg-dashboard-instroom-doorlooptijden"),
    ("Wijkprofiel dashboard", "wijkprofiel-dashboard"),
    ("WMO dashboard", "wmo-dashboard-maatwerkvoorzieningen"),
    ("Dashboard schoolverlaters", "dashboard-voortijdig-schoolverlaten"),
    ("Stikstof dashboard Natura 2000", "stikstofdepositie-dashboard-natura2000"),
    ("Model vroegsignalering schulden", "vroegsignalering-schulden-model"),
    ("Beeldherkenning dijken", "dijkinspectie-beeldherkenning-model"),
    ("Peilbeheer voorspellen", "peilbeheer-voorspellend-model"),
    ("Warmtetransitie data pijplijn", "warmtetransitie-datapijplijn-per-wijk"),
    ("Woo publicatie pijplijn", "woo-publicatie-pijplijn"),
    ("Zaakgericht werken pijplijn", "zaakgericht-werken-datapijplijn"),
    ("Verkeerstellingen datapijplijn", "mobiliteitsdata-pijplijn-verkeerstellingen"),
    ("Energielabel API", "energielabel-per-adres-api"),
    ("Bomen registratie Objecten API", "objecten-api-bomenregistratie"),
    ("Regelingen check minimaregelingen", "regelingencheck-api-minimaregelingen"),
    ("Laadpalen dataset", "laadpalen-dataset"),
    ("Dataset meldingen openbare ruimte", "meldingen-openbare-ruimte-dataset"),
    ("Algoritme management toolkit", "algoritme-management-toolkit"),
    ("Afvalinzameling vulgraad sensoren", "slimme-inzameling-vulgraadsensoren"),
    ("Droogte monitor grondwater", "droogtemonitor-grondwater-agrariers"),
    ("DPIA werkwijze", "dpia-werkwijze-datapilots"),
    ("Algoritmeregister publiceren", "algoritmeregister-publiceren-werkwijze"),
    ("Verduurzaming woningen monitor", "verduurzaming-woningvoorraad-monitor"),
    ("Parkeerdruk deelmobiliteit", "parkeerdruk-en-deelmobiliteit-binnenstad"),
]


def duplicates(naam: str, samenvatting: str = "") -> list[tuple[str, float, str]]:
    return [
        (b.slug, score, words)
        for b, score, words in possible_duplicates(
            Bouwsteen.objects.published(), naam=naam, samenvatting=samenvatting
        )
    ]


@pytest.mark.parametrize(("naam", "existing"), PAIRS, ids=[n for n, _e in PAIRS])
def test_the_obvious_duplicate_is_named_first_and_said_to_look_alike(
    demo_catalogue, naam, existing
):
    found = duplicates(naam)
    assert found, naam
    slug, score, words = found[0]
    assert slug == existing, found[:3]
    assert words in {"lijkt sterk op", "lijkt op"}, (score, words)


def test_a_summary_counts_too(demo_catalogue):
    without = {s: score for s, score, _w in duplicates("Dashboard wachttijden")}
    summary = "Instroom en doorlooptijden van de jeugdzorg per aanbieder."
    with_summary = duplicates("Dashboard wachttijden", summary)
    assert with_summary[0][0] == "jeugdzorg-dashboard-instroom-doorlooptijden"
    assert with_summary[0][1] > without.get(with_summary[0][0], 0)


def test_an_unrelated_name_finds_no_duplicate(demo_catalogue):
    assert duplicates("Xylofoonmuziek in de bibliotheek") == []


@pytest.mark.parametrize(
    ("score", "words"),
    [(0.9, "lijkt sterk op"), (0.6, "lijkt sterk op"), (0.45, "lijkt op")],
)
def test_the_likeness_is_said_in_words(score, words):
    assert likeness_in_words(score) == words
    assert likeness_in_words(0.3) == "heeft iets gemeen met"
