# locpipe: `make translate` runs the main job, `make test` the test suite.
# Both create the virtual environment in .venv when it is missing.

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.locpipe-installed
MODELS ?=

.PHONY: translate test models lint bench docs clean install

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(STAMP)

# Install any missing en→ko / en→zh model from the Argos package index when a
# network is there (it says so and goes on when not), then run every stage.
# `locpipe translate` itself never opens a network connection.
translate: $(STAMP)
	$(BIN)/locpipe models install --missing
	$(BIN)/locpipe translate

# make models                                      from the Argos package index
# make models MODELS="en_ko.argosmodel en_zh.argosmodel"   from files, offline
models: $(STAMP)
ifeq ($(strip $(MODELS)),)
	$(BIN)/locpipe models install --missing
else
	$(BIN)/locpipe models install $(MODELS)
endif

# The Node test (tests/test_js_libraries.py) needs gettext.js, Jed and i18next
# from tests/js/package-lock.json; it is skipped when node is not on the PATH.
test: $(STAMP)
	@if command -v node >/dev/null && command -v npm >/dev/null && [ ! -d tests/js/node_modules ]; then \
	  npm ci --prefix tests/js --no-audit --no-fund --loglevel=error || \
	  echo "make: npm ci failed; the Node test will be skipped"; fi
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m benchmarks

# The manual (docs/, mkdocs.yml) into build/site/; warnings are errors.
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

clean:
	rm -rf build .locpipe-cache .pytest_cache .mypy_cache .ruff_cache tests/js/node_modules
	find locales -name '*.mo' -delete
