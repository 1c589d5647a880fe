"""A real primary, a streaming replica that replays 2 s late, and the registry on both.

Session-scoped and built from nothing in a temporary directory: ``initdb`` for the
primary, ``pg_basebackup -R`` for the replica (with ``recovery_min_apply_delay``, standing
in for the lag of a busy replica), each on a free port, run as the ``postgres`` user. The
registry runs under gunicorn (two workers, so a writer's position must travel through
the shared database cache, as it would between servers) with ``DATABASE_URL`` on the
primary and ``DATABASE_REPLICA_URLS`` on the replica.
"""

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
import requests

from bench.server import free_port, gunicorn_command

ROOT = Path(__file__).resolve().parent.parent.parent
REPLAY_DELAY = "2s"
PASSWORD = "replica-proef-wachtwoord-7"  # noqa: S105 - a throwaway cluster's test user
ORGANISATIE = "GM0363"


def postgres_bin() -> Path:
    versions = sorted(
        (p.name for p in Path("/usr/lib/postgresql").glob("*") if p.name.isdigit()),
        key=int,
    )
    if not versions:
        pytest.fail("PostgreSQL ontbreekt (/usr/lib/postgresql); zie .ci/postgres.sh")
    return Path("/usr/lib/postgresql") / versions[-1] / "bin"


def as_postgres(*command: str, **options) -> subprocess.CompletedProcess:
    """Run a PostgreSQL tool as the postgres user (the tools refuse root)."""
    return subprocess.run(  # noqa: S603 - fixed tools, our own clusters
        ["runuser", "-u", "postgres", "--", *command],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
        **options,
    )


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

    def url(self) -> str:
        return f"postgres://registry:registry@127.0.0.1:{self.port}/registry"

    def query(self, sql: str, *params):
        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="registry",
            autocommit=True, connect_timeout=3,
        ) as connection:  # fmt: skip
            return connection.execute(sql, params).fetchone()


def _configure(cluster: Cluster, extra: str) -> None:
    with (cluster.data / "postgresql.conf").open("a") as conf:
        conf.write(
            f"\nport = {cluster.port}\nlisten_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{cluster.data.parent}'\n{extra}\n"
        )


@dataclass
class Pair:
    primary: Cluster
    replica: Cluster


@pytest.fixture(scope="session")
def clusters():
    bin_dir = postgres_bin()
    base = Path(tempfile.mkdtemp(prefix="registry-replicas-"))
    shutil.chown(base, "postgres", "postgres")
    primary = Cluster("primary", base / "primary", free_port())
    replica = Cluster("replica", base / "replica", free_port())
    started = []
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
            "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-q",
            "-c", "CREATE ROLE registry LOGIN SUPERUSER PASSWORD 'registry'",
            "-c", "CREATE DATABASE registry OWNER registry",
        )  # fmt: skip
        as_postgres(
            str(bin_dir / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(primary.port),
            "-U", "postgres", "-D", str(replica.data), "-R", "-X", "stream",
            "-c", "fast",
        )  # fmt: skip
        _configure(replica, f"recovery_min_apply_delay = '{REPLAY_DELAY}'")
        replica.pg_ctl("start")
        started.append(replica)
        assert replica.query("SELECT pg_is_in_recovery()") == (True,)
        yield Pair(primary, replica)
    finally:
        for cluster in reversed(started):
            # The test stops the replica itself.
            with contextlib.suppress(subprocess.CalledProcessError):
                cluster.pg_ctl("stop", "-m", "immediate")
        shutil.rmtree(base, ignore_errors=True)


@dataclass
class Registry:
    url: str
    env: dict
    clusters: Pair
    log: Path

    def manage(self, *arguments: str) -> str:
        result = subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", *arguments],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    def member_with_token(self, username: str, role: str) -> str:
        """``add_member`` then ``create_api_token`` at once: the token's key."""
        self.manage("add_member", username, ORGANISATIE, "--role", role)
        return self.manage("create_api_token", username)

    def health(self) -> dict:
        return requests.get(f"{self.url}/health", timeout=10).json()


@pytest.fixture(scope="session")
def registry(clusters, tmp_path_factory):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "CACHE_", "PYTEST_", "DJANGO_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=clusters.primary.url(),
        DATABASE_REPLICA_URLS=clusters.replica.url(),
        # Shared by the gunicorn workers: a token's position is kept there.
        CACHE_URL="database",
        ALLOWED_HOSTS="127.0.0.1",
        API_THROTTLE_ANON="100000/minute",
        API_THROTTLE_USER="100000/minute",
        ACCESS_LOG_LEVEL="INFO",
        REGISTRY_PASSWORD=PASSWORD,
    )
    server = Registry("", env, clusters, tmp_path_factory.mktemp("gunicorn") / "log")
    server.manage("migrate", "--no-input")
    server.manage("createcachetable")
    server.manage("load_reference_data")
    port = free_port()
    command = gunicorn_command(port)
    command[command.index("bench.wsgi:application")] = "config.wsgi:application"
    with server.log.open("ab") as log:
        process = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
            command,
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server.url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_the_replica_serves(server, process)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_until_the_replica_serves(server: Registry, process) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn stopte: {server.log.read_text()[-2000:]}")
        try:
            body = server.health()
            if body["replicas"]["replica_1"]["status"] == "ok":
                return
        except (requests.RequestException, ValueError, KeyError):
            pass
        time.sleep(0.5)
    pytest.fail(f"de replica werd niet gezond: {server.health()}")
