# The two commands: `make demo` and `make test`. Both create .venv and install first.
PYTHON ?= python3
VENV ?= .venv
DJANGO_SPEC ?=
PORT ?= 8000
BIN := $(VENV)/bin
PY := $(abspath $(BIN)/python)
PIP := $(BIN)/python -m pip
DJANGO := $(if $(DJANGO_SPEC),"Django$(DJANGO_SPEC)")
# What is installed in $(VENV): a pip that knows dependency groups (PEP 735, pip 25.1), then
# either what the demo needs or everything (pyproject.toml's [dependency-groups]).
VENV_STAMP := $(VENV)/.pip
DEMO_STAMP := $(VENV)/.installed-demo
STAMP := $(VENV)/.installed

.PHONY: demo test install lint types js bundle messages pytest browser screenshots fuzz bench dist quickstart production clean

$(VENV_STAMP):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade 'pip>=25.1'
	touch $(VENV_STAMP)

# The demo: orderkit (editable) and the demo group, no test or benchmark tool.
$(DEMO_STAMP): pyproject.toml Makefile $(VENV_STAMP)
	$(PIP) install -q -e . --group demo $(DJANGO)
	touch $(DEMO_STAMP)

# Everything the tests, the hooks, `make dist` and the benchmarks use.
$(STAMP): pyproject.toml Makefile $(VENV_STAMP)
	$(PIP) install -q -e . --group test --group lint --group dist --group bench $(DJANGO)
	@if pkg-config --exists libmariadb 2>/dev/null || pkg-config --exists mysqlclient 2>/dev/null; then \
		$(PIP) install -q --group mariadb; \
	else \
		echo "make: libmariadb-dev is not installed, so MariaDB is not tested (apt-get install libmariadb-dev pkg-config)"; \
	fi
	@$(BIN)/python -c "import django; print('make: Django', django.get_version(), 'in $(VENV)')"
	touch $(STAMP)

install: $(STAMP)

# The demo on http://127.0.0.1:$(PORT)/ (make demo PORT=8001).
demo: $(DEMO_STAMP)
	cd demo && $(PY) manage.py migrate --noinput && $(PY) manage.py seed_demo \
		&& $(PY) manage.py runserver 127.0.0.1:$(PORT)

# lint runs mypy too (a pre-commit hook), so test does not run types again. quickstart
# builds the sdist and the wheel (make dist) and follows docs/quickstart.md with the wheel.
test: install lint js pytest quickstart

# The hooks of .pre-commit-config.yaml on every file in git: ruff, ruff format, mypy,
# django-upgrade and typos, each the one installed in $(VENV) (hence its bin on PATH).
lint: install
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/pre-commit run --all-files --show-diff-on-failure

# mypy alone (lint runs it among the other hooks).
types: install
	$(BIN)/mypy

# The client's unit tests (Node's test runner); one of them checks that the committed bundle
# is what the sources build. Without Node they are left out, except under CI=true.
js:
	@if command -v npm >/dev/null 2>&1; then \
		cd static && npm ci --no-audit --no-fund --loglevel=error && npm test; \
	elif [ "$$CI" = true ]; then \
		echo "make: npm is missing, and CI=true runs the JS tests"; exit 1; \
	else \
		echo "make: Node.js is not installed, so the JS tests are not run"; \
	fi

# Rebuild orderkit/static/orderkit/ from static/src (commit the result).
bundle:
	cd static && npm ci --no-audit --no-fund --loglevel=error && npm run build

# orderkit/locale from the sources (tests/catalogues.py): the client's texts extracted from
# static/src, makemessages for each language, the .mo files compiled (commit them). Needs
# GNU gettext; the tests check the catalogues with its msgfmt and msgcmp.
messages: install
	$(BIN)/python -m tests.catalogues

# pytest on SQLite and on every database server that answers (all of them under CI=true),
# then the browser tests in Chromium (on SQLite), then the branch coverage of all runs. It
# must reach fail_under (100 %) when every run took place; some branches are only taken on a
# database server, so with one of them left out the coverage is shown but not held to it.
pytest: install
	@dbs="$$($(BIN)/python -m tests.databases)" || exit 1; \
	partial=; \
	[ "$$dbs" = "sqlite postgresql mariadb" ] || partial="not every database was reached"; \
	rm -f .coverage .coverage.*; \
	for db in $$dbs; do \
		echo "make: pytest on $$db"; \
		ORDERKIT_TEST_DB=$$db $(BIN)/coverage run -m pytest --ignore=tests/browser $(PYTEST_ARGS) || exit 1; \
	done; \
	if chromium="$$($(BIN)/python -m tests.browser.chromium)"; then \
		echo "make: browser tests in $$chromium"; \
		ORDERKIT_TEST_DB=sqlite $(BIN)/coverage run -m pytest tests/browser $(PYTEST_ARGS) || exit 1; \
	elif [ "$$CI" = true ]; then \
		exit 1; \
	else \
		partial="the browser tests did not run"; \
	fi; \
	$(BIN)/coverage combine -q || exit 1; \
	if [ -n "$$partial" ]; then \
		echo "make: $$partial, so the coverage is not held to fail_under"; \
		$(BIN)/coverage report --fail-under=0; \
	else \
		$(BIN)/coverage report; \
	fi

# The fuzz tests (tests/test_fuzz_*.py) with their long Hypothesis profile, FUZZ_EXAMPLES
# examples a test, on SQLite and every database server that answers; each run prints its
# figures (requests, statuses seen, invariant breaks). `make test` runs them bounded.
FUZZ_EXAMPLES ?= 2000
fuzz: install
	@dbs="$$($(BIN)/python -m tests.databases)" || exit 1; \
	for db in $$dbs; do \
		echo "make: fuzz on $$db"; \
		ORDERKIT_FUZZ=long ORDERKIT_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) ORDERKIT_TEST_DB=$$db \
			$(BIN)/python -m pytest -q tests/test_fuzz_endpoints.py tests/test_fuzz_state.py \
			$(PYTEST_ARGS) || exit 1; \
	done

# Only the browser tests (Chromium, SQLite).
browser: install
	ORDERKIT_TEST_DB=sqlite $(BIN)/python -m pytest tests/browser $(PYTEST_ARGS)

# docs/client.md's pictures of its minimal page, light and dark (docs/minimal-page-*.png).
screenshots: install
	ORDERKIT_TEST_DB=sqlite $(BIN)/python -m pytest tests/browser/screenshots.py -p no:randomly -q

# The benchmark suite on PostgreSQL, written into docs/benchmarks.md (BENCH_ARGS="--quick").
bench: install
	$(BIN)/python -m benchmarks run --db postgresql --out docs/benchmarks --docs docs/benchmarks.md $(BENCH_ARGS)

# The sdist and the wheel in dist/, as a release would build them (the wheel from the
# sdist), then checked: twine's metadata and README checks, and the files each must hold.
dist: install
	rm -rf dist
	$(BIN)/python -m build --outdir dist .
	$(BIN)/twine check --strict dist/*
	$(BIN)/python -m tests.distribution dist

# docs/quickstart.md as a newcomer follows it, with the wheel of dist/ (not editable) in a
# clean virtualenv and this line's Django: its code blocks, client.md's page and admin.md's
# setup applied, check, migrate, then the page and the admin driven in Chromium.
quickstart: dist
	$(BIN)/python -m tests.quickstart dist

# The production-shape run: orderkit's endpoints under gunicorn's and uvicorn's workers, in
# front of PostgreSQL behind pgbouncer (transaction pooling; its own PostgreSQL, created with
# initdb in a temporary folder) and of MariaDB, 32 clients, then database backends
# terminated, workers killed and PostgreSQL restarted while they run; every group and
# answer checked (docs/benchmarks.md). `make test` runs its short preset
# (tests/test_production.py); PRODUCTION_ARGS="--docs docs/benchmarks.md" writes the table.
production: install
	$(BIN)/python -m benchmarks production $(PRODUCTION_ARGS)

clean:
	rm -rf .venv .venv-* dist .coverage .coverage.* .mypy_cache .ruff_cache .pytest_cache demo/db.sqlite3
