"""One benchmark catalogue per database and size, generated once and reused.

A catalogue is a database of its own (``bench_<size>`` on PostgreSQL, another prefix with
``BENCH_DATABASE_PREFIX``; a file under ``bench/.data`` for SQLite), filled with
``manage.py generate_bouwstenen --count N --seed S`` and marked with that count and seed
in a small table ``bench_catalogus``. A later run
reuses it when the mark matches; otherwise it is dropped and made again. Everything goes
through the registry's own management commands, so the benchmark tests those too.
"""

import os
import secrets
import sqlite3
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
PG_ADMIN_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql://registry:registry@localhost:5432/postgres"
)
# The catalogues' database names on PostgreSQL (<prefix>_<size>): another prefix keeps two
# runs on one server (two clones, two engineers) out of each other's catalogue.
PG_DATABASE_PREFIX = os.environ.get("BENCH_DATABASE_PREFIX", "bench")
# The organisation the write scenario writes for, and its two members (four eyes).
WRITE_ORGANISATION = "GM0363"
REDACTEUR = "bench-redacteur"
PUBLICIST = "bench-publicist"
# Blocks the write scenario creates carry this slug prefix, so they can be removed.
WRITTEN_SLUG_PREFIX = "bench-schrijf-"


@dataclass
class Catalogue:
    vendor: str  # "postgresql" or "sqlite"
    size: int
    seed: int
    database_url: str  # for Django (DATABASE_URL)
    dsn: str  # for the floor: a libpq URL, or the SQLite file
    generated_in: float | None = (
        None  # seconds generate_bouwstenen took (kept in the mark)
    )
    redacteur_token: str = ""
    publicist_token: str = ""
    # Extra OPTIONS for the server's connection, as DATABASE_URL query parameters
    # (dj-database-url passes them on), e.g. server_side_binding=true.
    url_options: str = ""

    @property
    def label(self) -> str:
        return f"{'PostgreSQL' if self.vendor == 'postgresql' else 'SQLite'} {self.size:,}".replace(
            ",", "."
        )


def server_environment(catalogue: Catalogue, **extra: str) -> dict[str, str]:
    """Production settings, with what a benchmark on plain http on 127.0.0.1 needs."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "DEBUG": "false",
            "SECRET_KEY": "bench-" + secrets.token_urlsafe(40),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "DATABASE_URL": catalogue.database_url
            + (f"?{catalogue.url_options}" if catalogue.url_options else ""),
            "STATIC_ROOT": str(DATA / "static"),
            # Far above what four clients can send: the benchmark measures work, not 429s.
            "API_THROTTLE_ANON": "100000000/second",
            "API_THROTTLE_USER": "100000000/second",
            "QUERY_COUNT_HEADER": "true",
            "PYTHONPATH": str(ROOT),
        }
    )
    env.update(extra)
    return env


def manage(catalogue: Catalogue, *args: str, env: dict | None = None) -> str:
    result = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**server_environment(catalogue), **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"manage.py {' '.join(args)} faalde:\n{result.stdout}\n{result.stderr}"
        )
    return result.stdout


def catalogue_for(vendor: str, size: int, seed: int) -> Catalogue:
    if vendor == "postgresql":
        base = PG_ADMIN_URL.rsplit("/", 1)[0]
        url = f"{base}/{PG_DATABASE_PREFIX}_{size}"
        return Catalogue(
            vendor, size, seed, url.replace("postgresql://", "postgres://"), url
        )
    path = DATA / f"bench_{size}.sqlite3"
    return Catalogue(vendor, size, seed, f"sqlite:///{path}", str(path))


def _mark(catalogue: Catalogue) -> tuple[int, int, float] | None:
    """The (count, seed, seconds to generate) of the catalogue, or None."""
    query = "SELECT aantal, seed, seconden FROM bench_catalogus"
    try:
        if catalogue.vendor == "postgresql":
            with psycopg.connect(catalogue.dsn, connect_timeout=5) as db:
                row = db.execute(query).fetchone()
        else:
            if not Path(catalogue.dsn).exists():
                return None
            with sqlite3.connect(catalogue.dsn) as db:
                row = db.execute(query).fetchone()
    except (psycopg.Error, sqlite3.Error):
        return None
    return tuple(row) if row else None


def _set_mark(catalogue: Catalogue) -> None:
    statements = [
        "CREATE TABLE bench_catalogus (aantal integer NOT NULL, seed integer NOT NULL, "
        "seconden real NOT NULL)",
        "INSERT INTO bench_catalogus VALUES "  # noqa: S608 - numbers only
        f"({int(catalogue.size)}, {int(catalogue.seed)}, {float(catalogue.generated_in)})",
    ]
    if catalogue.vendor == "postgresql":
        with psycopg.connect(catalogue.dsn) as db:
            for statement in statements:
                db.execute(statement)
            # Fresh statistics, as autovacuum would give a catalogue this size in time.
            db.commit()
            db.autocommit = True
            db.execute("VACUUM ANALYZE")
    else:
        with sqlite3.connect(catalogue.dsn) as db:
            for statement in statements:
                db.execute(statement)
            db.execute("ANALYZE")


def _recreate_database(catalogue: Catalogue, admin_url: str) -> None:
    if catalogue.vendor == "postgresql":
        name = catalogue.dsn.rsplit("/", 1)[1]
        with psycopg.connect(admin_url, autocommit=True) as db:
            db.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(name)
                )
            )
            db.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    else:
        DATA.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(catalogue.dsn + suffix).unlink(missing_ok=True)


def prepare(
    catalogue: Catalogue, log=print, admin_url: str = PG_ADMIN_URL
) -> Catalogue:
    """Make sure the catalogue exists, is migrated, and has the write scenario's users."""
    mark = _mark(catalogue)
    if mark and mark[:2] == (catalogue.size, catalogue.seed):
        catalogue.generated_in = mark[2]
        log(
            f"{catalogue.label}: bestaande catalogus hergebruikt "
            f"(gegenereerd in {mark[2]:.0f} s)"
        )
        manage(catalogue, "migrate", "--no-input")
        remove_written(catalogue)
    else:
        log(f"{catalogue.label}: catalogus maken (seed {catalogue.seed}) ...")
        _recreate_database(catalogue, admin_url)
        manage(catalogue, "migrate", "--no-input")
        manage(catalogue, "load_reference_data")
        started = time.perf_counter()
        manage(
            catalogue,
            "generate_bouwstenen",
            "--count",
            str(catalogue.size),
            "--seed",
            str(catalogue.seed),
        )
        catalogue.generated_in = time.perf_counter() - started
        log(f"{catalogue.label}: gegenereerd in {catalogue.generated_in:.1f} s")
        _set_mark(catalogue)
    catalogue.redacteur_token = _member_token(catalogue, REDACTEUR, "redacteur")
    catalogue.publicist_token = _member_token(catalogue, PUBLICIST, "publicist")
    return catalogue


def _member_token(catalogue: Catalogue, username: str, role: str) -> str:
    manage(
        catalogue,
        "add_member",
        username,
        WRITE_ORGANISATION,
        "--role",
        role,
        env={"REGISTRY_PASSWORD": secrets.token_urlsafe(24)},
    )
    return manage(catalogue, "create_api_token", username, "--replace").strip()


def remove_written(catalogue: Catalogue) -> None:
    """Delete what the write scenario added, so the next run measures the same catalogue.

    The answers kept for its Idempotency-Keys (``make drill``) go too."""
    manage(
        catalogue,
        "shell",
        "-c",
        "from bouwstenen.models import Bouwsteen; "
        "from core.models import Idempotentiesleutel; "
        f"Bouwsteen.objects.filter(slug__startswith='{WRITTEN_SLUG_PREFIX}').delete(); "
        "Idempotentiesleutel.objects.filter("
        f"gebruiker__username__in=['{REDACTEUR}', '{PUBLICIST}']).delete()",
    )


def collect_static(catalogue: Catalogue) -> None:
    """The pages need the hashed static files manifest when DEBUG is off."""
    manage(catalogue, "collectstatic", "--no-input", "-v0")


def sample_uuids(catalogue: Catalogue, count: int = 100) -> list[str]:
    """Published blocks spread over the whole catalogue, the same on every run."""
    query = (
        "SELECT uuid FROM bouwstenen_bouwsteen WHERE publicatiestatus = 'gepubliceerd' "
        "ORDER BY id"
    )
    if catalogue.vendor == "postgresql":
        with psycopg.connect(catalogue.dsn) as db:
            rows = [str(r[0]) for r in db.execute(query)]
    else:
        with sqlite3.connect(catalogue.dsn) as db:
            rows = [str(r[0]) for r in db.execute(query)]
    step = max(1, len(rows) // count)
    # SQLite stores a uuid as 32 hex digits; the API and the floor both take this form.
    return [str(uuid.UUID(row)) for row in rows[::step][:count]]
