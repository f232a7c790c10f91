"""Shared fixtures: a real SQLite file per test, no Qt needed outside tests/ui."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from jurydesk.i18n import set_language
from jurydesk.setup import initialise
from jurydesk.store import Store, open_store


@pytest.fixture(autouse=True)
def _dutch(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Every test starts in Dutch, with its own data directory and no JURYDESK_DB."""
    monkeypatch.delenv("JURYDESK_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    set_language("nl")
    yield
    set_language("nl")


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{(tmp_path / 'jurydesk.sqlite').as_posix()}"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """A database with the bundled regions and no candidatures."""
    s = open_store(db_url)
    initialise(s, demo=False)
    yield s
    s.close()


@pytest.fixture
def demo_store(db_url: str) -> Iterator[Store]:
    """A database with the bundled regions and the demo candidatures."""
    s = open_store(db_url)
    initialise(s, demo=True)
    yield s
    s.close()
