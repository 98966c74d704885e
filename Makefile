# Fördertal – the two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: run test lint check-python check-libs check-browser install demo clean

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null || { \
	  echo "Fördertal braucht Python >= 3.12 (gefunden: $$($(PYTHON) --version 2>&1))."; \
	  echo "Installieren Sie Python 3.12 (z. B. 'pyenv install 3.12') oder rufen Sie 'make PYTHON=python3.12 …' auf."; \
	  exit 1; }

# WeasyPrint (PDF/A notices) needs Pango and HarfBuzz from the system, not from pip.
# Without libharfbuzz-subset `import weasyprint` warns, and the tests treat warnings as errors.
PDF_LIBS := pango-1.0 pangoft2-1.0 harfbuzz-subset
PDF_LIBS_APT := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0

check-libs: check-python
	@$(PYTHON) -c 'import ctypes.util, sys; missing = [n for n in sys.argv[1:] if not ctypes.util.find_library(n)]; [print(f"Systembibliothek fehlt: lib{n} (nötig für die PDF-Bescheide mit WeasyPrint).") for n in missing]; sys.exit(1 if missing else 0)' $(PDF_LIBS) || { \
	  echo "Bitte installieren Sie die Bibliotheken, unter Debian/Ubuntu mit:"; \
	  echo "  sudo apt-get install $(PDF_LIBS_APT)"; \
	  exit 1; }

# The browser tests (accessibility, end to end) drive Debian's Chromium with Playwright.
CHROMIUM ?= /usr/bin/chromium

check-browser:
	@test -x $(CHROMIUM) || { \
	  echo "Chromium fehlt ($(CHROMIUM)); die Browsertests brauchen ihn."; \
	  echo "Bitte installieren Sie ihn, unter Debian/Ubuntu mit:  sudo apt-get install chromium"; \
	  exit 1; }

$(STAMP): pyproject.toml constraints.txt | check-python
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' || { \
	  echo "$(VENV) wurde mit einem zu alten Python angelegt; bitte 'make clean' und erneut versuchen."; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	@touch $(STAMP)

install: check-python check-libs $(STAMP)

run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo --if-empty
	$(BIN)/python manage.py demo_logins
	$(BIN)/python manage.py runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/djhtml --check templates
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

test: lint check-browser
	DJANGO_SETTINGS_MODULE=config.settings.test DATABASE_URL= $(BIN)/pytest
	@if [ -n "$$DATABASE_URL" ]; then \
	  echo "== pytest on PostgreSQL ($$DATABASE_URL)"; \
	  DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest; \
	fi

clean:
	rm -rf $(VENV) db.sqlite3* media

# Streamed XLSX writer (core.exports) against raw xlsxwriter: 100,000 ledger rows.
.PHONY: bench-export
bench-export: $(STAMP)
	$(BIN)/python bench/export_ledger.py

# Scale benchmark (issue 8), not part of `make test`: seeds BENCH_N applications once into the
# PostgreSQL database foerdertal_bench and into bench/out/foerdertal_bench.sqlite3 (later runs
# reuse them; BENCH_ARGS=--reseed seeds anew) and prints the table of bench/README.md for each.
BENCH_N ?= 100000
BENCH_PG ?= postgres://postgres@127.0.0.1:5432/foerdertal_bench
BENCH_SQLITE ?= sqlite:///$(CURDIR)/bench/out/foerdertal_bench.sqlite3
BENCH_ARGS ?=
.PHONY: bench
bench: install
	$(BIN)/python bench/run.py --n $(BENCH_N) --database-url $(BENCH_PG) $(BENCH_ARGS)
	$(BIN)/python bench/run.py --n $(BENCH_N) --database-url $(BENCH_SQLITE) $(BENCH_ARGS)

# Load test, not part of `make test`: a fresh PostgreSQL database with the demo data, gunicorn
# on 127.0.0.1 and locust headless, 50 users for 5 minutes (bench/README.md, "Load test");
# `make load LOAD_USERS=10 LOAD_TIME=1m` for a shorter one. Exits non-zero on any failure.
.PHONY: load
load: install
	bash bench/load/run.sh
