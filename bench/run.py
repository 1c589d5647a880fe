"""``make bench`` and ``make bench-quick``: every scenario on every catalogue, with its floor.

    python -m bench.run --mode quick      # 1,000 blocks on PostgreSQL and SQLite
    python -m bench.run --mode full       # 1,000 / 10,000 / 100,000 (SQLite up to 10,000)
    python -m bench.run --vendors postgresql --sizes 10000 --only lijst,detail
    python -m bench.run --replica --mode quick  # lijst and detail without and with a
                                                # streaming replica (bench.with_replica)

For each catalogue: prepare it (generated once, reused later), start gunicorn on it, and
per scenario first drive the endpoint from this process, then run the floor from the
same process with the same concurrency, then ask each distinct request once more of both
and compare the rows (bench.agree). Results go to stdout and bench/results/.

The exit status is 1 when a read is missing or answers other than 2xx, or when an
endpoint's rows differ from its floor's (bench.report.failures); missed targets are
listed but do not change it.
"""

import argparse
import asyncio
import datetime
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench import agree, export, load, report, server, targets, with_replica, writes
from bench import catalogue as catalogues
from bench import floor as floors
from bench.scenarios import SCENARIOS, SUGGESTIES, Scenario

RESULTS = Path(__file__).resolve().parent / "results"
CONCURRENCY = 4


@dataclass(frozen=True)
class Mode:
    sizes: dict[str, tuple[int, ...]]
    duration: float  # seconds per measurement, at least
    min_operations: int
    max_operations: int
    warmup: int  # operations per connection before measuring
    serial: int  # floor operations on one connection, for the serial p50
    all_scenarios: bool
    downloads: int  # whole exports timed, one after another (bench.export)


MODES = {
    "quick": Mode(
        {"postgresql": (1000,), "sqlite": (1000,)},
        duration=1.0,
        min_operations=12,
        max_operations=2000,
        warmup=2,
        serial=5,
        all_scenarios=False,
        downloads=3,
    ),
    "full": Mode(
        {"postgresql": (1000, 10000, 100000), "sqlite": (1000, 10000)},
        duration=6.0,
        min_operations=40,
        max_operations=20000,
        warmup=5,
        serial=15,
        all_scenarios=True,
        downloads=5,
    ),
}


def _path(scenario: Scenario, i: int, sample: list[str]) -> str:
    """The request of operation ``i``: queries and blocks are visited in turn."""
    from urllib.parse import urlencode

    queries = scenario.queries
    query = queries[i % len(queries)].text if queries else None
    block = sample[i % len(sample)]
    if scenario.kind == "health":
        return "/health"
    if scenario.kind == "api-list":
        params = scenario.params_for(i)
        return "/api/v1/bouwstenen" + ("?" + urlencode(params) if params else "")
    if scenario.kind == "api-search":
        return "/api/v1/bouwstenen?" + urlencode({"q": query})
    if scenario.kind == "api-facets":
        return "/api/v1/bouwstenen/facetten" + (
            "?" + urlencode({"q": query}) if query else ""
        )
    if scenario.kind == "page":
        return "/bouwstenen" + ("?" + urlencode({"q": query}) if query else "")
    if scenario.kind == "suggest":
        return "/api/v1/suggesties?" + urlencode(
            {"q": SUGGESTIES[i % len(SUGGESTIES)].text}
        )
    if scenario.kind == "detail":
        return f"/api/v1/bouwstenen/{block}"
    if scenario.kind == "similar":
        return f"/api/v1/bouwstenen/{block}/vergelijkbaar"
    if scenario.kind == "publiccode":
        return f"/api/v1/bouwstenen/{block}/publiccode"
    if scenario.kind == "export":
        return export.path(scenario.params["format"])
    raise ValueError(scenario.kind)


def _read_operation(scenario: Scenario, sample: list[str]):
    async def operation(client: load.Client, i: int) -> None:
        await client.get(_path(scenario, i, sample))

    return operation


def _distinct_operations(scenario: Scenario, sample: list[str]) -> int:
    """How many different requests the scenario makes: its operations repeat after that."""
    if scenario.kind in ("detail", "similar", "publiccode"):
        return len(sample)
    if scenario.kind == "suggest":
        return len(SUGGESTIES)
    return max(1, len(scenario.queries), len(scenario.rotation))


def _check_rows(scenario: Scenario, port: int, sample, floor_operation, floor) -> str:
    """Does every distinct request of the scenario answer the floor's rows, in order?"""
    differences = []
    for i in range(_distinct_operations(scenario, sample)):
        path = _path(scenario, i, sample)
        status, body = asyncio.run(_fetch(port, path))
        found = agree.difference(scenario.kind, status, body, floor_operation(floor, i))
        if found:
            differences.append(f"{path}: {found}")
    if not differences:
        return ""
    more = len(differences) - 3
    return (
        "andere rijen dan de vloer: "
        + " | ".join(differences[:3])
        + (f" | en nog {more}" if more > 0 else "")
    )


async def _fetch(port: int, path: str) -> tuple[int, bytes]:
    from bench.http import Connection

    connection = Connection("127.0.0.1", port)
    try:
        response = await connection.request("GET", path)
        return response.status, response.body
    finally:
        await connection.close()


def run_catalogue(
    cat: catalogues.Catalogue, mode: Mode, only: set[str], log, memory=None
):
    sample = catalogues.sample_uuids(cat)
    base_url = "http://127.0.0.1"
    rows = []
    env = catalogues.server_environment(cat)
    log_path = RESULTS / f"gunicorn-{cat.vendor}-{cat.size}.log"
    scenarios = [
        s
        for s in SCENARIOS
        if (mode.all_scenarios or s.quick) and (not only or s.name in only)
    ]
    with server.running(env, log_path) as (port, process):
        for scenario in scenarios:
            started = time.perf_counter()
            if scenario.kind == "export":
                rows.append(export.measure(scenario, port, mode.downloads))
                log(
                    export.line(rows[-1]) + f"  ({time.perf_counter() - started:.0f} s)"
                )
                continue
            if scenario.is_write:
                operation = writes.operation(cat)
            else:
                operation = _read_operation(scenario, sample)
                probe = asyncio.run(
                    load.probe_status("127.0.0.1", port, _path(scenario, 0, sample))
                )
            if not scenario.is_write and probe == 404:
                row = report.Row(scenario.name, scenario.label, missing=True)
            else:
                measured = load.measure(
                    "127.0.0.1",
                    port,
                    operation,
                    concurrency=CONCURRENCY,
                    workers=server.WORKERS,
                    warmup=mode.warmup,
                    duration=mode.duration,
                    min_operations=mode.min_operations,
                    max_operations=mode.max_operations,
                )
                row = report.endpoint_row(scenario, measured)
            floor_operation = floors.operation_for(scenario, floors.Sample(sample))
            if floor_operation is not None:
                settings = {
                    "warmup": mode.warmup,
                    "duration": mode.duration,
                    "min_operations": mode.min_operations,
                    "max_operations": mode.max_operations,
                }
                concurrent = floors.measure(
                    cat.vendor, cat.dsn, base_url, floor_operation,
                    concurrency=CONCURRENCY, **settings,
                )  # fmt: skip
                serial = floors.measure(
                    cat.vendor, cat.dsn, base_url, floor_operation, concurrency=1,
                    warmup=mode.warmup, duration=0, min_operations=mode.serial,
                    max_operations=mode.serial,
                )  # fmt: skip
                report.add_floor(row, concurrent, serial)
                if not row.missing:
                    floor = floors.Floor(cat.vendor, cat.dsn, base_url)
                    try:
                        row.check = _check_rows(
                            scenario, port, sample, floor_operation, floor
                        )
                    finally:
                        floor.close()
            rows.append(row)
            log(
                f"  {scenario.name:22} "
                + (
                    report.MISSING
                    if row.missing
                    else f"{row.throughput:7.1f}/s p50 {row.p50:7.1f} ms "
                    f"p95 {row.p95:7.1f} ms q={row.queries[1] if row.queries else '-'}"
                )
                + (
                    f"  vloer p50 {row.floor_p50:7.1f} ms"
                    if row.floor_p50 == row.floor_p50
                    else ""
                )
                + f"  ({time.perf_counter() - started:.0f} s)"
            )
        # What each worker holds after every scenario ran (issue 17: at most 200 MB).
        rss = server.worker_rss_mb(process)
        log(
            f"  geheugen van de workers na de run: {', '.join(f'{m:.0f} MB' for m in rss)}"
        )
        if memory is not None:
            memory[cat.label] = rss
    catalogues.remove_written(cat)
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=MODES, default="full")
    parser.add_argument("--vendors", help="postgresql,sqlite (standaard: beide)")
    parser.add_argument("--sizes", help="bijvoorbeeld 1000,10000")
    parser.add_argument("--only", help="alleen deze scenario's, komma-gescheiden")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--pg-options",
        default="",
        help="extra OPTIONS voor de server, als URL-parameters: server_side_binding=true",
    )
    parser.add_argument(
        "--sqlite-options",
        default="",
        help="extra OPTIONS voor de server, als URL-parameters: transaction_mode=IMMEDIATE",
    )
    parser.add_argument(
        "--replica",
        action="store_true",
        help="lijst en detail (of --only) op PostgreSQL, zonder en met een "
        "streamingreplica (standaard 1000 bouwstenen)",
    )
    args = parser.parse_args(argv)
    mode = MODES[args.mode]
    vendors = args.vendors.split(",") if args.vendors else list(mode.sizes)
    only = set(args.only.split(",")) if args.only else set()

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    if args.replica:
        if "postgresql" not in vendors:
            parser.error("--replica meet alleen PostgreSQL")
        sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [1000]
        return with_replica.main(args.mode, sizes, args.seed, sorted(only), log)

    started = datetime.datetime.now().astimezone()
    results: dict[str, list[report.Row]] = {}
    generated: dict[str, float] = {}
    labels: dict[str, list[str]] = {}
    memory: dict[str, list[float]] = {}
    for vendor in vendors:
        sizes = (
            tuple(int(s) for s in args.sizes.split(","))
            if args.sizes
            else mode.sizes[vendor]
        )
        for size in sizes:
            cat = catalogues.catalogue_for(vendor, size, args.seed)
            cat.url_options = (
                args.pg_options if vendor == "postgresql" else args.sqlite_options
            )
            catalogues.prepare(cat, log=log)
            if cat.generated_in is not None:
                generated[cat.label] = cat.generated_in
            catalogues.collect_static(cat)
            log(f"{cat.label}: meten ({args.mode})")
            results[cat.label] = run_catalogue(cat, mode, only, log, memory)
            labels.setdefault(vendor, []).append(cat.label)

    options = " ".join(
        f"{name}: {value}"
        for name, value in (
            ("PostgreSQL", args.pg_options),
            ("SQLite", args.sqlite_options),
        )
        if value
    )
    text = report.document(
        args.mode, started, results, labels, generated, options, memory, CONCURRENCY
    )
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = started.strftime("%Y%m%d-%H%M%S")
    for name in (f"{stamp}-{args.mode}", f"laatste-{args.mode}"):
        (RESULTS / f"{name}.md").write_text(text, encoding="utf-8")
        (RESULTS / f"{name}.json").write_text(
            json.dumps(
                {
                    "mode": args.mode,
                    "started": started.isoformat(),
                    "machine": report.machine(),
                    "generated_seconds": generated,
                    "worker_rss_mb": memory,
                    "results": {
                        label: [row.as_dict() for row in rows]
                        for label, rows in results.items()
                    },
                },
                indent=1,
                default=str,
            ),
            encoding="utf-8",
        )
    log(f"Resultaten: {RESULTS / f'{stamp}-{args.mode}.md'}")
    failed = report.failures(results)
    for line in failed:
        log(f"FOUT: {line}")
    # The targets are reported, and never fail the run: timings on a shared machine say
    # too little (docs/performance.md).
    for title, (measured, missed) in (
        ("issue 10", targets.summary(results, generated)),
        ("issue 17", targets.summary_read_model(results, memory)),
        ("issue 19", targets.summary_export(results)),
    ):
        if missed:
            log(
                f"Doelen van {title} niet gehaald ({len(missed)} van {measured} "
                "gemeten; de run faalt daar niet op):"
            )
            for line in missed:
                log(f"  {line}")
        else:
            log(f"Doelen van {title}: alle {measured} gemeten doelen gehaald.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
