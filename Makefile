# propscope — one venv (.venv), dependencies installed from hash-locked files.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3.12 || command -v python3.13 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
OUT ?= out

.PHONY: help demo test test-fast install install-dev lock bench clean

help:
	@echo "make demo   set up .venv and analyze the bundled examples (JSON + HTML in $(OUT)/)"
	@echo "make test   set up .venv with dev tools and run the whole test suite"
	@echo "make bench  run the benchmarks (results in benchmarks/results/)"
	@echo "make lock   regenerate the hash-locked requirement files"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "propscope needs Python 3.11 or newer; set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)

# The lock files are complete (every transitive dependency, hashed), so they are installed
# without resolution: --no-deps keeps pip from consulting what the registry released after
# the lock was made, and `pip check` then proves the set is consistent.
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps

$(VENV)/.runtime: $(BIN)/python requirements/lock.txt pyproject.toml
	$(PIP_INSTALL) --require-hashes -r requirements/lock.txt
	$(PIP_INSTALL) --no-build-isolation -e .
	$(BIN)/python -m pip check
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements/dev.lock.txt
	$(PIP_INSTALL) --require-hashes -r requirements/dev.lock.txt
	$(BIN)/python -m pip check
	@touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

demo: install
	@mkdir -p $(OUT)
	$(BIN)/propscope analyze examples/ --format jsonl -o $(OUT)/analyses.jsonl
	$(BIN)/propscope analyze examples/ --format html -o $(OUT)/report.html
	@echo
	@echo "JSON (one analysis per line): $(abspath $(OUT)/analyses.jsonl)"
	@echo "HTML report:                  $(abspath $(OUT)/report.html)"

test: install-dev
	$(BIN)/python -m pytest -q

test-fast: install-dev
	$(BIN)/python -m pytest -q -m "not slow"

bench: install
	$(BIN)/python benchmarks/run.py

# Regenerates the exact pins from pyproject.toml's ranges, keeping every pin that still fits
# (pip-compile only moves a pin when asked: `make lock LOCK_ARGS=--upgrade`).  The lock files
# name no index: pip's own configuration says where packages come from.
LOCK_ARGS ?=
PIP_COMPILE := $(BIN)/pip-compile -q --allow-unsafe --generate-hashes --strip-extras --all-build-deps \
	--no-emit-index-url --no-emit-find-links $(LOCK_ARGS)
lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet pip-tools==7.6.2
	$(PIP_COMPILE) -o requirements/lock.txt pyproject.toml
	$(PIP_COMPILE) --extra dev -o requirements/dev.lock.txt pyproject.toml

clean:
	rm -rf $(VENV) $(OUT) build dist src/*.egg-info .pytest_cache
