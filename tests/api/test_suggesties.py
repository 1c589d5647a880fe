"""Suggestions for a search box: names of blocks, thema's, organisations and components."""

import pytest

from bouwstenen import search
from registry.models import Referentiecomponent
from tests.api.helpers import assert_problem, invalid_names
from tests.factories import BouwsteenFactory

pytestmark = pytest.mark.django_db

SUGGESTIES = "/api/v1/suggesties"
KINDS = ["bouwstenen", "themas", "organisaties", "referentiecomponenten"]


@pytest.fixture
def blocks(cast):
    published = BouwsteenFactory(
        naam="Jeugdzorgdashboard wachttijden",
        organisatie=cast.amsterdam,
        gepubliceerd=True,
    )
    draft = BouwsteenFactory(naam="Jeugdzorg concept", organisatie=cast.amsterdam)
    search.reindex()
    return {"published": published, "draft": draft}


def suggest(client, q) -> dict:
    response = client.get(SUGGESTIES, {"q": q})
    assert response.status_code == 200, response.content
    body = response.json()
    assert list(body) == KINDS
    return body


def test_names_of_every_kind_each_with_a_url_that_works(anonymous, blocks):
    body = suggest(anonymous, "jeugd")
    assert [b["naam"] for b in body["bouwstenen"]] == ["Jeugdzorgdashboard wachttijden"]
    assert body["bouwstenen"][0]["uuid"] == str(blocks["published"].uuid)
    assert {"slug": "jeugdzorg", "naam": "Jeugdzorg"} in [
        {k: t[k] for k in ("slug", "naam")} for t in body["themas"]
    ]
    amster = suggest(anonymous, "amster")["organisaties"]
    assert [o["code"] for o in amster] == ["GM0363"]
    component = Referentiecomponent.objects.order_by("naam").first()
    found = suggest(anonymous, component.naam.split()[0])["referentiecomponenten"]
    assert str(component.gemma_id) in {c["gemmaId"] for c in found}
    for kind in KINDS:
        for item in body[kind] + amster + found:
            assert anonymous.get(item["url"]).status_code == 200, item["url"]


def test_the_last_word_counts_as_the_start_of_a_word(anonymous, blocks):
    found = suggest(anonymous, "jeugdzorgdashboard wacht")["bouwstenen"]
    assert [b["naam"] for b in found] == ["Jeugdzorgdashboard wachttijden"]
    assert suggest(anonymous, "zorgdashboard")["bouwstenen"] == []


def test_drafts_only_for_members_of_their_organisation(client_for, blocks):
    def names(role):
        return {b["naam"] for b in suggest(client_for(role), "jeugdzorg")["bouwstenen"]}

    assert names(None) == {"Jeugdzorgdashboard wachttijden"}
    assert names("ander") == {"Jeugdzorgdashboard wachttijden"}
    assert names("redacteur") == {
        "Jeugdzorgdashboard wachttijden",
        "Jeugdzorg concept",
    }


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}, {"q": "-"}])
def test_no_query_gives_empty_lists(anonymous, blocks, params):
    response = anonymous.get(SUGGESTIES, params)
    assert response.json() == dict.fromkeys(KINDS, [])


def test_a_query_over_500_characters_is_a_400_naming_q(anonymous, db):
    response = anonymous.get(SUGGESTIES, {"q": "a" * 501})
    assert_problem(response, 400, "invalid")
    assert invalid_names(response) == {"q"}
    assert anonymous.get(SUGGESTIES, {"q": "a" * 500}).status_code == 200
