"""A throwaway PostgreSQL primary with a streaming replica, built from nothing.

Used by ``python -m bench.run --replica`` (bench.with_replica) and by the read-your-writes
tests (tests/replicas/conftest.py). Everything lives in one temporary directory:
``initdb`` for the primary, ``pg_basebackup -R`` for the replica (optionally with
``recovery_min_apply_delay``, standing in for the lag of a busy replica), each on a free
port on 127.0.0.1, with a superuser ``registry``/``registry`` and a database ``registry``.

The PostgreSQL tools refuse to run as root: as root they run as the ``postgres`` user
(``runuser``), otherwise as the current user, who then owns the clusters.
"""

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg

from bench.server import free_port

POSTGRES_ROOT = Path("/usr/lib/postgresql")
DATABASE = "registry"


class ClusterError(RuntimeError):
    """The clusters could not be built (a missing PostgreSQL, a tool that failed)."""


def postgres_bin() -> Path:
    """The bin directory of the newest PostgreSQL installed (Debian's layout)."""
    versions = sorted(
        (p.name for p in POSTGRES_ROOT.glob("*") if p.name.isdigit()), key=int
    )
    if not versions:
        raise ClusterError(
            f"PostgreSQL ontbreekt ({POSTGRES_ROOT}); zie .ci/postgres.sh"
        )
    return POSTGRES_ROOT / versions[-1] / "bin"


def _as_root() -> bool:
    return os.geteuid() == 0


def as_postgres(*command: str, **options) -> subprocess.CompletedProcess:
    """Run a PostgreSQL tool, as the postgres user when we are root (initdb refuses root)."""
    prefix = ["runuser", "-u", "postgres", "--"] if _as_root() else []
    try:
        return subprocess.run(  # noqa: S603 - fixed tools, our own clusters
            [*prefix, *command],
            check=True,
            capture_output=True,
            text=True,
            **options,
        )
    except subprocess.CalledProcessError as error:
        # The tool's own words, which CalledProcessError's message leaves out.
        error.add_note(f"{Path(command[0]).name}: {error.stderr.strip()[-1500:]}")
        raise


@dataclass
class Cluster:
    name: str
    data: Path
    port: int

    def pg_ctl(self, *arguments: str) -> None:
        log = self.data.parent / f"{self.name}.log"
        as_postgres(
            str(postgres_bin() / "pg_ctl"), "-D", str(self.data), "-l", str(log),
            "-w", "-t", "60", *arguments,
        )  # fmt: skip

    def stop(self) -> None:
        """Stop at once; a cluster already stopped is no error."""
        with contextlib.suppress(subprocess.CalledProcessError):
            self.pg_ctl("stop", "-m", "immediate")

    def url(self, database: str = DATABASE) -> str:
        """For Django (dj-database-url): the registry user on this cluster."""
        return f"postgres://registry:registry@127.0.0.1:{self.port}/{database}"

    def connect(self, database: str = DATABASE, **options) -> psycopg.Connection:
        return psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname=database,
            autocommit=True, connect_timeout=3, **options,
        )  # fmt: skip

    def query(self, sql: str, *params, database: str = DATABASE):
        """The first row of one statement, on a connection of its own."""
        with self.connect(database) as connection:
            return connection.execute(sql, params).fetchone()


@dataclass
class Pair:
    primary: Cluster
    replica: Cluster

    def wait_until_replayed(self, timeout: float = 60) -> None:
        """Until the replica has replayed everything the primary has written so far."""
        (target,) = self.primary.query("SELECT pg_current_wal_lsn()")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            (behind,) = self.replica.query(
                "SELECT pg_wal_lsn_diff(%s::pg_lsn, pg_last_wal_replay_lsn())", target
            )
            if behind is not None and behind <= 0:
                return
            time.sleep(0.2)
        raise ClusterError(f"de replica speelde {target} niet af binnen {timeout} s")


def _configure(cluster: Cluster, extra: str = "") -> None:
    with (cluster.data / "postgresql.conf").open("a") as conf:
        conf.write(
            f"\nport = {cluster.port}\nlisten_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{cluster.data.parent}'\n{extra}\n"
        )


@contextlib.contextmanager
def streaming_pair(
    replay_delay: str = "", *, prefix: str = "registry-replicas-"
) -> Iterator[Pair]:
    """A started primary and streaming replica; both stopped and removed afterwards.

    ``replay_delay`` (e.g. ``"2s"``) holds the replica's replay back by that long.
    """
    bin_dir = postgres_bin()
    base = Path(tempfile.mkdtemp(prefix=prefix))
    if _as_root():
        shutil.chown(base, "postgres", "postgres")
    primary = Cluster("primary", base / "primary", free_port())
    replica = Cluster("replica", base / "replica", free_port())
    started: list[Cluster] = []
    try:
        as_postgres(
            str(bin_dir / "initdb"), "-D", str(primary.data), "-U", "postgres",
            "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8",
        )  # fmt: skip
        # Nothing here has to survive a crash; streaming needs no more than the defaults.
        _configure(primary, "fsync = off\nfull_page_writes = off")
        primary.pg_ctl("start")
        started.append(primary)
        as_postgres(
            str(bin_dir / "psql"), "-h", "127.0.0.1", "-p", str(primary.port),
            "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q",
            "-c", "CREATE ROLE registry LOGIN SUPERUSER PASSWORD 'registry'",
            "-c", f"CREATE DATABASE {DATABASE} OWNER registry",
        )  # fmt: skip
        as_postgres(
            str(bin_dir / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(primary.port),
            "-U", "postgres", "-D", str(replica.data), "-R", "-X", "stream",
            "-c", "fast",
        )  # fmt: skip
        _configure(
            replica,
            f"recovery_min_apply_delay = '{replay_delay}'" if replay_delay else "",
        )
        replica.pg_ctl("start")
        started.append(replica)
        if replica.query("SELECT pg_is_in_recovery()") != (True,):
            raise ClusterError("de replica is geen replica (niet in herstel)")
        yield Pair(primary, replica)
    finally:
        for cluster in reversed(started):
            cluster.stop()
        shutil.rmtree(base, ignore_errors=True)
