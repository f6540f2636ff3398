# Thin bootstrap: creates .venv from requirements.lock, then hands over to
# invoke (tasks.py), where the work lives. `make help` explains the commands
# in German; `.venv/bin/invoke --list` shows the tasks for developers.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Reinstalled whenever the lock file changes.
READY := $(VENV)/.installed
# `make serve PORT=8001` if 8000 is taken.
PORT ?= 8000

.PHONY: help build serve test new clean publish-build deploy setup links

help:
	@echo "make build          Website bauen (Vorschau-Fassung) nach output/"
	@echo "make serve          Vorschau unter http://127.0.0.1:8000 (PORT=8001 für einen anderen Port;"
	@echo "                    LAN=1: auch für das Handy im selben WLAN, mit QR-Code)"
	@echo "make new KIND=… TITLE=\"…\"   neuen Text anlegen (KIND: interview, call, news, event, page)"
	@echo "make publish-build  Website so bauen, wie sie veröffentlicht wird (bricht bei Fehlern ab)"
	@echo "make deploy         gebaute Website hochladen (DRY_RUN=1: nur anzeigen, was sich ändert)"
	@echo "make test           alle Prüfungen ausführen"
	@echo "make links          externe Links in content/ prüfen (fragt fremde Server; Bericht in reports/links/)"
	@echo "make clean          output/ löschen"

$(READY): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Fehler: Python 3.11 oder neuer wird benötigt (gefunden: $$($(PYTHON) --version))."; exit 1; }
	@echo "Arbeitsumgebung wird eingerichtet (.venv; nur beim ersten Mal oder nach einem Update) …"
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

setup: $(READY)

build: $(READY)
	@$(BIN)/invoke build

# `make serve LAN=1` also serves to phones in the local network; only the value 1 counts.
serve: $(READY)
	@$(BIN)/invoke serve --port $(PORT) $(if $(filter 1,$(LAN)),--lan)

test: $(READY)
	@$(BIN)/invoke test

new: $(READY)
	@$(BIN)/invoke new --kind "$(KIND)" --title "$(TITLE)"

# Asks other people's servers: only when called, never in test or publish-build.
links: $(READY)
	@$(BIN)/invoke links

clean: $(READY)
	@$(BIN)/invoke clean

publish-build: $(READY)
	@$(BIN)/invoke publish-build

# `make deploy DRY_RUN=1` only lists the changes; `make deploy FORCE=1` skips the
# deletion guard (DEPLOY_MAX_DELETE). Only the value 1 counts:
# FORCE=0 or an exported FORCE=no must never switch the guard off.
deploy: $(READY)
	@$(BIN)/invoke deploy $(if $(filter 1,$(DRY_RUN)),--dry-run) $(if $(filter 1,$(FORCE)),--force)
