# Council portal: the only two commands a newcomer needs are `make run` and `make test`.
#
#   make run     install everything, migrate, load the demo data, serve http://127.0.0.1:8000/
#                (or PORT=8080 make run) with a task worker beside it
#   make test    install everything, run the whole test suite
#                (SQLite by default; PostgreSQL with DATABASE_URL=postgres://...)
#   make lint    ruff check, ruff format --check, djhtml --check, mypy
#   make setup   what `make run` does before starting the server

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# setup's manage.py calls are development-only: DEBUG on, no secret key needed.
DEV    := DJANGO_DEBUG=1

.PHONY: setup run test lint venv system-deps node-tools

# Debian packages (Pango for PDFs, poppler, Korean fonts, python3.11-venv ...); fast when present.
system-deps:
	@bash scripts/system-deps.sh

$(BIN)/python: | system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when pyproject.toml changed since the last install.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

venv: system-deps $(STAMP)

# Test-only npm tools (axe-core, vnu-jar) for tests/e2e/; reinstalled only when the lock file
# is newer. --ignore-scripts: vnu-jar's postinstall would download a JRE; Debian's Java is used.
NODE_STAMP := node_modules/.installed-stamp
$(NODE_STAMP): package-lock.json | system-deps
	npm ci --no-audit --no-fund --ignore-scripts
	@touch $(NODE_STAMP)

node-tools: $(NODE_STAMP)

setup: venv node-tools
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py createcachetable
	$(DEV) $(BIN)/python manage.py load_seed
	$(DEV) $(BIN)/python manage.py search_reindex
	$(DEV) $(BIN)/python manage.py ensure_demo_superuser

# The server on 127.0.0.1:$(PORT) (PORT=8080 make run) and a task worker beside it.
PORT ?= 8000
run: setup
	PORT=$(PORT) bash scripts/run.sh

test: venv node-tools
	$(BIN)/pytest

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	DJANGO_DEBUG=1 $(BIN)/mypy
