"""``make drill``: mixed traffic for a minute, a PostgreSQL restart in the middle, and an
account of what it cost.

The registry runs under gunicorn (as in the benchmark) on a catalogue of a few thousand
blocks. From this process, clients read (lists, searches, details) and write through the
API with tokens (create, and submit what they created) for a fixed time; a third of the
way in, PostgreSQL is restarted with ``pg_ctlcluster``. Afterwards the report gives the
requests served, the errors by status inside and outside the restart window, the longest
gap in service, and checks every write against the database.

A second fault, later in the run and apart from the restart, is the answer that never
arrives: for a few seconds (``--cut-at``, ``--cut-for``) the client hangs up right after
sending the first attempt of every write, as a network cut or a proxy timeout would. The
server carries the write out; the client only learns how it went by retrying.

The writing clients behave as a careful API client should: every logical write carries
an ``Idempotency-Key`` of its own (a fresh uuid) and, when it gets no answer, a 5xx or a
429, is sent again unchanged, with the same key, after a short backoff, until a
definitive answer comes. The verdict comes from the database: a write that got a 2xx is
stored exactly once (blocks are created without a slug and counted by the name the drill
gave them, submissions by their history), with the answer kept under its key; a write
that was stored although the attempt that stored it got a 5xx or no answer is counted,
and should have been answered by a replay (``Idempotent-Replayed: true``) on a later
attempt. A duplicate, a lost write, an answer the database contradicts, a refused valid
write or a write left without a definitive answer makes the drill fail.

By default the drill uses a PostgreSQL cluster of its own (``drill``, port 5439, created
on first use), so restarting it cannot break anybody's test run on the main cluster;
``--cluster main --port 5432`` restarts the main one instead, as in CI.
"""

import argparse
import asyncio
import dataclasses
import datetime
import json
import random
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import orjson
import psycopg

from bench import catalogue as catalogues
from bench import server
from bench.http import Connection, ConnectionLost

RESULTS = Path(__file__).resolve().parent / "results"
READ_QUERIES = ["laadpalen", "jeugd", "grondwater peilbeheer", "stikstof", "sturing"]

# A careful client: after no answer, a 5xx or a 429 it sends the same write again, with
# the same Idempotency-Key, after a growing pause (0.2 s, 0.4 s, ... at most 3 s; about
# 12 s in all, well beyond a restart of a few seconds).
MAX_ATTEMPTS = 8
FIRST_PAUSE = 0.2
LONGEST_PAUSE = 3.0
# What the history says of a submission (registry.workflow.INDIENEN.label).
SUBMITTED = "Ter beoordeling aanbieden"


@dataclass
class Event:
    """One HTTP request (for a write: one attempt)."""

    kind: str  # list, search, detail, create, submit
    started: float  # seconds since the start of the drill
    ended: float
    status: int  # 0: no HTTP answer at all
    key: str = ""  # the name written, or the uuid submitted
    attempt: int = 1  # which attempt of its logical write
    replayed: bool = False  # answered with Idempotent-Replayed: true
    cut: bool = False  # the client hung up after sending (the second fault)


@dataclass
class Write:
    """One logical write: one Idempotency-Key, sent until a definitive answer came."""

    kind: str  # create, submit
    key: str  # the Idempotency-Key
    target: str  # create: the name of the new block; submit: the uuid submitted
    attempts: list[Event] = field(default_factory=list)
    uuid: str = ""  # the block a 2xx answer names
    answer: str = ""  # a definitive 4xx: its problem code and detail

    @property
    def final(self) -> Event:
        return self.attempts[-1]

    @property
    def succeeded(self) -> bool:
        return 200 <= self.final.status < 300

    @property
    def undecided(self) -> bool:
        """Every attempt was used and none got a definitive answer."""
        return retryable(self.final.status)


@dataclass
class Restart:
    started: float = 0.0
    ended: float = 0.0
    output: str = ""


@dataclass
class Drill:
    events: list[Event] = field(default_factory=list)
    writes: list[Write] = field(default_factory=list)
    restart: Restart = field(default_factory=Restart)
    duration: float = 0.0
    # The second fault: in this window the first attempt of every write loses its answer.
    cut_from: float = 0.0
    cut_until: float = 0.0
    run: str = ""  # the names and slugs written carry it


def retryable(status: int) -> bool:
    """No answer, a server error or too many requests: not definitive, try again."""
    return status == 0 or status >= 500 or status == 429


def _pause(attempt: int, response, rng: random.Random) -> float:
    """How long to wait before ``attempt`` (2, 3, ...): Retry-After, else a backoff."""
    if response is not None and response.status == 429:
        try:
            return min(float(response.headers.get("retry-after", "")), LONGEST_PAUSE)
        except ValueError:
            pass
    pause = min(FIRST_PAUSE * 2 ** (attempt - 2), LONGEST_PAUSE)
    return pause * rng.uniform(0.75, 1.25)


def _name_prefix(run: str) -> str:
    # Slugified by the registry to bench-schrijf-oefening-<run>-<i>: removed after the run.
    return f"Bench-schrijf oefening {run}"


def _slug_pattern(run: str) -> str:
    return f"{catalogues.WRITTEN_SLUG_PREFIX}oefening-{run}-%"


def postgres_version() -> str:
    versions = sorted(
        (p.name for p in Path("/usr/lib/postgresql").iterdir()), key=lambda v: int(v)
    )
    return versions[-1]


def _as_postgres(sql: str, port: int) -> None:
    subprocess.run(  # noqa: S603 - fixed statements, our own cluster
        ["su", "postgres", "-c", f"psql -p {port} -v ON_ERROR_STOP=1 -q"],  # noqa: S607
        input=sql,
        text=True,
        check=True,
        capture_output=True,
    )


def ensure_cluster(version: str, name: str, port: int, log) -> None:
    """Create (once) and start the cluster, with the registry's superuser role."""
    listing = subprocess.run(
        ["pg_lsclusters", "-h"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    exists = any(line.split()[:2] == [version, name] for line in listing.splitlines())
    if not exists:
        log(f"PostgreSQL-cluster {version}/{name} op poort {port} aanmaken")
        subprocess.run(  # noqa: S603
            ["pg_createcluster", version, name, "--port", str(port)],  # noqa: S607
            check=True,
            capture_output=True,
        )
    subprocess.run(  # noqa: S603 - fixed command, our own cluster
        ["pg_ctlcluster", version, name, "start"],  # noqa: S607
        check=False,
        capture_output=True,
    )
    _wait_ready(port)
    _as_postgres(
        """DO $$ BEGIN
             IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'registry') THEN
               CREATE ROLE registry LOGIN SUPERUSER PASSWORD 'registry';
             END IF;
           END $$;""",
        port,
    )


def _wait_ready(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready = subprocess.run(  # noqa: S603 - fixed command
            ["pg_isready", "-q", "-h", "localhost", "-p", str(port)],  # noqa: S607
            check=False,
        )
        if ready.returncode == 0:
            return
        time.sleep(0.5)
    raise RuntimeError(f"PostgreSQL op poort {port} kwam niet op")


def _restart(version: str, name: str, restart: Restart, t0: float) -> None:
    restart.started = time.perf_counter() - t0
    result = subprocess.run(  # noqa: S603
        ["pg_ctlcluster", version, name, "restart"],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    restart.ended = time.perf_counter() - t0
    restart.output = (result.stdout + result.stderr).strip()


async def _traffic(port, cat, duration, clients, t0, drill: Drill, sample, seed):
    redacteur = {
        "Authorization": f"Token {cat.redacteur_token}",
        "Content-Type": "application/json",
    }
    created: list[str] = []  # uuids this drill created, for submit
    counter = iter(range(10**9))

    async def one(connection: Connection, kind: str, method: str, path: str, **kw):
        began = time.perf_counter() - t0
        try:
            response = await connection.request(method, path, **kw)
            status = response.status
        except (ConnectionLost, TimeoutError, OSError):
            response, status = None, 0
        return response, Event(kind, began, time.perf_counter() - t0, status)

    async def hang_up(connection: Connection, kind: str, path: str, **kw):
        began = time.perf_counter() - t0
        await connection.send_and_hang_up("POST", path, **kw)
        event = Event(kind, began, time.perf_counter() - t0, 0, cut=True)
        return None, event

    async def write(connection, rng, kind, path, target, body=b"") -> Write:
        """One logical write: a fresh key, the same request again until it is answered."""
        record = Write(kind, str(uuid.uuid4()), target)
        headers = {**redacteur, "Idempotency-Key": record.key}
        response = None
        for attempt in range(1, MAX_ATTEMPTS + 1):
            if attempt > 1:
                await asyncio.sleep(_pause(attempt, response, rng))
            now = time.perf_counter() - t0
            if attempt == 1 and drill.cut_from <= now < drill.cut_until:
                response, event = await hang_up(
                    connection, kind, path, body=body, headers=headers
                )
            else:
                response, event = await one(
                    connection, kind, "POST", path, body=body, headers=headers
                )
            event.key, event.attempt = target, attempt
            event.replayed = (
                response is not None
                and response.headers.get("idempotent-replayed") == "true"
            )
            drill.events.append(event)
            record.attempts.append(event)
            if not retryable(event.status):
                break
        if record.succeeded:
            record.uuid = orjson.loads(response.body).get("uuid", "")
        elif response is not None and not record.undecided:
            problem = orjson.loads(response.body or b"{}")
            fields = [p.get("name", "") for p in problem.get("invalidParams", [])]
            record.answer = (
                f"{problem.get('code', '')}: {problem.get('detail', '')}"
                + (f" [{', '.join(fields)}]" if fields else "")
            )
        drill.writes.append(record)
        return record

    async def client(number: int) -> None:
        rng = random.Random(seed + number)  # noqa: S311 - traffic, not secrets
        connection = Connection("127.0.0.1", port, timeout=15)
        while time.perf_counter() - t0 < duration:
            draw = rng.random()
            i = next(counter)
            if draw < 0.70:
                if draw < 0.15:
                    kind, path = "list", "/api/v1/bouwstenen"
                elif draw < 0.40:
                    q = urlencode({"q": rng.choice(READ_QUERIES)})
                    kind, path = "search", f"/api/v1/bouwstenen?{q}"
                else:
                    kind, path = "detail", f"/api/v1/bouwstenen/{rng.choice(sample)}"
                _response, event = await one(connection, kind, "GET", path)
                drill.events.append(event)
            elif draw < 0.90 or not created:
                # No slug: the registry makes one from the name, so a retry that were
                # carried out twice would show as a second block with that name.
                name = f"{_name_prefix(drill.run)} {i}"
                record = await write(
                    connection,
                    rng,
                    "create",
                    "/api/v1/bouwstenen",
                    name,
                    orjson.dumps(_new_block(name)),
                )
                if record.succeeded:
                    created.append(record.uuid)
            else:
                block = created.pop(rng.randrange(len(created)))
                await write(
                    connection,
                    rng,
                    "submit",
                    f"/api/v1/bouwstenen/{block}/indienen",
                    block,
                )
        await connection.close()

    await asyncio.gather(*(client(n) for n in range(clients)))


def _new_block(name: str) -> dict:
    return {
        "naam": name,
        "soort": "datatoepassing",
        "vorm": "dashboard",
        "samenvatting": "Wordt aangemaakt terwijl de database herstart.",
        "beschrijving": "## Wat het doet\n\nNiets: een oefening.",
        "organisatie": catalogues.WRITE_ORGANISATION,
        "levensfase": "idee",
        "themas": ["wonen"],
        "lagen": ["data"],
        "licentie": "EUPL-1.2",
        "contactpunt": {"naam": "Oefenteam", "email": "oefening@example.org"},
    }


@dataclass
class Verdict:
    confirmed: int  # logical writes answered with a 2xx
    lost: list[str]  # a 2xx, and not in the database
    duplicates: list[str]  # stored more than once
    wrong: list[str]  # an answer the database contradicts
    refused: list[str]  # a 4xx, not stored: the drill writes only valid requests
    undecided: list[str]  # no definitive answer after every attempt
    # Stored by an attempt whose answer was a 5xx or nothing (the database's timestamp
    # of the stored answer falls in that attempt), and of those, answered by a replay;
    # by what that attempt got: a 5xx, no answer, or a hang-up of the client.
    stored_despite_error: list[str]
    replayed_after_error: int
    despite_by_cause: dict[str, list[int]] = field(default_factory=dict)


def verify(cat: catalogues.Catalogue, drill: Drill) -> Verdict:
    """Every logical write against the database: once if confirmed, never twice."""
    pattern = _slug_pattern(drill.run)
    with psycopg.connect(cat.dsn) as db:
        blocks = db.execute(
            "SELECT naam, uuid::text, publicatiestatus FROM bouwstenen_bouwsteen "
            "WHERE slug LIKE %s",
            [pattern],
        ).fetchall()
        submissions = dict(
            db.execute(
                """SELECT b.uuid::text, count(*)
                   FROM bouwstenen_bouwsteen b
                   JOIN reversion_version v ON v.object_id = b.id::text
                   JOIN django_content_type t ON t.id = v.content_type_id
                        AND t.app_label = 'bouwstenen' AND t.model = 'bouwsteen'
                   JOIN reversion_revision r ON r.id = v.revision_id
                   WHERE b.slug LIKE %s AND r.comment = %s
                   GROUP BY 1""",
                [pattern, SUBMITTED],
            ).fetchall()
        )
        keys = {
            row[0]: row[1:]
            for row in db.execute(
                """SELECT k.sleutel, k.status, k.antwoord ->> 'uuid'
                   FROM registry_idempotentiesleutel k
                   JOIN auth_user u ON u.id = k.gebruiker_id
                   WHERE u.username = %s AND k.sleutel = ANY(%s)""",
                [catalogues.REDACTEUR, [w.key for w in drill.writes]],
            )
        }
    by_name: dict[str, list[str]] = {}
    for naam, block, _status in blocks:
        by_name.setdefault(naam, []).append(block)
    status_of = {block: status for _naam, block, status in blocks}
    written = {w.target for w in drill.writes if w.kind == "create"}
    lost, duplicates, wrong, refused, undecided, despite = [], [], [], [], [], []
    confirmed = replayed_after_error = 0
    by_cause: dict[str, list[int]] = {}
    for name in sorted(set(by_name) - written):
        wrong.append(f"{name}: in de database, maar door geen schrijfactie geschreven")
    for w in drill.writes:
        label = f"{'aangemaakt' if w.kind == 'create' else 'ingediend'} {w.target}"
        if w.kind == "create":
            stored = len(by_name.get(w.target, []))
        else:
            stored = submissions.get(w.target, 0)
        if stored > 1:
            duplicates.append(f"{label} ({stored} keer)")
        key = keys.get(w.key)
        if w.succeeded:
            confirmed += 1
            if stored == 0 or (
                w.kind == "submit"
                and status_of.get(w.target) not in ("ter-beoordeling", "gepubliceerd")
            ):
                lost.append(label)
            elif w.kind == "create" and w.uuid not in by_name[w.target]:
                wrong.append(f"{label}: het antwoord noemt {w.uuid}")
        elif w.undecided:
            undecided.append(f"{label} ({'wel' if stored else 'niet'} opgeslagen)")
        elif stored:
            wrong.append(
                f"{label}: status {w.final.status} ({w.answer}), toch opgeslagen"
            )
        else:
            refused.append(f"{label}: status {w.final.status} ({w.answer})")
        if key is None:
            if stored:
                wrong.append(f"{label}: opgeslagen zonder het antwoord bij de sleutel")
            if w.final.replayed:
                wrong.append(f"{label}: herhaald antwoord zonder opgeslagen sleutel")
            continue
        key_status, key_uuid = key
        if w.succeeded and key_status != w.final.status:
            wrong.append(f"{label}: status {w.final.status}, bewaard {key_status}")
        if w.kind == "create" and w.succeeded and key_uuid != w.uuid:
            wrong.append(f"{label}: bewaard antwoord noemt {key_uuid}")
        if not stored or any(_first_answer(a) for a in w.attempts):
            continue
        # Stored, and no attempt heard the answer of the one that stored it: an attempt
        # that got a 5xx or nothing did (attempts can overlap: a hung-up one may still
        # run on the server when the next is sent).
        causes = sorted({_cause(a) for a in w.attempts if retryable(a.status)})
        cause = " of ".join(causes)
        despite.append(f"{label} (na {cause}; {len(w.attempts)} pogingen)")
        counts = by_cause.setdefault(cause, [0, 0])
        counts[0] += 1
        if w.succeeded and w.final.replayed:
            replayed_after_error += 1
            counts[1] += 1
    return Verdict(
        confirmed,
        lost,
        duplicates,
        wrong,
        refused,
        undecided,
        despite,
        replayed_after_error,
        by_cause,
    )


def _first_answer(event: Event) -> bool:
    """A 2xx that is no replay: the answer of the attempt that stored the write."""
    return 200 <= event.status < 300 and not event.replayed


def _cause(event: Event) -> str:
    if event.cut:
        return "verbinding verbroken door de client"
    return "geen antwoord" if event.status == 0 else str(event.status)


def _longest_gap(events: list[Event], duration: float) -> tuple[float, float]:
    """The longest time without any successful answer, and when it began."""
    done = sorted(e.ended for e in events if 200 <= e.status < 400)
    if not done:
        return duration, 0.0
    gaps = [(b - a, a) for a, b in zip([0.0, *done], [*done, duration], strict=True)]
    return max(gaps)


def _listed(items: list[str], most: int = 5) -> str:
    if not items:
        return ""
    more = f", en {len(items) - most} meer" if len(items) > most else ""
    return f" ({'; '.join(items[:most])}{more})"


def _counted(errors: Counter) -> str:
    return f"{sum(errors.values())}" + (f" {dict(errors)}" if errors else "")


def _writes_lines(writes: list[Write], verdict: Verdict) -> list[str]:
    retried = [w for w in writes if len(w.attempts) > 1]
    retries = sum(len(w.attempts) - 1 for w in writes)
    kinds = Counter(w.kind for w in writes)
    finals = Counter(w.final.status for w in writes)
    replayed = [w for w in writes if w.final.replayed]
    first_failed = [w for w in writes if retryable(w.attempts[0].status)]
    return [
        f"- Schrijfacties (elk met een eigen Idempotency-Key): {len(writes)} "
        f"(aanmaken {kinds['create']}, indienen {kinds['submit']}); eindstatus: "
        + ", ".join(
            f"{'geen antwoord' if s == 0 else s}: {n}"
            for s, n in sorted(finals.items())
        )
        + ".",
        f"- Herhaald (na geen antwoord, 5xx of 429): {len(retried)} schrijfacties, "
        f"{retries} extra pogingen, hoogstens {max((len(w.attempts) for w in writes), default=0)} "
        f"pogingen voor een schrijfactie; eerste poging mislukt: {len(first_failed)}; "
        f"zonder definitief antwoord na {MAX_ATTEMPTS} pogingen: {len(verdict.undecided)}"
        + _listed(verdict.undecided)
        + ".",
        f"- Herhaalde antwoorden (`Idempotent-Replayed: true`): {len(replayed)}.",
        "- Opgeslagen terwijl de poging een 5xx of geen antwoord kreeg (in de database, "
        "en geen poging kreeg het eerste 2xx-antwoord): "
        f"{len(verdict.stored_despite_error)}"
        + (
            " ("
            + ", ".join(
                f"na {cause}: {stored}, daarvan {replayed} herhaald"
                for cause, (stored, replayed) in sorted(
                    verdict.despite_by_cause.items()
                )
            )
            + ")"
            if verdict.despite_by_cause
            else ""
        )
        + f"; bij een volgende poging beantwoord met het herhaalde antwoord: "
        f"{verdict.replayed_after_error}.",
        f"- Database: schrijfacties met 2xx: {verdict.confirmed}; kwijt: "
        f"{len(verdict.lost)}{_listed(verdict.lost)}; dubbel opgeslagen: "
        f"{len(verdict.duplicates)}{_listed(verdict.duplicates)}; antwoord in strijd "
        f"met de database: {len(verdict.wrong)}{_listed(verdict.wrong)}; geweigerd "
        f"(4xx, niet opgeslagen): {len(verdict.refused)}{_listed(verdict.refused)}.",
    ]


def report(drill: Drill, verdict: Verdict, meta: dict) -> tuple[str, bool]:
    events, restart = drill.events, drill.restart

    def in_window(e: Event) -> bool:
        return e.ended >= restart.started and e.started <= restart.ended

    statuses = Counter(e.status for e in events if not e.cut)
    cut = [e for e in events if e.cut]
    failing = [e for e in events if not e.cut and (e.status >= 500 or e.status == 0)]
    errors_in = Counter(e.status for e in failing if in_window(e))
    errors_out = Counter(e.status for e in failing if not in_window(e))
    error_span = (
        f"{min(e.started for e in failing):.2f} s tot {max(e.ended for e in failing):.2f} s"
        if failing
        else "geen"
    )
    gap, gap_start = _longest_gap(events, drill.duration)
    first_ok_after = min(
        (
            e.ended
            for e in events
            if e.started >= restart.ended and 200 <= e.status < 400
        ),
        default=None,
    )
    by_kind = Counter(e.kind for e in events)
    ok_by_kind = Counter(e.kind for e in events if 200 <= e.status < 400)
    lines = [
        f"# Storingsoefening, {meta['started']}",
        "",
        f"- Opzet: gunicorn {server.WORKERS} workers x {server.THREADS} threads, "
        f"{meta['clients']} clients, {meta['duration']:.0f} s verkeer, PostgreSQL "
        f"{meta['cluster']} (poort {meta['port']}), catalogus van {meta['size']} "
        "bouwstenen.",
        f"- Herstart (`pg_ctlcluster {meta['cluster'].replace('/', ' ')} restart`): "
        f"van {restart.started:.2f} s tot {restart.ended:.2f} s "
        f"({restart.ended - restart.started:.2f} s).",
        f"- Verzoeken (elke poging telt): {len(events)} "
        f"({len(events) / drill.duration:.0f}/s), waarvan "
        + ", ".join(
            f"{kind} {ok_by_kind[kind]}/{by_kind[kind]} goed"
            for kind in sorted(by_kind)
        )
        + ".",
        "- Status: "
        + ", ".join(
            f"{'geen antwoord' if s == 0 else s}: {n}"
            for s, n in sorted(statuses.items())
        )
        + ".",
        f"- Antwoord kwijt (`--cut-at`, `--cut-for`): van {drill.cut_from:.0f} s tot "
        f"{drill.cut_until:.0f} s verbrak de client na het versturen van de eerste "
        f"poging van elke schrijfactie de verbinding: {len(cut)} pogingen."
        if drill.cut_until > drill.cut_from
        else "- Antwoord kwijt: niet geoefend (`--cut-for 0`).",
        f"- Fouten (5xx of geen antwoord) binnen het herstartvenster: "
        f"{_counted(errors_in)}; daarbuiten: {_counted(errors_out)}. Fouten tussen "
        f"{error_span}.",
        f"- Langste onderbreking (geen enkel goed antwoord): {gap:.2f} s, vanaf "
        f"{gap_start:.2f} s.",
        "- Eerste goede antwoord na de herstart: "
        + (
            f"{first_ok_after - restart.ended:.2f} s na het einde ervan."
            if first_ok_after is not None
            else "geen."
        ),
        *_writes_lines(drill.writes, verdict),
    ]
    passed = not (
        verdict.lost
        or verdict.duplicates
        or verdict.wrong
        or verdict.refused
        or verdict.undecided
        or errors_out
    )
    lines += [
        "",
        "Doel (niets kwijt, niets dubbel, elk antwoord klopt met de database, geen "
        "geldige schrijfactie geweigerd, elke schrijfactie een definitief antwoord, geen "
        "5xx buiten het herstartvenster): "
        + ("**gehaald**." if passed else "**NIET gehaald**."),
    ]
    return "\n".join(lines) + "\n", passed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cluster", default="drill")
    parser.add_argument("--port", type=int, default=5439)
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--restart-at", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=4)
    # The second fault, apart from the restart: the answers the client never hears.
    parser.add_argument("--cut-at", type=float, default=40.0)
    parser.add_argument("--cut-for", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    version = postgres_version()
    ensure_cluster(version, args.cluster, args.port, log)
    url = (
        f"postgresql://registry:registry@localhost:{args.port}/bench_drill_{args.size}"
    )
    cat = catalogues.Catalogue(
        "postgresql",
        args.size,
        args.seed,
        url.replace("postgresql://", "postgres://"),
        url,
    )
    catalogues.prepare(
        cat,
        log=log,
        admin_url=f"postgresql://registry:registry@localhost:{args.port}/postgres",
    )
    catalogues.collect_static(cat)
    sample = catalogues.sample_uuids(cat)
    drill = Drill(
        duration=args.duration,
        run=uuid.uuid4().hex[:8],
        cut_from=args.cut_at,
        cut_until=args.cut_at + args.cut_for,
    )
    started = datetime.datetime.now().astimezone()
    env = catalogues.server_environment(cat)
    with server.running(env, RESULTS / "gunicorn-drill.log") as (port, _process):
        log(
            f"{args.duration:.0f} s verkeer; herstart van {version}/{args.cluster} na "
            f"{args.restart_at:.0f} s"
        )
        t0 = time.perf_counter()
        timer = threading.Timer(
            args.restart_at, _restart, (version, args.cluster, drill.restart, t0)
        )
        timer.start()
        asyncio.run(
            _traffic(
                port, cat, args.duration, args.clients, t0, drill, sample, args.seed
            )
        )
        timer.join()
    _wait_ready(args.port)
    verdict = verify(cat, drill)
    meta = {
        "started": f"{started:%Y-%m-%d %H:%M}",
        "clients": args.clients,
        "duration": args.duration,
        "cluster": f"{version}/{args.cluster}",
        "port": args.port,
        "size": args.size,
    }
    text, passed = report(drill, verdict, meta)
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = started.strftime("%Y%m%d-%H%M%S")
    for name in (f"drill-{stamp}", "drill-laatste"):
        (RESULTS / f"{name}.md").write_text(text, encoding="utf-8")
        (RESULTS / f"{name}.json").write_text(
            json.dumps(
                {
                    "meta": meta,
                    "run": drill.run,
                    "restart": dataclasses.asdict(drill.restart),
                    "events": [dataclasses.asdict(e) for e in drill.events],
                    "writes": [
                        {
                            **dataclasses.asdict(w),
                            "final_status": w.final.status,
                            "replayed": w.final.replayed,
                        }
                        for w in drill.writes
                    ],
                    "verdict": dataclasses.asdict(verdict),
                }
            ),
            encoding="utf-8",
        )
    catalogues.remove_written(cat)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
