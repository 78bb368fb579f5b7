# The two commands: `make demo` and `make test`. Both create .venv and install first.
PYTHON ?= python3
VENV ?= .venv
DJANGO_SPEC ?=
BIN := $(VENV)/bin
PY := $(abspath $(BIN)/python)
STAMP := $(VENV)/.installed

.PHONY: demo test install lint types pytest clean

$(STAMP): pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,demo]' $(if $(DJANGO_SPEC),"Django$(DJANGO_SPEC)")
	@if pkg-config --exists libmariadb 2>/dev/null || pkg-config --exists mysqlclient 2>/dev/null; then \
		$(BIN)/python -m pip install -q 'mysqlclient>=2.2.1'; \
	else \
		echo "make: libmariadb-dev is not installed, so MariaDB is not tested (apt-get install libmariadb-dev pkg-config)"; \
	fi
	@$(BIN)/python -c "import django; print('make: Django', django.get_version(), 'in $(VENV)')"
	touch $(STAMP)

install: $(STAMP)

demo: install
	cd demo && $(PY) manage.py migrate --noinput && $(PY) manage.py seed_demo \
		&& $(PY) manage.py runserver 127.0.0.1:8000

test: install lint types pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: install
	$(BIN)/mypy

# pytest on SQLite and on every database server that answers (all of them under CI=true),
# then the branch coverage of all runs together.
pytest: install
	@dbs="$$($(BIN)/python -m tests.databases)" || exit 1; \
	rm -f .coverage .coverage.*; \
	for db in $$dbs; do \
		echo "make: pytest on $$db"; \
		ORDERKIT_TEST_DB=$$db $(BIN)/coverage run -m pytest $(PYTEST_ARGS) || exit 1; \
	done; \
	$(BIN)/coverage combine -q && $(BIN)/coverage report

clean:
	rm -rf .venv .venv-* .coverage .coverage.* .mypy_cache .ruff_cache .pytest_cache demo/db.sqlite3
