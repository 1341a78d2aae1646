# Quick start: `make run` (site on http://127.0.0.1:$(PORT)) and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

.PHONY: install run serve demo test test-fast browser pgdump lint format migrations-check clean bench

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_content

# Migrate, build the demo site, then serve it; the task worker (mail, Wagtail's tasks) runs beside it
# (without its autoreloader, whose child process would outlive the kill below).
run: demo
	@echo "Serving on http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/, user 'admin', password 'changeme-demo'; first sign-in: enrol an authenticator app)"
	PORT=$(PORT) $(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	PORT=$(PORT) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Debian's Chromium for the browser tests (Playwright drives it; nothing is downloaded by Playwright).
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
		else echo "Browser tests need Chromium at $(CHROMIUM): sudo apt-get install chromium"; exit 1; fi; \
	fi

# pg_dump (Debian's postgresql-client) for the erasure test's database dump, when testing on PostgreSQL.
pgdump:
	@case "$$DATABASE_URL" in postgres*) \
		if ! command -v pg_dump >/dev/null; then \
			if [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client; \
			else echo "The PostgreSQL tests need pg_dump: sudo apt-get install postgresql-client"; exit 1; fi; \
		fi;; \
	esac

test: install browser pgdump
	$(PY) -m pytest

test-fast: install pgdump
	$(PY) -m pytest -m "not browser"

# The production configuration under load (gunicorn, PostgreSQL, Redis, wrk): writes bench/report.md
# and bench/report.json, fails when a budget is missed. Heavy (a few minutes); not part of `make test`.
# See bench/run.py for its settings (BENCH_DATABASE, BENCH_REDIS_URL, BENCH_PORT_A, ...).
bench: install
	$(PY) bench/run.py

# Style (ruff) and the architecture contracts (import-linter, see [tool.importlinter] in pyproject.toml).
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py check

clean:
	rm -rf $(VENV) staticfiles .test-media .pytest_cache
