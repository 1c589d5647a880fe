"""Drive one scenario against the running server: fixed concurrency, persistent connections.

An *operation* is what a scenario counts as one unit: usually one GET, for the write
scenario a create followed by submit and publish. Its latency is wall time from the first
byte sent to the last byte read; its query count is the sum of the X-Query-Count headers.
"""

import asyncio
import contextlib
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bench.http import Connection, ConnectionLost, Response

WORKER_HEADER = "x-bench-worker"  # set by bench.wsgi, to spread connections evenly


@dataclass
class Measurement:
    latencies: list[float] = field(default_factory=list)  # seconds, per operation
    statuses: Counter = field(default_factory=Counter)
    query_counts: list[int] = field(default_factory=list)
    # Per named step of an operation (the write scenario's create, answer, submit,
    # publish): seconds per request, for a target that names each step.
    steps: dict[str, list[float]] = field(default_factory=dict)
    elapsed: float = 0.0

    @property
    def operations(self) -> int:
        return len(self.latencies)

    @property
    def throughput(self) -> float:
        return self.operations / self.elapsed if self.elapsed else 0.0


class Client:
    """One connection as a scenario sees it: records status and queries per request."""

    def __init__(self, connection: Connection):
        self.connection = connection
        self.statuses: list[int] = []
        self.queries = 0
        self.steps: list[tuple[str, float]] = []

    async def get(self, path: str, headers: dict | None = None) -> Response:
        return await self.request("GET", path, headers=headers)

    async def request(
        self, method, path, *, body=b"", headers=None, step: str | None = None
    ) -> Response:
        began = time.perf_counter()
        try:
            response = await self.connection.request(
                method, path, body=body, headers=headers
            )
        except (ConnectionLost, TimeoutError, OSError):
            self.statuses.append(0)  # 0: no HTTP answer at all
            raise
        # A refused or failed step answers fast: it would pull the step's p50 down.
        if step is not None and 200 <= response.status < 300:
            self.steps.append((step, time.perf_counter() - began))
        self.statuses.append(response.status)
        self.queries += int(response.headers.get("x-query-count", 0))
        return response


Operation = Callable[[Client, int], Awaitable[None]]


async def balanced_connections(
    host: str, port: int, *, count: int, workers: int, probe: str
) -> list[Connection]:
    """``count`` connections spread evenly over the gunicorn workers.

    A threaded gunicorn worker keeps each keep-alive connection it accepted, and which
    worker accepts is chance: without this, three of four clients may share one process.
    """
    per_worker = -(-count // workers)
    connections: list[Connection] = []
    owners: Counter = Counter()
    for _attempt in range(count * 25):
        if len(connections) == count:
            break
        connection = Connection(host, port)
        response = await connection.request("GET", probe)
        owner = response.headers.get(WORKER_HEADER, "?")
        if owner == "?" or owners[owner] < per_worker:
            owners[owner] += 1
            connections.append(connection)
        else:
            await connection.close()
    while len(connections) < count:  # give up balancing rather than fail the run
        connection = Connection(host, port)
        await connection.request("GET", probe)
        connections.append(connection)
    return connections


async def _drive(
    connections: list[Connection],
    operation: Operation,
    *,
    warmup: int,
    duration: float,
    min_operations: int,
    max_operations: int,
) -> Measurement:
    measurement = Measurement()
    counter = iter(range(10**9))
    measuring = asyncio.Event()
    started = 0.0

    async def worker(connection: Connection) -> None:
        nonlocal started
        for _ in range(warmup):
            await _once(Client(connection), next(counter), operation, None)
        await barrier.wait()
        if not measuring.is_set():
            started = time.perf_counter()
            measuring.set()
        while True:
            elapsed = time.perf_counter() - started
            done = measurement.operations
            if done >= max_operations or (
                elapsed >= duration and done >= min_operations
            ):
                return
            await _once(Client(connection), next(counter), operation, measurement)

    barrier = asyncio.Barrier(len(connections))
    await asyncio.gather(*(worker(c) for c in connections))
    measurement.elapsed = time.perf_counter() - started
    return measurement


async def _once(client: Client, i: int, operation: Operation, into) -> None:
    began = time.perf_counter()
    # A lost connection is recorded as status 0 by the client; the next call reconnects.
    with contextlib.suppress(ConnectionLost, TimeoutError, OSError):
        await operation(client, i)
    latency = time.perf_counter() - began
    if into is None:
        return
    into.latencies.append(latency)
    # The operation's status: its first failure, else its last answer (0: none at all).
    failed = [s for s in client.statuses if not 200 <= s < 400]
    status = failed[0] if failed else (client.statuses or [0])[-1]
    into.statuses[status] += 1
    into.query_counts.append(client.queries)
    for step, seconds in client.steps:
        into.steps.setdefault(step, []).append(seconds)


def measure(
    host: str,
    port: int,
    operation: Operation,
    *,
    concurrency: int,
    workers: int,
    warmup: int,
    duration: float,
    min_operations: int,
    max_operations: int,
    probe: str = "/api/v1/themas?pageSize=1",
) -> Measurement:
    """Run ``operation`` from ``concurrency`` connections; fresh connections each time."""

    async def run() -> Measurement:
        connections = await balanced_connections(
            host, port, count=concurrency, workers=workers, probe=probe
        )
        try:
            return await _drive(
                connections,
                operation,
                warmup=warmup,
                duration=duration,
                min_operations=min_operations,
                max_operations=max_operations,
            )
        finally:
            for connection in connections:
                await connection.close()

    return asyncio.run(run())


async def probe_status(host: str, port: int, path: str) -> int:
    """The status of one GET, to tell a missing endpoint (404) from a present one."""
    connection = Connection(host, port)
    try:
        return (await connection.request("GET", path)).status
    finally:
        await connection.close()
