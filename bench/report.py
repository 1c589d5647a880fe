"""Figures out of measurements, and the tables the benchmark prints and writes.

Latencies are in milliseconds, throughput in operations per second. Percentiles are
nearest-rank, so p99 of 50 operations is simply the slowest but one.
"""

import math
import platform
from collections import Counter
from dataclasses import asdict, dataclass, field

MISSING = "ontbreekt (404)"


def percentile(values: list[float], q: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


@dataclass
class Row:
    """One scenario on one catalogue: the endpoint and, for reads, its floor."""

    scenario: str
    label: str
    missing: bool = False
    operations: int = 0
    throughput: float = math.nan
    p50: float = math.nan
    p95: float = math.nan
    p99: float = math.nan
    queries: list[int] = field(default_factory=list)  # min, median, max per operation
    statuses: dict[str, int] = field(default_factory=dict)
    floor_throughput: float = math.nan
    floor_p50: float = math.nan
    floor_p95: float = math.nan
    floor_serial_p50: float = math.nan
    check: str = ""  # a remark, e.g. when the endpoint's count differs from the floor's
    # An export (bench.export): rows and size of the file, and how much the resident
    # memory of the worker that served it grew over the measured downloads.
    export_rows: int = 0
    export_mb: float = math.nan
    rss_growth_mb: float = math.nan
    # The write scenario: p50 in ms of each step (create, answer, submit, publish).
    steps_p50: dict[str, float] = field(default_factory=dict)

    @property
    def ratio_p50(self) -> float:
        return self.p50 / self.floor_p50 if self.floor_p50 else math.nan

    @property
    def ratio_throughput(self) -> float:
        return self.floor_throughput / self.throughput if self.throughput else math.nan

    def as_dict(self) -> dict:
        return {**asdict(self), "ratio_p50": self.ratio_p50}


def failures(results: dict[str, list[Row]]) -> list[str]:
    """Why the run fails, one line each: a read that is missing or answers anything but
    2xx under load is a bug whatever the figures, and so is an endpoint whose rows differ
    from its floor's. Writes are only reported: SQLite refuses concurrent writers."""
    from bench.scenarios import SCENARIOS

    writes = {scenario.name for scenario in SCENARIOS if scenario.is_write}
    lines = []
    for label, rows in results.items():
        for row in rows:
            if row.scenario in writes:
                continue
            if row.missing:
                lines.append(f"{label} / {row.label}: {MISSING}")
            bad = {s: n for s, n in row.statuses.items() if not 200 <= int(s) < 300}
            if bad:
                lines.append(f"{label} / {row.label}: status {bad} van {row.statuses}")
            if row.check:
                lines.append(f"{label} / {row.label}: {row.check}")
    return lines


def endpoint_row(scenario, measurement) -> Row:
    ms = [latency * 1000 for latency in measurement.latencies]
    counts = sorted(measurement.query_counts)
    return Row(
        scenario=scenario.name,
        label=scenario.label,
        operations=measurement.operations,
        throughput=measurement.throughput,
        p50=percentile(ms, 0.50),
        p95=percentile(ms, 0.95),
        p99=percentile(ms, 0.99),
        queries=[counts[0], counts[len(counts) // 2], counts[-1]] if counts else [],
        statuses={str(k): v for k, v in sorted(measurement.statuses.items())},
        steps_p50={
            step: percentile([s * 1000 for s in seconds], 0.50)
            for step, seconds in measurement.steps.items()
        },
    )


def add_floor(row: Row, floor, serial) -> None:
    ms = [latency * 1000 for latency in floor.latencies]
    row.floor_throughput = floor.throughput
    row.floor_p50 = percentile(ms, 0.50)
    row.floor_p95 = percentile(ms, 0.95)
    row.floor_serial_p50 = percentile([s * 1000 for s in serial.latencies], 0.50)


def _num(value: float, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if value >= 100:
        return f"{value:.0f}"
    return f"{value:.{digits}f}"


def _queries(row: Row) -> str:
    if not row.queries:
        return "–"
    low, median, high = row.queries
    return str(median) if low == high else f"{median} ({low}–{high})"


def _statuses(row: Row) -> str:
    counter = Counter({int(k): v for k, v in row.statuses.items()})
    if len(counter) == 1:
        return str(next(iter(counter)))
    return ", ".join(f"{status}×{n}" for status, n in sorted(counter.items()))


def catalogue_table(rows: list[Row]) -> str:
    lines = [
        "| scenario | ops/s | p50 ms | p95 ms | p99 ms | queries | status "
        "| vloer ops/s | vloer p50 | vloer p50 serieel | p50 / vloer |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        if row.missing:
            lines.append(
                f"| {row.label} | {MISSING} | | | | | 404 "
                f"| {_num(row.floor_throughput)} | {_num(row.floor_p50)} "
                f"| {_num(row.floor_serial_p50)} | |"
            )
            continue
        ratio = _num(row.ratio_p50) + "×" if not math.isnan(row.ratio_p50) else "–"
        lines.append(
            f"| {row.label} | {_num(row.throughput)} | {_num(row.p50)} | {_num(row.p95)} "
            f"| {_num(row.p99)} | {_queries(row)} | {_statuses(row)} "
            f"| {_num(row.floor_throughput)} | {_num(row.floor_p50)} "
            f"| {_num(row.floor_serial_p50)} | {ratio} |"
        )
    notes = [f"- {row.label}: {row.check}" for row in rows if row.check]
    notes += [
        f"- {row.label}, p50 per stap: "
        + ", ".join(f"{step} {_num(ms)} ms" for step, ms in row.steps_p50.items())
        for row in rows
        if row.steps_p50
    ]
    return "\n".join(lines + ([""] + notes if notes else []))


def growth_table(results: dict[str, list[Row]], labels: list[str]) -> str:
    """p50 per catalogue size side by side, and the factor from smallest to largest."""
    if len(labels) < 2:
        return ""
    by_label = {label: {r.scenario: r for r in results[label]} for label in labels}
    first, last = labels[0], labels[-1]
    header = " | ".join(f"p50 {label}" for label in labels)
    lines = [
        f"| scenario | {header} | groei |",
        "| --- | " + " | ".join("---:" for _ in labels) + " | ---: |",
    ]
    for row in results[first]:
        cells = []
        for label in labels:
            other = by_label[label].get(row.scenario)
            cells.append(
                MISSING if other is None or other.missing else _num(other.p50) + " ms"
            )
        a, b = by_label[first].get(row.scenario), by_label[last].get(row.scenario)
        growth = (
            _num(b.p50 / a.p50) + "×"
            if a and b and not a.missing and not b.missing and a.p50
            else "–"
        )
        lines.append(f"| {row.label} | {' | '.join(cells)} | {growth} |")
    return "\n".join(lines)


def export_table(results: dict[str, list[Row]]) -> str:
    lines = [
        "| catalogus | bestand | rijen | MB | p50 s | traagste s | geheugengroei worker |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, rows in results.items():
        for row in rows:
            if row.export_rows or not math.isnan(row.rss_growth_mb):
                lines.append(
                    f"| {label} | {row.label} | {row.export_rows} "
                    f"| {_num(row.export_mb)} | {row.p50 / 1000:.2f} "
                    f"| {row.p99 / 1000:.2f} | {row.rss_growth_mb:+.1f} MB |"
                )
    return "\n".join(lines) if len(lines) > 2 else ""


def machine() -> str:
    cpu, cores, memory = "onbekend", 0, 0
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    cores += 1
        with open("/proc/meminfo", encoding="utf-8") as info:
            memory = round(int(info.readline().split()[1]) / 1024 / 1024)
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{cpu}, {cores} cores, {memory} GB geheugen, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )


def document(
    mode, started, results, labels, generated, options="", memory=None, concurrency=4
) -> str:
    """The run as Markdown: the setup, a table per catalogue, growth, and the targets."""
    from bench import server, targets  # targets reads Row from here

    parts = [
        f"# Benchmark ({mode}), {started:%Y-%m-%d %H:%M}",
        "",
        (f"Databaseopties van de server: {options}. " if options else "")
        + f"Machine: {machine()}. gunicorn: {server.WORKERS} workers x "
        f"{server.THREADS} threads (gthread), {concurrency} clients met keep-alive op "
        "127.0.0.1. Vloer: dezelfde rijen met handgeschreven SQL (psycopg/sqlite3) en "
        "orjson, met dezelfde gelijktijdigheid; 'serieel' is één verbinding.",
    ]
    for label, rows in results.items():
        parts += ["", f"## {label}", "", catalogue_table(rows)]
    for vendor, vendor_labels in labels.items():
        growth = growth_table(results, vendor_labels)
        if growth:
            parts += ["", f"## Groei {vendor}", "", growth]
    if generated:
        parts += ["", "## Genereren", ""]
        parts += [f"- {label}: {seconds:.0f} s" for label, seconds in generated.items()]
    if memory:
        parts += ["", "## Geheugen van de workers na de run", ""]
        parts += [
            f"- {label}: {', '.join(f'{mb:.0f} MB' for mb in rss)}"
            for label, rss in memory.items()
        ]
    exports = export_table(results)
    if exports:
        parts += ["", "## Exporteren (hele catalogus als bestand)", "", exports]
    verdicts = targets.evaluate(results, generated)
    if verdicts:
        parts += ["", "## Doelen van issue 10", "", verdicts]
    verdicts = targets.evaluate_read_model(results, memory or {})
    if verdicts:
        parts += ["", "## Doelen van issue 17 (leesmodel)", "", verdicts]
    verdicts = targets.evaluate_export(results)
    if verdicts:
        parts += ["", "## Doelen van issue 19 (exporteren)", "", verdicts]
    return "\n".join(parts) + "\n"
