"""Each filter of the list, several values of one filter, unknown values, and sorting."""

from datetime import timedelta

import pytest

from django.utils import timezone

from bouwstenen import search
from bouwstenen.models import Bouwsteen
from registry.models import Laag, Organisatie, Referentiecomponent, Thema
from tests.api.helpers import assert_problem, invalid_names, updated_quietly
from tests.factories import BouwsteenFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/bouwstenen"


@pytest.fixture
def catalogue(db):
    """Four published blocks that differ in every filtered property."""
    amsterdam = Organisatie.objects.get(code="GM0363")
    utrecht = Organisatie.objects.get(code="GM0344")
    provincie = Organisatie.objects.get(code="PV26")
    components = list(Referentiecomponent.objects.order_by("naam")[:3])

    def block(naam, organisatie, *, themas, lagen, component, **values):
        bouwsteen = BouwsteenFactory(
            naam=naam, organisatie=organisatie, gepubliceerd=True, **values
        )
        bouwsteen.themas.set(Thema.objects.filter(slug__in=themas))
        bouwsteen.lagen.set(Laag.objects.filter(slug__in=lagen))
        bouwsteen.referentiecomponenten.set([component])
        return bouwsteen

    blocks = {
        "dashboard": block(
            "Jeugdzorgdashboard",
            amsterdam,
            themas=["jeugdzorg"],
            lagen=["interactie", "data"],
            component=components[0],
            soort="datatoepassing",
            levensfase="productie",
            licentie="EUPL-1.2",
            samenvatting="Wachttijden in de jeugdhulp per stadsdeel.",
        ),
        "werkwijze": block(
            "Werkwijze datagedreven armoedebeleid",
            utrecht,
            themas=["armoede-en-schulden"],
            lagen=["proces"],
            component=components[1],
            soort="werkwijze",
            levensfase="pilot",
            licentie="CC-BY-4.0",
            samenvatting="Hoe een gemeente vroegsignalering inricht.",
        ),
        "usecase": block(
            "Use case warmtetransitie",
            provincie,
            themas=["verduurzaming", "jeugdzorg"],
            lagen=["data"],
            component=components[2],
            soort="use-case",
            levensfase="idee",
            licentie="EUPL-1.2 OR MIT",
            samenvatting="Warmteplannen per wijk uit open data.",
        ),
        "model": block(
            "Voorspelmodel schulden",
            utrecht,
            themas=["armoede-en-schulden"],
            lagen=["services"],
            component=components[0],
            soort="datatoepassing",
            levensfase="opschaling",
            licentie="MIT",
            samenvatting="Schulden eerder signaleren met een model.",
        ),
    }
    search.reindex()
    blocks["components"] = components
    return blocks


def found(client, **params) -> list[str]:
    response = client.get(LIST, params)
    assert response.status_code == 200, response.content
    return sorted(item["naam"] for item in response.json()["results"])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"soort": "werkwijze"}, ["werkwijze"]),
        ({"soort": "datatoepassing"}, ["dashboard", "model"]),
        ({"levensfase": "pilot"}, ["werkwijze"]),
        ({"thema": "jeugdzorg"}, ["dashboard", "usecase"]),
        ({"laag": "data"}, ["dashboard", "usecase"]),
        ({"organisatie": "GM0344"}, ["model", "werkwijze"]),
        ({"organisatieSoort": "provincie"}, ["usecase"]),
        ({"licentie": "EUPL-1.2"}, ["dashboard"]),
        ({"licentie": "eupl-1.2 or mit"}, ["usecase"]),
        ({"q": "wachttijden"}, ["dashboard"]),
        ({"q": "schulden"}, ["model", "werkwijze"]),
        ({"soort": "datatoepassing", "organisatie": "GM0344"}, ["model"]),
    ],
)
def test_each_filter(anonymous, catalogue, params, expected):
    assert found(anonymous, **params) == sorted(catalogue[key].naam for key in expected)


def test_referentiecomponent_filter_by_gemma_id(anonymous, catalogue):
    gemma_id = str(catalogue["components"][0].gemma_id)
    assert found(anonymous, referentiecomponent=gemma_id) == sorted(
        [catalogue["dashboard"].naam, catalogue["model"].naam]
    )


@pytest.mark.parametrize(
    "moment",
    ["9732-08-15T18:20:49-20:04", "2024-01-01T00:00:00+23:59", "0001-01-02T00:00:00Z"],
)
def test_moments_far_away_or_far_off_utc_are_compared_in_utc(
    anonymous, catalogue, moment
):
    response = anonymous.get(LIST, {"gewijzigdSinds": moment})
    assert response.status_code == 200, response.content


@pytest.mark.parametrize("moment", ["9999-12-31T23:00:00-20:00", "0001-01-01T00:00:00"])
def test_a_moment_utc_cannot_hold_is_a_400(anonymous, catalogue, moment):
    response = anonymous.get(LIST, {"gewijzigdSinds": moment})
    assert_problem(response, 400)
    assert invalid_names(response) == {"gewijzigdSinds"}


def test_gewijzigd_sinds(anonymous, catalogue):
    old = timezone.now() - timedelta(days=30)
    others = Bouwsteen.objects.exclude(pk=catalogue["model"].pk)
    others.update(gewijzigd_op=old)
    updated_quietly(others)
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert found(anonymous, gewijzigdSinds=since) == [catalogue["model"].naam]


@pytest.mark.parametrize(
    "query",
    ["?soort=werkwijze&soort=use-case", "?soort=werkwijze,use-case"],
)
def test_several_values_of_one_filter_select_any_of_them(anonymous, catalogue, query):
    response = anonymous.get(LIST + query)
    assert sorted(item["naam"] for item in response.json()["results"]) == sorted(
        [catalogue["werkwijze"].naam, catalogue["usecase"].naam]
    )


def test_a_block_matching_two_chosen_themas_appears_once(anonymous, catalogue):
    names = found(anonymous, thema="jeugdzorg,verduurzaming")
    assert names == sorted([catalogue["dashboard"].naam, catalogue["usecase"].naam])
    response = anonymous.get(LIST, {"thema": "jeugdzorg,verduurzaming"})
    assert response.json()["count"] == 2


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"soort": "app"}, "soort"),
        ({"levensfase": "klaar"}, "levensfase"),
        ({"thema": "bestaat-niet"}, "thema"),
        ({"laag": "fundament"}, "laag"),
        ({"organisatie": "GM9999"}, "organisatie"),
        ({"organisatieSoort": "bedrijf"}, "organisatieSoort"),
        ({"referentiecomponent": "geen-uuid"}, "referentiecomponent"),
        (
            {"referentiecomponent": "00000000-0000-0000-0000-000000000000"},
            "referentiecomponent",
        ),
        ({"licentie": "Gemeentelicentie-1.0"}, "licentie"),
        ({"gewijzigdSinds": "gisteren"}, "gewijzigdSinds"),
        ({"sort": "prijs"}, "sort"),
        ({"q": "x" * 501}, "q"),
        ({"soort": "werkwijze,app"}, "soort"),
        ({"gewijzigdSinds": ""}, "gewijzigdSinds"),
        ({"laag": ""}, "laag"),
        ({"soort": "werkwijze,"}, "soort"),
        ({"thema": ""}, "thema"),
        ({"organisatie": ""}, "organisatie"),
        ({"licentie": ""}, "licentie"),
        ({"referentiecomponent": ""}, "referentiecomponent"),
        ({"sort": "naam,"}, "sort"),
        ({"sort": ","}, "sort"),
        ({"sort": ""}, "sort"),
    ],
)
def test_unknown_filter_values_are_refused_with_invalid_params(
    anonymous, catalogue, params, name
):
    response = anonymous.get(LIST, params)
    body = assert_problem(response, 400, "invalid")
    assert invalid_names(response) == {name}
    assert all(param["reason"] and param["code"] for param in body["invalidParams"])


def test_unknown_query_parameters_are_ignored(anonymous, catalogue):
    assert anonymous.get(LIST, {"kleur": "blauw"}).status_code == 200
    # format is the list's own parameter since the export (csv or xlsx; another value is
    # a 400, tests/api/test_export.py); elsewhere the API does not know it.
    facets = anonymous.get(f"{LIST}/facetten", {"kleur": "blauw", "format": "xml"})
    assert facets.status_code == 200


@pytest.mark.parametrize("role", [None, "redacteur"], ids=["anoniem", "lid"])
def test_a_list_without_filters_is_the_list_with_empty_filters(
    client_for, catalogue, role, django_assert_max_num_queries
):
    """Without any of its parameters the filter set is left out (core.api.filters):
    the answer is the one the filter set gives with all of them empty."""
    client = client_for(role)
    plain = client.get(LIST, {"kleur": "blauw"}).json()
    empty = client.get(LIST, {"thema": [], "soort": [], "sort": "naam", "q": ""}).json()
    assert plain == empty
    assert [item["naam"] for item in plain["results"]] == sorted(
        item["naam"] for item in plain["results"]
    )
    if role is None:
        assert len(plain["results"]) == Bouwsteen.objects.published().count()
        with django_assert_max_num_queries(2):
            client.get(LIST)


def test_nul_characters_never_reach_the_database(anonymous, catalogue):
    for params in (
        {"thema": "jeugd\x00zorg"},
        {"q": "jeugd\x00"},
        {"organisatie": "\x00"},
    ):
        assert_problem(anonymous.get(LIST, params), 400)


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("naam", ["dashboard", "usecase", "model", "werkwijze"]),
        ("-naam", ["werkwijze", "model", "usecase", "dashboard"]),
        ("gepubliceerdOp", ["werkwijze", "model", "dashboard", "usecase"]),
        ("-gepubliceerdOp", ["usecase", "dashboard", "model", "werkwijze"]),
        ("-gewijzigdOp,naam", ["dashboard", "usecase", "model", "werkwijze"]),
    ],
)
def test_sorting(anonymous, catalogue, sort, order):
    now = timezone.now()
    for days, key in enumerate(["werkwijze", "model", "dashboard", "usecase"]):
        one = Bouwsteen.objects.filter(pk=catalogue[key].pk)
        one.update(gepubliceerd_op=now + timedelta(days=days), gewijzigd_op=now)
        updated_quietly(one)
    response = anonymous.get(LIST, {"sort": sort})
    assert [item["naam"] for item in response.json()["results"]] == [
        catalogue[key].naam for key in order
    ]


def test_drafts_sort_after_published_blocks_in_both_directions(
    client_for, catalogue, cast
):
    BouwsteenFactory(organisatie=cast.amsterdam, naam="Concept zonder datum")
    for sort in ("gepubliceerdOp", "-gepubliceerdOp"):
        response = client_for("redacteur").get(LIST, {"sort": sort})
        assert response.json()["results"][-1]["naam"] == "Concept zonder datum"


def test_search_results_are_ordered_by_relevance_unless_sorted(anonymous, catalogue):
    ranked = anonymous.get(LIST, {"q": "jeugdzorg"}).json()["results"]
    assert ranked[0]["naam"] == catalogue["dashboard"].naam
    by_name = anonymous.get(LIST, {"q": "jeugdzorg", "sort": "-naam"}).json()
    assert [item["naam"] for item in by_name["results"]] == sorted(
        (item["naam"] for item in ranked), reverse=True
    )
