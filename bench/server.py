"""The registry under gunicorn on 127.0.0.1, started and stopped by the benchmark.

Threaded workers (gthread), because gunicorn's default sync worker closes the connection
after every response, and the clients keep theirs open as browsers and API clients do.
Two workers with two threads each: four requests in progress at once, for four clients.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2
THREADS = 2


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gunicorn_command(port: int, *, workers: int = WORKERS, threads: int = THREADS):
    return [
        str(Path(sys.executable).with_name("gunicorn")),
        "bench.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        # Longer than the pause between two scenarios, so kept connections stay open.
        "--keep-alive",
        "120",
        "--timeout",
        "120",
    ]


@contextmanager
def running(env: dict[str, str], log_path: Path, **options):
    """Start gunicorn, wait until /health answers 200, and stop it afterwards."""
    port = free_port()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log:
        process = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
            gunicorn_command(port, **options),
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            _wait_healthy(port, process, log_path)
            yield port, process
        finally:
            _stop(process)


def _wait_healthy(port: int, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopte meteen; zie {log_path}")
        try:
            with urllib.request.urlopen(  # noqa: S310 - http://127.0.0.1 only
                f"http://127.0.0.1:{port}/health", timeout=2
            ) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"gunicorn werd niet gezond binnen 60 s; zie {log_path}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    # gunicorn's arbiter stops its workers on SIGTERM (a graceful shutdown).
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def worker_rss_mb(process: subprocess.Popen) -> list[float]:
    """The resident memory of each gunicorn worker (the master's children), in MB."""
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    if not children.exists():
        return []
    sizes = []
    for pid in children.read_text().split():
        status = Path(f"/proc/{pid}/status")
        try:
            lines = status.read_text().splitlines()
        except OSError:
            continue
        for line in lines:
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes
