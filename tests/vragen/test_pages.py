"""The questions on a block's page: plain forms, POST-redirect-GET, CSRF, who sees what,
and a page whose query count does not grow with the threads."""

import pytest

from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bouwstenen import services
from bouwstenen.models import Antwoord, Melding, Vraag
from tests.vragen.conftest import answer, ask

pytestmark = pytest.mark.django_db


def page(world) -> str:
    return reverse("catalogus:bouwsteen", args=[world.block.slug])


def signed_in(world, who) -> Client:
    c = Client()
    c.force_login(world.users[who])
    return c


def test_anonymous_visitors_read_and_are_invited_to_log_in(world, client):
    vraag = ask(world)
    answer(world, vraag, "Antwoord met **nadruk**.")
    html = client.get(page(world)).content.decode()
    assert vraag.titel in html
    assert "<strong>wachtlijsten</strong>" in html
    assert "Antwoord met <strong>nadruk</strong>." in html
    assert "Log in om een vraag te stellen" in html
    assert 'name="tekst"' not in html and "Meld deze vraag" not in html


def test_asking_posts_then_redirects_to_the_thread(world):
    c = signed_in(world, "vrager")
    html = c.get(page(world)).content.decode()
    assert (
        'action="' + reverse("catalogus:vraag-stellen", args=[world.block.slug]) in html
    )
    response = c.post(
        reverse("catalogus:vraag-stellen", args=[world.block.slug]),
        {
            "organisatie": world.utrecht.pk,
            "titel": "Hoe lang duurde de invoering?",
            "tekst": "Wij plannen *zes maanden*.",
        },
    )
    vraag = Vraag.objects.get()
    assert response.status_code == 302
    assert response["Location"] == page(world) + f"#vraag-{vraag.uuid}"
    html = c.get(response["Location"]).content.decode()
    assert "Uw vraag staat bij de bouwsteen." in html
    assert "Hoe lang duurde de invoering?" in html
    assert vraag.besloten is False and vraag.organisatie == world.utrecht


def test_a_wrong_form_comes_back_with_the_errors_and_what_was_typed(world):
    c = signed_in(world, "vrager")
    response = c.post(
        reverse("catalogus:vraag-stellen", args=[world.block.slug]),
        {"organisatie": world.utrecht.pk, "titel": "", "tekst": "Mijn lange uitleg."},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Mijn lange uitleg." in html
    assert 'aria-invalid="true"' in html
    assert not Vraag.objects.exists()


def test_someone_without_an_organisation_cannot_ask(world):
    c = signed_in(world, "geen-lid")
    assert "Stel een vraag" not in c.get(page(world)).content.decode()
    response = c.post(
        reverse("catalogus:vraag-stellen", args=[world.block.slug]),
        {"titel": "a", "tekst": "b"},
    )
    assert response.status_code == 403
    assert not Vraag.objects.exists()


def test_forms_need_the_csrf_token(world):
    c = Client(enforce_csrf_checks=True)
    c.force_login(world.users["vrager"])
    response = c.post(
        reverse("catalogus:vraag-stellen", args=[world.block.slug]),
        {"organisatie": world.utrecht.pk, "titel": "a", "tekst": "b"},
    )
    assert response.status_code == 403
    assert not Vraag.objects.exists()


def test_the_owner_answers_and_closes_on_the_page(world):
    vraag = ask(world)
    c = signed_in(world, "eigenaar")
    html = c.get(page(world)).content.decode()
    assert f'id="antwoord-tekst-{vraag.uuid}"' in html
    response = c.post(
        reverse("catalogus:vraag-beantwoorden", args=[world.block.slug, vraag.uuid]),
        {"tekst": "Drie maanden, met twee mensen."},
    )
    antwoord = Antwoord.objects.get()
    assert response["Location"] == page(world) + f"#antwoord-{antwoord.uuid}"
    response = c.post(
        reverse("catalogus:vraag-afsluiten", args=[world.block.slug, vraag.uuid])
    )
    assert response.status_code == 302
    html = c.get(page(world)).content.decode()
    assert "Beantwoord" in html and f'id="antwoord-tekst-{vraag.uuid}"' not in html


def test_a_third_organisation_neither_answers_nor_closes(world):
    vraag = ask(world)
    c = signed_in(world, "derde")
    assert (
        f'id="antwoord-tekst-{vraag.uuid}"' not in c.get(page(world)).content.decode()
    )
    response = c.post(
        reverse("catalogus:vraag-beantwoorden", args=[world.block.slug, vraag.uuid]),
        {"tekst": "Ik weet het"},
    )
    assert response.status_code == 403
    c.post(reverse("catalogus:vraag-afsluiten", args=[world.block.slug, vraag.uuid]))
    vraag.refresh_from_db()
    assert vraag.is_open and not Antwoord.objects.exists()


def test_reporting_then_hiding_removes_it_from_the_page(world, client):
    vraag = ask(world, titel="Koop goedkope horloges")
    c = signed_in(world, "derde")
    url = reverse("catalogus:vraag-melden", args=[world.block.slug, vraag.uuid])
    assert "Koop goedkope horloges" in c.get(url).content.decode()
    response = c.post(url, {"reden": "spam", "toelichting": "Reclame."})
    assert response["Location"] == page(world) + f"#vraag-{vraag.uuid}"
    assert c.post(url, {"reden": "spam"}).status_code == 400  # once per person
    services.melding_afhandelen(
        user=world.users["beheerder"], melding=Melding.objects.get(), verbergen=True
    )
    for visitor in (
        client,
        c,
        signed_in(world, "eigenaar"),
        signed_in(world, "vrager"),
    ):
        assert "Koop goedkope horloges" not in visitor.get(page(world)).content.decode()
    assert c.get(url).status_code == 404


def test_a_private_question_is_only_on_the_page_of_the_two(world, client):
    ask(world, titel="Onze besloten vraag", besloten=True)
    for visitor in (client, signed_in(world, "derde"), signed_in(world, "beheerder")):
        html = visitor.get(page(world)).content.decode()
        assert "Onze besloten vraag" not in html
        assert "Vragen en antwoorden (1)" not in html
    for who in ("eigenaar", "vrager2"):
        html = signed_in(world, who).get(page(world)).content.decode()
        assert "Onze besloten vraag" in html
        assert "Alleen voor de twee organisaties" in html


@override_settings(VRAGEN_POST_RATE="1/hour")
def test_posting_too_often_is_said_on_the_page(world):
    c = signed_in(world, "vrager")
    url = reverse("catalogus:vraag-stellen", args=[world.block.slug])
    body = {"organisatie": world.utrecht.pk, "titel": "Eerste", "tekst": "t"}
    assert c.post(url, body).status_code == 302
    response = c.post(url, {**body, "titel": "Tweede"})
    assert response.status_code == 429
    assert "Probeer het over" in response.content.decode()
    assert Vraag.objects.count() == 1


@override_settings(VRAGEN_POST_RATE="1000/hour")
def test_the_page_costs_the_same_with_two_or_twenty_threads(world, client):
    def fill(n):
        for i in range(n):
            vraag = ask(world, titel=f"Vraag {Vraag.objects.count()}-{i}")
            answer(world, vraag)
            answer(world, vraag, "Nog een antwoord", user="vrager")

    def cost(c):
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(page(world)).status_code == 200
        return len(ctx.captured_queries)

    owner = signed_in(world, "eigenaar")
    fill(2)
    few = (cost(client), cost(owner))
    fill(18)
    assert (cost(client), cost(owner)) == few
