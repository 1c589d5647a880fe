"""The export scenarios (issue 19): the whole published catalogue as one download.

Not a load test: a download is one long request, so it is timed whole, one at a time,
each over a new connection (the client reads every byte, as a browser saving the file
does). Around the timed downloads the resident memory of the worker that served each one
is read (``/proc``); a first download per worker warms it up (imports, the first
connection, XlsxWriter), so what is left is what the export itself holds on to. Flat
memory means that the growth does not follow the size of the file: the rows are read in
chunks and written as they come (bouwstenen/export.py). The rows are counted and
compared with the list's count of published blocks.
"""

import asyncio
import io
import math
import time
from pathlib import Path

import orjson

from bench import report
from bench.http import Connection
from bench.server import WORKERS

WARMUP_TRIES = 4 * WORKERS


def path(formaat: str) -> str:
    return f"/api/v1/bouwstenen?format={formaat}"


async def _get(port: int, target: str):
    connection = Connection("127.0.0.1", port, timeout=300)
    try:
        started = time.perf_counter()
        response = await connection.request("GET", target)
        return response, time.perf_counter() - started
    finally:
        await connection.close()


def _rss_mb(pid: str) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return math.nan


def rows_in(formaat: str, body: bytes) -> int:
    """The data rows of a downloaded file (without its header)."""
    if formaat == "csv":
        return max(0, body.decode("utf-8-sig").count("\r\n") - 1)
    from openpyxl import load_workbook

    # A streamed workbook names no dimension: count the rows.
    sheet = load_workbook(io.BytesIO(body), read_only=True).active
    return max(0, sum(1 for _ in sheet.iter_rows(values_only=True)) - 1)


def measure(scenario, port: int, downloads: int) -> report.Row:
    formaat = scenario.params["format"]
    target = path(formaat)
    listed, _ = asyncio.run(_get(port, "/api/v1/bouwstenen?pageSize=1"))
    listed = orjson.loads(listed.body)
    # Past the list's cap (core.paging.COUNT_CAP) its count says "at least".
    expected, exact = listed["count"], listed.get("countExact", True)
    # Warm every worker up: new connections until each has served a download.
    warmed: set[str] = set()
    for _ in range(WARMUP_TRIES):
        response, _ = asyncio.run(_get(port, target))
        warmed.add(response.headers.get("x-bench-worker", ""))
        if len(warmed) >= WORKERS:
            break
    before = {pid: _rss_mb(pid) for pid in warmed}
    seconds, statuses, growth, counted, size = [], {}, {}, set(), 0
    for _ in range(downloads):
        response, took = asyncio.run(_get(port, target))
        pid = response.headers.get("x-bench-worker", "")
        seconds.append(took)
        statuses[str(response.status)] = statuses.get(str(response.status), 0) + 1
        size = len(response.body)
        if response.status == 200:
            counted.add(rows_in(formaat, response.body))
        start = before.get(pid)
        if start is None:  # a worker that was not warmed up: measured from here on
            before[pid] = start = _rss_mb(pid)
        growth[pid] = _rss_mb(pid) - start
    ms = [s * 1000 for s in seconds]
    row = report.Row(
        scenario.name,
        scenario.label,
        operations=downloads,
        throughput=downloads / sum(seconds) if seconds else math.nan,
        p50=report.percentile(ms, 0.50),
        p95=report.percentile(ms, 0.95),
        p99=report.percentile(ms, 0.99),
        statuses=statuses,
        export_rows=max(counted) if counted else 0,
        export_mb=size / 1024 / 1024,
        rss_growth_mb=max(growth.values()) if growth else math.nan,
    )
    agrees = len(counted) == 1 and (
        counted == {expected} if exact else min(counted) >= expected
    )
    if counted and not agrees:
        telt = "telt" if exact else "telt ten minste"
        row.check = (
            f"rijen {sorted(counted)} in het bestand, de lijst {telt} {expected}"
        )
    return row


def line(row: report.Row) -> str:
    return (
        f"  {row.scenario:22} p50 {row.p50 / 1000:6.2f} s, {row.export_rows} rijen, "
        f"{row.export_mb:.1f} MB, geheugengroei worker {row.rss_growth_mb:+.1f} MB"
    )
