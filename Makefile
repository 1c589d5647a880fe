# The front door: `make run` to try the registry, `make test` to test it.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.PHONY: run test lint format check install lock serve migrate data superuser clean schema bench bench-quick bench-replica drill

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is nodig ($(PYTHON) niet gevonden); zet PYTHON=/pad/naar/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installs from the lock (requirements/*.txt, exact versions with hashes), so every machine,
# CI and the Docker image run the same packages; the package itself goes in without
# dependencies. pyproject.toml keeps the loose ranges for whoever installs the package.
$(VENV)/.installed: requirements/dev.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

install: $(VENV)/.installed

# Refresh the lock after changing a range in pyproject.toml (uv resolves for every
# platform at once and writes hashes; pip still does the installing).
UV_COMPILE := $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes --quiet
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet uv
	$(UV_COMPILE) -o requirements/base.txt
	$(UV_COMPILE) --extra dev --extra bench -o requirements/dev.txt

migrate: install
	$(MANAGE) migrate --no-input

data: migrate
	$(MANAGE) load_reference_data
	$(MANAGE) load_demo

run: data
	@echo ""
	@echo "Bouwstenenregister draait op http://127.0.0.1:$(PORT)/ (beheer: http://127.0.0.1:$(PORT)/admin/)"
	@echo "Een beheerder aanmaken: make superuser"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

superuser: migrate
	$(MANAGE) createsuperuser

# Over every core (pytest-xdist): each worker has its own test database.
test: install
	$(BIN)/pytest -n auto

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run

# Regenerate the committed OpenAPI document; fails on schema warnings or an invalid result.
# tests/api/test_openapi.py fails when the code and openapi.yaml differ.
schema: install
	$(MANAGE) spectacular --lang nl --validate --fail-on-warn --file openapi.yaml

# The benchmark (docs/performance.md): every endpoint under gunicorn against its floor,
# the same rows by hand-written SQL. bench-quick (1,000 blocks) runs in CI; bench takes
# 1,000 / 10,000 / 100,000 blocks and about an hour the first time (catalogues are kept).
# requirements/dev.txt holds the bench extra too.
bench: $(VENV)/.installed
	$(BIN)/python -m bench.run --mode full

bench-quick: $(VENV)/.installed
	$(BIN)/python -m bench.run --mode quick

# List and detail on a throwaway PostgreSQL primary, without and with a streaming replica
# (docs/performance.md). Builds its own clusters; as root the tools run as postgres.
bench-replica: $(VENV)/.installed
	$(BIN)/python -m bench.run --replica --mode quick --sizes 1000

# Load and fault drill (docs/reliability.md): restarts a PostgreSQL cluster mid-traffic.
drill: $(VENV)/.installed
	$(BIN)/python -m bench.drill

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
