# `make run` builds the graph from data/articles; `make test` runs the whole test suite.
# Both set up what they need first: a virtual environment in .venv with the package and its tools.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STORE ?= .kg/store
OUT ?= out

.PHONY: run test lint setup clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

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

test: lint
	$(BIN)/pytest

clean:
	rm -rf $(VENV) .kg $(OUT)
