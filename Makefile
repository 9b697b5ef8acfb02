# Two entry points, each doing all of its own set-up from a fresh clone:
#   make demo   venv, install, model fetch, build the examples, print three packs
#   make test   venv, install, model fetch, Cypher linter, browser, the whole test suite
#   make screenshots   the explorer's pictures in docs/img/ (needs chromium)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
KG     := $(BIN)/kg
DATA   ?= kg-data
LINTER := tests/cypher_lint/node_modules/@neo4j-cypher/language-support/package.json
# Cytoscape.js for `kg explore` and `kg viz`, from web/package-lock.json, copied
# into the package (git-ignored) so the pages load nothing from the network.
WEB    := web/node_modules/.package-lock.json
VENDOR := kg/web/vendor
ASSETS := $(VENDOR)/.installed
JS     := cytoscape/dist/cytoscape.min.js layout-base/layout-base.js cose-base/cose-base.js \
          cytoscape-fcose/cytoscape-fcose.js cytoscape-svg/cytoscape-svg.js
# Debian packages the tests and plots use; installed only as root with apt-get.
SYSTEM := chromium fonts-noto-cjk

.PHONY: install assets system-deps model demo test lint-deps bench screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip setuptools wheel

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e '.[test]'
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

# Chromium for the browser tests and a CJK font for the plots, where allowed;
# the tests skip with one line without Chromium, plots say once which font to install.
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

bench: model
	$(BIN)/python bench/run.py

clean:
	-$(KG) store stop --data-dir $(DATA)
	rm -rf $(DATA) $(VENV) tests/cypher_lint/node_modules web/node_modules $(VENDOR)
