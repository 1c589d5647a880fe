"""The door's transactions: one per outermost write, no savepoint for a service that a
service calls, and a failure anywhere inside fails the write as a whole."""

import pytest

from django.db import connection, transaction
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext

from bouwstenen.models import Bouwsteen
from core.door import NestedWriteFailed, writing
from tests.factories import BouwsteenFactory

pytestmark = pytest.mark.django_db


def _savepoints(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if "SAVEPOINT" in q["sql"]]


def test_only_the_outermost_write_opens_a_transaction_of_its_own():
    blok = BouwsteenFactory(naam="Voor")
    with CaptureQueriesContext(connection) as captured, writing():
        with writing():
            Bouwsteen.objects.filter(pk=blok.pk).update(naam="Binnen")
        with writing():
            Bouwsteen.objects.filter(pk=blok.pk).update(naam="Na")
    # The test runs in a transaction, so the outermost is a savepoint here (and a
    # transaction in a request): created and released, and nothing for the inner two.
    assert len(_savepoints(captured)) == 2, _savepoints(captured)
    blok.refresh_from_db()
    assert blok.naam == "Na"


@pytest.mark.parametrize(
    ("statement_after", "refusal"),
    [(True, TransactionManagementError), (False, NestedWriteFailed)],
)
def test_a_caught_nested_failure_fails_the_whole_write(statement_after, refusal):
    """Without a savepoint, a failure that somebody catches inside the write does not
    leave the rest to be stored half, nor the write to be rolled back silently while
    its caller thinks it was stored: the next statement is refused, or, without one,
    the outermost refuses to end normally; the write rolls back as a whole."""
    blok = BouwsteenFactory(naam="Voor")
    with pytest.raises(refusal), writing():
        Bouwsteen.objects.filter(pk=blok.pk).update(naam="Half")
        try:
            with writing():
                raise ValueError("mislukt")
        except ValueError:
            pass
        if statement_after:
            Bouwsteen.objects.filter(pk=blok.pk).update(samenvatting="Ook half")
    blok.refresh_from_db()
    assert blok.naam == "Voor"


def test_a_nested_dry_run_is_refused_too():
    """A service asked for a dry run inside another write would roll back the outer one
    with it: refused, not stored as nothing."""
    blok = BouwsteenFactory(naam="Voor")
    with pytest.raises(NestedWriteFailed), writing():
        Bouwsteen.objects.filter(pk=blok.pk).update(naam="Half")
        with writing():
            transaction.set_rollback(True)
    blok.refresh_from_db()
    assert blok.naam == "Voor"


def test_a_dry_run_of_the_outermost_write_stays_a_dry_run():
    blok = BouwsteenFactory(naam="Voor")
    with writing():
        with writing():
            Bouwsteen.objects.filter(pk=blok.pk).update(naam="Proef")
        transaction.set_rollback(True)
    blok.refresh_from_db()
    assert blok.naam == "Voor"
