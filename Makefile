# The commands CI runs. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export UV_PYTHON_DOWNLOADS := never
PYTHON := $(shell scripts/find-python)
UV := .tools/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
# pytest-xdist processes for `make test`: one per core, at most four (each migrates its own
# database and uses its own key prefixes).
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); echo $$(( n < 4 ? n : 4 )))
PROD_CHECK_ENV := DJANGO_SETTINGS_MODULE=nordicsafe.settings.production SECRET_KEY=check-deploy-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') ALLOWED_HOSTS=portal.example.org SMTP_HOST=mail.example.org

.PHONY: help install run dev test lint format bench bench-newsletter messages clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet "uv==0.13.9"

install: $(UV) ## Install the locked dependencies into .venv
	$(UV) sync --frozen --python $(PYTHON)

run: install ## The whole portal with demo data as visitors see it on http://127.0.0.1:8000 (web, worker, beat)
	scripts/run.sh

dev: install ## As run, for development: debug pages, static files from source, reload on change
	scripts/run.sh --dev

test: install ## Lint, import layers, migrations check, deploy check and every test (browser tests included)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	DJANGO_SETTINGS_MODULE=nordicsafe.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(PROD_CHECK_ENV) $(PY) manage.py check --deploy --fail-level WARNING
	scripts/ensure-system-packages
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadscope --durations=10 $(PYTEST_ARGS)

lint: install ## ruff check, format check and the import layers
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install ## Update the .po files from the code and compile them
	$(PY) manage.py makemessages --all --no-obsolete --ignore=.venv --ignore=.tools --ignore=var --ignore=tests --ignore=templates/wagtailadmin
	$(PY) manage.py compilemessages --ignore=.venv --ignore=.tools

bench: install ## Seed a large network into PostgreSQL and measure every public page under gunicorn
	$(PY) -m bench.run

bench-newsletter: install ## Send one issue to 10,000 and 100,000 subscribers through an SMTP sink
	$(PY) -m bench.newsletter

clean: ## Remove the local database, mail, broker files and virtualenvs
	rm -rf var .venv .tools
