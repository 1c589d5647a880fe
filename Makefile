# The front door: `make run` to try the registry, `make test` to test it.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.PHONY: run test lint format check install serve migrate data superuser clean schema bench bench-quick drill

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is nodig ($(PYTHON) niet gevonden); zet PYTHON=/pad/naar/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

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
$(VENV)/.installed-bench: pyproject.toml | $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	@touch $@

bench: $(VENV)/.installed-bench
	$(BIN)/python -m bench.run --mode full

bench-quick: $(VENV)/.installed-bench
	$(BIN)/python -m bench.run --mode quick

# Load and fault drill (docs/reliability.md): restarts a PostgreSQL cluster mid-traffic.
drill: $(VENV)/.installed-bench
	$(BIN)/python -m bench.drill

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
