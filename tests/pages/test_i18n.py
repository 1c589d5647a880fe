"""Dutch first, English through the language switch; the blocks' own texts stay as written."""

import pytest

from django.urls import reverse

from tests.pages.conftest import make_block

pytestmark = pytest.mark.django_db


def switch(client, language):
    response = client.post(reverse("set_language"), {"language": language, "next": "/"})
    assert response.status_code == 302


def test_dutch_by_default(client):
    html = client.get("/").content.decode()
    assert '<html lang="nl"' in html
    assert 'lang="nl">' not in html.split("<body", 1)[1]  # no need to mark Dutch parts
    assert "Vind wat andere overheden al bouwden" in html
    assert 'value="en" lang="en"' in html


def test_switch_to_english_and_back(client):
    block = make_block(naam="Wachttijdenmonitor jeugdhulp")
    switch(client, "en")
    home = client.get("/").content.decode()
    assert '<html lang="en"' in home
    assert "Find what other governments have already built" in home
    assert "Skip to content" in home

    detail = client.get(
        reverse("catalogus:bouwsteen", args=[block.slug])
    ).content.decode()
    assert "Who uses this?" in detail
    assert "Scale-up check" in detail
    assert "Pilot" in detail  # the levensfase, translated where it has a translation
    assert "Wachttijdenmonitor jeugdhulp" in detail  # the block's own name stays Dutch
    # ... and is marked as Dutch for screen readers (WCAG 3.1.2).
    assert 'class="utrecht-heading-1 detail__title" lang="nl">' in detail
    assert block.samenvatting in detail

    search = client.get(reverse("catalogus:zoeken"), {"soort": "datatoepassing"})
    html = search.content.decode()
    assert "Data solution" in html and "Apply filters" in html

    switch(client, "nl")
    assert "Vind wat andere overheden al bouwden" in client.get("/").content.decode()


def test_every_fixed_label_has_an_english_name():
    from django.utils import translation

    from bouwstenen import constants
    from bouwstenen.labels import CHOICE_LABELS
    from registry.constants import CommonGroundLaag, OrganisatieSoort

    labels = {
        str(label)
        for choices in (
            constants.Soort,
            constants.Vorm,
            constants.Levensfase,
            constants.HergebruikStadium,
            constants.Antwoord,
            constants.Voorwaarde,
            constants.RelatieType,
            OrganisatieSoort,
            CommonGroundLaag,
        )
        for label in choices.labels
    }
    labels |= set(constants.RELATIE_OMGEKEERD.values())
    labels |= set(constants.VOORWAARDE_UITLEG.values())
    assert labels <= set(CHOICE_LABELS)
    with translation.override("en"):
        untranslated = [
            label
            for label in labels
            if translation.gettext(label) == label
            and label not in {"Use case", "Dashboard", "API", "Dataset", "Pilot"}
            and label not in {"Roadmap", "Services", "Data"}
        ]
    assert untranslated == []


def test_reported_reuse_reads_in_english_too(client, owner, member_of):
    from bouwstenen import services
    from registry.models import Organisatie

    block = make_block(naam="Wachttijdenmonitor jeugdhulp", organisatie=owner)
    utrecht = Organisatie.objects.get(code="GM0344")
    services.hergebruik_report(
        user=member_of(owner, rol="publicist"),
        bouwsteen=block,
        organisatie=utrecht,
        bron="de eigenaar",
    )
    client.force_login(member_of(utrecht))
    switch(client, "en")
    detail = client.get(
        reverse("catalogus:bouwsteen", args=[block.slug])
    ).content.decode()
    assert "Reported, not yet confirmed" in detail
    assert f"reported by {owner.naam}, not yet confirmed by {utrecht.naam}" in detail
    assert "Yes, confirm" in detail and "Reason for rejecting (optional)" in detail
    confirm = client.get(
        reverse("catalogus:hergebruik-bevestigen", args=[block.slug, utrecht.code])
    ).content.decode()
    assert "<title>Confirm reuse: Wachttijdenmonitor jeugdhulp" in confirm
    assert "Not right?" in confirm


def test_thema_names_in_english_where_the_interface_is(client):
    from registry.models import Thema

    block = make_block(naam="Wachttijdenmonitor jeugdhulp")
    switch(client, "en")
    for url in (
        "/",
        reverse("catalogus:themas"),
        reverse("catalogus:thema", args=["jeugdzorg"]),
        reverse("catalogus:bouwsteen", args=[block.slug]),
        reverse("catalogus:zoeken") + "?thema=jeugdzorg",
    ):
        html = client.get(url).content.decode()
        assert "Youth care" in html, url
        assert ">Jeugdzorg<" not in html, url
        assert '<span lang="nl">Youth care' not in html, url  # not marked Dutch
    search = client.get(reverse("catalogus:zoeken")).content.decode()
    assert "Youth care <span" in search  # the facet
    tiles = client.get(reverse("catalogus:themas")).content.decode()
    names = [t.naam_en for t in Thema.objects.all()]
    assert tiles.index("Care and wellbeing") < tiles.index("Youth care")
    assert all(name in tiles for name in names)
    # The API stays Dutch, whatever the interface.
    api = client.get("/api/v1/themas/jeugdzorg").json()
    assert api["naam"] == "Jeugdzorg" and "Youth care" not in str(api)

    switch(client, "nl")
    html = client.get(reverse("catalogus:thema", args=["jeugdzorg"])).content.decode()
    assert "Youth care" not in html and ">Jeugdzorg</h1>" in html


def test_a_thema_without_an_english_name_stays_dutch_and_says_so(client):
    from registry.models import Thema

    Thema.objects.filter(slug="jeugdzorg").update(naam_en="")
    switch(client, "en")
    html = client.get(reverse("catalogus:thema", args=["jeugdzorg"])).content.decode()
    assert 'lang="nl">Jeugdzorg</h1>' in html
