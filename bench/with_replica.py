"""``make bench-replica``: the list and detail scenarios without and with a read replica.

    python -m bench.run --replica --mode quick --sizes 1000

Builds a throwaway PostgreSQL primary with a streaming replica (bench.replica), generates
the catalogue on the primary with the benchmark's own machinery (bench.catalogue, the
same seed as ``make bench``) and waits until the replica has replayed it. Then each
scenario runs twice on that one catalogue, each time under a gunicorn of its own: once
with ``DATABASE_URL`` alone (everything on the primary), once with
``DATABASE_REPLICA_URLS`` on the replica too (anonymous reads, which is all the
scenarios are, go to the replica). Around each run the clusters' ``pg_stat_database``
(transactions and rows returned in the registry's database) is read, so the table shows
which server served the reads, not only how fast.

Honest about the machine: primary, replica, gunicorn and the load generator share the
same cores, so a replica adds no capacity here; it costs some (WAL replay, a second
buffer cache, the router's health checks). What the figures show on one machine is what
the routing costs; what a replica on a server of its own brings, they cannot show.
"""

import asyncio
import datetime
import json
import math
import os
import time
import urllib.request
from dataclasses import asdict, dataclass, field

from bench import catalogue as catalogues
from bench import load, report, server
from bench.replica import Cluster, ClusterError, Pair, streaming_pair
from bench.scenarios import SCENARIOS

DEFAULT_SCENARIOS = ("lijst", "detail")  # the API list's first page, a block's detail
SETUPS = {"primair": "alleen primair", "replica": "met replica"}
MIN_DURATION = 3.0  # seconds per measurement: two figures are compared, not one read

HONEST = (
    "Primair, replica, gunicorn en de lastgenerator delen op deze machine dezelfde "
    "{cores} cores: een replica voegt hier geen rekenkracht toe en kost er wat "
    "(WAL afspelen, een tweede buffercache, de gezondheidscontroles van de router). "
    "De cijfers tonen wat het routeren naar een replica kost, niet wat een replica op "
    "een eigen server oplevert."
)


@dataclass
class Statistics:
    """``pg_stat_database`` of the registry's database on one cluster, at one moment."""

    transactions: int = 0  # xact_commit
    rows: int = 0  # tup_returned

    def __sub__(self, earlier: "Statistics") -> "Statistics":
        return Statistics(
            self.transactions - earlier.transactions, self.rows - earlier.rows
        )


@dataclass
class Run:
    """One scenario under one setup: its figures and what each cluster did meanwhile."""

    scenario: str
    label: str
    setup: str  # a key of SETUPS
    row: report.Row
    primary: Statistics = field(default_factory=Statistics)
    replica: Statistics = field(default_factory=Statistics)

    def as_dict(self) -> dict:
        return {**asdict(self), "row": self.row.as_dict()}


def statistics(cluster: Cluster, database: str) -> Statistics:
    # Asked from another database, so the question is not counted in the answer.
    transactions, rows = cluster.query(
        "SELECT xact_commit, tup_returned FROM pg_stat_database WHERE datname = %s",
        database,
        database="postgres",
    )
    return Statistics(transactions, rows)


def served_by_replica(run: Run) -> bool:
    """Did the replica serve this run's reads? At least a transaction per request there,
    and more than on the primary."""
    return (
        run.replica.transactions >= run.row.operations
        and run.replica.transactions > run.primary.transactions
    )


def problems(runs: list[Run]) -> list[str]:
    """Why the run fails: a read that did not answer 2xx, or replica reads not seen there."""
    lines = report.failures({SETUPS[run.setup]: [run.row] for run in runs})
    for run in runs:
        if run.setup == "replica" and not served_by_replica(run):
            lines.append(
                f"{run.label}: de replica diende de leesverzoeken niet "
                f"({run.replica.transactions} transacties op de replica, "
                f"{run.primary.transactions} op de primaire, {run.row.operations} verzoeken)"
            )
    return lines


def _change(before: float, after: float) -> str:
    if not before or math.isnan(before) or math.isnan(after):
        return "–"
    return f"{(after - before) / before * 100:+.0f}%"


def comparison_table(runs: list[Run]) -> str:
    """Per scenario: throughput and p50 alone and with the replica, and the change."""
    lines = [
        "| scenario | ops/s alleen primair | ops/s met replica | verschil "
        "| p50 alleen primair | p50 met replica | verschil |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    by_scenario: dict[str, dict[str, Run]] = {}
    for run in runs:
        by_scenario.setdefault(run.scenario, {})[run.setup] = run
    for setups in by_scenario.values():
        alone, replica = setups.get("primair"), setups.get("replica")
        if alone is None or replica is None:
            continue
        a, b = alone.row, replica.row
        lines.append(
            f"| {alone.label} | {report._num(a.throughput)} | {report._num(b.throughput)} "
            f"| {_change(a.throughput, b.throughput)} "
            f"| {report._num(a.p50)} ms | {report._num(b.p50)} ms "
            f"| {_change(a.p50, b.p50)} |"
        )
    return "\n".join(lines)


def servers_table(runs: list[Run]) -> str:
    """Who served the reads: the deltas of pg_stat_database on both clusters per run."""
    lines = [
        "| scenario | opstelling | verzoeken | status | transacties primair "
        "| transacties replica | rijen primair | rijen replica |",
        "| --- | --- | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for run in runs:
        lines.append(
            f"| {run.label} | {SETUPS[run.setup]} | {run.row.operations} "
            f"| {report._statuses(run.row)} "
            f"| {run.primary.transactions} | {run.replica.transactions} "
            f"| {run.primary.rows} | {run.replica.rows} |"
        )
    return "\n".join(lines)


def document(started, label: str, runs: list[Run], load_before, load_after) -> str:
    """The run as Markdown: setup, the comparison, who served, and what it can tell."""
    cores = os.cpu_count() or 0
    return "\n".join(
        [
            f"# Benchmark met leesreplica, {started:%Y-%m-%d %H:%M}",
            "",
            f"{label}, op een eigen primaire PostgreSQL en een streamingreplica "
            f"(zonder vertraging) op dezelfde machine. Machine: {report.machine()}. "
            f"gunicorn: {server.WORKERS} workers x {server.THREADS} threads, "
            f"{_concurrency()} clients met keep-alive; elk scenario onder een eigen "
            "gunicorn, eerst alleen primair, dan met `DATABASE_REPLICA_URLS`. "
            f"Belasting van de machine (loadavg 1/5/15 min): bij de start "
            f"{_loadavg(load_before)}, aan het eind {_loadavg(load_after)}.",
            "",
            comparison_table(runs),
            "",
            "Wie de leesverzoeken diende (verschil in `pg_stat_database` van de database "
            "van het register, `xact_commit` en `tup_returned`, over opwarmen en meten):",
            "",
            servers_table(runs),
            "",
            HONEST.format(cores=cores),
            "",
        ]
    )


def _loadavg(values) -> str:
    return " / ".join(f"{v:.2f}" for v in values)


def _concurrency() -> int:
    from bench.run import CONCURRENCY

    return CONCURRENCY


def _wait_for_replica(port: int, timeout: float = 30) -> None:
    """Until the server's /health says the replica serves reads (else it reads the primary)."""
    deadline = time.monotonic() + timeout
    body = {}
    while time.monotonic() < deadline:
        with urllib.request.urlopen(  # noqa: S310 - http://127.0.0.1 only
            f"http://127.0.0.1:{port}/health", timeout=5
        ) as response:
            body = json.loads(response.read())
        if body.get("replicas", {}).get("replica_1", {}).get("status") == "ok":
            return
        time.sleep(0.5)
    raise ClusterError(f"het register vond de replica niet gezond: {body}")


def _measure(scenario, setup: str, pair: Pair, cat, sample, mode, log) -> Run:
    from bench.run import CONCURRENCY, RESULTS, _path, _read_operation

    env = catalogues.server_environment(cat)
    if setup == "replica":
        env["DATABASE_REPLICA_URLS"] = pair.replica.url()
    log_path = RESULTS / f"gunicorn-replica-{setup}-{cat.size}.log"
    database = cat.dsn.rsplit("/", 1)[1]
    with server.running(env, log_path) as (port, _process):
        if setup == "replica":
            _wait_for_replica(port)
        status = asyncio.run(
            load.probe_status("127.0.0.1", port, _path(scenario, 0, sample))
        )
        before = (
            statistics(pair.primary, database),
            statistics(pair.replica, database),
        )
        if status == 404:
            row = report.Row(scenario.name, scenario.label, missing=True)
        else:
            measured = load.measure(
                "127.0.0.1",
                port,
                _read_operation(scenario, sample),
                concurrency=CONCURRENCY,
                workers=server.WORKERS,
                warmup=mode.warmup,
                duration=max(mode.duration, MIN_DURATION),
                min_operations=mode.min_operations,
                max_operations=mode.max_operations,
            )
            row = report.endpoint_row(scenario, measured)
    # Read after gunicorn stopped: a backend hands in its statistics when it exits, and
    # before that only once a second at most.
    run = Run(
        scenario.name,
        scenario.label,
        setup,
        row,
        statistics(pair.primary, database) - before[0],
        statistics(pair.replica, database) - before[1],
    )
    log(
        f"  {scenario.name:10} {SETUPS[setup]:15} {row.throughput:7.1f}/s "
        f"p50 {row.p50:6.1f} ms  transacties primair {run.primary.transactions}, "
        f"replica {run.replica.transactions}"
    )
    return run


def read_scenarios(names) -> list:
    """The scenarios by name; only reads (a write would go to the primary anyway)."""
    chosen = [s for s in SCENARIOS if s.name in set(names)]
    unknown = set(names) - {s.name for s in chosen}
    unfit = [s.name for s in chosen if s.is_write or s.kind == "export"]
    if unknown or unfit:
        raise SystemExit(
            f"--replica meet leesscenario's; onbekend of ongeschikt: "
            f"{', '.join(sorted(unknown | set(unfit)))}"
        )
    return chosen


def run_size(size: int, seed: int, mode, scenarios, log) -> tuple[str, list[Run]]:
    with streaming_pair(prefix="registry-bench-replica-") as pair:
        admin = f"postgresql://registry:registry@127.0.0.1:{pair.primary.port}"
        cat = catalogues.Catalogue(
            "postgresql",
            size,
            seed,
            pair.primary.url(),
            f"{admin}/registry",
        )
        catalogues.prepare(cat, log=log, admin_url=f"{admin}/postgres")
        catalogues.collect_static(cat)
        pair.wait_until_replayed()
        sample = catalogues.sample_uuids(cat)
        log(f"{cat.label} (met replica): meten")
        runs = [
            _measure(scenario, setup, pair, cat, sample, mode, log)
            for scenario in scenarios
            for setup in SETUPS
        ]
        return cat.label, runs


def main(mode_name: str, sizes, seed: int, only, log) -> int:
    from bench.run import MODES, RESULTS

    mode = MODES[mode_name]
    scenarios = read_scenarios(only or DEFAULT_SCENARIOS)
    started = datetime.datetime.now().astimezone()
    load_before = os.getloadavg()
    results: dict[str, list[Run]] = {}
    for size in sizes:
        label, runs = run_size(size, seed, mode, scenarios, log)
        results[label] = runs
    load_after = os.getloadavg()
    text = "\n".join(
        document(started, label, runs, load_before, load_after)
        for label, runs in results.items()
    )
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = started.strftime("%Y%m%d-%H%M%S")
    for name in (f"{stamp}-replica", "laatste-replica"):
        (RESULTS / f"{name}.md").write_text(text, encoding="utf-8")
        (RESULTS / f"{name}.json").write_text(
            json.dumps(
                {
                    "mode": mode_name,
                    "started": started.isoformat(),
                    "machine": report.machine(),
                    "loadavg": {"start": load_before, "end": load_after},
                    "results": {
                        label: [run.as_dict() for run in runs]
                        for label, runs in results.items()
                    },
                },
                indent=1,
                default=str,
            ),
            encoding="utf-8",
        )
    log(f"Resultaten: {RESULTS / f'{stamp}-replica.md'}")
    failed = [line for runs in results.values() for line in problems(runs)]
    for line in failed:
        log(f"FOUT: {line}")
    return 1 if failed else 0
