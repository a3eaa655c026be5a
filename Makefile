# summits: two commands on a fresh machine with Python 3.11 and make.
#   make run   set up, build the warehouse from $(SUMMITS_SEEDS_DIR), print a summary
#   make test  set up, run the whole test suite
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PATH := $(CURDIR)/$(BIN):$(PATH)
export PYTHONPATH := $(CURDIR)
export DO_NOT_TRACK := 1
export DAGSTER_DISABLE_TELEMETRY := 1
export SUMMITS_SEEDS_DIR ?= $(CURDIR)/seeds
export SUMMITS_DUCKDB_PATH ?= $(CURDIR)/warehouse/summits.duckdb
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home
export SUMMITS_PUBLISH_DIR ?= $(CURDIR)/warehouse/published
export SUMMITS_REPORTS_DIR ?= $(CURDIR)/warehouse/reports
DOCS_PORT ?= 8080
# The Dagster UI listens on loopback only unless you say otherwise (e.g. DAGSTER_HOST=0.0.0.0).
DAGSTER_HOST ?= 127.0.0.1
DAGSTER_PORT ?= 3000

.PHONY: setup browser run test bench dev docs queries lint eval clean lock run-distributed worker dev-distributed bench-distributed

setup: $(STAMP)

$(STAMP): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	touch $(STAMP)

run: setup
	$(BIN)/python -m orchestration.cli

test: setup browser
	$(BIN)/python -m pytest

# Debian's Chromium for the browser test (Playwright drives it; no browser is ever downloaded by
# Playwright). Installed with apt-get when missing and possible; otherwise that one test is skipped.
CHROMIUM ?= /usr/bin/chromium
browser:
	@test -x $(CHROMIUM) || { command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
	  echo "installing Debian's chromium for the browser test" && \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; } \
	  >/tmp/summits-chromium-install.log 2>&1; } || \
	  echo "note: Chromium could not be installed (see /tmp/summits-chromium-install.log); the browser test will be skipped"

# Throughput and memory: spaCy alone, the extraction library, the whole run path (bench/results.md).
bench: setup
	$(BIN)/python -m bench.throughput

# Extraction quality (docs/EXTRACTION_QUALITY.md): a fresh warehouse per evaluation set (seeds, dev_a,
# dev_b; built in a temporary folder, never warehouse/), scored against the set's gold, each set and pooled.
# Options through EVAL_ARGS: --set NAME (repeatable), --keep DIR, --json PATH, --quiet, or
# --db PATH --gold PATH to score an existing warehouse (e.g. EVAL_ARGS="--db warehouse/summits.duckdb").
eval: setup
	$(BIN)/python -m evaluation $(EVAL_ARGS)

dev: setup
	mkdir -p $(DAGSTER_HOME)
	cp orchestration/dagster.yaml $(DAGSTER_HOME)/dagster.yaml
	@# the storage is created once, before the webserver, daemon and code server open it together
	$(BIN)/dagster instance migrate >/dev/null
	$(BIN)/dagster dev -m orchestration.definitions --host $(DAGSTER_HOST) --port $(DAGSTER_PORT)

# The distributed mode (docs/SCALING.md): needs PostgreSQL, RabbitMQ and Redis (SUMMITS_POSTGRES_URL,
# SUMMITS_CELERY_BROKER, SUMMITS_CELERY_BACKEND); writes under $(DISTRIBUTED_DIR), never the embedded
# warehouse. run-distributed starts $(SUMMITS_WORKERS) local workers (0: use workers started elsewhere
# with `make worker`), runs the build and stops them.
DISTRIBUTED_DIR ?= $(CURDIR)/warehouse/distributed
SUMMITS_POSTGRES_URL ?= postgresql://postgres@127.0.0.1:5432/test
DISTRIBUTED_ENV = SUMMITS_POSTGRES_URL=$(SUMMITS_POSTGRES_URL) SUMMITS_DUCKDB_PATH=$(DISTRIBUTED_DIR)/summits.duckdb SUMMITS_PUBLISH_DIR=$(DISTRIBUTED_DIR)/published \
	SUMMITS_REPORTS_DIR=$(DISTRIBUTED_DIR)/reports SUMMITS_STAGING_PARQUET_DIR=$(DISTRIBUTED_DIR)/staging \
	DAGSTER_HOME=$(DISTRIBUTED_DIR)/dagster_home
SUMMITS_WORKERS ?= 2
run-distributed: setup
	$(DISTRIBUTED_ENV) $(BIN)/python -m orchestration.distributed.run --workers $(SUMMITS_WORKERS)

# One Celery worker in the foreground (on any machine that sees the same folders and services).
worker: setup
	$(DISTRIBUTED_ENV) $(BIN)/python -m orchestration.distributed.worker

# The Dagster UI and daemon on the distributed mode's instance and code location.
dev-distributed: setup
	mkdir -p $(DISTRIBUTED_DIR)/dagster_home
	cp orchestration/distributed/dagster.yaml $(DISTRIBUTED_DIR)/dagster_home/dagster.yaml
	$(DISTRIBUTED_ENV) $(BIN)/dagster instance migrate >/dev/null
	$(DISTRIBUTED_ENV) $(BIN)/dagster dev -m orchestration.distributed.definitions --host $(DAGSTER_HOST) --port $(DAGSTER_PORT)

bench-distributed: setup
	$(BIN)/python -m bench.distributed

# dbt docs (every mart and column described, lineage, exposures), served on localhost.
docs: setup
	cd dbt_project && $(CURDIR)/$(BIN)/dbt docs generate --quiet
	cd dbt_project && $(CURDIR)/$(BIN)/dbt docs serve --host 127.0.0.1 --port $(DOCS_PORT) --no-browser

# Re-render docs/QUERIES.md: every query of docs/queries/ with its result on the published file.
queries: setup
	$(BIN)/python -m orchestration.query_book docs/queries docs/QUERIES.md

lint: setup
	$(BIN)/ruff check extraction orchestration evaluation tests bench scripts
	$(BIN)/sqlfluff lint dbt_project/models docs/queries

clean:
	rm -rf warehouse dbt_project/target dbt_project/logs .pytest_cache

# Re-resolve the hashed lock from requirements.in (needs uv: pip install uv).
lock:
	uv pip compile --generate-hashes --python-version 3.11 --no-header requirements.in -o requirements.lock
