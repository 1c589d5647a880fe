"""A real primary, a streaming replica that replays 2 s late, and the registry on both.

Session-scoped and built from nothing in a temporary directory: ``initdb`` for the
primary, ``pg_basebackup -R`` for the replica (with ``recovery_min_apply_delay``, standing
in for the lag of a busy replica), each on a free port, run as the ``postgres`` user
(bench.replica, which ``make bench-replica`` uses too). The registry runs under gunicorn
(two workers, so a writer's position must travel through the shared database cache, as
it would between servers) with ``DATABASE_URL`` on the primary and
``DATABASE_REPLICA_URLS`` on the replica.
"""

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from bench.replica import ClusterError, Pair, streaming_pair
from bench.server import free_port, gunicorn_command

ROOT = Path(__file__).resolve().parent.parent.parent
REPLAY_DELAY = "2s"
PASSWORD = "replica-proef-wachtwoord-7"  # noqa: S105 - a throwaway cluster's test user
ORGANISATIE = "GM0363"


@pytest.fixture(scope="session")
def clusters():
    # The clusters themselves are bench.replica's, shared with `make bench-replica`.
    # The test stops the replica itself; the cleanup takes a stopped cluster in its stride.
    try:
        with streaming_pair(REPLAY_DELAY) as pair:
            yield pair
    except ClusterError as error:
        pytest.fail(str(error))


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
