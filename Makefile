# STEM PD Net: the commands the README uses. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= $(shell command -v python3.12 || command -v python3)
CONSTRAINTS := requirements/constraints.txt
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: help install install-dev browser-deps fonts run test lint migrations-check deploy-check ci translations lock clean dist smoke

help: ## Show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Python 3.12 or newer is needed; set PYTHON=/path/to/python3.12")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python ## Install the site into .venv (pinned by requirements/constraints.txt)
	$(BIN)/pip install --quiet -c $(CONSTRAINTS) -e '.[demo]'

install-dev: $(BIN)/python ## Install the site and its test tools into .venv
	$(BIN)/pip install --quiet -c $(CONSTRAINTS) -e '.[dev]'

translations: ## Compile the gettext catalogues in locale/ (pure Python, no system gettext)
	$(BIN)/python manage.py compile_translations

# The woff2 files are committed (the wheel carries them); this refreshes them from the pinned npm packages.
FONT_FILES := source-sans-3-latin-wght-normal source-sans-3-latin-ext-wght-normal \
	source-sans-3-latin-wght-italic source-sans-3-latin-ext-wght-italic \
	source-serif-4-latin-wght-normal source-serif-4-latin-ext-wght-normal
fonts: ## Copy the site's fonts (Latin and Latin Extended subsets) from the pinned npm packages into site/static/fonts/
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	for name in $(FONT_FILES); do family=$${name%%-latin*}; \
	  cp node_modules/@fontsource-variable/$$family/files/$$name.woff2 site/static/fonts/; done
	cp node_modules/@fontsource-variable/source-sans-3/LICENSE site/static/fonts/OFL-source-sans-3.txt
	cp node_modules/@fontsource-variable/source-serif-4/LICENSE site/static/fonts/OFL-source-serif-4.txt

run: install translations ## Install, migrate, load demo content, serve on :8000 with the task worker
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py run_site --host $(HOST) --port $(PORT)

browser-deps: ## Install Debian's Chromium (as root) and axe-core for the browser tests
	@scripts/install_browser_deps.sh

test: install-dev translations browser-deps ## Install and run the whole test suite (DATABASE_URL picks the database)
	$(BIN)/pytest -n auto --dist worksteal --ignore=tests/e2e --ignore=tests/production $(PYTEST_ARGS)
	@# Browser tests run in their own process: their live server flushes the database after each
	@# test, which would remove migration data other tests in the same worker rely on.
	$(BIN)/pytest -n 2 tests/e2e $(PYTEST_ARGS) || [ $$? -eq 5 ]  # 5: PYTEST_ARGS selected none

lint: ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

migrations-check: ## Fail if a model change has no migration
	$(BIN)/python manage.py makemigrations --check --dry-run

deploy-check: ## `check --deploy` with production settings and throwaway production-like env
	DJANGO_SETTINGS_MODULE=stempd.settings.production \
	SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))') \
	ALLOWED_HOSTS=stem-pd-net.example WAGTAILADMIN_BASE_URL=https://stem-pd-net.example \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

dist: install-dev ## Build the wheel and sdist operators install into dist/ (deploy/Containerfile uses the wheel)
	rm -rf dist
	$(BIN)/python -m build --outdir dist .

smoke: install-dev ## The production stack from the built wheel, outside the checkout (PostgreSQL and Redis)
	$(BIN)/pytest -p no:xdist tests/production $(PYTEST_ARGS)

ci: ## What .ci/run does: tests on SQLite and PostgreSQL, lint, migrations and deploy checks
	.ci/run

lock: $(BIN)/python ## Re-resolve dependencies and rewrite requirements/constraints.txt
	$(BIN)/pip install --quiet --upgrade -e '.[dev,s3]'
	$(BIN)/pip freeze --exclude-editable --exclude stem-pd-net > $(CONSTRAINTS)

clean: ## Remove the virtualenv, the SQLite database and generated files
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* var/
