# JuryDesk: `make run` opens the app with demo data, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
ifeq ($(OS),Windows_NT)
BIN := $(VENV)/Scripts
else
BIN := $(VENV)/bin
endif
STAMP := $(VENV)/.installed

.PHONY: run test lint bench screenshots wheel-check clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/jurydesk

test: $(STAMP)
	$(BIN)/ruff check jurydesk tests db bench
	$(BIN)/ruff format --check jurydesk tests db bench
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench --write

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m jurydesk.ui.screenshots docs/screenshots

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
