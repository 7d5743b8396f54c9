# CLARINET handbook – every task an editor or developer runs. `make` alone prints this help.
# Set-up is automatic: the first target that needs Python creates .venv and installs the lock.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := $(CURDIR)/scripts

.DEFAULT_GOAL := help
.PHONY: help serve build test check system-deps lock clean

help: ## Show this help
	@echo "CLARINET handbook – make targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(INSTALLED): requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	@touch $@

# Preview is not strict: a broken link shows as a warning while you edit (`make build` and the
# tests are strict). PDFs are skipped for speed; HANDBOOK_PDF=1 make serve builds them too.
serve: $(INSTALLED) ## Serve the site on http://127.0.0.1:8000 with live reload
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload --no-strict

build: $(INSTALLED) ## Strict build of the whole site into site/
	$(VENV)/bin/mkdocs build --strict --site-dir site

check: $(INSTALLED) ## Fast source checks (no browser), in the order to fix them
	$(PY) -m handbook.cli check

system-deps: $(INSTALLED) ## Install what pip cannot (Chromium, Pango, fonts): as root via apt, else prints the command
	$(PY) -m handbook.cli doctor --install

test: $(INSTALLED) system-deps ## Run every test (builds the site once, checks HTML, downloads, browser)
	$(PY) -m pytest

lock: ## Re-resolve requirements.lock from pyproject.toml (exact versions with hashes)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --generate-hashes --python-version 3.11 -o requirements.lock

clean: ## Remove the built site and caches (keeps .venv)
	rm -rf site .cache .pytest_cache
