# make site   set up and build everything into build/site/
# make test   set up and run every test
# make serve  live preview at http://127.0.0.1:8000/
# make check  validate content/ only

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
NODE_STAMP := node_modules/.installed-stamp

.PHONY: site test serve check bench clean system-packages

site: $(STAMP)
	$(BIN)/coursegen build

check: $(STAMP)
	$(BIN)/coursegen check

serve: $(STAMP)
	$(BIN)/coursegen serve

test: $(STAMP) $(NODE_STAMP) system-packages
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

system-packages:
	./scripts/ensure-system-packages.sh

clean:
	rm -rf build
