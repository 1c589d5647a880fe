"""Safe retries: a POST with an ``Idempotency-Key`` is carried out once.

A client that lost the answer sends the same request again with the same key and gets
the first answer (``Idempotent-Replayed: true``); nothing is stored twice. ``make drill``
found the case the single-threaded tests below cannot show: a retry sent while the first
attempt is still running on the server (the client hung up, a proxy timed out). That
retry must wait for the first one and answer what it answered, not run the write again
and fail on the first one's slug or status with a 409 (PostgreSQL, real threads).
"""

import threading
import time
import uuid
from importlib import import_module

import pytest
from reversion.models import Version

from django.apps import apps as django_apps
from django.db import connection

from bouwstenen import services
from bouwstenen.models import Bouwsteen
from core.models import Idempotentiesleutel
from registry.constants import Publicatiestatus, Rol
from registry.models import Lidmaatschap, Organisatie
from registry.reference_data import load_reference_data
from tests.api.helpers import assert_problem
from tests.api.test_writes import new_block
from tests.factories import BouwsteenFactory, TokenFactory, UserFactory, complete

LIST = "/api/v1/bouwstenen"
SUBMITTED = "Ter beoordeling aanbieden"


def _post(client, path, body, key):
    return client.post(path, body, format="json", HTTP_IDEMPOTENCY_KEY=key)


@pytest.mark.django_db
def test_a_repeat_gets_the_first_answer_and_stores_nothing_new(client_for, cast):
    client, key = client_for("redacteur"), str(uuid.uuid4())
    first = _post(client, LIST, new_block(), key)
    again = _post(client, LIST, new_block(), key)
    assert first.status_code == again.status_code == 201, again.content
    assert "Idempotent-Replayed" not in first
    assert again["Idempotent-Replayed"] == "true"
    assert again.json()["uuid"] == first.json()["uuid"]
    assert again["Location"] == first["Location"]
    assert again["ETag"] == first["ETag"]
    assert Bouwsteen.objects.filter(naam=new_block()["naam"]).count() == 1


@pytest.mark.django_db
def test_a_repeated_submit_is_answered_once(client_for, blocks):
    client, key = client_for("redacteur"), str(uuid.uuid4())
    path = f"{LIST}/{blocks['concept'].uuid}/indienen"
    first, again = _post(client, path, {}, key), _post(client, path, {}, key)
    assert first.status_code == again.status_code == 200, again.content
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    submissions = Version.objects.get_for_object(blocks["concept"]).filter(
        revision__comment=SUBMITTED
    )
    assert submissions.count() == 1


@pytest.mark.django_db
def test_the_same_key_with_another_body_is_a_422(client_for, cast):
    client, key = client_for("redacteur"), str(uuid.uuid4())
    assert _post(client, LIST, new_block(), key).status_code == 201
    other = _post(client, LIST, new_block(naam="Een andere naam"), key)
    assert_problem(other, 422, "idempotency_key_reused")
    assert not Bouwsteen.objects.filter(naam="Een andere naam").exists()


@pytest.mark.django_db
def test_a_refusal_is_not_kept_and_a_corrected_retry_is_carried_out(client_for, cast):
    client, key = client_for("redacteur"), str(uuid.uuid4())
    refused = _post(client, LIST, new_block(naam=""), key)
    assert refused.status_code == 400
    assert not Idempotentiesleutel.objects.filter(sleutel=key).exists()
    assert _post(client, LIST, new_block(), key).status_code == 201


@pytest.mark.django_db
def test_keys_are_per_user(client_for, cast):
    key = str(uuid.uuid4())
    mine = _post(client_for("redacteur"), LIST, new_block(), key)
    theirs = _post(client_for("publicist"), LIST, new_block(), key)
    assert mine.status_code == theirs.status_code == 201
    assert "Idempotent-Replayed" not in theirs
    assert theirs.json()["uuid"] != mine.json()["uuid"]


# --- a retry while the first attempt is still running (make drill) ------------------


def _waiting_on_a_lock(timeout: float = 10) -> bool:
    """Whether another session of this database waits on a row lock (the retry)."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = "
                "current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.02)
    return False


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", ["create", "submit"])
def test_a_retry_while_the_first_attempt_runs_waits_for_it_and_gets_its_answer(
    kind, monkeypatch
):
    from rest_framework.test import APIClient

    # A transactional test starts from empty tables: the layers of the data migration too.
    import_module("registry.migrations.0002_common_ground_lagen").create_lagen(
        django_apps, None
    )
    load_reference_data()
    amsterdam = Organisatie.objects.get(code="GM0363")
    editor = UserFactory()
    Lidmaatschap.objects.create(
        gebruiker=editor, organisatie=amsterdam, rol=Rol.REDACTEUR
    )
    token = TokenFactory(user=editor).key
    if kind == "create":
        path, body, service = LIST, new_block(), "bouwsteen_create"
    else:
        # Complete: only a complete block goes to review (bouwstenen.completeness).
        block = complete(
            BouwsteenFactory(
                organisatie=amsterdam, publicatiestatus=Publicatiestatus.CONCEPT
            )
        )
        path, body, service = (
            f"{LIST}/{block.uuid}/indienen",
            {},
            "bouwsteen_transition",
        )

    # The first attempt writes, and then takes its time before it commits.
    written, go_on = threading.Event(), threading.Event()
    real = getattr(services, service)

    def slow(**kwargs):
        result = real(**kwargs)
        if threading.current_thread().name == "first":
            written.set()
            go_on.wait(timeout=20)
        return result

    monkeypatch.setattr(services, service, slow)
    key, answers = str(uuid.uuid4()), {}

    def attempt(name: str):
        try:
            client = APIClient()
            client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
            answers[name] = _post(client, path, body, key)
        finally:
            connection.close()

    first = threading.Thread(target=attempt, args=("first",), name="first")
    first.start()
    assert written.wait(timeout=20)
    retry = threading.Thread(target=attempt, args=("retry",), name="retry")
    retry.start()
    # The retry reaches the database while the first attempt has not committed yet.
    waited = _waiting_on_a_lock()
    go_on.set()
    first.join(timeout=30)
    retry.join(timeout=30)
    assert waited

    expected = 201 if kind == "create" else 200
    assert answers["first"].status_code == expected, answers["first"].content
    assert answers["retry"].status_code == expected, answers["retry"].content
    assert answers["retry"]["Idempotent-Replayed"] == "true"
    assert answers["retry"].json()["uuid"] == answers["first"].json()["uuid"]
    if kind == "create":
        assert Bouwsteen.objects.filter(naam=body["naam"]).count() == 1
    else:
        stored = Bouwsteen.objects.get(pk=block.pk)
        assert stored.publicatiestatus == Publicatiestatus.TER_BEOORDELING
        submissions = Version.objects.get_for_object(stored).filter(
            revision__comment=SUBMITTED
        )
        assert submissions.count() == 1
    assert Idempotentiesleutel.objects.filter(sleutel=key).count() == 1
