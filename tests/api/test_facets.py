"""Facet counts: the same filters as the list, and every count equals what the list returns."""

import pytest

from bouwstenen import search
from bouwstenen.models import Opschalingsantwoord
from registry.models import Laag, Organisatie, Referentiecomponent, Thema
from tests.api.helpers import assert_problem, invalid_names
from tests.factories import BouwsteenFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/bouwstenen"
FACETS = "/api/v1/bouwstenen/facetten"
DIMENSIONS = [
    "soort",
    "levensfase",
    "thema",
    "laag",
    "referentiecomponent",
    "organisatieSoort",
    "organisatie",
    "licentie",
]
# Dimensions where a block has exactly one value: their counts add up to the total.
SINGLE_VALUED = {"soort", "levensfase", "organisatieSoort", "organisatie", "licentie"}


@pytest.fixture
def catalogue(cast):
    """Nine blocks of four organisations that differ in every dimension, and a draft."""
    provincie = Organisatie.objects.get(code="PV26")
    waterschap = Organisatie.objects.filter(soort="waterschap").first()
    components = list(Referentiecomponent.objects.order_by("naam")[:3])
    rows = [
        # naam, organisatie, soort, levensfase, licentie, thema's, lagen, components
        ("Jeugdzorgdashboard wachttijden", cast.amsterdam, "datatoepassing",
         "productie", "EUPL-1.2", ["jeugdzorg"], ["interactie", "data"], [0]),
        ("Schuldhulp voorspelmodel", cast.amsterdam, "datatoepassing",
         "pilot", "EUPL-1.2", ["armoede-en-schulden"], ["services"], [0, 1]),
        ("Werkwijze vroegsignalering schulden", cast.utrecht, "werkwijze",
         "pilot", "CC-BY-4.0", ["armoede-en-schulden", "jeugdzorg"], ["proces"], []),
        ("Warmtetransitie wijkaanpak", provincie, "use-case",
         "idee", "EUPL-1.2 OR MIT", ["verduurzaming"], ["data"], [2]),
        ("Dijkbewaking sensordata", waterschap, "datatoepassing",
         "opschaling", "MIT", ["veiligheid"], ["integratie", "data"], [2]),
        ("Jeugdhulp wachtlijstmonitor", cast.utrecht, "datatoepassing",
         "pilot", "EUPL-1.2", ["jeugdzorg"], ["data"], [0]),
        ("Energiearmoede in kaart", cast.utrecht, "use-case",
         "productie", "EUPL-1.2", ["verduurzaming", "armoede-en-schulden"], ["data"], [1]),
        ("Werkwijze datagedreven jeugdbeleid", provincie, "werkwijze",
         "uitgefaseerd", "CC-BY-4.0", ["jeugdzorg"], [], [1]),
        ("Woningtoewijzing dashboard", cast.amsterdam, "datatoepassing",
         "idee", "MIT", ["wonen"], ["interactie"], []),
    ]  # fmt: skip
    blocks = []
    for naam, org, soort, fase, licentie, themas, lagen, comps in rows:
        bouwsteen = BouwsteenFactory(
            naam=naam,
            organisatie=org,
            soort=soort,
            levensfase=fase,
            licentie=licentie,
            gepubliceerd=True,
            samenvatting=f"{naam}: een bouwsteen voor gemeenten.",
        )
        bouwsteen.themas.set(Thema.objects.filter(slug__in=themas))
        bouwsteen.lagen.set(Laag.objects.filter(slug__in=lagen))
        bouwsteen.referentiecomponenten.set([components[i] for i in comps])
        blocks.append(bouwsteen)
    # A score for some, so opschalingsscoreMin selects something.
    for bouwsteen, antwoord in zip(
        blocks[:4], ["ja", "ja", "deels", "nee"], strict=True
    ):
        for voorwaarde in ("dpia", "roadmap", "documentatie"):
            Opschalingsantwoord.objects.create(
                bouwsteen=bouwsteen, voorwaarde=voorwaarde, antwoord=antwoord
            )
    # A draft: members count it, strangers do not.
    draft = BouwsteenFactory(
        naam="Concept jeugdzorg", organisatie=cast.amsterdam, soort="werkwijze"
    )
    draft.themas.set(Thema.objects.filter(slug="jeugdzorg"))
    search.reindex()
    return {"blocks": blocks, "components": components}


def list_count(client, params: dict) -> int:
    response = client.get(LIST, params)
    assert response.status_code == 200, response.content
    return response.json()["count"]


COMBINATIONS = [
    {},
    {"soort": "datatoepassing"},
    {"thema": "jeugdzorg", "levensfase": "pilot"},
    {"thema": "jeugdzorg,armoede-en-schulden"},
    {"organisatieSoort": "gemeente", "laag": "data"},
    {"q": "schulden"},
    {"q": "jeugd", "soort": "datatoepassing,werkwijze"},
    {"licentie": "eupl-1.2"},
    {"opschalingsscoreMin": "50"},
    {"levensfase": "pilot,productie", "organisatie": "GM0344", "sort": "-naam"},
]


@pytest.mark.parametrize("role", [None, "redacteur"])
@pytest.mark.parametrize("params", COMBINATIONS)
def test_each_facet_count_equals_the_list_count(client_for, catalogue, params, role):
    client = client_for(role)
    response = client.get(FACETS, params)
    assert response.status_code == 200, response.content
    counts = response.json()
    assert list(counts) == DIMENSIONS
    for dimension in DIMENSIONS:
        others = {k: v for k, v in params.items() if k != dimension}
        for option in counts[dimension]:
            assert option["aantal"] > 0 and option["naam"]
            chosen = list_count(client, {**others, dimension: option["waarde"]})
            assert option["aantal"] == chosen, (dimension, option)
        if dimension in SINGLE_VALUED:
            # Nothing is missing: the values add up to what the list shows without it.
            total = sum(option["aantal"] for option in counts[dimension])
            assert total == list_count(client, others), dimension


def test_a_dimensions_own_filter_does_not_narrow_its_counts(anonymous, catalogue):
    all_soorten = anonymous.get(FACETS).json()["soort"]
    chosen = anonymous.get(FACETS, {"soort": "werkwijze"}).json()
    assert chosen["soort"] == all_soorten
    assert sum(o["aantal"] for o in chosen["levensfase"]) == 2


def test_members_count_their_own_drafts(client_for, catalogue):
    def werkwijzen(client):
        counts = client.get(FACETS).json()["soort"]
        return {o["waarde"]: o["aantal"] for o in counts}["werkwijze"]

    assert werkwijzen(client_for(None)) == 2
    assert werkwijzen(client_for("redacteur")) == 3
    assert werkwijzen(client_for("ander")) == 2


def test_values_carry_their_natural_keys_and_names(anonymous, catalogue):
    counts = anonymous.get(FACETS).json()
    thema = {o["waarde"]: o for o in counts["thema"]}["jeugdzorg"]
    assert thema == {"waarde": "jeugdzorg", "naam": "Jeugdzorg", "aantal": 4}
    assert {"waarde": "datatoepassing", "naam": "Datatoepassing", "aantal": 5} in (
        counts["soort"]
    )
    gemma_id = str(catalogue["components"][0].gemma_id)
    assert gemma_id in {o["waarde"] for o in counts["referentiecomponent"]}
    assert {o["waarde"] for o in counts["licentie"]} == {
        "EUPL-1.2",
        "CC-BY-4.0",
        "EUPL-1.2 OR MIT",
        "MIT",
    }


@pytest.mark.parametrize(
    "params",
    [
        {"soort": "app"},
        {"thema": "bestaat-niet"},
        {"levensfase": ""},
        {"gewijzigdSinds": "gisteren"},
        {"opschalingsscoreMin": "veel"},
        {"sort": "kleur"},
        {"q": "x" * 501},
        {"organisatie": "GM0363", "referentiecomponent": "geen-uuid"},
    ],
)
def test_invalid_filters_give_the_same_problem_as_the_list(
    anonymous, catalogue, params
):
    facets = anonymous.get(FACETS, params)
    listed = anonymous.get(LIST, params)
    body = assert_problem(facets, 400, "invalid")
    assert_problem(listed, 400, "invalid")
    assert body["invalidParams"] == listed.json()["invalidParams"]


def test_a_very_long_query_is_a_400_naming_q(anonymous, catalogue):
    for path in (LIST, FACETS, "/api/v1/suggesties"):
        response = anonymous.get(path, {"q": "jeugdzorg " * 60})
        assert_problem(response, 400, "invalid")
        assert invalid_names(response) == {"q"}, path


# Quotes, operators, SQL and FTS5 syntax, control characters: text, never an error.
ODD_QUERIES = [
    '"',
    '"jeugdzorg',
    "*",
    "jeugd*",
    ":",
    "naam:jeugd",
    "(",
    "(jeugd OR",
    "NEAR",
    "NEAR(jeugd schulden)",
    "'",
    "'; DROP TABLE bouwstenen_bouwsteen; --",
    "-",
    "--jeugd",
    "or",
    "jeugd or",
    "^",
    "\\",
    "%",
    "_",
    "\x01\x02",
    "jeugd\tzorg\n",
    "AND OR NOT",
    "{}[]",
    "💡 jeugd",
    "   ",
]


@pytest.mark.parametrize("q", ODD_QUERIES)
def test_syntax_characters_never_cause_an_error(anonymous, catalogue, q):
    for path in (LIST, FACETS, "/api/v1/suggesties"):
        response = anonymous.get(path, {"q": q})
        assert response.status_code in (200, 400), (path, q, response.content)
        if response.status_code == 400:
            assert invalid_names(response) == {"q"}
    response = anonymous.post(
        "/api/v1/bouwstenen/vergelijkbaar",
        {"naam": q or "x", "samenvatting": q},
        format="json",
    )
    assert response.status_code in (200, 400), (q, response.content)


def test_a_nul_character_is_refused_naming_q(anonymous, catalogue):
    for path in (LIST, FACETS, "/api/v1/suggesties"):
        response = anonymous.get(path, {"q": "jeugd\x00zorg"})
        assert_problem(response, 400)
        assert invalid_names(response) == {"q"}


@pytest.mark.parametrize("value", ["-1", "100.5", "veel", "", "nan", "inf"])
def test_a_wrong_minimum_score_is_a_400(anonymous, catalogue, value):
    response = anonymous.get(LIST, {"opschalingsscoreMin": value})
    assert_problem(response, 400)
    assert invalid_names(response) == {"opschalingsscoreMin"}
