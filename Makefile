# `make run` builds the graph from data/articles; `make test` runs the whole test suite.
# Both set up what they need first: a virtual environment in .venv with the package and its tools,
# the browser libraries of the web pages from npm, and (for the tests) the Debian packages of the
# servers and the browser the tests start.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STORE ?= .kg/store
OUT ?= out

DEBIAN_TEST_PACKAGES := chromium virtuoso-opensource

.PHONY: run test lint setup system-packages clean bench

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,browser]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Headless Chromium for the browser tests, Virtuoso for the remote-store tests.
system-packages:
	@missing=$$(for p in $(DEBIAN_TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q $$missing; \
	fi

run: setup
	$(BIN)/kg build --store $(STORE)
	$(BIN)/kg validate --store $(STORE)
	$(BIN)/kg export --store $(STORE) --format turtle -o $(OUT)/graph.ttl
	$(BIN)/kg export --store $(STORE) --format trig -o $(OUT)/graph.trig
	$(BIN)/kg export --store $(STORE) --format nquads -o $(OUT)/graph.nq
	$(BIN)/kg export --store $(STORE) --format jsonld -o $(OUT)/graph.jsonld
	$(BIN)/kg viz --store $(STORE) -o $(OUT)
	@for query in queries/*.rq; do echo; echo "== $$query"; sed -n '1s/^# //p' $$query; \
		$(BIN)/kg query --store $(STORE) $$query || exit 1; done

lint: setup
	$(BIN)/ruff check src tests
	$(BIN)/mypy

test: system-packages lint
	$(BIN)/pytest

clean:
	rm -rf $(VENV) node_modules .kg $(OUT)

SIZE ?= 1000
bench: setup  # figures, not assertions: `make bench SIZE=100` is the smallest useful run
	$(BIN)/python bench/run.py --sizes $(SIZE) --sample $(SIZE)
	$(BIN)/python bench/endpoint_load.py --synth $(SIZE) --seconds 5
