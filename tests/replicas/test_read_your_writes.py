"""Issue 23 against a real primary and a streaming replica that replays 2 s late.

Every journey below failed before: a new block was 404 for its writer, a login bounced
back to the login page, create_api_token did not find the user add_member had just made.
Each step reads at once after the write, well inside the replica's delay, so a read that
went to the replica would see the old state.

One test, its journeys in order: the session's clusters cost half a minute to build, and
pytest-xdist would give each test of its own a worker (and clusters) of its own.
"""

import re
import threading
import time
import uuid

import pytest
import requests

from bouwstenen.constants import Voorwaarde
from tests.replicas.conftest import ORGANISATIE, PASSWORD

pytestmark = pytest.mark.postgresql

API = "/api/v1/bouwstenen"


def new_block(name: str) -> dict:
    return {
        "naam": name,
        "soort": "datatoepassing",
        "vorm": "dashboard",
        "samenvatting": "Aangemaakt om de leesreplica te beproeven.",
        "beschrijving": "## Wat het doet\n\nNiets: een proef.",
        "organisatie": ORGANISATIE,
        "levensfase": "idee",
        "themas": ["wonen"],
        "lagen": ["data"],
        "licentie": "EUPL-1.2",
        "contactpunt": {"naam": "Proefteam", "email": "proef@example.org"},
        "links": {"repository": "https://github.com/proefteam/replicaproef"},
    }


def client(url: str, token: str | None = None) -> requests.Session:
    session = requests.Session()
    session.base_url = url
    if token:
        session.headers["Authorization"] = f"Token {token}"
    return session


def get(session, path, **kwargs):
    return session.get(session.base_url + path, timeout=30, **kwargs)


def send(session, method, path, **kwargs):
    return session.request(method, session.base_url + path, timeout=30, **kwargs)


def replica_reads(registry) -> int:
    """Tuples the replica returned to the registry's database (its own statistics)."""
    return registry.clusters.replica.query(
        "SELECT tup_returned FROM pg_stat_database WHERE datname = 'registry'"
    )[0]


def test_read_your_writes_on_a_lagging_replica(registry):
    measured = {}
    redacteur = client(
        registry.url, registry.member_with_token("proef-red", "redacteur")
    )
    publicist = client(
        registry.url, registry.member_with_token("proef-pub", "publicist")
    )

    # --- API: create -> GET -> list; PATCH -> GET with the new ETag; the workflow ----
    created = send(redacteur, "POST", API, json=new_block("Replicaproef"))
    assert created.status_code == 201, created.text
    block = created.json()["uuid"]
    detail = get(redacteur, f"{API}/{block}")
    assert detail.status_code == 200, "de schrijver mist zijn nieuwe bouwsteen"
    listed = get(redacteur, API, params={"publicatiestatus": "concept"})
    assert block in {item["uuid"] for item in listed.json()["results"]}

    patched = send(
        redacteur,
        "PATCH",
        f"{API}/{block}",
        json={"samenvatting": "Gewijzigd, en meteen zo gelezen."},
        headers={"If-Match": detail.headers["ETag"]},
    )
    assert patched.status_code == 200, patched.text
    again = get(redacteur, f"{API}/{block}")
    assert again.headers["ETag"] == patched.headers["ETag"] != detail.headers["ETag"]
    assert again.json()["samenvatting"] == "Gewijzigd, en meteen zo gelezen."

    # Complete before review (bouwstenen.completeness): every precondition answered.
    answered = send(
        redacteur,
        "PATCH",
        f"{API}/{block}/opschalingscheck",
        json={
            "antwoorden": [
                {"voorwaarde": code, "antwoord": "nvt"} for code in Voorwaarde.values
            ]
        },
        headers={"If-Match": again.headers["ETag"]},
    )
    assert answered.status_code == 200, answered.text
    submitted = send(
        redacteur,
        "POST",
        f"{API}/{block}/indienen",
        headers={"If-Match": answered.headers["ETag"]},
    )
    assert submitted.status_code == 200, submitted.text
    assert get(redacteur, f"{API}/{block}").json()["publicatiestatus"] == (
        "ter-beoordeling"
    )
    published = send(publicist, "POST", f"{API}/{block}/publiceren")
    assert published.status_code == 200, published.text
    published_at = time.monotonic()
    assert get(publicist, f"{API}/{block}").json()["publicatiestatus"] == (
        "gepubliceerd"
    )

    # Someone else reads from the replica: the block appears there after its delay.
    anonymous = client(registry.url)
    first_seen = None
    while time.monotonic() - published_at < 20:
        if get(anonymous, f"{API}/{block}").status_code == 200:
            first_seen = time.monotonic() - published_at
            break
        time.sleep(0.1)
    assert first_seen is not None, "de replica speelde de publicatie niet af"
    measured["anoniem ziet de publicatie na (s)"] = round(first_seen, 1)

    # --- admin login -> index, not bounced to the login page -----------------------
    browser = client(registry.url)
    login = get(browser, "/admin/login/")
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text)[1]
    answer = send(
        browser,
        "POST",
        "/admin/login/?next=/admin/",
        data={
            "username": "proef-red",
            "password": PASSWORD,
            "csrfmiddlewaretoken": csrf,
            "next": "/admin/",
        },
        allow_redirects=False,
    )
    assert answer.status_code == 302 and answer.headers["Location"] == "/admin/"
    index = get(browser, "/admin/", allow_redirects=False)
    assert index.status_code == 200, (
        f"teruggestuurd naar {index.headers.get('Location')}"
    )

    # --- add_member -> create_api_token -> a request with that token ---------------
    fresh = client(registry.url, registry.member_with_token("proef-nieuw", "redacteur"))
    mine = get(fresh, API, params={"publicatiestatus": "concept"})
    assert mine.status_code == 200, mine.text
    assert send(
        fresh, "POST", API, json=new_block("Replicaproef twee")
    ).status_code == (201)

    # --- an anonymous reader's reads are served by the replica ---------------------
    before = replica_reads(registry)
    reader = client(registry.url)
    for _ in range(20):
        assert get(reader, API).status_code == 200
        assert get(reader, f"{API}/{block}").status_code == 200
    deadline = time.monotonic() + 20  # the statistics reach the view within seconds
    while replica_reads(registry) == before and time.monotonic() < deadline:
        time.sleep(0.5)
    measured["tuples van de replica voor 40 anonieme verzoeken"] = (
        replica_reads(registry) - before
    )
    assert replica_reads(registry) > before, "de replica diende geen anonieme lezing"
    assert registry.health()["replicas"]["replica_1"]["status"] == "ok"

    # --- stopping the replica mid-run costs no failed request ----------------------
    failures, served = [], []
    stop = threading.Event()

    def traffic(session, paths):
        while not stop.is_set():
            for path in paths:
                try:
                    status = get(session, path).status_code
                except requests.RequestException as exc:
                    status = type(exc).__name__
                served.append(status)
                if status != 200:
                    failures.append((path, status))

    workers = [
        threading.Thread(target=traffic, args=(client(registry.url), [API, f"{API}/{block}"])),
        threading.Thread(target=traffic, args=(redacteur, [API, f"{API}/{block}"])),
    ]  # fmt: skip
    for worker in workers:
        worker.start()
    time.sleep(1)
    registry.clusters.replica.pg_ctl("stop", "-m", "fast")
    stopped_at = len(served)
    # Writes go on too, and their writer still reads them back at once.
    written = send(redacteur, "POST", API, json=new_block(f"Na de stop {uuid.uuid4()}"))
    assert written.status_code == 201, written.text
    assert get(redacteur, f"{API}/{written.json()['uuid']}").status_code == 200
    time.sleep(3)
    stop.set()
    for worker in workers:
        worker.join()
    measured["verzoeken tijdens de stop (voor, na)"] = (
        stopped_at,
        len(served) - stopped_at,
    )
    assert failures == [], failures[:5]
    assert len(served) - stopped_at > 10
    health = registry.health()
    assert health["status"] == "ok"
    assert health["replicas"]["replica_1"]["status"] == "overgeslagen"
    print("gemeten:", measured)  # noqa: T201 - shown with -s, for the report
