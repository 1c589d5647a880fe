"""Two blocks reindexed at once change the same vocabulary rows without a deadlock, and
the vocabulary ends as a full rebuild would make it.

PostgreSQL only: SQLite lets one writer at a time, so its writers cannot wait on each
other in a circle; on PostgreSQL each changed row is locked, and two writers that lock
the same words in different orders would deadlock (core.search.vocabulary sorts them).
"""

import threading

import pytest

from django.db import connection, transaction

from bouwstenen import search
from bouwstenen.models import Bouwsteen, Zoekwoord
from tests.factories import BouwsteenFactory

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

# Each block swaps between the two texts, one block always the other way round: the one
# writer takes words off where the other adds them, the worst order for locks.
TEXTS = ["Bodemkaart aardwarmte boorgaten", "Cameranetwerk dijkbewaking drones"]


def test_blocks_reindexed_at_once_keep_one_consistent_vocabulary():
    first = BouwsteenFactory(naam=TEXTS[0], samenvatting="", gepubliceerd=True)
    second = BouwsteenFactory(naam=TEXTS[1], samenvatting="", gepubliceerd=True)
    search.reindex()
    errors = []
    start = threading.Barrier(2)

    def work(block, offset):
        try:
            start.wait()
            for i in range(30):
                naam = TEXTS[(i + offset) % len(TEXTS)]
                with transaction.atomic():
                    Bouwsteen.objects.filter(pk=block.pk).update(naam=naam)
                    search.reindex([block.pk])
        except Exception as exc:  # noqa: BLE001 - any failure of a thread is the finding
            errors.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=work, args=(first, 1)),
        threading.Thread(target=work, args=(second, 0)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    concurrent = dict(Zoekwoord.objects.values_list("woord", "aantal"))
    search.reindex()
    assert dict(Zoekwoord.objects.values_list("woord", "aantal")) == concurrent
