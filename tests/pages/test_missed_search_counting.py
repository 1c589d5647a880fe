"""How a search without hits is counted (bouwstenen.services.zoekvragen): one upsert,
outside any transaction of the request, that two searches at once both raise; on
PostgreSQL it commits without waiting for the disk, and only its own commit does."""

import threading
from datetime import timedelta

import pytest

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bouwstenen.models import GemisteZoekvraag
from bouwstenen.services import zoekvraag_zonder_resultaat

pytestmark = pytest.mark.django_db(transaction=True)


def count(query: str) -> int:
    return GemisteZoekvraag.objects.get(
        dag=timezone.localdate(), zoekvraag=query
    ).aantal


def synchronous_commit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


def test_a_search_is_counted_in_one_statement_and_the_first_of_a_day_prunes():
    old = GemisteZoekvraag.objects.create(
        dag=timezone.localdate() - timedelta(days=400), zoekvraag="oud", aantal=1
    )
    with CaptureQueriesContext(connection) as first:
        assert zoekvraag_zonder_resultaat(q="Xylofoon  muziek") == "xylofoon muziek"
    # The upsert first, outside any transaction; then, for the day's first row, the
    # oldest rows go.
    statements = [q["sql"] for q in first.captured_queries]
    assert "ON CONFLICT" in statements[0]
    assert any(s.startswith("DELETE") for s in statements[1:])
    assert not GemisteZoekvraag.objects.filter(pk=old.pk).exists()

    with CaptureQueriesContext(connection) as again:
        zoekvraag_zonder_resultaat(q="xylofoon muziek")
    assert len(again.captured_queries) == 1
    assert count("xylofoon muziek") == 2


def test_inside_a_callers_transaction_the_count_joins_it():
    with transaction.atomic():
        zoekvraag_zonder_resultaat(q="xylofoonmuziek")
        transaction.set_rollback(True)
    assert not GemisteZoekvraag.objects.exists()


@pytest.mark.postgresql
def test_on_postgresql_only_the_counts_own_commit_skips_the_disk():
    configured = synchronous_commit()  # the server's own setting, whatever it is
    with CaptureQueriesContext(connection) as outside:
        zoekvraag_zonder_resultaat(q="xylofoonmuziek")
    assert (
        "set_config('synchronous_commit', 'off', true)"
        in (outside.captured_queries[0]["sql"])
    )
    # The setting ended with the statement's own transaction.
    assert synchronous_commit() == configured

    with transaction.atomic():
        with CaptureQueriesContext(connection) as inside:
            zoekvraag_zonder_resultaat(q="xylofoonmuziek")
        # A caller's writes keep waiting for the disk as configured.
        assert synchronous_commit() == configured
    assert "set_config" not in inside.captured_queries[0]["sql"]
    assert count("xylofoonmuziek") == 2


@pytest.mark.postgresql
def test_searches_at_once_all_count():
    errors, start = [], threading.Barrier(4)

    def work():
        try:
            start.wait()
            for _ in range(25):
                zoekvraag_zonder_resultaat(q="gelijktijdig gezocht")
        except Exception as exc:  # noqa: BLE001 - any failure of a thread is the finding
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert count("gelijktijdig gezocht") == 100
