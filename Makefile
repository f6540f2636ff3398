# Thin bootstrap: creates .venv from requirements.lock, then hands over to
# invoke (tasks.py). `make help` lists the tasks; the work lives in tasks.py.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Reinstalled whenever the lock file changes.
READY := $(VENV)/.installed
# `make serve PORT=8001` if 8000 is taken.
PORT ?= 8000

.PHONY: help build serve test new clean publish-build setup

help: $(READY)
	$(BIN)/invoke --list

$(READY): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Fehler: Python 3.11 oder neuer wird benötigt (gefunden: $$($(PYTHON) --version))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

setup: $(READY)

build: $(READY)
	$(BIN)/invoke build

serve: $(READY)
	$(BIN)/invoke serve --port $(PORT)

test: $(READY)
	$(BIN)/invoke test

new: $(READY)
	$(BIN)/invoke new --kind "$(KIND)" --title "$(TITLE)"

clean: $(READY)
	$(BIN)/invoke clean

publish-build: $(READY)
	$(BIN)/invoke publish-build
