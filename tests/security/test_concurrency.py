"""Concurrent writers race for the same record: exactly one wins, the others get a
conflict, and the stored record equals the winner's. On PostgreSQL, with real threads and
connections (SQLite's shared in-memory test database cannot run writers in parallel)."""

import threading

import pytest

from django.db import connection

from bouwstenen.models import Bouwsteen
from bouwstenen.services import ServiceError, bouwsteen_update
from core.errors import Code
from registry.constants import Rol
from registry.models import Lidmaatschap, Organisatie
from registry.reference_data import load_reference_data
from tests.factories import BouwsteenFactory, UserFactory

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]
WRITERS = 8


def _race(work) -> list:
    barrier = threading.Barrier(WRITERS)
    outcomes: list = [None] * WRITERS

    def writer(index: int):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = work(index)
        except Exception as exc:  # noqa: BLE001 - the outcome is what we inspect
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_exactly_one_of_many_concurrent_updates_wins():
    load_reference_data()
    amsterdam = Organisatie.objects.get(code="GM0363")
    block = BouwsteenFactory(organisatie=amsterdam, naam="Origineel")
    editor = UserFactory()
    Lidmaatschap.objects.create(
        gebruiker=editor, organisatie=amsterdam, rol=Rol.REDACTEUR
    )
    read_versie = block.versie

    def update(index: int):
        stale = Bouwsteen.objects.get(pk=block.pk)
        return bouwsteen_update(
            bouwsteen=stale,
            user=editor,
            values={"naam": f"Versie van schrijver {index}"},
            expected_versie=read_versie,
        )

    outcomes = _race(update)
    winners = [o for o in outcomes if isinstance(o, Bouwsteen)]
    conflicts = [
        o for o in outcomes if isinstance(o, ServiceError) and o.code == Code.VEROUDERD
    ]
    assert len(winners) == 1, outcomes
    assert len(conflicts) == WRITERS - 1, outcomes
    stored = Bouwsteen.objects.get(pk=block.pk)
    assert stored.naam == winners[0].naam
    assert stored.versie == read_versie + 1
