"""``make drill``: mixed traffic for a minute, a PostgreSQL restart in the middle, and an
account of what it cost.

The registry runs under gunicorn (as in the benchmark) on a catalogue of a few thousand
blocks. From this process, clients read (lists, searches, details) and write through the
API with tokens (create, and submit what they created) for a fixed time; a third of the
way in, PostgreSQL is restarted with ``pg_ctlcluster``. Afterwards the report gives the
requests served, the errors by status inside and outside the restart window, the longest
gap in service, and checks every write that got a 2xx against the database.

By default the drill uses a PostgreSQL cluster of its own (``drill``, port 5439, created
on first use), so restarting it cannot break anybody's test run on the main cluster;
``--cluster main --port 5432`` restarts the main one instead, as in CI.
"""

import argparse
import asyncio
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


@dataclass
class Event:
    kind: str  # list, search, detail, create, submit
    started: float  # seconds since the start of the drill
    ended: float
    status: int  # 0: no HTTP answer at all
    key: str = ""  # the slug written, or the uuid submitted


@dataclass
class Restart:
    started: float = 0.0
    ended: float = 0.0
    output: str = ""


@dataclass
class Drill:
    events: list[Event] = field(default_factory=list)
    restart: Restart = field(default_factory=Restart)
    duration: float = 0.0


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
    run = uuid.uuid4().hex[:8]
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

    async def client(number: int) -> None:
        rng = random.Random(seed + number)  # noqa: S311 - traffic, not secrets
        connection = Connection("127.0.0.1", port, timeout=15)
        while time.perf_counter() - t0 < duration:
            draw = rng.random()
            i = next(counter)
            if draw < 0.15:
                response, event = await one(
                    connection, "list", "GET", "/api/v1/bouwstenen"
                )
            elif draw < 0.40:
                q = urlencode({"q": rng.choice(READ_QUERIES)})
                response, event = await one(
                    connection, "search", "GET", f"/api/v1/bouwstenen?{q}"
                )
            elif draw < 0.70:
                block = rng.choice(sample)
                response, event = await one(
                    connection, "detail", "GET", f"/api/v1/bouwstenen/{block}"
                )
            elif draw < 0.90 or not created:
                slug = f"{catalogues.WRITTEN_SLUG_PREFIX}drill-{run}-{i}"
                body = orjson.dumps(_new_block(slug, i))
                response, event = await one(
                    connection,
                    "create",
                    "POST",
                    "/api/v1/bouwstenen",
                    body=body,
                    headers=redacteur,
                )
                event.key = slug
                if response is not None and response.status == 201:
                    created.append(orjson.loads(response.body)["uuid"])
            else:
                block = created.pop(rng.randrange(len(created)))
                response, event = await one(
                    connection,
                    "submit",
                    "POST",
                    f"/api/v1/bouwstenen/{block}/indienen",
                    headers=redacteur,
                )
                event.key = block
            drill.events.append(event)
        await connection.close()

    await asyncio.gather(*(client(n) for n in range(clients)))


def _new_block(slug: str, i: int) -> dict:
    return {
        "naam": f"Oefening herstart {i}",
        "slug": slug,
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
    writes_ok: int
    lost: list[str]
    phantom: list[str]  # failed for the client, yet in the database


def verify(cat: catalogues.Catalogue, events: list[Event]) -> Verdict:
    creates = [e for e in events if e.kind == "create"]
    submits = [e for e in events if e.kind == "submit"]
    with psycopg.connect(cat.dsn) as db:
        stored = {
            row[0]: row[1]
            for row in db.execute(
                "SELECT slug, publicatiestatus FROM bouwstenen_bouwsteen "
                "WHERE slug LIKE %s",
                [catalogues.WRITTEN_SLUG_PREFIX + "drill-%"],
            )
        }
        by_uuid = {
            str(row[0]): row[1]
            for row in db.execute(
                "SELECT uuid, publicatiestatus FROM bouwstenen_bouwsteen "
                "WHERE slug LIKE %s",
                [catalogues.WRITTEN_SLUG_PREFIX + "drill-%"],
            )
        }
    lost, phantom, ok = [], [], 0
    for event in creates:
        if 200 <= event.status < 300:
            ok += 1
            if event.key not in stored:
                lost.append(f"aangemaakt {event.key}")
        elif event.key in stored:
            phantom.append(f"aangemaakt {event.key} (status {event.status})")
    for event in submits:
        if 200 <= event.status < 300:
            ok += 1
            if by_uuid.get(event.key) not in ("ter-beoordeling", "gepubliceerd"):
                lost.append(f"ingediend {event.key}")
        elif by_uuid.get(event.key) == "ter-beoordeling":
            phantom.append(f"ingediend {event.key} (status {event.status})")
    return Verdict(ok, lost, phantom)


def _longest_gap(events: list[Event], duration: float) -> tuple[float, float]:
    """The longest time without any successful answer, and when it began."""
    done = sorted(e.ended for e in events if 200 <= e.status < 400)
    if not done:
        return duration, 0.0
    gaps = [(b - a, a) for a, b in zip([0.0, *done], [*done, duration], strict=True)]
    return max(gaps)


def report(drill: Drill, verdict: Verdict, meta: dict) -> tuple[str, bool]:
    events, restart = drill.events, drill.restart

    def in_window(e: Event) -> bool:
        return e.ended >= restart.started and e.started <= restart.ended

    statuses = Counter(e.status for e in events)
    failing = [e for e in events if e.status >= 500 or e.status == 0]
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
        f"- Verzoeken: {len(events)} ({len(events) / drill.duration:.0f}/s), waarvan "
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
        f"- Fouten (5xx of geen antwoord) binnen het herstartvenster: "
        f"{sum(errors_in.values())} {dict(errors_in) or ''}; daarbuiten: "
        f"{sum(errors_out.values())} {dict(errors_out) or ''}. Fouten tussen "
        f"{error_span}.",
        f"- Langste onderbreking (geen enkel goed antwoord): {gap:.2f} s, vanaf "
        f"{gap_start:.2f} s.",
        "- Eerste goede antwoord na de herstart: "
        + (
            f"{first_ok_after - restart.ended:.2f} s na het einde ervan."
            if first_ok_after is not None
            else "geen."
        ),
        f"- Schrijfacties met 2xx: {verdict.writes_ok}; kwijt in de database: "
        f"{len(verdict.lost)}"
        + (f" ({', '.join(verdict.lost[:5])})" if verdict.lost else "")
        + f"; mislukt voor de client maar toch opgeslagen: {len(verdict.phantom)}"
        + (f" ({', '.join(verdict.phantom[:5])})" if verdict.phantom else "")
        + ".",
    ]
    passed = not verdict.lost and not errors_out
    lines += [
        "",
        "Doel (geen verloren schrijfacties, geen 5xx buiten het herstartvenster): "
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
    drill = Drill(duration=args.duration)
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
    verdict = verify(cat, drill.events)
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
                    "restart": drill.restart.__dict__,
                    "events": [e.__dict__ for e in drill.events],
                    "lost": verdict.lost,
                    "phantom": verdict.phantom,
                }
            ),
            encoding="utf-8",
        )
    catalogues.remove_written(cat)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
