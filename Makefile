# Two entry points, each doing all of its own set-up from a fresh clone:
#   make demo   venv, install, model fetch, build the examples, print three packs
#   make test   venv, install, model fetch, Cypher linter, the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
KG     := $(BIN)/kg
DATA   ?= kg-data
LINTER := tests/cypher_lint/node_modules/@neo4j-cypher/language-support/package.json

.PHONY: install model demo test lint-deps bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip setuptools wheel

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

model: install
	$(KG) models fetch

$(LINTER): tests/cypher_lint/package.json
	cd tests/cypher_lint && npm ci --no-audit --no-fund --loglevel=error
	touch $@

lint-deps: $(LINTER)

demo: model
	$(KG) build examples/ --data-dir $(DATA)
	$(KG) query run mechanisms-by-jurisdiction --data-dir $(DATA)
	$(KG) query run body-staffs-center --data-dir $(DATA)
	$(KG) query run legal-adviser-network --data-dir $(DATA)
	$(KG) store stop --data-dir $(DATA)

test: model lint-deps
	$(BIN)/python -m pytest -q

bench: model
	$(BIN)/python bench/run.py

clean:
	-$(KG) store stop --data-dir $(DATA)
	rm -rf $(DATA) $(VENV) tests/cypher_lint/node_modules
