"""Offline jurors in the app: export a pack, open it, finalise, send back, import with a report."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from sqlalchemy import delete, func, select

from jurydesk.store import open_store
from jurydesk.store.models import Decision, Score
from jurydesk.ui.main_window import MainWindow
from jurydesk.ui.packs.actions import ImportReportDialog
from tests.signed import add_signed_juror


def test_pack_round_trip_through_the_app(window, qtbot, demo_store, tmp_path):
    with demo_store.session() as session:
        session.execute(delete(Decision))  # round 1 not decided yet: the return applies
        juror = add_signed_juror(
            session, "test", "Laptop Jurylid", "expert", "", panels=[("leuven", 1)]
        )
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    assert window.pack_export_action.isVisible() and not window.send_action.isVisible()
    pack = window.packs.export_pack(juror, tmp_path / "pakket.zip")
    assert pack is not None and pack.exists()

    scratch = open_store(f"sqlite:///{(tmp_path / 'leeg.sqlite').as_posix()}")
    start = MainWindow(scratch)
    qtbot.addWidget(start)
    code = window.packs.last_code
    assert start.packs.open_pack(pack, tmp_path / "jurylid.sqlite", code)
    laptop = start.next_window
    qtbot.addWidget(laptop)
    assert laptop.juror_db and laptop.send_action.isVisible()
    assert not laptop.secretariat_action.isEnabled()
    assert not laptop.tabs.isTabVisible(laptop.tabs.indexOf(laptop.results))
    laptop.region_box.setCurrentIndex(laptop.region_box.findData("leuven"))
    laptop.tabs.setCurrentWidget(laptop.scoring)
    view = laptop.scoring
    view.juror_box.setCurrentIndex(view.juror_box.findData(juror))
    qtbot.waitUntil(lambda: view.sheet is not None)
    for panel in view.panels:
        qtbot.keyClicks(panel.score, "3")
    assert view.finalize()
    view.confirm.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: view.sheet.finalized)
    assert laptop.last_offer.isVisible()  # a return is offered after finalising
    laptop.last_offer.close()
    back = laptop.packs.send_return(tmp_path / "terug.zip")
    assert back is not None and back.exists()

    reports = window.packs.import_returns([back], confirm=False)
    assert reports is not None and reports[0].written
    with demo_store.reader() as session:
        assert session.scalar(select(func.count(Score.id)).where(Score.juror_id == juror)) == len(
            view.panels
        )
    again = window.packs.import_returns([back], confirm=False)
    assert again is not None and again[0].already_imported
    laptop.store.close()


def test_import_report_dialog_lists_changes(window, demo_store, tmp_path, qtbot):
    from jurydesk.packs.returns import ImportReport, Line

    report = ImportReport(
        "terug.zip",
        3,
        2,
        [Line(3, 14, 1, "bereik", "conflict"), Line(3, 14, 1, "uitdagingen", "unchanged")],
    )
    dialog = ImportReportDialog([report], window)
    qtbot.addWidget(dialog)
    assert dialog.table.model().rowCount() == 1  # unchanged rows are not listed
    assert "conflict" in dialog.summary.text()
    assert dialog.import_button.isEnabled()


def test_the_juror_database_asks_the_pin_the_secretariat_set(window, qtbot, demo_store, tmp_path):
    from jurydesk.jury.pins import set_pin

    with demo_store.session() as session:
        juror = add_signed_juror(
            session, "test", "Pin Jurylid", "expert", "", panels=[("leuven", 1)]
        )
        set_pin(session, "test", juror, "432109")
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    pack = window.packs.export_pack(juror, tmp_path / "pakket.jurypack")
    scratch = open_store(f"sqlite:///{(tmp_path / 'leeg.sqlite').as_posix()}")
    start = MainWindow(scratch)
    qtbot.addWidget(start)
    assert start.packs.open_pack(pack, tmp_path / "jurylid.sqlite", window.packs.last_code)
    laptop = start.next_window
    qtbot.addWidget(laptop)
    view = laptop.scoring
    laptop.tabs.setCurrentWidget(view)
    # Nobody scores before the PIN: the sign-in dialog is open at start.
    dialog = laptop.identity.dialog
    assert dialog.isVisible() and view.juror_box.count() == 0
    assert laptop.juror_action.isEnabled()  # Modus › Jurylid signs in again
    dialog.pin.setText("000000")
    assert not dialog.sign_in()
    assert dialog.isVisible() and "klopt niet" in dialog.message.text()
    assert view.juror_box.count() == 0
    qtbot.waitUntil(dialog.pin.isEnabled, timeout=3000)  # the wrong PIN's pause
    dialog.pin.setText("432109")
    assert dialog.sign_in()
    assert view.juror_box.count() == 1 and view.juror == juror
    # The sign-in opened the juror's key from the pack: the laptop signs the juror's scoring,
    # and the secretariat's merge accepts the return.
    from jurydesk.packs.returns import import_return, write_return
    from jurydesk.scoring.scores import set_score
    from jurydesk.store.models import AuditEvent

    with laptop.store.session() as session:
        set_score(session, "jurylid", juror, view.items[0].candidature, 1, "bereik", 3, "")
    with laptop.store.reader() as session:
        mac = session.scalars(select(AuditEvent.mac).order_by(AuditEvent.id.desc())).first()
    assert mac is not None and mac.startswith(f"j{juror}:")
    write_return(laptop.store, tmp_path / "terug.juryreturn")
    assert import_return(demo_store, tmp_path / "terug.juryreturn").written
    laptop.store.close()


def test_opening_a_pack_proposes_the_place_and_asks_a_wrong_code_again(
    window, qtbot, demo_store, tmp_path
):
    from datetime import date

    from jurydesk.paths import data_dir

    with demo_store.session() as session:
        juror = add_signed_juror(
            session, "test", "An Peeters", "expert", "", panels=[("leuven", 1)]
        )
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    pack = window.packs.export_pack(juror, tmp_path / "pakket-an.jurypack")
    code = window.packs.last_code
    scratch = open_store(f"sqlite:///{(tmp_path / 'leeg.sqlite').as_posix()}")
    start = MainWindow(scratch)
    qtbot.addWidget(start)
    assert not start.packs.open_pack(pack)  # no file dialog: the place is proposed
    first = start.packs.code_dialog
    target = data_dir() / "pakket-an.sqlite"
    assert first.isVisible() and str(target) in first.labelText()
    assert "juror database" in first.labelText() or "jurydatabank" in first.labelText()
    first.setTextValue("AAAA-BBBB-CCCC")
    first.accept()  # wrong: the code is asked again, the pack and the place are kept
    again = start.packs.code_dialog
    assert again is not first and again.isVisible()
    assert "code" in again.labelText() and str(target) in again.labelText()
    assert not target.exists()
    again.setTextValue(code)
    again.accept()
    laptop = start.next_window
    qtbot.addWidget(laptop)
    assert laptop.juror_db and laptop.store.file == target
    laptop.region_box.setCurrentIndex(laptop.region_box.findData("leuven"))
    name = laptop.packs.return_name()
    assert name == f"terugzending-an-peeters-leuven-{date.today().isoformat()}.juryreturn"
    laptop.store.close()
