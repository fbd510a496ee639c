# Development tasks. `make test` and `make run` do all their own set-up on a fresh machine.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUFF ?= $(VENV)/bin/ruff
# Extra pytest arguments: make test PYTEST_ARGS='-k home -x'
PYTEST_ARGS ?=
MANAGE := $(PY) manage.py
# Stamps: pip runs again only when a requirements file is newer than the last install.
INSTALLED := $(VENV)/.installed
INSTALLED_DEV := $(VENV)/.installed-dev
# Debian's Chromium, which the browser tests (tests/browser/) drive with Playwright.
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

.PHONY: help venv install install-dev browser ocr messages makemessages db migrate lint test run bench bench-queue db-stop clean
.PHONY: backup restore

help:
	@echo "make test          set up, lint, then run the tests (what CI runs)"
	@echo "make run           set up, migrate, then serve on http://127.0.0.1:8000/"
	@echo "make venv          create $(VENV) with $(PYTHON)"
	@echo "make install       install requirements.txt (install-dev: requirements-dev.txt)"
	@echo "make browser       install what the browser tests need: Chromium and Playwright"
	@echo "make ocr           install what reading scanned PDFs needs: OCRmyPDF, Tesseract (Swedish)"
	@echo "make messages      compile the translation catalogues (makemessages: update them)"
	@echo "make db            start the private PostgreSQL cluster (unless DATABASE_URL is set)"
	@echo "make migrate       apply migrations"
	@echo "make lint          ruff, and a check for missing migrations"
	@echo "make bench         the benchmark at BENCH_ITEMS agenda items (default 1,000,000)"
	@echo "make bench-queue   upload to 'read' through the task queue's worker, files a minute"
	@echo "make db-stop       stop the private PostgreSQL cluster"
	@echo "make backup        dump the database and copy the originals to var/backups/<UTC time>/"
	@echo "make restore       restore BACKUP=DIR into an empty database (FORCE=1: over a used one)"
	@echo "make clean         remove generated files (keeps $(VENV) and the database)"

venv: $(PY)

$(PY):
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "$(PYTHON) is older than 3.11: run make PYTHON=python3.11 ..." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

install: $(INSTALLED)

install-dev: $(INSTALLED_DEV)

$(INSTALLED): requirements.txt | $(PY)
	$(PY) -m pip install --disable-pip-version-check -r requirements.txt
	touch $@

# requirements-dev.txt includes requirements.txt, so this install satisfies both stamps.
$(INSTALLED_DEV): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(INSTALLED)

# Playwright comes from requirements-dev.txt; the browser from Debian, never `playwright install`.
# The script returns at once when the browser and its Swedish are there.
browser: $(INSTALLED_DEV)
	scripts/need-chromium.sh

# OCR of scanned minutes (parsing/isolation/ocr.py): Debian's OCRmyPDF, Tesseract and its
# Swedish model, checked as parsing.isolation.ocr.missing() does. As root with apt-get the
# missing packages are installed; otherwise make says so and goes on, as everything but
# reading scans works without them. Once they are there, this installs nothing.
OCR_PACKAGES := ocrmypdf tesseract-ocr tesseract-ocr-swe
ocr:
	@lacking() { \
		command -v ocrmypdf >/dev/null || echo ocrmypdf; \
		if command -v tesseract >/dev/null; then \
			tesseract --list-langs 2>/dev/null | grep -x swe >/dev/null || echo tesseract-ocr-swe; \
		else \
			echo tesseract-ocr tesseract-ocr-swe; \
		fi; \
	}; \
	missing=$$(lacking | xargs); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then \
		echo "OCR is missing ($$missing); installing the Debian packages $(OCR_PACKAGES)" >&2; \
		{ DEBIAN_FRONTEND=noninteractive apt-get update -q \
			&& DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
				$(OCR_PACKAGES); } >&2 || true; \
		missing=$$(lacking | xargs); \
	fi; \
	if [ -n "$$missing" ]; then \
		echo "Scanned PDFs (no text layer) cannot be read: OCR lacks the Debian package(s)" \
			"$$missing. Install as root: apt-get install $(OCR_PACKAGES)" >&2; \
	fi

messages: $(MO_FILES)

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po | $(INSTALLED)
	scripts/need-command.sh msgfmt gettext
	$(MANAGE) compilemessages --locale $* --ignore .venv --ignore var

makemessages: | $(INSTALLED)
	scripts/need-command.sh xgettext gettext
	$(MANAGE) makemessages --locale sv --no-obsolete --ignore .venv --ignore var

db:
	@if [ -n "$${DATABASE_URL:-}" ]; then \
		echo "DATABASE_URL is set: using it instead of the private cluster."; \
	else \
		scripts/pg.sh start; \
	fi

migrate: $(INSTALLED) db
	$(MANAGE) migrate --noinput

lint: $(INSTALLED_DEV) db
	$(RUFF) check .
	$(MANAGE) makemigrations --check --dry-run

test: $(INSTALLED_DEV) browser ocr messages db lint
	$(PY) -m pytest $(PYTEST_ARGS)

# The sample minutes the project was commissioned with; ingest skips what is archived. Each
# meeting's body is the one its title names (parsing/bodies.py): none when it names none.
SAMPLES := samples/minutes

# Serves with gunicorn and runs one task-queue worker beside it (scripts/serve.sh): uploads
# are read by the worker, never in a web request. Ctrl-C stops both.
run: $(INSTALLED) ocr messages migrate
	$(MANAGE) ingest $(SAMPLES)
	$(MANAGE) purge_discarded
	$(MANAGE) create_local_admin
	@echo "Serving the archive on http://127.0.0.1:8000/ with a task-queue worker (Ctrl-C stops both)."
	exec scripts/serve.sh

# The benchmark (manage.py bench): a database of its own (minutes_bench), grown once to
# BENCH_ITEMS agenda items and kept; figures in var/bench/latest.json. BENCH_ITEMS=50000 for a
# quick look; BENCH_ARGS='--steps search,pages' to run some steps only.
BENCH_ITEMS ?= 1000000
BENCH_ARGS ?=
bench: $(INSTALLED_DEV) messages db
	scripts/need-command.sh wrk wrk
	DJANGO_SETTINGS_MODULE=config.settings.bench $(MANAGE) bench --items $(BENCH_ITEMS) $(BENCH_ARGS)

# The task queue (manage.py bench_queue): seconds from upload to "read" for a text file, a
# PDF and a scan, and PDFs a minute for one worker; figures in var/bench/queue.json.
bench-queue: $(INSTALLED_DEV) ocr messages db
	DJANGO_SETTINGS_MODULE=config.settings.bench $(MANAGE) bench_queue $(BENCH_ARGS)

db-stop:
	scripts/pg.sh stop

# Backups (scripts/backup.sh, scripts/restore.sh): README, "Backup and restore".
backup: db
	scripts/backup.sh

restore: db
	@if [ -z "$(BACKUP)" ]; then \
		echo "Say which backup: make restore BACKUP=var/backups/<UTC time> [FORCE=1]" >&2; \
		exit 2; \
	fi
	scripts/restore.sh $(if $(FORCE),--force) "$(BACKUP)"

clean:
	rm -rf var/static .pytest_cache .ruff_cache .hypothesis
	find locale -name '*.mo' -delete
	find . \( -path ./$(VENV) -o -path ./var -o -path ./.git \) -prune \
		-o -name __pycache__ -type d -prune -exec rm -rf {} +
