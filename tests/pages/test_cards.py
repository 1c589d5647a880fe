"""The catalogue's cards read the blocks' stored list items (issue 17): they show what the
block holds now, after every kind of write that changes it."""

import pytest

from django.urls import reverse

from bouwstenen import readiness, weergave
from bouwstenen.constants import HergebruikStadium
from bouwstenen.kaart import Kaart
from bouwstenen.models import Bouwsteen
from registry.models import Organisatie, Thema
from tests.pages.conftest import make_block, reuse

pytestmark = pytest.mark.django_db
URL = reverse("catalogus:zoeken")


def cards_on(client, params=None, url=URL) -> list[Kaart]:
    response = client.get(url, params or {})
    assert response.status_code == 200
    return list(response.context["page"].object_list)


def test_a_card_shows_what_the_block_holds(client, owner):
    block = make_block(naam="Kaartmonitor", organisatie=owner, vorm="dashboard")
    block.themas.add(Thema.objects.get(slug="wonen"))
    users = Organisatie.objects.filter(soort="gemeente").order_by("code")[:3]
    reuse(block, users[0])
    reuse(block, users[1], HergebruikStadium.PILOT)
    weergave.flush()

    [card] = cards_on(client, {"q": "kaartmonitor"})
    counted = readiness.with_counts(Bouwsteen.objects.filter(pk=block.pk)).get()
    assert (card.naam, card.slug, card.uuid) == (
        block.naam,
        block.slug,
        str(block.uuid),
    )
    assert (card.soort, card.vorm, card.levensfase) == (
        block.soort,
        "dashboard",
        block.levensfase,
    )
    assert card.get_vorm_display() == block.get_vorm_display()
    assert card.organisatie.naam == owner.naam
    assert [t.slug for t in card.themas] == ["jeugdzorg", "wonen"]
    assert (
        (card.hergebruik_in_gebruik, card.hergebruik_pilot)
        == (
            counted.hergebruik_in_gebruik,
            counted.hergebruik_pilot,
        )
        == (1, 1)
    )
    assert card.gepubliceerd_op == block.gepubliceerd_op
    assert card.naam_gemarkeerd == "<mark>Kaartmonitor</mark>"
    html = client.get(URL, {"q": "kaartmonitor"}).content.decode()
    assert "In gebruik bij 1 organisatie, 1 in pilot" in html
    assert owner.naam in html


def test_a_card_follows_the_writes_that_change_it(client, owner):
    block = make_block(naam="Volgmonitor", organisatie=owner)
    weergave.flush()
    assert cards_on(client, {"q": "volgmonitor"})[0].hergebruik_in_gebruik == 0
    # A reuse, a renamed owner and a renamed thema: each re-renders the stored item.
    reuse(block, Organisatie.objects.filter(soort="gemeente").first())
    owner.naam = "Gemeente Hernoemd"
    owner.save()
    thema = Thema.objects.get(slug="jeugdzorg")
    thema.naam = "Jeugd en gezin"
    thema.save()
    [card] = cards_on(client, {"q": "volgmonitor"})
    assert card.hergebruik_in_gebruik == 1
    assert card.organisatie.naam == "Gemeente Hernoemd"
    assert [t.naam for t in card.themas] == ["Jeugd en gezin"]
    # No longer public: no card.
    Bouwsteen.objects.filter(pk=block.pk).update(publicatiestatus="gearchiveerd")
    weergave.changed(weergave.BLOK, [block.pk])
    assert cards_on(client, {"q": "volgmonitor"}) == []


def test_a_block_without_a_stored_item_gets_one_when_its_card_is_read(client, owner):
    block = make_block(naam="Naloopmonitor", organisatie=owner)
    weergave.flush()
    block.weergave.delete()
    [card] = cards_on(client, {"q": "naloopmonitor"})
    assert card.naam == "Naloopmonitor"
    assert Bouwsteen.objects.get(pk=block.pk).weergave.lijst
