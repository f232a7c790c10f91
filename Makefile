# JuryDesk: `make run` opens the app with demo data, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
ifeq ($(OS),Windows_NT)
BIN := $(VENV)/Scripts
else
BIN := $(VENV)/bin
endif
# What running needs, then the test extras on top, then PyInstaller for the frozen build.
RUN_STAMP := $(VENV)/.installed-run
STAMP := $(VENV)/.installed
BUNDLE_STAMP := $(VENV)/.installed-bundle

.PHONY: run test lint bench screenshots bundle bundle-check clean

$(RUN_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUN_STAMP)

$(STAMP): $(RUN_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(BUNDLE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bundle]'
	touch $(BUNDLE_STAMP)

run: $(RUN_STAMP)
	$(BIN)/python scripts/check_qt_libs.py
	$(BIN)/jurydesk

test: $(STAMP)
	$(BIN)/ruff check jurydesk tests db bench
	$(BIN)/ruff format --check jurydesk tests db bench
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: $(BUNDLE_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench --write

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m jurydesk.ui.screenshots docs/screenshots

# The one-folder frozen build: dist/JuryDesk/ (JuryDesk + jurydesk-cli).
bundle: $(BUNDLE_STAMP)
	$(BIN)/pyinstaller packaging/jurydesk.spec --noconfirm --distpath dist --workpath build/pyinstaller --log-level WARN

# Build it, then run the frozen executables through a whole call (tests/bundle).
bundle-check: bundle
	JURYDESK_BUNDLE=dist/JuryDesk QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q tests/bundle

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
