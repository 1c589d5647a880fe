"""SQLite gets the statistics its planner needs when a connection opens
(core.sqlite_statistics); PostgreSQL connections get their session settings
(core.postgresql_session)."""

import sqlite3

import pytest

from django.contrib.auth.models import Group
from django.db import connection
from django.db.backends.signals import connection_created
from django.test.utils import CaptureQueriesContext

from core import sqlite_statistics
from core.postgresql_session import apply_session_settings
from core.sqlite_statistics import GROWTH, keep_statistics, stale_tables

pytestmark = pytest.mark.django_db
TABLE = Group._meta.db_table


def analysed_rows(db=None) -> int | None:
    db = db or connection.connection
    if not db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
    ).fetchone():
        return None
    row = db.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = ?", [TABLE]).fetchone()
    return int(row[0].split()[0]) if row else None


def stale() -> list[str]:
    connection.ensure_connection()
    return stale_tables(connection.connection)


def groups(first: int, last: int) -> None:
    Group.objects.bulk_create(Group(name=f"groep {n}") for n in range(first, last))


def test_every_new_connection_is_set_up_by_both():
    # (lookup key, a weak reference to the receiver, whether it is async)
    receivers = {ref() for _key, ref, _is_async in connection_created.receivers}
    assert {keep_statistics, apply_session_settings} <= receivers


@pytest.mark.postgresql
def test_a_postgresql_connection_plans_without_parallel_workers():
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone() == ("0",)


@pytest.mark.postgresql
def test_the_number_of_parallel_workers_comes_from_the_setting(settings):
    settings.DATABASE_PARALLEL_WORKERS = 2
    apply_session_settings(None, connection)
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone() == ("2",)
    settings.DATABASE_PARALLEL_WORKERS = 0
    apply_session_settings(None, connection)


@pytest.mark.sqlite
def test_empty_tables_are_left_alone():
    assert TABLE not in stale()


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


@pytest.mark.sqlite
def test_a_settled_table_is_not_counted_or_analysed_again(monkeypatch):
    groups(0, 3)
    keep_statistics(None, connection)
    monkeypatch.setattr(sqlite_statistics, "SETTLED", 3)
    groups(3, 30)
    assert TABLE not in stale()


@pytest.mark.sqlite
def test_a_database_that_cannot_be_written_now_is_left_as_it_is(tmp_path):
    """Read-only, or another writer holding the lock: the connection opens anyway."""
    path = tmp_path / "register.sqlite3"
    setup = sqlite3.connect(path, isolation_level=None)
    setup.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, naam TEXT)")
    setup.execute("CREATE INDEX t_naam ON t (naam)")
    setup.execute("INSERT INTO t (naam) VALUES ('a'), ('b')")
    setup.close()

    class Opened:
        vendor = "sqlite"

        def __init__(self, db):
            self.connection = db

    read_only = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    assert stale_tables(read_only) == ["t"]
    keep_statistics(None, Opened(read_only))  # no error
    assert analysed_rows(read_only) is None

    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    waiting = sqlite3.connect(path, isolation_level=None, timeout=20)
    keep_statistics(None, Opened(waiting))  # gives up at once instead of after 20 s
    assert waiting.execute("PRAGMA busy_timeout").fetchone() == (20000,)
    writer.execute("ROLLBACK")
    keep_statistics(None, Opened(waiting))
    assert waiting.execute("SELECT count(*) FROM sqlite_stat1").fetchone()[0] >= 1
