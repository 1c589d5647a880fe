"""``python -m bench.drill`` (``make drill``): prepare, run, verify, report."""

import argparse
import asyncio
import dataclasses
import datetime
import json
import sys
import threading
import time
import uuid
from pathlib import Path

from bench import catalogue as catalogues
from bench import drill as drill_package
from bench import server
from bench.drill.cluster import (
    ensure_cluster,
    postgres_version,
    restart_cluster,
    wait_ready,
)
from bench.drill.record import Drill
from bench.drill.report import report
from bench.drill.traffic import traffic
from bench.drill.verdict import verify

RESULTS = Path(__file__).resolve().parent.parent / "results"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.drill", description=drill_package.__doc__.splitlines()[0]
    )
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
            args.restart_at, restart_cluster, (version, args.cluster, drill.restart, t0)
        )
        timer.start()
        asyncio.run(
            traffic(
                port, cat, args.duration, args.clients, t0, drill, sample, args.seed
            )
        )
        timer.join()
    wait_ready(args.port)
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
