# The edition's two entry points:
#   make edition   set everything up, then convert (only what is missing), check and build
#   make test      set everything up, then run the whole test suite
#   make serve     set everything up, then preview the edition while editing it
# Everything the project needs is installed here: Debian packages (as root, only those
# missing) and a virtual environment with the project and its test dependencies.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The checkers of the published pages, current releases from npm, in the project's own folder
# (never global): the Nu HTML Checker and axe-core (tests/test_html_valid.py, tests/test_browser.py).
NPM_DIR      := $(VENV)/npm
NPM_PACKAGES := vnu-jar@26.9.27 axe-core@4.14.1
NPM_STAMP    := $(NPM_DIR)/.installed

# Debian packages the edition needs: a Java runtime for jing (RELAX NG validation) and the
# HTML checker; Chromium for the browser test of the published pages; for the PDFs, the text
# face (Noto Serif, with Cyrillic), HarfBuzz's subsetter (WeasyPrint writes twice as fast with it)
# and poppler's pdftoppm (the tests render pages to PNG); nginx, which the tests deploy the
# edition on; Node.js (with npm) for the current checkers of the published pages.
DEBIAN_PACKAGES := openjdk-17-jre-headless nodejs chromium nginx fonts-noto-core libharfbuzz-subset0 poppler-utils

.PHONY: edition test serve setup system-packages clean

edition: setup
	$(BIN)/edition convert
	$(BIN)/edition check
	$(BIN)/edition validate
	$(BIN)/edition build

test: setup
	$(BIN)/python -m pytest

serve: setup
	$(BIN)/edition serve

setup: system-packages $(STAMP) $(NPM_STAMP)

system-packages:
	@missing=""; for pkg in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $$missing; \
	fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

$(NPM_STAMP): Makefile
	npm install --prefix $(NPM_DIR) --no-save --no-audit --no-fund $(NPM_PACKAGES)
	touch $(NPM_STAMP)

clean:
	rm -rf $(VENV) edition/*.html edition/*/
