"""Settings come from the environment in one place; compose and .env.example agree with them."""

import os
import re
import subprocess
import sys
from pathlib import Path

import dj_database_url
import yaml

from core import env

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_KEY = "een-lange-willekeurige-productiesleutel-" + "k7Qx2" * 10


def _settings_in_subprocess(
    environment: dict, code: str
) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in env.DOCUMENTED}
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import config.settings.base as s; {code}"],
        env={**clean, **environment},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_every_variable_the_compose_file_sets_is_read_by_the_settings():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    web_environment = set(compose["services"]["web"]["environment"])
    assert web_environment
    assert web_environment <= set(env.DOCUMENTED), web_environment - set(env.DOCUMENTED)


def test_env_example_documents_exactly_the_variables_the_settings_read():
    text = (ROOT / ".env.example").read_text()
    documented = set(re.findall(r"^([A-Z_]+)=", text, flags=re.MULTILINE))
    assert documented == set(env.DOCUMENTED)


def test_every_variable_has_a_help_text():
    assert all(help_text.strip() for help_text in env.DOCUMENTED.values())


def test_production_refuses_to_start_without_a_secret_key():
    result = _settings_in_subprocess({"DEBUG": "false"}, "print('started')")
    assert result.returncode != 0
    assert "SECRET_KEY is niet gezet" in result.stderr


def test_production_refuses_an_insecure_development_key():
    result = _settings_in_subprocess(
        {"DEBUG": "false", "SECRET_KEY": "django-insecure-abc"}, "print('started')"
    )
    assert result.returncode != 0
    assert "onveilige SECRET_KEY" in result.stderr


def test_sqlite_is_the_default_and_a_postgres_url_switches_to_postgresql():
    result = _settings_in_subprocess(
        {"SECRET_KEY": PRODUCTION_KEY},
        "print(s.DATABASES['default']['ENGINE'], s.LANGUAGE_CODE, s.TIME_ZONE)",
    )
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "nl",
        "Europe/Amsterdam",
    ]
    result = _settings_in_subprocess(
        {
            "SECRET_KEY": PRODUCTION_KEY,
            "DATABASE_URL": "postgres://u:p@db:5432/registry",
        },
        "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['HOST'])",
    )
    assert result.stdout.split() == ["django.db.backends.postgresql", "db"]
    assert dj_database_url.parse("postgres://u:p@db/r")["ENGINE"].endswith("postgresql")


def test_a_malformed_boolean_is_refused():
    result = _settings_in_subprocess({"DEBUG": "misschien"}, "print('started')")
    assert result.returncode != 0
    assert "DEBUG moet true of false zijn" in result.stderr


def test_debug_is_never_on_with_a_default_key_in_production_settings():
    result = _settings_in_subprocess({"DEBUG": "true"}, "print('started')")
    assert result.returncode != 0
    assert "SECRET_KEY is niet gezet" in result.stderr


def test_check_deploy_is_clean_with_production_environment_variables():
    clean = {k: v for k, v in os.environ.items() if k not in env.DOCUMENTED}
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "SECRET_KEY": PRODUCTION_KEY,
            "ALLOWED_HOSTS": "register.example.nl",
            "BEHIND_TLS_PROXY": "true",
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_the_operator_guide_lists_every_variable_as_the_settings_read_them():
    from django.core.management import call_command

    call_command("document_settings", check=True)


def test_the_image_contains_everything_the_settings_read_from_the_project_folder():
    dockerfile = (ROOT / "Dockerfile").read_text()
    copied = set(re.findall(r"^COPY (?!--from)(\S+)", dockerfile, flags=re.MULTILINE))
    needed = {"manage.py", "config", "registry", "bouwstenen", "templates", "locale"}
    assert needed <= copied, needed - copied
    assert re.search(r"^USER registry$", dockerfile, flags=re.MULTILINE)


def test_parallel_workers_come_from_the_environment_and_are_never_negative():
    code = "print(s.DATABASE_PARALLEL_WORKERS, s.DATABASES['default'].get('OPTIONS'))"
    base = {
        "SECRET_KEY": PRODUCTION_KEY,
        "ALLOWED_HOSTS": "register.example.nl",
        # Options of the URL's own stay as they are (set per session instead:
        # core/postgresql_session.py).
        "DATABASE_URL": "postgres://u:p@db:5432/register?options=-c%20statement_timeout%3D5000",
    }
    default = _settings_in_subprocess(base, code)
    assert default.stdout.startswith("0 "), default
    assert "'options': '-c statement_timeout=5000'" in default.stdout, default
    chosen = _settings_in_subprocess({**base, "DATABASE_PARALLEL_WORKERS": "2"}, code)
    assert chosen.stdout.startswith("2 "), chosen
    refused = _settings_in_subprocess({**base, "DATABASE_PARALLEL_WORKERS": "-1"}, code)
    assert refused.returncode != 0
    assert "DATABASE_PARALLEL_WORKERS moet 0 of meer zijn" in refused.stderr
