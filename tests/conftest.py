"""Shared fixtures: a real SQLite file per test, no Qt needed outside tests/ui."""

from __future__ import annotations

import shutil
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
    # the test databases' secretariat passphrase (the demo's): the CLI's secretariat commands
    monkeypatch.setenv("JURYDESK_PASSPHRASE", "demo")
    monkeypatch.delenv("JURYDESK_PIN", raising=False)
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
    initialise(s, demo=False, passphrase="demo")
    yield s
    s.close()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, built once; each test gets its own copy of the file."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    s = open_store(f"sqlite:///{path.as_posix()}")
    initialise(s, demo=True)
    with s.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()
    return path


@pytest.fixture
def demo_store(db_url: str, _demo_template: Path) -> Iterator[Store]:
    """A database with the bundled regions, the demo candidatures, jury, scores, decisions."""
    from jurydesk.paths import sqlite_path

    target = sqlite_path(db_url)
    assert target is not None
    shutil.copyfile(_demo_template, target)
    s = open_store(db_url)
    yield s
    s.close()


@pytest.fixture
def db(tmp_path: Path, _demo_template: Path) -> str:
    """A copy of the demo database as a file path (for the CLI and subprocess tests)."""
    path = tmp_path / "cli.sqlite"
    shutil.copyfile(_demo_template, path)
    return str(path)


@pytest.fixture
def smtp_server(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A real SMTP server on 127.0.0.1 (aiosmtpd, STARTTLS, a login); see tests/mail."""
    from tests.mail.smtp_server import SmtpServer

    server = SmtpServer(tmp_path_factory.mktemp("smtp"))
    yield server
    server.stop()
