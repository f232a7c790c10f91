"""The installed app's first start: a juror opens a pack, the secretariat makes a database."""

from __future__ import annotations

import sys

from sqlalchemy import func, select

from jurydesk.packs.pack import export_pack
from jurydesk.passphrase import verify
from jurydesk.paths import DEFAULT_DB_NAME, data_dir, default_db
from jurydesk.store.models import Candidature, Region
from jurydesk.ui import app
from jurydesk.ui.packs.actions import is_juror_database
from jurydesk.ui.welcome import DEMO_NAME, WelcomeDialog
from tests.signed import add_signed_juror


def test_only_a_first_start_of_the_frozen_build_welcomes(monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    monkeypatch.delenv("JURYDESK_DB", raising=False)
    assert app._welcome_target(None) is None  # make run / pip install: the demo as before
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert app._welcome_target(None) == default_db() == data_dir() / DEFAULT_DB_NAME
    assert app._welcome_target(str(tmp_path / "x.sqlite")) is None  # --db names one
    monkeypatch.setenv("JURYDESK_DB", str(tmp_path / "x.sqlite"))
    assert app._welcome_target(None) is None
    monkeypatch.delenv("JURYDESK_DB")
    default_db().write_bytes(b"")
    assert app._welcome_target(None) is None  # there is a database: open it


def test_a_juror_opens_the_pack_with_the_code(qtbot, demo_store, tmp_path):  # type: ignore[no-untyped-def]
    with demo_store.session() as session:
        juror = add_signed_juror(
            session, "test", "Laptop Jurylid", "expert", "", panels=[("leuven", 1)]
        )
    pack = tmp_path / "pakket.jurypack"
    code = export_pack(demo_store, juror, pack)["code"]
    target = tmp_path / "eigen" / DEFAULT_DB_NAME
    dialog = WelcomeDialog(target)
    qtbot.addWidget(dialog)
    assert dialog.open_pack(pack, "AAAA-BBBB-CCCC") is None
    assert dialog.message.text().startswith("✕") and "code" in dialog.message.text()
    assert not target.exists() and dialog.result() == 0
    store = dialog.open_pack(pack, code)
    assert store is not None and dialog.result() == 1 and target.exists()
    assert is_juror_database(store)
    store.close()


def test_the_secretariat_starts_a_new_database(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    target = tmp_path / DEFAULT_DB_NAME
    dialog = WelcomeDialog(target)
    qtbot.addWidget(dialog)
    assert dialog.new_database("abc") is None and "4" in dialog.message.text()
    assert not target.exists()
    store = dialog.new_database("ons geheim")
    assert store is not None
    with store.reader() as session:
        assert session.scalar(select(func.count()).select_from(Region)) == 2
        assert session.scalar(select(func.count()).select_from(Candidature)) == 0  # no demo
        assert verify(session, "ons geheim") and not verify(session, "demo")
    store.close()


def test_the_demo_is_a_database_of_its_own(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    target = tmp_path / DEFAULT_DB_NAME
    dialog = WelcomeDialog(target)
    qtbot.addWidget(dialog)
    store = dialog.open_demo()
    assert store is not None and not target.exists()
    assert (data_dir() / DEMO_NAME).exists()
    with store.reader() as session:
        assert session.scalar(select(func.count()).select_from(Candidature)) > 0
    store.close()


def test_a_wrong_code_is_asked_again_with_the_reason(qtbot, demo_store, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    with demo_store.session() as session:
        juror = add_signed_juror(
            session, "test", "Laptop Jurylid", "expert", "", panels=[("leuven", 1)]
        )
    pack = tmp_path / "pakket.jurypack"
    code = export_pack(demo_store, juror, pack)["code"]
    target = tmp_path / "eigen" / DEFAULT_DB_NAME
    typed = ["AAAA-BBBB-CCCC", code]  # what the juror types: a wrong code, then the right one
    problems: list[str] = []

    def ask(parent, problem=""):  # type: ignore[no-untyped-def]
        problems.append(problem)
        return typed.pop(0)

    monkeypatch.setattr("jurydesk.ui.welcome.ask_code", ask)
    dialog = WelcomeDialog(target)
    qtbot.addWidget(dialog)
    store = dialog.open_pack(pack)
    assert store is not None and dialog.result() == 1 and target.exists()
    assert problems[0] == "" and "code" in problems[1] and len(problems) == 2
    store.close()
    # cancelling the second question leaves nothing behind
    other = tmp_path / "ander" / DEFAULT_DB_NAME
    typed[:] = ["AAAA-BBBB-CCCC", None]
    dialog = WelcomeDialog(other)
    qtbot.addWidget(dialog)
    assert dialog.open_pack(pack) is None and not other.exists()
    assert dialog.message.text().startswith("✕")
