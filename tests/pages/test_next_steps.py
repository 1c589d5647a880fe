"""What the trial found: a phone summary under the title, the missing preconditions
listed once, and empty pages that say what to do next."""

import pytest

from django.urls import reverse

from bouwstenen.constants import Voorwaarde
from bouwstenen.models import Opschalingsantwoord
from registry.models import Thema
from tests.factories import OrganisatieFactory
from tests.pages.conftest import make_block

pytestmark = pytest.mark.django_db


def page(client, block) -> str:
    return client.get(
        reverse("catalogus:bouwsteen", args=[block.slug])
    ).content.decode()


def section(html: str, start: str, end: str = "</section>") -> str:
    return html.split(start, 1)[1].split(end, 1)[0]


def test_a_phone_summary_sits_under_the_title(client, owner):
    block = make_block(
        naam="Wachttijdenmonitor",
        organisatie=owner,
        levensfase="opschaling",
        licentie="EUPL-1.2",
        contact_naam="Team Data",
        contact_email="data@eigenaarstad.example",
    )
    Opschalingsantwoord.objects.create(
        bouwsteen=block, voorwaarde="dpia", antwoord="ja"
    )
    html = page(client, block)
    # Under the title, before the summary text.
    assert (
        html.index("</h1>") < html.index("phone-summary") < html.index("detail__lead")
    )
    summary = section(html, '<dl class="phone-summary">', "</dl>")
    assert "<dt>Levensfase</dt><dd>Opschaling</dd>" in summary
    assert "<dt>Licentie</dt><dd>EUPL-1.2</dd>" in summary
    assert "<dt>Opschalingsscore</dt><dd>7%</dd>" in summary  # 1 of 14
    assert '<a href="mailto:data@eigenaarstad.example">Team Data</a>' in summary

    bare = make_block(naam="Zonder contact", organisatie=owner)
    summary = section(page(client, bare), '<dl class="phone-summary">', "</dl>")
    assert "nog niet ingevuld" in summary and "niet opgegeven" in summary


def test_the_missing_preconditions_are_listed_once(client, owner):
    block = make_block(naam="Deels ingevuld", organisatie=owner)
    Opschalingsantwoord.objects.create(
        bouwsteen=block, voorwaarde="dpia", antwoord="ja"
    )
    Opschalingsantwoord.objects.create(
        bouwsteen=block,
        voorwaarde="informatiebeveiliging",
        antwoord="deels",
        toelichting="BIO-scan loopt.",
    )
    check = section(page(client, block), 'id="opschalingscheck"')
    assert check.count("Wat ontbreekt nog voor opschaling") == 1
    for label in Voorwaarde.labels:
        assert check.count(f">{label}<") == 1, label
    assert check.count("BIO-scan loopt.") == 1  # its note goes with it
    assert "De andere voorwaarden, met toelichting" in check
    rest = section(check, "<details", "</details>")
    assert "DPIA uitgevoerd" in rest and "Informatiebeveiliging" not in rest


def test_before_any_answer_the_checklist_says_it_once(client, owner):
    check = section(
        page(client, make_block(naam="Leeg", organisatie=owner)),
        'id="opschalingscheck"',
    )
    assert "Wat ontbreekt nog voor opschaling" not in check
    assert '<details class="checklist-details" open>' in check
    for label in Voorwaarde.labels:
        assert check.count(f">{label}<") == 1, label
    assert check.count("Nog niet ingevuld") == len(Voorwaarde.labels)


def test_an_empty_thema_says_what_to_do_next(client):
    thema = Thema.objects.get(slug="onderwijs")
    html = client.get(reverse("catalogus:thema", args=[thema.slug])).content.decode()
    assert "Nog geen bouwstenen in dit thema." in html
    assert 'href="/admin/bouwstenen/bouwsteen/add/">Publiceer hem in het beheer' in html
    assert f'href="{reverse("catalogus:themas")}">de andere thema' in html


def test_an_empty_organisation_says_what_to_do_next(client):
    org = OrganisatieFactory(code="GM9902", naam="Gemeente Leegdorp")
    html = client.get(
        reverse("catalogus:organisatie", args=[org.code])
    ).content.decode()
    assert "Deze organisatie heeft nog geen bouwstenen gepubliceerd." in html
    assert 'href="/admin/bouwstenen/bouwsteen/add/">Publiceer uw eerste' in html
    assert f'href="/bouwstenen?organisatieSoort={org.soort}">kijk wat' in html
    assert 'href="/bouwstenen">Zoek hem op</a>' in html


def test_the_next_steps_in_english(client):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    org = OrganisatieFactory(code="GM9903", naam="Gemeente Leegstad")
    html = client.get(
        reverse("catalogus:organisatie", args=[org.code])
    ).content.decode()
    assert 'href="/admin/bouwstenen/bouwsteen/add/">Publish your first building' in html
    thema = client.get(reverse("catalogus:thema", args=["onderwijs"])).content.decode()
    assert "No building blocks in this theme yet." in thema
    assert ">Publish it in the admin</a>" in thema
