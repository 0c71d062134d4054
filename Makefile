# locpipe: `make translate` runs the main job, `make test` the test suite.
# Both create the virtual environment in .venv when it is missing; `translate`
# installs what a run needs (locpipe, and the extras the configuration asks
# for, such as OpenCC for zh_TW), `test` and `lint` the `dev` extra as well.

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
MODELS ?=
BENCH ?=

comma  := ,
# `traditional` when a Traditional Chinese locale is configured, `cluster` when
# a Dask scheduler is: read from the configuration before locpipe is installed.
EXTRAS := $(shell $(PYTHON) scripts/needed_extras.py 2>/dev/null)
RUNTIME = $(VENV)/.locpipe-runtime$(if $(EXTRAS),-$(subst $(comma),-,$(EXTRAS)))
DEV     = $(VENV)/.locpipe-dev

.PHONY: translate test models lint bench docs clean install

# One stamp per set of packages, so switching between `make translate` and
# `make test` installs only what is missing; a changed pyproject.toml redoes both.
define install-locpipe
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.$(1)'
	touch $@
endef

$(RUNTIME): pyproject.toml
	$(call install-locpipe,$(if $(EXTRAS),[$(EXTRAS)]))

$(DEV): pyproject.toml
	$(call install-locpipe,[dev])

install: $(DEV)

# Install any missing en→ko / en→zh model from the Argos package index when a
# network is there (it says so and goes on when not), then run every stage.
# `locpipe translate` itself never opens a network connection.
translate: $(RUNTIME)
	$(BIN)/locpipe models install --missing
	$(BIN)/locpipe translate

# make models                                      from the Argos package index
# make models MODELS="en_ko.argosmodel en_zh.argosmodel"   from files, offline
models: $(RUNTIME)
ifeq ($(strip $(MODELS)),)
	$(BIN)/locpipe models install --missing
else
	$(BIN)/locpipe models install $(MODELS)
endif

# The Node test (tests/test_js_libraries.py) needs gettext.js, Jed and i18next
# from tests/js/package-lock.json; it is skipped when node is not on the PATH.
test: $(DEV)
	@if command -v node >/dev/null && command -v npm >/dev/null && [ ! -d tests/js/node_modules ]; then \
	  npm ci --prefix tests/js --no-audit --no-fund --loglevel=error || \
	  echo "make: npm ci failed; the Node test will be skipped"; fi
	$(BIN)/python -m pytest -q

lint: $(DEV)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src
	$(BIN)/mypy

# make bench                      every measurement (an hour or more)
# make bench BENCH=incremental    only re-runs vs msgmerge and the large document;
# make bench BENCH=bigdoc         only the large document (50 MB; peak RSS vs 10x);
#   LOCPIPE_BENCH_SIZES=10000,40000 and LOCPIPE_BENCH_BIGDOC_MB=5 choose smaller sizes
bench: $(DEV)
	LOCPIPE_BENCH=$(BENCH) $(BIN)/python -m benchmarks

# The manual (docs/, mkdocs.yml) into build/site/; warnings are errors.
docs: $(DEV)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

clean:
	rm -rf build .locpipe-cache .pytest_cache .mypy_cache .ruff_cache tests/js/node_modules
	find locales -name '*.mo' -delete
