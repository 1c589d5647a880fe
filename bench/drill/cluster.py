"""The PostgreSQL cluster the drill restarts: created once, started, waited for."""

import subprocess
import time
from pathlib import Path

from bench.drill.record import Restart


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
    wait_ready(port)
    _as_postgres(
        """DO $$ BEGIN
             IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'registry') THEN
               CREATE ROLE registry LOGIN SUPERUSER PASSWORD 'registry';
             END IF;
           END $$;""",
        port,
    )


def wait_ready(port: int, timeout: float = 60) -> None:
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


def restart_cluster(version: str, name: str, restart: Restart, t0: float) -> None:
    restart.started = time.perf_counter() - t0
    result = subprocess.run(  # noqa: S603
        ["pg_ctlcluster", version, name, "restart"],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    restart.ended = time.perf_counter() - t0
    restart.output = (result.stdout + result.stderr).strip()
