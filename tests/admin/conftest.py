"""Two organisations, every role, and one building block in each workflow state."""

from dataclasses import dataclass

import pytest

from django.contrib.auth import get_user_model
from django.utils import timezone

from bouwstenen.models import Bouwsteen
from registry.constants import Publicatiestatus, Rol
from registry.models import Lidmaatschap, Organisatie
from tests.factories import BouwsteenFactory, UserFactory, complete


@dataclass
class World:
    org_a: Organisatie
    org_b: Organisatie
    users: dict
    draft_a: Bouwsteen
    review_a: Bouwsteen
    published_a: Bouwsteen
    archived_a: Bouwsteen
    draft_b: Bouwsteen


@pytest.fixture
def world(db) -> World:
    org_a = Organisatie.objects.get(code="GM0363")
    org_b = Organisatie.objects.get(code="GM0344")
    users = {
        "redacteur_a": UserFactory(username="redacteur_a"),
        "publicist_a": UserFactory(username="publicist_a"),
        "publicist_a2": UserFactory(username="publicist_a2"),
        "lid_b": UserFactory(username="lid_b"),
        "zonder_lidmaatschap": UserFactory(username="zonder_lidmaatschap"),
        "beheerder": UserFactory(
            username="beheerder", is_superuser=True, is_staff=True
        ),
    }
    for name, org, rol in [
        ("redacteur_a", org_a, Rol.REDACTEUR),
        ("publicist_a", org_a, Rol.PUBLICIST),
        ("publicist_a2", org_a, Rol.PUBLICIST),
        ("lid_b", org_b, Rol.PUBLICIST),
    ]:
        Lidmaatschap.objects.create(gebruiker=users[name], organisatie=org, rol=rol)
    now = timezone.now()
    return World(
        org_a=org_a,
        org_b=org_b,
        users=users,
        draft_a=complete(
            BouwsteenFactory(organisatie=org_a, naam="Concept A", slug="concept-a")
        ),
        review_a=complete(
            BouwsteenFactory(
                organisatie=org_a,
                naam="Beoordeling A",
                slug="beoordeling-a",
                publicatiestatus=Publicatiestatus.TER_BEOORDELING,
                ingediend_door=users["redacteur_a"],
            )
        ),
        published_a=complete(
            BouwsteenFactory(
                organisatie=org_a,
                naam="Gepubliceerd A",
                slug="gepubliceerd-a",
                publicatiestatus=Publicatiestatus.GEPUBLICEERD,
                gepubliceerd_op=now,
            )
        ),
        archived_a=complete(
            BouwsteenFactory(
                organisatie=org_a,
                naam="Archief A",
                slug="archief-a",
                publicatiestatus=Publicatiestatus.GEARCHIVEERD,
                gepubliceerd_op=now,
            )
        ),
        draft_b=complete(
            BouwsteenFactory(organisatie=org_b, naam="Concept B", slug="concept-b")
        ),
    )


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user


def get_user(username: str):
    return get_user_model().objects.get(username=username)
