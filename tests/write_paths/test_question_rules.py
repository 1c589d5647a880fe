"""The rules of questions hold at every door: the API, the pages and the admin.

Each write (ask, answer, close, report, decide) is tried through each door that offers
it, as each kind of caller; the same caller gets the same outcome at every door, and a
refusal stores nothing.
"""

import pytest

from django.test import Client
from django.urls import reverse

from bouwstenen import services
from bouwstenen.models import Antwoord, Melding, Vraag
from registry.constants import Rol
from registry.models import Lidmaatschap, Organisatie
from tests.factories import UserFactory
from tests.write_paths.doors import DONE, REFUSED, api_client, outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def derde(db):
    user = UserFactory(username="deur-rotterdam")
    Lidmaatschap.objects.create(
        gebruiker=user,
        organisatie=Organisatie.objects.get(code="GM0599"),
        rol=Rol.PUBLICIST,
    )
    return user


@pytest.fixture
def vraag(world):
    return services.vraag_stellen(
        user=world.users["utrechter"],
        bouwsteen=world.published,
        titel="Hoe koppelen jullie de wachtlijsten?",
        tekst="Wij willen dat ook.",
    )


def _page(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _page_outcome(response) -> str:
    # A page answers a write with a redirect to the thread; a refusal with the form
    # again (4xx) or a 404 for what the visitor may not see.
    return DONE if response.status_code == 302 else REFUSED


def stored() -> tuple:
    return (
        sorted(Vraag.objects.values_list("pk", "status", "verborgen")),
        sorted(Antwoord.objects.values_list("pk", "tekst")),
        sorted(Melding.objects.values_list("pk", "status")),
    )


def ask(door, world, user):
    if door == "api":
        response = api_client(user).post(
            f"/api/v1/bouwstenen/{world.published.uuid}/vragen",
            {"titel": "Een vraag", "tekst": "Uitleg."},
            format="json",
        )
        return outcome(response.status_code)
    membership = user.lidmaatschappen.first()
    response = _page(user).post(
        reverse("catalogus:vraag-stellen", args=[world.published.slug]),
        {
            # The form names the one organisation of a member in a hidden field.
            "organisatie": membership.organisatie_id if membership else "",
            "titel": "Een vraag",
            "tekst": "Uitleg.",
        },
    )
    return _page_outcome(response)


def answer(door, world, user, vraag):
    if door == "api":
        response = api_client(user).post(
            f"/api/v1/vragen/{vraag.uuid}/antwoorden", {"tekst": "Zo."}, format="json"
        )
        return outcome(response.status_code)
    response = _page(user).post(
        reverse(
            "catalogus:vraag-beantwoorden", args=[world.published.slug, vraag.uuid]
        ),
        {"tekst": "Zo."},
    )
    return _page_outcome(response)


def close(door, world, user, vraag):
    if door == "api":
        response = api_client(user).post(f"/api/v1/vragen/{vraag.uuid}/afsluiten")
        return outcome(response.status_code)
    before = Vraag.objects.get(pk=vraag.pk).status
    _page(user).post(
        reverse("catalogus:vraag-afsluiten", args=[world.published.slug, vraag.uuid])
    )
    # Closing on the page always redirects back; whether it happened is in the record.
    return DONE if Vraag.objects.get(pk=vraag.pk).status != before else REFUSED


def report(door, world, user, vraag):
    if door == "api":
        response = api_client(user).post(
            f"/api/v1/vragen/{vraag.uuid}/meldingen", {"reden": "spam"}, format="json"
        )
        return outcome(response.status_code)
    response = _page(user).post(
        reverse("catalogus:vraag-melden", args=[world.published.slug, vraag.uuid]),
        {"reden": "spam"},
    )
    return _page_outcome(response)


# who: what each write gives them (utrechter asked, Amsterdam owns the block).
EXPECTED = {
    "utrechter": {"ask": DONE, "answer": DONE, "close": DONE, "report": DONE},
    "publicist": {"ask": DONE, "answer": DONE, "close": DONE, "report": DONE},
    "derde": {"ask": DONE, "answer": REFUSED, "close": REFUSED, "report": DONE},
    "beheerder": {"ask": REFUSED, "answer": REFUSED, "close": REFUSED, "report": DONE},
}
WRITES = {"ask": ask, "answer": answer, "close": close, "report": report}


@pytest.mark.parametrize("door", ["api", "page"])
@pytest.mark.parametrize("who", list(EXPECTED))
@pytest.mark.parametrize("write", list(WRITES))
def test_each_rule_at_each_door(world, derde, vraag, door, who, write):
    user = derde if who == "derde" else world.users[who]
    before = stored()
    args = (world, user) if write == "ask" else (world, user, vraag)
    result = WRITES[write](door, *args)
    assert result == EXPECTED[who][write], (door, who, write)
    assert (stored() != before) == (result == DONE)


@pytest.mark.parametrize("door", ["api", "page"])
def test_a_private_question_is_not_there_for_others_at_any_door(world, derde, door):
    private = services.vraag_stellen(
        user=world.users["utrechter"],
        bouwsteen=world.published,
        titel="Besloten",
        tekst="Alleen voor ons.",
        besloten=True,
    )
    before = stored()
    for write in ("answer", "close", "report"):
        assert WRITES[write](door, world, derde, private) == REFUSED
    assert stored() == before


def _decide_in_bulk(client, melding, action):
    return client.post(
        reverse("admin:bouwstenen_melding_changelist"),
        {"action": action, "_selected_action": [melding.pk]},
    )


def _decide_one(client, melding, action):
    return client.post(
        reverse("admin:bouwstenen_melding_change", args=[melding.pk]),
        {"_beslissing": action.removesuffix("_selected")},
    )


@pytest.mark.parametrize("how", [_decide_in_bulk, _decide_one])
@pytest.mark.parametrize("action", ["verbergen_selected", "behouden_selected"])
def test_only_a_beheerder_decides_in_the_admin(world, vraag, how, action):
    melding = services.bericht_melden(
        user=world.users["publicist"], bericht=vraag, reden="spam"
    )
    for who in ("publicist", "utrechter"):
        before = stored()
        response = how(_page(world.users[who]), melding, action)
        assert response.status_code in (302, 403, 404)
        assert stored() == before
    response = how(_page(world.users["beheerder"]), melding, action)
    assert response.status_code == 302
    melding.refresh_from_db()
    vraag.refresh_from_db()
    hidden = action == "verbergen_selected"
    assert melding.status == ("verborgen" if hidden else "behouden")
    assert vraag.verborgen is hidden
    # A decided report stays decided: a second decision is refused and changes nothing.
    before = stored()
    how(_page(world.users["beheerder"]), melding, "behouden_selected")
    assert stored() == before
