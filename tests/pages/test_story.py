"""The story from pilot to scale: phases with dates from the block's own history."""

import datetime

import pytest
from reversion.models import Version

from django.urls import reverse

from bouwstenen.history import levensfase_tijdlijn
from bouwstenen.services import record_history
from registry.models import Organisatie
from tests.pages.conftest import make_block, reuse

pytestmark = pytest.mark.django_db


def step(bouwsteen, levensfase, when):
    bouwsteen.levensfase = levensfase
    bouwsteen.save()
    record_history(bouwsteen, None, f"Naar {levensfase}")
    version = Version.objects.get_for_object(bouwsteen).order_by("-pk").first()
    version.revision.date_created = when
    version.revision.save()


def at(year, month):
    return datetime.datetime(year, month, 1, 12, tzinfo=datetime.UTC)


def test_phases_from_history():
    block = make_block(naam="Schuldsignalering")
    step(block, "idee", at(2023, 1))
    step(block, "pilot", at(2023, 6))
    step(block, "pilot", at(2023, 9))  # another change, same phase: no new step
    step(block, "opschaling", at(2024, 3))
    step(block, "productie", at(2025, 1))
    steps = levensfase_tijdlijn(block)
    assert [(s.levensfase, s.sinds) for s in steps] == [
        ("idee", at(2023, 1)),
        ("pilot", at(2023, 6)),
        ("opschaling", at(2024, 3)),
        ("productie", at(2025, 1)),
    ]
    assert steps[-1].label == "Productie (in beheer)"


def test_without_history_the_current_phase_counts():
    block = make_block(naam="Zonder geschiedenis")
    steps = levensfase_tijdlijn(block)
    assert [(s.levensfase, s.sinds) for s in steps] == [("pilot", block.aangemaakt_op)]


def test_detail_page_tells_the_story(client):
    block = make_block(naam="Opschalingsverhaal")
    step(block, "pilot", at(2023, 6))
    step(block, "opschaling", at(2024, 3))
    reuse(
        block,
        Organisatie.objects.get(code="GM0344"),
        sinds=datetime.date(2024, 5, 1),
    )
    response = client.get(reverse("catalogus:bouwsteen", args=[block.slug]))
    story = [(e["datum"], e["soort"]) for e in response.context["verhaal"]]
    assert story[0] == (datetime.date(2023, 6, 1), "fase")
    assert (datetime.date(2024, 3, 1), "fase") in story
    assert (datetime.date(2024, 5, 1), "hergebruik") in story
    html = response.content.decode()
    assert "Van pilot naar opschaling" in html
    assert "Levensfase: Opschaling" in html
    assert "Utrecht: in gebruik" in html
