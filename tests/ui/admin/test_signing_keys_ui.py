"""Jury › Jurors and conflicts of interest… shows which jurors have no signing key (a PIN from
before the audit log's MACs) and says once what to do; a new PIN there gives the key."""

from __future__ import annotations

from jurydesk.jury.pins import NO_KEY, SIGNS


def test_the_jury_dialog_names_jurors_without_a_signing_key(window, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    from sqlalchemy import delete

    from jurydesk.store.models import Setting

    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    dialog = window.admin.open_jury()
    assert dialog is not None
    assert not dialog.keys_note.isVisible()  # every demo juror has their key
    first = dialog.jurors[0]
    assert first.signing == SIGNS
    with window.store.session() as session:  # a PIN from before the MACs: no wrapped key
        session.execute(delete(Setting).where(Setting.key == f"juror_mac:{first.id}"))
    dialog.reload(select=first.id)
    column = dialog.table.columnCount() - 1
    assert dialog.jurors[0].signing == NO_KEY
    assert "nieuwe PIN" in dialog.table.item(0, column).text()
    assert dialog.keys_note.isVisible() and first.name in dialog.keys_note.text()
    assert dialog.keys_note.text().count("nieuwe pincode") == 1
    dialog.grab().save(str(tmp_path / "jury.png"))
    dialog.pin.setText("739154")  # the remedy, in the same dialog
    assert dialog.save(), dialog.message.text()
    assert dialog.jurors[0].signing == SIGNS and not dialog.keys_note.isVisible()


def test_exporting_a_keyless_jurors_pack_says_it_will_not_sign(window, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication, QMessageBox
    from sqlalchemy import delete

    from jurydesk.store.models import Setting

    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    dialog = window.admin.open_jury()
    juror = next(j for j in dialog.jurors if 1 in j.rounds)
    dialog.accept()
    with window.store.session() as session:
        session.execute(delete(Setting).where(Setting.key == f"juror_mac:{juror.id}"))
    assert window.packs.export_pack(juror.id, tmp_path / "p.jurypack") is not None
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    box = next(b for b in boxes if b.isVisible() and window.packs.last_code in b.text())
    assert "ondertekeningssleutel" in box.text() and "nieuwe PIN" in box.text()
    box.grab().save(str(tmp_path / "export.png"))
