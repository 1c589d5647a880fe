"""The completeness rule (bouwstenen.completeness): which parts are done, which missing."""

import pytest

from bouwstenen.completeness import ONDERDELEN, completeness_of
from bouwstenen.constants import Antwoord, Voorwaarde
from bouwstenen.models import Opschalingsantwoord
from bouwstenen.services import content
from tests.factories import BouwsteenFactory, complete, public_parts

pytestmark = pytest.mark.django_db


def _missing(bouwsteen) -> list[str]:
    return [part.code for part in completeness_of(bouwsteen).ontbreekt]


def test_a_bare_block_has_what_the_model_asks_and_lacks_the_rest():
    volledigheid = completeness_of(BouwsteenFactory())
    assert len(ONDERDELEN) == volledigheid.totaal == 11
    assert [p.code for p in volledigheid.gedaan] == [
        "naam",
        "soort",
        "samenvatting",
        "levensfase",
        "licentie",
    ]
    assert [p.code for p in volledigheid.ontbreekt] == [
        "beschrijving",
        "themas",
        "lagen",
        "contact",
        "link",
        "opschalingscheck",
    ]
    assert volledigheid.samenvatting == "5 van 11 onderdelen ingevuld voor publicatie"
    assert not volledigheid.compleet


def test_nvt_counts_as_an_answer_and_the_open_preconditions_are_named():
    bouwsteen = public_parts(BouwsteenFactory(website_url="https://example.org"))
    for code in Voorwaarde.values[:-1]:
        Opschalingsantwoord.objects.create(
            bouwsteen=bouwsteen, voorwaarde=code, antwoord=Antwoord.NVT
        )
    volledigheid = completeness_of(bouwsteen)
    assert _missing(bouwsteen) == ["opschalingscheck"]
    assert volledigheid.field_errors() == {
        "opschalingscheck": [
            "Beantwoord elke voorwaarde van de opschalingscheck (‘n.v.t.’ mag ook). "
            "Nog open: Kennisdeling."
        ]
    }
    Opschalingsantwoord.objects.create(
        bouwsteen=bouwsteen, voorwaarde=Voorwaarde.values[-1], antwoord=Antwoord.NEE
    )
    # "nee" is an answer too: the check is filled in, whatever it says.
    assert completeness_of(bouwsteen).compleet


def test_any_one_of_the_four_links_will_do():
    bouwsteen = complete(BouwsteenFactory())
    bouwsteen.repository_url = ""
    assert _missing(bouwsteen) == ["link"]
    assert completeness_of(bouwsteen).field_errors() == {
        "links": ["Geef minstens één link: repository, documentatie, demo of website."]
    }
    for name in ("documentatie_url", "demo_url", "website_url"):
        setattr(bouwsteen, name, "https://example.org/")
        assert completeness_of(bouwsteen).compleet
        setattr(bouwsteen, name, "")


def test_a_concept_is_judged_by_its_content_not_by_the_published_block():
    bouwsteen = complete(BouwsteenFactory(gepubliceerd=True))
    inhoud = content.merged(
        content.snapshot_of(bouwsteen),
        values={"contact_naam": ""},
        answers={"dpia": None},
    )
    view = content.view_of(bouwsteen, inhoud)
    assert _missing(view) == ["contact", "opschalingscheck"]
    assert completeness_of(bouwsteen).compleet


def test_a_public_page_needs_only_the_public_parts():
    bouwsteen = public_parts(BouwsteenFactory())
    assert bouwsteen.publication_problems() == {}
    assert _missing(bouwsteen) == ["link", "opschalingscheck"]
    assert set(BouwsteenFactory().publication_problems()) == {
        "beschrijving",
        "themas",
        "lagen",
        "contact_email",
    }
