"""A CSV in GBK: the app shows how it reads in the detected encoding before the report, and
imports the names as they are (never as mojibake) once the user confirms."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from jurydesk.store.models import Candidature

HEADER = "Organisatie;Contactpersoon;E-mail;Titel;Ontvangen op"


def test_a_gbk_csv_is_shown_to_confirm_then_imported_as_read(window, qtbot, demo_store, tmp_path):
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    path = tmp_path / "gbk.csv"
    row = "示例组织;张伟;zhang@voorbeeld.example;社区项目支持;05/06/2023 10:00"
    path.write_bytes(f"{HEADER}\r\n{row}\r\n".encode("gbk"))
    assert window.import_file(path) is None  # asked first, no report yet
    box = window.files.encoding_box
    assert box.isVisible()
    assert box.text() == "gbk.csv is geen UTF-8. Het lijkt GB18030; zo gelezen begint het met:"
    assert "示例组织;张伟" in box.informativeText()
    assert window.files.read_as_button.text() == "Lezen als GB18030"
    box.grab().save(str(tmp_path / "tekenset.png"))
    with demo_store.reader() as session:
        before = set(session.scalars(select(Candidature.organisation)))
    window.files.read_as_button.click()
    dialog = window.files.last_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert "De tekst wordt gelezen als GB18030, zoals u bevestigde." in dialog.summary.text()
    dialog.grab().save(str(tmp_path / "rapport.png"))
    with qtbot.waitSignal(dialog.finished):
        dialog.import_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    with demo_store.reader() as session:
        after = set(session.scalars(select(Candidature.organisation)))
    assert after - before == {"示例组织"}
