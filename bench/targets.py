"""The targets of issue 10, checked against one run's results.

Each line says the target, what was measured, and whether it is met; a target whose
scenario or catalogue is not in the run (quick mode, or an endpoint still missing) is
reported as not measured rather than guessed.
"""

import math

from bench.report import Row

LIST_LIKE = (
    "lijst",
    "lijst-filters",
    "zoekpagina",
    "zoekpagina-mix",
    "zoekpagina-breed",
)
SEARCHES = (
    "zoeken-selectief",
    "zoeken-4",
    "zoeken-8",
    "zoeken-prefix",
    "zoeken-half",
    "zoeken-bijna-alles",
    "zoeken-typfout",
    "zoeken-mix",
)
FACETS = ("facetten", "facetten-q", "facetten-q-breed")


def _rows(results: dict[str, list[Row]], label: str) -> dict[str, Row]:
    return {row.scenario: row for row in results.get(label, []) if not row.missing}


def _line(ok: bool | None, text: str) -> str:
    mark = {True: "gehaald", False: "NIET gehaald", None: "niet gemeten"}[ok]
    return f"- **{mark}**: {text}"


def evaluate(results: dict[str, list[Row]], generated: dict[str, float]) -> str:
    lines = []
    # 1. At most 8 queries for any list, page or search, on every catalogue.
    worst = [
        (row.queries[2], label, row.label)
        for label, rows in results.items()
        for row in rows
        if not row.missing
        and row.queries
        and row.scenario in LIST_LIKE + SEARCHES + FACETS
    ]
    if worst:
        high, label, scenario = max(worst)
        lines.append(
            _line(
                high <= 8,
                f"hoogstens 8 queries per lijst, pagina of zoekvraag: meeste {high} "
                f"({scenario}, {label})",
            )
        )
    big = _rows(results, "PostgreSQL 100.000")
    small = _rows(results, "PostgreSQL 1.000")
    middle = _rows(results, "PostgreSQL 10.000")
    # 2. Within 2x of the floor at p50 (or 5 ms where the floor is under 5 ms).
    for name in ("lijst", "lijst-filters", *SEARCHES, *FACETS):
        row = big.get(name)
        if row is None or math.isnan(row.floor_p50):
            continue
        allowed = row.floor_p50 + 5 if row.floor_p50 < 5 else 2 * row.floor_p50
        lines.append(
            _line(
                row.p50 <= allowed,
                f"100.000, {row.label}: p50 {row.p50:.1f} ms tegen vloer "
                f"{row.floor_p50:.1f} ms ({row.ratio_p50:.1f}×; mag {allowed:.1f} ms)",
            )
        )
    # 3. Search with facets: p95 under 100 ms up to 10%, under 300 ms for nearly all.
    for name, limit in (
        ("zoekpagina", 100),
        ("zoekpagina-mix", 100),
        ("facetten-q", 100),
        ("zoekpagina-breed", 300),
        ("facetten-q-breed", 300),
        ("zoeken-bijna-alles", 300),
    ):
        row = big.get(name)
        if row is not None:
            lines.append(
                _line(
                    row.p95 < limit,
                    f"100.000, {row.label}: p95 {row.p95:.0f} ms (doel < {limit} ms)",
                )
            )
    # 4. Growth from 1,000 to 100,000 blocks: at most 2x at p50.
    for name in ("lijst", "zoeken-selectief", "zoeken-mix"):
        a, b = small.get(name), big.get(name)
        if a and b:
            lines.append(
                _line(
                    b.p50 <= 2 * a.p50,
                    f"groei {b.label}: p50 {a.p50:.1f} → {b.p50:.1f} ms "
                    f"({b.p50 / a.p50:.2f}×, doel ≤ 2×)",
                )
            )
    # 5. Throughput at 10,000 blocks with 4 clients.
    for name, minimum, what in (
        ("zoekpagina-mix", 100, "selectieve zoekvragen met facetten (zoekpagina)"),
        ("zoeken-mix", 100, "selectieve zoekvragen (API)"),
        ("zoeken-half", 30, "brede zoekvraag (woord in ~45%)"),
        ("lijst", 500, "lijst"),
        ("detail", 1000, "detail"),
    ):
        row = middle.get(name)
        if row is not None:
            lines.append(
                _line(
                    row.throughput >= minimum,
                    f"10.000, {what}: {row.throughput:.0f}/s (doel ≥ {minimum}/s)",
                )
            )
    # 6. The generator.
    for label, seconds in generated.items():
        if label.endswith("100.000"):
            lines.append(
                _line(
                    seconds < 300, f"genereren {label}: {seconds:.0f} s (doel < 300 s)"
                )
            )
    return "\n".join(lines)


def summary(results: dict[str, list[Row]], generated: dict[str, float]):
    """(how many targets were measured, the lines of those not met)."""
    lines = [line for line in evaluate(results, generated).splitlines() if line]
    measured = [line for line in lines if not line.startswith(_line(None, ""))]
    missed = [line for line in measured if line.startswith(_line(False, ""))]
    return len(measured), missed
