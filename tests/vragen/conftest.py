"""A published block of Amsterdam, members of Amsterdam (the owner), of Utrecht (asks)
and of Rotterdam (a third organisation), a beheerder, and a draft block."""

from dataclasses import dataclass, field

import pytest

from django.core.cache import cache

from bouwstenen import services
from registry.constants import Publicatiestatus, Rol
from registry.models import Lidmaatschap, Organisatie
from tests.api.helpers import ready_to_publish
from tests.factories import BouwsteenFactory, TokenFactory, UserFactory


@dataclass
class World:
    amsterdam: Organisatie
    utrecht: Organisatie
    rotterdam: Organisatie
    block: object
    draft: object
    users: dict = field(default_factory=dict)
    keys: dict = field(default_factory=dict)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """The posting limit counts in the cache; every test starts with a clean slate."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db) -> World:
    amsterdam = Organisatie.objects.get(code="GM0363")
    utrecht = Organisatie.objects.get(code="GM0344")
    rotterdam = Organisatie.objects.get(code="GM0599")
    block = ready_to_publish(
        BouwsteenFactory(
            organisatie=amsterdam,
            naam="Wachttijdendashboard jeugdzorg",
            publicatiestatus=Publicatiestatus.GEPUBLICEERD,
            gepubliceerd=True,
        )
    )
    draft = BouwsteenFactory(organisatie=amsterdam, naam="Nog een concept")
    world = World(amsterdam, utrecht, rotterdam, block, draft)
    for name, organisatie in (
        ("eigenaar", amsterdam),
        ("eigenaar2", amsterdam),
        ("vrager", utrecht),
        ("vrager2", utrecht),
        ("derde", rotterdam),
        ("beheerder", None),
        ("geen-lid", None),
    ):
        user = UserFactory(username=name, is_superuser=name == "beheerder")
        if organisatie is not None:
            Lidmaatschap.objects.create(
                gebruiker=user, organisatie=organisatie, rol=Rol.REDACTEUR
            )
        world.users[name] = user
        world.keys[name] = TokenFactory(user=user).key
    return world


def ask(world, *, besloten=False, titel="Hoe koppelen jullie de wachtlijsten?", **kw):
    return services.vraag_stellen(
        user=world.users["vrager"],
        bouwsteen=world.block,
        titel=titel,
        tekst=kw.pop("tekst", "Wij willen de **wachtlijsten** van Utrecht koppelen."),
        besloten=besloten,
        **kw,
    )


def answer(world, vraag, tekst="Via de API van het zorgsysteem.", user="eigenaar"):
    return services.vraag_beantwoorden(user=world.users[user], vraag=vraag, tekst=tekst)
