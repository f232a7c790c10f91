from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from jurydesk.paths import resolve_db, sqlite_path
from jurydesk.store import StoreError, open_store
from jurydesk.store.backup import backup_sqlite, backups_dir
from jurydesk.store.schema import SCHEMA_HEAD, known_revisions


def test_pragmas_are_set_on_every_connection(store):
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 10_000


def test_schema_head_constant_matches_the_migrations():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from jurydesk.paths import migrations_dir

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_HEAD
    assert SCHEMA_HEAD in known_revisions()


def test_migrations_create_the_schema_and_record_the_head(store):
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            SCHEMA_HEAD
        )
        tables = {r[0] for r in connection.execute(text("SELECT name FROM sqlite_master"))}
    assert {"regions", "challenges", "needs", "candidatures", "timeline_events"} <= tables


def test_migrations_match_the_models(db_url):
    """An autogenerate comparison finds nothing: the models and the migrations agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from jurydesk.store.models import Base

    s = open_store(db_url)
    try:
        with s.engine.connect() as connection:
            from jurydesk.store.schema import include_name

            context = MigrationContext.configure(connection, opts={"include_name": include_name})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        s.close()


def test_a_newer_database_is_refused_and_left_untouched(tmp_path, db_url):
    s = open_store(db_url)
    with s.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    s.close()
    file = sqlite_path(db_url)
    assert file is not None
    before = hashlib.sha256(file.read_bytes()).hexdigest()
    with pytest.raises(StoreError, match="newer than this JuryDesk"):
        open_store(db_url)
    assert hashlib.sha256(file.read_bytes()).hexdigest() == before


def test_a_second_writer_is_refused_while_the_first_holds_the_lock(db_url):
    s = open_store(db_url)
    try:
        code = (
            "import sys\n"
            "from jurydesk.store import open_store, StoreError\n"
            "try:\n"
            f"    open_store({db_url!r})\n"
            "except StoreError as e:\n"
            "    print(e); sys.exit(3)\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 3, result.stderr
        assert "in gebruik door een andere JuryDesk; sluit ze daar eerst" in result.stdout
    finally:
        s.close()
    again = open_store(db_url)  # released: a new writer may open it
    again.close()


def test_readers_do_not_need_the_lock(store, db_url):
    reader = open_store(db_url, write=False)
    try:
        with reader.reader() as session:
            assert session.execute(text("SELECT count(*) FROM regions")).scalar() == 2
        with pytest.raises(StoreError, match="read-only"), reader.session():
            pass
    finally:
        reader.close()


def test_read_only_open_of_a_missing_database_says_how_to_create_it(tmp_path):
    with pytest.raises(StoreError, match="jurydesk init"):
        open_store(f"sqlite:///{(tmp_path / 'nope.sqlite').as_posix()}", write=False, create=False)
    assert not (tmp_path / "nope.sqlite").exists()


def test_backups_are_consistent_copies_and_rotate(store):
    file = store.file
    assert file is not None
    made = [backup_sqlite(file, f"test{i}", keep=3) for i in range(5)]
    kept = sorted(backups_dir(file).glob("*.sqlite"))
    assert len(kept) == 3
    assert made[-1] in kept and made[0] not in kept
    copy = sqlite3.connect(made[-1])
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT count(*) FROM regions").fetchone()[0] == 2
    finally:
        copy.close()


def test_resolve_db_takes_flag_then_environment_then_data_dir(tmp_path, monkeypatch):
    flag = tmp_path / "flag.sqlite"
    env = tmp_path / "env.sqlite"
    monkeypatch.setenv("JURYDESK_DB", str(env))
    assert resolve_db(str(flag)) == f"sqlite:///{flag.resolve().as_posix()}"
    assert resolve_db(None) == f"sqlite:///{env.resolve().as_posix()}"
    monkeypatch.delenv("JURYDESK_DB")
    default = sqlite_path(resolve_db(None))
    assert default is not None and default.name == "jurydesk.sqlite"
    assert str(tmp_path / "xdg-data") in str(default)
    url = "postgresql+psycopg://jury@localhost/jurydesk"
    assert resolve_db(url) == url
    assert sqlite_path(url) is None


def test_naive_datetimes_are_refused_by_the_store(store):
    from datetime import datetime

    from jurydesk.store.models import Candidature, Region

    with pytest.raises(Exception, match="naive"), store.session() as session:
        region = session.query(Region).first()
        session.add(
            Candidature(
                region_id=region.id,
                organisation="X",
                organisation_key="x",
                contact="Y",
                email="y@x.be",
                title="T",
                received_at=datetime(2023, 6, 1, 12, 0),
            )
        )
        session.flush()


def test_path_in_url_is_a_path(tmp_path):
    assert sqlite_path(f"sqlite:///{(tmp_path / 'a b.sqlite').as_posix()}") == Path(
        (tmp_path / "a b.sqlite").as_posix()
    )


def test_a_server_that_refuses_is_told_in_dutch_with_the_detail_in_the_log(caplog):
    """No raw "[Errno 111] Connection refused" (nor the password) inside the Dutch message."""
    import logging
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql+psycopg://jury:geheim@127.0.0.1:{port}/jurydesk?connect_timeout=5"
    with (
        caplog.at_level(logging.INFO, logger="jurydesk.store.store"),
        pytest.raises(StoreError) as refused,
    ):
        open_store(url)
    message = str(refused.value)
    assert message == (
        f"de databank postgresql+psycopg://jury:***@127.0.0.1:{port}/jurydesk?connect_timeout=5 "
        "kan niet geopend worden: de server weigert de verbinding (draait hij?)"
    )
    assert "Errno" not in message
    assert "refused" in caplog.text.lower() and "geheim" not in caplog.text
