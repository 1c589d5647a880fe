"""Counts of a thousand and more are grouped the way the reader's language writes them:
8.532 in Dutch, 8,532 in English (a data lead reads "8532" as a code, not an amount)."""

import pytest

from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from bouwstenen.views.home import _lagen_svg
from registry.models import Laag, Thema

pytestmark = pytest.mark.django_db


def home(language: str, totaal: int, per_thema: int) -> str:
    thema = Thema.objects.order_by("pk").first() or Thema.objects.create(
        slug="jeugdzorg", naam="Jeugdzorg"
    )
    thema.aantal = per_thema
    laag = Laag.objects.order_by("volgorde").first()
    laag.aantal = per_thema
    with translation.override(language):
        return render_to_string(
            "catalogus/home.html",
            {"totaal": totaal, "themas": [thema], "lagen": _lagen_svg([laag])},
            request=RequestFactory().get("/"),
        )


def test_dutch_groups_thousands_with_a_dot():
    html = home("nl", 8532, 1135)
    assert "8.532 herbruikbare bouwstenen van gemeenten" in html
    assert "1.135 bouwstenen</span>" in html
    # The picture of the Common Ground layers: the number and its label.
    assert 'text-anchor="end">1.135</text>' in html
    assert ": 1.135 bouwstenen" in html
    assert "8532" not in html and "1135" not in html


def test_english_groups_thousands_with_a_comma():
    html = home("en", 8532, 1135)
    assert "8,532 reusable building blocks" in html
    assert "1,135 building blocks</span>" in html
    assert 'text-anchor="end">1,135</text>' in html


def test_small_counts_and_the_singular_stay_as_they_are():
    html = home("nl", 1, 999)
    assert "1 herbruikbare bouwsteen van gemeenten" in html
    assert "999 bouwstenen</span>" in html
