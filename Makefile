# Two entry points, each doing all of its own set-up from a fresh clone:
#   make demo   venv, install, model fetch, build the examples, print three packs
#   make test   venv, install, model fetch, Cypher linter, browser, the whole test suite (it
#               starts and stops its own Neo4j from Maven artifacts: tests/conftest.py)
#   make screenshots   the explorer's and Neo4j Browser's pictures in docs/img/ (needs chromium)
# and: make test-neo4j (only the tests on Neo4j); make neo4j / neo4j-stop (a Neo4j for
# researchers without Docker, see docs/neo4j.md).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
KG     := $(BIN)/kg
DATA   ?= kg-data
NEO4J_HOME ?= neo4j-data
LINTER := tests/cypher_lint/node_modules/@neo4j-cypher/language-support/package.json
# Cytoscape.js for `kg explore` and `kg viz`, from web/package-lock.json, copied
# into the package (git-ignored) so the pages load nothing from the network.
WEB    := web/node_modules/.package-lock.json
VENDOR := kg/web/vendor
ASSETS := $(VENDOR)/.installed
JS     := cytoscape/dist/cytoscape.min.js layout-base/layout-base.js cose-base/cose-base.js \
          cytoscape-fcose/cytoscape-fcose.js cytoscape-svg/cytoscape-svg.js
# Debian packages the tests and plots use; installed only as root with apt-get
# (Java and Maven run the test Neo4j: neo4j-server/).
SYSTEM := chromium fonts-noto-cjk openjdk-17-jre-headless maven

.PHONY: install assets system-deps model demo test test-neo4j neo4j neo4j-stop lint-deps bench screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip setuptools wheel

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e '.[test,spark]'
	touch $@

install: $(VENV)/.installed $(ASSETS)

$(WEB): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(ASSETS): $(WEB)
	mkdir -p $(VENDOR)
	cp $(addprefix web/node_modules/,$(JS)) $(VENDOR)/
	touch $@

assets: $(ASSETS)

# Chromium for the browser tests, a CJK font for the plots, Java and Maven for the test
# Neo4j, where allowed; the tests skip with one line without Chromium or Java/Maven,
# plots say once which font to install.
system-deps:
	@missing=$$(for p in $(SYSTEM); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else echo "make: not installing $$missing (needs root and apt-get)"; fi

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

test: model lint-deps system-deps
	$(BIN)/python -m pytest -q

screenshots: install system-deps
	$(BIN)/python bench/screenshots.py docs/img

test-neo4j: model system-deps
	$(BIN)/python -m pytest -q -m neo4j

# Prints the NEO4J_URI/USERNAME/PASSWORD exports; the password stays in $(NEO4J_HOME)/password.
neo4j:
	@$(PYTHON) neo4j-server/neo4j_server.py start --home $(NEO4J_HOME)

neo4j-stop:
	@$(PYTHON) neo4j-server/neo4j_server.py stop --home $(NEO4J_HOME)

bench: model
	$(BIN)/python bench/run.py

clean:
	-$(KG) store stop --data-dir $(DATA)
	-$(PYTHON) neo4j-server/neo4j_server.py stop --home $(NEO4J_HOME)
	rm -rf $(DATA) $(VENV) tests/cypher_lint/node_modules web/node_modules $(VENDOR)
