"""The Rebuttals tab and the File > Export actions, driven as a user would."""

from __future__ import annotations

from datetime import datetime

from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt

from jurydesk.rebuttals.service import rebuttal_windows
from jurydesk.timeutil import BRUSSELS
from jurydesk.ui.exports.dialogs import LettersDialog


def test_rebuttals_tab_lists_windows_and_records_intake(window, demo_store):
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    view = window.rebuttals
    window.tabs.setCurrentWidget(view)
    with demo_store.reader() as session:
        expected = rebuttal_windows(session, "leuven")
    model = view.table.model()
    assert model.rowCount() == len(expected)
    assert model.data(model.index(0, 5)) == "03/07/2023 24:00"  # 14 days from 20 June
    row = next(i for i, w in enumerate(view.windows) if w.received_at is None)
    view.table.selectRow(row)
    assert view.record_button.isEnabled() and not view.reassess_button.isEnabled()
    target = view.windows[row]
    late = datetime(2023, 7, 21, 9, 0, tzinfo=BRUSSELS)
    assert not view.save_rebuttal(target, late, "", "")  # neither text nor file: refused
    assert view.save_rebuttal(target, late, "Wij vragen een herziening.", "")
    new_row = next(i for i, w in enumerate(view.windows) if w.candidature == target.candidature)
    assert view.windows[new_row].late is True
    assert "te laat" in model.__class__.data(
        view.table.model(), view.table.model().index(new_row, 6)
    )
    assert (
        view.table.model().data(
            view.table.model().index(new_row, 0), Qt.ItemDataRole.ForegroundRole
        )
        is not None
    )
    assert view.reassess_button.isEnabled()
    assert "Wij vragen een herziening." in view.detail.toPlainText()
    assert view.save_reassessment(view.windows[new_row], "rejected", "De beslissing blijft.")
    with demo_store.reader() as session:
        w = next(
            x for x in rebuttal_windows(session, "leuven") if x.candidature == target.candidature
        )
    assert w.reassessment == "rejected" and w.reassessment_motivation == "De beslissing blijft."


def test_export_letters_and_workbook_from_the_window(window, tmp_path, qtbot):
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    dialog = LettersDialog("Leuven", tmp_path / "brieven", window)
    dialog.round.setCurrentIndex(dialog.round.findData(1))
    dialog.scores.setChecked(True)
    result = window.exporter.write_letters(dialog, "leuven")
    assert result is not None and result.letters == len(result.files) > 0
    assert result.merged is not None and result.merged.exists()
    texts = [PdfReader(f).pages[0].extract_text() for f in result.files]
    assert any("Gemiddelde score van de jury" in t for t in texts)  # the rejections
    assert any("Uitnodiging voor de pitch" in t for t in texts)  # and the invitations
    assert window.exporter.last_message is not None
    assert "brieven" in window.exporter.last_message.text()
    window.exporter.last_message.close()
    out = window.exporter.workbook("leuven", "Leuven", target=tmp_path / "r.xlsx")
    assert out is not None
    assert load_workbook(out, read_only=True).sheetnames[0] == "Leuven – Overzicht"
    window.exporter.last_message.close()
    assert all(action.isEnabled() for action in window.export_actions)
