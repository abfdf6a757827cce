# Release Ledger. `make run` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: catalogues run test test-fast serve bench loadtest lint format install migrate fixtures clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

# The interface catalogues (locale/), compiled in Python: GNU gettext may be missing.
catalogues: install
	$(BIN)/python -m config.catalogues

migrate: catalogues
	$(BIN)/python manage.py migrate --noinput

fixtures: migrate
	$(BIN)/python manage.py seed

run: fixtures
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: catalogues
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# `make serve`: the production server, gunicorn (config/gunicorn.conf.py) on 127.0.0.1:$(PORT)
# with RELEASE_LEDGER_ENV=production, after migrating and collecting the static files. Give every
# app server the same DJANGO_SECRET_KEY; without one, a throwaway key is made for this run.
# Plain HTTP on loopback: the HTTPS redirect and secure-only cookies are off for this run
# (a real deployment keeps both on behind its TLS proxy, docs/deploy.md).
serve: migrate
	@export RELEASE_LEDGER_ENV=production; \
	export DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}"; \
	export SITE_BASE_URL="$${SITE_BASE_URL:-http://127.0.0.1:$(PORT)}"; \
	export DATABASE_URL="$${DATABASE_URL:-sqlite:///$(CURDIR)/db.sqlite3}"; \
	export DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0; \
	if [ -z "$$DJANGO_SECRET_KEY" ]; then \
		echo "DJANGO_SECRET_KEY is not set: using a throwaway key (sessions end with this server)."; \
		export DJANGO_SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')"; \
	fi; \
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0 && \
	PORT=$(PORT) exec $(BIN)/gunicorn --config config/gunicorn.conf.py config.wsgi

BENCH_STAMP := $(VENV)/.bench-installed
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	touch $(BENCH_STAMP)

# `make bench`: synthetic databases (BENCH_PEOPLE people, default 100,000; PostgreSQL at
# BENCH_DATABASE_URL and SQLite), served by gunicorn with the production settings and by
# Datasette, driven on loopback by wrk (apt-get install wrk) or a Python load generator.
# Prints a markdown table and writes artifacts/bench/results.json (docs/performance.md).
# In-process figures with query counts (Django's test client): .venv/bin/python bench/people.py
# Then the caseload workbook (bench/caseload.py): export and import of 1,200 and 10,000 people.
bench: $(BENCH_STAMP)
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/cold.py
	$(BIN)/python bench/caseload.py

# `make loadtest`: gunicorn with the production settings on loopback against a 10,000-person
# synthetic PostgreSQL database (LOADTEST_DATABASE_URL, built once and reused), driven by wrk at
# concurrency 64 for LOADTEST_SECONDS (60) over a mix of public pages: p50/p99 and errors. Then
# PostgreSQL is restarted (LOADTEST_RESTART_COMMAND) under load while a writer commits rows: 503s
# while it is down, seconds until pages are served again, and every committed row checked
# afterwards. LOADTEST_RESTART=0 skips the restart. docs/deploy.md, "Load and restart test".
loadtest: install
	$(BIN)/python bench/loadtest.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles artifacts
