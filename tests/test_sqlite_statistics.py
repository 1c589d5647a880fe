"""SQLite gets the statistics its planner needs when a connection opens (core.sqlite_statistics)."""

import pytest

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.sqlite_statistics import GROWTH, keep_statistics, stale_tables

pytestmark = pytest.mark.django_db
TABLE = Group._meta.db_table


def analysed_rows() -> int | None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
        )
        if not cursor.fetchone():
            return None
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", [TABLE])
        row = cursor.fetchone()
    return int(row[0].split()[0]) if row else None


def stale() -> list[str]:
    connection.ensure_connection()
    return stale_tables(connection.connection)


def groups(first: int, last: int) -> None:
    Group.objects.bulk_create(Group(name=f"groep {n}") for n in range(first, last))


@pytest.mark.postgresql
def test_postgresql_keeps_its_own_statistics():
    # Autovacuum does it: nothing is asked.
    with CaptureQueriesContext(connection) as queries:
        keep_statistics(None, connection)
    assert len(queries) == 0


@pytest.mark.sqlite
def test_a_table_with_rows_and_no_statistics_is_analysed_once():
    groups(0, 3)
    assert analysed_rows() is None and TABLE in stale()
    # Setting up the connection: not queries of whatever request opened it.
    with CaptureQueriesContext(connection) as queries:
        keep_statistics(None, connection)
    assert len(queries) == 0
    assert analysed_rows() == 3
    assert TABLE not in stale()


@pytest.mark.sqlite
def test_a_small_table_that_grew_past_twice_its_analysed_size_is_analysed_again():
    groups(0, 3)
    keep_statistics(None, connection)
    groups(3, 3 * GROWTH)
    assert TABLE not in stale()  # twice as many: the plans stay as they were
    groups(3 * GROWTH, 3 * GROWTH + 1)
    assert TABLE in stale()
    keep_statistics(None, connection)
    assert analysed_rows() == 3 * GROWTH + 1
