# CartMate: `make run` starts the product, `make test` runs every test. Both create .venv
# first (Python 3.11+ and nothing else needed) and install from constraints.txt.

# The first of these that runs and is 3.11 or newer (evaluated once).
ifeq ($(origin PYTHON), undefined)
PYTHON := $(shell for p in python3 python3.13 python3.12 python3.11; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 \
	&& { command -v $$p; break; }; done)
endif
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.cartmate-installed

.PHONY: setup run test lint format protos lock clean help evals openapi

help:
	@echo "make run     set up .venv and run CartMate (cartmate up)"
	@echo "make test    set up .venv, lint, and run the whole test suite"
	@echo "make lint    ruff check and ruff format --check"
	@echo "make protos  regenerate the gRPC stubs from protos/"
	@echo "make lock    refresh constraints.txt from a fresh resolve"
	@echo "make evals   run the ADK evalsets with the configured model"
	@echo "make openapi regenerate docs/openapi.json from the gateway's routes"

$(STAMP): pyproject.toml constraints.txt
	@test -n "$(PYTHON)" || { echo "CartMate needs Python 3.11 or newer on PATH" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/cartmate up

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

protos: setup
	$(BIN)/python scripts/gen_protos.py

evals: setup
	$(BIN)/python evals/run.py

openapi: setup
	$(BIN)/python -m cartmate.deploy.openapi

# Resolve the newest versions pyproject allows in a scratch venv and pin them all.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet -e '.[dev]'
	.lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^cartmate' > constraints.txt
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
