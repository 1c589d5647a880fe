"""The cast of the write-path tests: two organisations, their members, and a block of
each kind a door writes (a draft, a published block, an imported published block)."""

from dataclasses import dataclass

import pytest

from django.core.cache import cache

from bouwstenen import services
from bouwstenen.constants import Antwoord, Voorwaarde
from bouwstenen.interop.publiccode.importer import Uitkomst, publiccode_import
from bouwstenen.interop.sources import Source
from bouwstenen.models import Bouwsteen
from registry.constants import Rol
from registry.models import Lidmaatschap, Organisatie
from tests.factories import BouwsteenFactory, UserFactory, complete
from tests.interop.conftest import own_file

IMPORTED_FILE = own_file("volledig-nl.yml")


@dataclass
class World:
    amsterdam: Organisatie
    utrecht: Organisatie
    users: dict
    draft: Bouwsteen
    published: Bouwsteen
    # Utrecht's block from its own publiccode.yml, published by a second person.
    imported: Bouwsteen


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db) -> World:
    amsterdam = Organisatie.objects.get(code="GM0363")
    utrecht = Organisatie.objects.get(code="GM0344")
    users = {}
    for name, organisatie, rol in [
        ("redacteur", amsterdam, Rol.REDACTEUR),
        ("publicist", amsterdam, Rol.PUBLICIST),
        ("publicist2", amsterdam, Rol.PUBLICIST),
        ("utrechter", utrecht, Rol.REDACTEUR),
        ("ander", utrecht, Rol.PUBLICIST),
    ]:
        users[name] = UserFactory(username=f"deur-{name}")
        Lidmaatschap.objects.create(
            gebruiker=users[name], organisatie=organisatie, rol=rol
        )
    users["beheerder"] = UserFactory(
        username="deur-beheerder", is_superuser=True, is_staff=True
    )
    draft = complete(BouwsteenFactory(organisatie=amsterdam, naam="Concept A"))
    published = complete(
        BouwsteenFactory(organisatie=amsterdam, gepubliceerd=True, naam="Openbaar A")
    )
    report = publiccode_import(
        sources=[Source("volledig-nl.yml", IMPORTED_FILE.read_bytes())],
        user=users["utrechter"],
    ).bestanden[0]
    assert report.uitkomst == Uitkomst.GEIMPORTEERD, report.redenen
    imported = report.bouwsteen
    # A publiccode.yml says nothing of the opschalingscheck: Utrecht answers it before
    # offering the block for review (bouwstenen.completeness).
    imported = services.opschalingscheck_save(
        user=users["utrechter"],
        bouwsteen=imported,
        answers={code: {"antwoord": Antwoord.JA} for code in Voorwaarde.values},
    )
    services.bouwsteen_transition(
        bouwsteen=imported, user=users["utrechter"], actie="indienen"
    )
    imported = services.bouwsteen_transition(
        bouwsteen=imported, user=users["ander"], actie="publiceren"
    )
    return World(amsterdam, utrecht, users, draft, published, imported)
