"""The API says when it corrected a misspelled word: ``suggestie`` and ``gezochtOp`` in
the list's envelope and in ``/suggesties``, only then; on both databases."""

import pytest

from bouwstenen import search
from tests.factories import BouwsteenFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/bouwstenen"
FACETTEN = "/api/v1/bouwstenen/facetten"
SUGGESTIES = "/api/v1/suggesties"


@pytest.fixture
def blocks(cast):
    made = [
        BouwsteenFactory(
            naam="Jeugdzorgdashboard wachttijden",
            organisatie=cast.amsterdam,
            gepubliceerd=True,
        ),
        BouwsteenFactory(
            naam="Monitor jeugdzorg en onderwijs",
            organisatie=cast.utrecht,
            gepubliceerd=True,
        ),
        BouwsteenFactory(naam="Laadpalen per wijk", gepubliceerd=True),
    ]
    search.reindex()
    return made


def names(body) -> list[str]:
    return [b["naam"] for b in body["results"]]


def test_the_list_says_what_it_searched_for_instead(anonymous, blocks):
    typo = anonymous.get(LIST, {"q": "jeugzorg"})
    right = anonymous.get(LIST, {"q": "jeugdzorg"})
    assert typo.status_code == right.status_code == 200
    body = typo.json()
    assert body["suggestie"] == "jeugdzorg"
    assert body["gezochtOp"] == "jeugdzorg"
    assert names(body) == names(right.json()) != []
    assert body["count"] == right.json()["count"] == 2


def test_the_keys_are_there_only_when_a_word_was_corrected(anonymous, blocks):
    for params in ({"q": "jeugdzorg"}, {"q": "jeug"}, {}, {"q": "xylofoonmuziek"}):
        body = anonymous.get(LIST, params).json()
        assert "suggestie" not in body and "gezochtOp" not in body, params


def test_the_correction_keeps_the_rest_of_the_query_and_the_filters(anonymous, blocks):
    body = anonymous.get(
        LIST, {"q": "Jeugzorg -onderwijs", "organisatie": "GM0363"}
    ).json()
    assert body["suggestie"] == "jeugdzorg -onderwijs"
    assert names(body) == ["Jeugdzorgdashboard wachttijden"]


def test_facets_count_what_the_corrected_query_finds(anonymous, blocks):
    typo = anonymous.get(FACETTEN, {"q": "jeugzorg"}).json()
    right = anonymous.get(FACETTEN, {"q": "jeugdzorg"}).json()
    assert typo == right


def test_suggestions_are_for_the_corrected_word_and_say_so(anonymous, blocks):
    body = anonymous.get(SUGGESTIES, {"q": "jeugzorg"}).json()
    assert body["suggestie"] == "jeugdzorg" and body["gezochtOp"] == "jeugdzorg"
    assert {b["naam"] for b in body["bouwstenen"]} == {
        "Jeugdzorgdashboard wachttijden",
        "Monitor jeugdzorg en onderwijs",
    }
    assert {"slug": "jeugdzorg", "naam": "Jeugdzorg"} in [
        {"slug": t["slug"], "naam": t["naam"]} for t in body["themas"]
    ]
    plain = anonymous.get(SUGGESTIES, {"q": "jeugdz"}).json()
    assert "suggestie" not in plain and "gezochtOp" not in plain
