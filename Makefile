# ankommen — the two commands a newcomer needs: `make demo` and `make test`.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000
UI_LANGS := en tr ar uk ru
PYBABEL_KEYWORDS := -k _l -k lazy_gettext -k lazy_ngettext:1,2 -k N_

.PHONY: demo test install install-test runtime-deps system-deps translations compile-translations lint wheel clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: setup.cfg pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: setup.cfg pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

## Debian packages: Pango for WeasyPrint (the brief) everywhere; for the tests also
## Chromium (browser tests), PostgreSQL's server (PostgreSQL tests) and poppler-utils
## (pdffonts/pdftotext: the brief's fonts) and Node.js (the offline pages' expression
## walker is tested against Python's). As root they are installed, else listed.
## The brief's fonts ship with ankommen (analysis/fonts/): no font package is needed.
define apt_install
	@missing=""; \
	for check in $(1); do \
	  package=$${check%%:*}; probe=$${check#*:}; \
	  sh -c "$$probe" >/dev/null 2>&1 || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	  else \
	    echo "ankommen needs Debian packages. Run:"; \
	    echo "  sudo apt-get install -y$$missing"; \
	  fi; \
	fi
endef

RUNTIME_DEPS := "libpango-1.0-0:ls /usr/lib/*/libpango-1.0.so.0" \
                "libpangoft2-1.0-0:ls /usr/lib/*/libpangoft2-1.0.so.0"
TEST_DEPS := "chromium:test -x /usr/bin/chromium" \
             "postgresql:ls /usr/lib/postgresql/*/bin/initdb" \
             "poppler-utils:command -v pdffonts" \
             "nodejs:command -v node"

runtime-deps:
	$(call apt_install,$(RUNTIME_DEPS))

system-deps: runtime-deps
	$(call apt_install,$(TEST_DEPS))

## Developer step: extract UI strings, update every catalog, compile.
translations: install
	$(BIN)/pybabel extract -F babel.cfg $(PYBABEL_KEYWORDS) --no-location --sort-output \
	  --project=ankommen --copyright-holder="ankommen" -o translations/messages.pot .
	@for lang in $(UI_LANGS); do \
	  if [ -f translations/$$lang/LC_MESSAGES/messages.po ]; then \
	    $(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -i translations/messages.pot -d translations -l $$lang; \
	  else \
	    $(BIN)/pybabel init -i translations/messages.pot -d translations -l $$lang; \
	  fi; \
	done
	@if [ -f translations/de/LC_MESSAGES/leichte_sprache.po ]; then \
	  $(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -D leichte_sprache -i translations/messages.pot -d translations -l de; \
	else \
	  $(BIN)/pybabel init -D leichte_sprache -i translations/messages.pot -d translations -l de; \
	fi
	$(MAKE) compile-translations

## Build the .mo files (they are built, never committed).
compile-translations: install
	$(BIN)/pybabel compile -d translations -D messages
	$(BIN)/pybabel compile -d translations -D leichte_sprache -l de

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## Everything the tests need, then the whole suite.
test: install-test system-deps compile-translations lint
	$(BIN)/python -m pytest

## A wheel with everything in it (compiled catalogs, examples, fonts) → dist/.
wheel: install
	$(BIN)/pip wheel --no-deps -w dist .

## Set up a demo installation and serve it on http://$(HOST):$(PORT).
demo: install runtime-deps compile-translations
	$(BIN)/ankommen demo setup
	$(BIN)/ankommen demo serve --host $(HOST) --port $(PORT)

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache build dist
	find translations -name '*.mo' -delete
