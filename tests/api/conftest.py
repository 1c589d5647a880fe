"""Two real organisations, a token for every role, and clients that speak as each of them."""

from dataclasses import dataclass, field

import pytest

from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from registry.constants import Publicatiestatus, Rol
from registry.models import Lidmaatschap, Organisatie
from tests.factories import BouwsteenFactory, TokenFactory, UserFactory, complete

ROLES = ("redacteur", "publicist", "publicist2", "ander", "beheerder")


@dataclass
class Cast:
    amsterdam: Organisatie
    utrecht: Organisatie
    users: dict = field(default_factory=dict)
    keys: dict = field(default_factory=dict)
    revoked_key: str = ""


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Throttling counts in the cache; every test starts with a clean slate."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def cast(db) -> Cast:
    """Amsterdam's redacteur and two publicists, a publicist of Utrecht, an operator.

    ``revoked_key`` belonged to a token that has since been deleted.
    """
    cast = Cast(
        amsterdam=Organisatie.objects.get(code="GM0363"),
        utrecht=Organisatie.objects.get(code="GM0344"),
    )
    memberships = {
        "redacteur": (cast.amsterdam, Rol.REDACTEUR),
        "publicist": (cast.amsterdam, Rol.PUBLICIST),
        "publicist2": (cast.amsterdam, Rol.PUBLICIST),
        "ander": (cast.utrecht, Rol.PUBLICIST),
    }
    for role in ROLES:
        user = UserFactory(username=f"api-{role}", is_superuser=role == "beheerder")
        if role in memberships:
            organisatie, rol = memberships[role]
            Lidmaatschap.objects.create(
                gebruiker=user, organisatie=organisatie, rol=rol
            )
        cast.users[role] = user
        cast.keys[role] = TokenFactory(user=user).key
    revoked = TokenFactory()
    cast.revoked_key = revoked.key
    revoked.delete()
    return cast


@pytest.fixture
def client_for(cast):
    """``client_for("publicist")``: an API client with that role's token (None: anonymous)."""

    def make(role: str | None = None) -> APIClient:
        client = APIClient()
        if role == "ingetrokken":
            client.credentials(HTTP_AUTHORIZATION=f"Token {cast.revoked_key}")
        elif role is not None:
            client.credentials(HTTP_AUTHORIZATION=f"Token {cast.keys[role]}")
        return client

    return make


@pytest.fixture
def anonymous() -> APIClient:
    return APIClient()


@pytest.fixture
def blocks(cast):
    """One complete Amsterdam block in each workflow status, and a draft of Utrecht."""

    def make(status, **kwargs):
        # Complete (bouwstenen.completeness): each may go through review.
        return complete(
            BouwsteenFactory(
                organisatie=kwargs.pop("organisatie", cast.amsterdam),
                publicatiestatus=status,
                **kwargs,
            )
        )

    now = timezone.now()
    return {
        "concept": make(Publicatiestatus.CONCEPT, naam="Concept A"),
        "ter-beoordeling": make(
            Publicatiestatus.TER_BEOORDELING,
            naam="Beoordeling A",
            ingediend_door=cast.users["redacteur"],
        ),
        "gepubliceerd": make(
            Publicatiestatus.GEPUBLICEERD, naam="Gepubliceerd A", gepubliceerd_op=now
        ),
        "gearchiveerd": make(
            Publicatiestatus.GEARCHIVEERD, naam="Archief A", gepubliceerd_op=now
        ),
        "concept-utrecht": make(
            Publicatiestatus.CONCEPT, naam="Concept Utrecht", organisatie=cast.utrecht
        ),
    }
