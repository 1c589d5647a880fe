"""The search index follows every path that makes a block public or takes it away.

Only published blocks add their words to the vocabulary that corrects typos, so a step
of the workflow that publishes, archives or restores a block updates its search entry,
and a harvested copy (public from the start) is indexed when it is stored.
"""

import pytest

from bouwstenen import search, services
from bouwstenen.models import Bouwsteen, Zoekwoord
from tests.factories import BouwsteenFactory, complete

pytestmark = pytest.mark.django_db

WORD = "zeldzaamwoordproef"


def in_vocabulary() -> bool:
    return Zoekwoord.objects.filter(woord=WORD).exists()


def corrected() -> str | None:
    """What a search with a typo in the word is corrected to, if anything."""
    found = search.find(Bouwsteen.objects.published(), "zeldzaamwordproef")
    return found.correction.gezocht_op if found.correction else None


def test_publishing_adds_the_words_and_archiving_takes_them_away(world):
    writer, publicist = world.users["redacteur"], world.users["publicist"]
    block = complete(
        BouwsteenFactory(organisatie=world.amsterdam, naam="Zeldzaamwoordproef")
    )
    services.bouwsteen_transition(bouwsteen=block, user=writer, actie="indienen")
    assert not in_vocabulary()
    services.bouwsteen_transition(bouwsteen=block, user=publicist, actie="publiceren")
    assert in_vocabulary()
    assert corrected() == WORD
    services.bouwsteen_transition(bouwsteen=block, user=publicist, actie="archiveren")
    assert not in_vocabulary()
    assert corrected() is None
    services.bouwsteen_transition(bouwsteen=block, user=publicist, actie="herstellen")
    # Restored to what it was: public again, its words with it.
    assert Bouwsteen.objects.get(pk=block.pk).is_published
    assert in_vocabulary()
