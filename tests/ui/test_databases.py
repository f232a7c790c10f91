"""File › Open database…, the recent databases, the next start, and a pack opened twice."""

from __future__ import annotations

import hashlib
import sqlite3

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select

from jurydesk.packs.pack import export_pack
from jurydesk.paths import data_dir, sqlite_url
from jurydesk.recent import last_database, recent
from jurydesk.scoring.scores import set_score
from jurydesk.setup import initialise
from jurydesk.store import open_store
from jurydesk.store.models import Region, Score
from jurydesk.ui import app
from jurydesk.ui.main_window import MainWindow
from tests.signed import add_signed_juror


def _digest(path) -> str:  # type: ignore[no-untyped-def]
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _secretariat_db(path):  # type: ignore[no-untyped-def]
    store = open_store(sqlite_url(path))
    initialise(store, demo=False, passphrase="geheim-2026")
    store.close()
    return path


def test_open_database_switches_and_the_next_start_opens_it(window, qtbot, tmp_path):
    first = _secretariat_db(tmp_path / "secretariaat-2025.sqlite")
    assert window.databases.open_database(first)
    qtbot.addWidget(window.next_window)
    window = window.next_window
    other = _secretariat_db(tmp_path / "secretariaat-2026.sqlite")
    assert window.databases.open_database(other)
    moved = window.next_window
    qtbot.addWidget(moved)
    assert moved.store.file == other.resolve()
    assert moved.db_label.text() == "Databank: secretariaat-2026.sqlite (van het secretariaat)"
    assert moved.db_label.toolTip() == str(other.resolve())
    assert not window.isVisible()
    assert recent() == [str(other.resolve()), str(first.resolve())]
    # The recent list in the menu: both, the open one not clickable.
    moved.databases.fill_recent()
    items = [a for a in moved.databases.recent_menu.actions() if a.statusTip()]
    assert [a.toolTip() for a in items] == recent()
    assert not items[0].isEnabled() and items[1].isEnabled()
    moved.databases.recent_menu.grab().save(str(tmp_path / "recent.png"))
    file_menu = moved.menuBar().actions()[0].menu()
    assert [a.text() for a in file_menu.actions()][:2] == [
        "&Databank openen…",
        "Re&cente databanken",
    ]
    file_menu.grab().save(str(tmp_path / "bestand.png"))
    # The next start, without --db or JURYDESK_DB, opens the database opened last.
    assert app.start_target(None) == str(other.resolve())
    moved.store.close()
    started = app.start(None)
    assert started is not None
    _app, again, store = started
    qtbot.addWidget(again)
    assert store.file == other.resolve()
    with store.reader() as session:
        assert session.scalar(select(func.count(Region.id))) == 2
    store.close()


def test_a_file_that_is_not_a_jurydesk_database_is_refused_untouched(window, qtbot, tmp_path):
    foreign = tmp_path / "adresboek.sqlite"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE contacts (name TEXT)")
    connection.commit()
    connection.close()
    text = tmp_path / "notities.sqlite"
    text.write_text("geen databank")
    for path in (foreign, text):
        before = _digest(path)
        assert not window.databases.open_database(path)
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        assert box.text() == f"{path} is geen JuryDesk-databank"
        box.close()
        assert _digest(path) == before
    assert str(foreign) not in recent()


def test_a_pack_opened_again_offers_to_continue_in_the_jurors_database(
    window, qtbot, demo_store, tmp_path
):
    with demo_store.session() as session:
        juror = add_signed_juror(
            session, "test", "Laptop Jurylid", "expert", "", panels=[("leuven", 1)]
        )
    pack = tmp_path / "jurypakket.jurypack"
    code = export_pack(demo_store, juror, pack)["code"]
    mine = data_dir() / "jurypakket.sqlite"  # where the dialog suggests it
    assert window.packs.open_pack(pack, mine, code)
    laptop = window.next_window
    qtbot.addWidget(laptop)
    assert laptop.db_label.text() == (
        f"Databank: jurypakket.sqlite (van jurylid {juror}: Laptop Jurylid)"
    )
    with laptop.store.session() as session:
        set_score(session, f"jurylid:{juror}", juror, 14, 1, "uitdagingen", 3, "sterk")
    laptop.store.close()
    before = _digest(mine)

    # A restart (here: another window) and the same pack again: continue there, no code.
    scratch = MainWindow(open_store(sqlite_url(tmp_path / "leeg.sqlite")))
    qtbot.addWidget(scratch)
    assert not scratch.packs.open_pack(pack)  # the suggested file exists: asked first
    box = scratch.packs.existing_box
    assert box.isVisible()
    assert "U hebt dit pakket al geopend" in box.text() and str(mine) in box.text()
    laptop_shot = tmp_path / "verdergaan.png"
    box.grab().save(str(laptop_shot))
    assert _digest(mine) == before  # asking wrote nothing
    scratch.packs.continue_button.click()
    again = scratch.next_window
    qtbot.addWidget(again)
    assert again.store.file == mine.resolve() and again.juror_db
    with again.store.reader() as session:
        assert session.scalar(select(Score.motivation).where(Score.juror_id == juror)) == "sterk"
    again.db_label.window().grab().save(str(tmp_path / "statusbalk.png"))
    assert last_database() == str(mine.resolve())
    again.store.close()


def test_another_packs_database_is_never_overwritten(window, qtbot, demo_store, tmp_path):
    with demo_store.session() as session:
        juror = add_signed_juror(
            session, "test", "Laptop Jurylid", "expert", "", panels=[("leuven", 1)]
        )
    other = _secretariat_db(tmp_path / "bestaat.sqlite")
    before = _digest(other)
    pack = tmp_path / "p.jurypack"
    code = export_pack(demo_store, juror, pack)["code"]
    assert not window.packs.open_pack(pack, other, code)
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    assert "niet van dit pakket gemaakt" in box.text()
    box.close()
    assert _digest(other) == before


def test_a_second_instance_is_told_in_dutch(qtbot, tmp_path):
    path = _secretariat_db(tmp_path / "gedeeld.sqlite")
    first = open_store(sqlite_url(path))
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(50, read_and_close)
            return
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.close()

    QTimer.singleShot(50, read_and_close)
    try:
        assert app.start(str(path)) is None
    finally:
        first.close()
    assert seen == [
        f"de databank {path} is in gebruik door een andere JuryDesk; sluit ze daar eerst"
    ]


def test_the_same_pack_finds_its_database_under_any_name_or_says_it_is_open(
    window, qtbot, demo_store, tmp_path
):
    """The installed app keeps the pack's database as jurydesk.sqlite: found through the
    recent list; and the pack opened again inside its own database says so."""
    with demo_store.session() as session:
        juror = add_signed_juror(
            session, "test", "Laptop Jurylid", "expert", "", panels=[("leuven", 1)]
        )
    pack = tmp_path / "jurypakket-7.jurypack"
    code = export_pack(demo_store, juror, pack)["code"]
    elsewhere = tmp_path / "eigen" / "jurydesk.sqlite"
    assert window.packs.open_pack(pack, elsewhere, code)
    laptop = window.next_window
    qtbot.addWidget(laptop)
    assert not laptop.packs.open_pack(pack)
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    assert box.text() == (f"U werkt al in de databank van dit pakket: {elsewhere.resolve()}")
    box.close()
    assert laptop.databases.open_target(str(window.store.file))  # back to the secretariat's
    home = laptop.next_window
    qtbot.addWidget(home)
    assert not home.packs.open_pack(pack)
    assert str(elsewhere.resolve()) in home.packs.existing_box.text()
    home.packs.continue_button.click()
    qtbot.addWidget(home.next_window)
    assert home.next_window.store.file == elsewhere.resolve()
    home.next_window.store.close()
