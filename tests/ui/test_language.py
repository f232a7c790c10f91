"""Qt's own buttons speak Dutch (the qtbase catalogue), and changing the language offers a
restart instead of leaving half the window in the old language."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from jurydesk.ui.language import install_qt_translations, restart_command


def test_standard_buttons_speak_dutch(qtbot):
    assert install_qt_translations("nl")
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Yes
        | QDialogButtonBox.StandardButton.No
        | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(box)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert texts == {"Ja", "Nee", "Annuleren"}
    assert install_qt_translations("en")
    english = QDialogButtonBox(QDialogButtonBox.StandardButton.Yes)
    qtbot.addWidget(english)
    assert english.buttons()[0].text().replace("&", "") == "Yes"


def test_changing_the_language_offers_a_restart(window):
    window.choose_language("en")
    box = window.restart_box
    assert box.isVisible() and "herstarten" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    assert window.isVisible()  # No: the app stays as it is
    program, arguments = restart_command()
    assert program and isinstance(arguments, list)
    window.choose_language("nl")


def test_the_file_dialog_speaks_dutch(qtbot):
    from PySide6.QtWidgets import QFileDialog, QLabel

    assert install_qt_translations("nl")
    try:
        dialog = QFileDialog(None, "Open")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(dialog)
        labels = {label.text().replace("&", "") for label in dialog.findChildren(QLabel)}
        assert {"Zoeken in:", "Bestanden van type:", "Bestandsnaam:"} <= labels
    finally:
        install_qt_translations("en")


def test_the_rubric_by_its_name_plurals_by_count_messages_with_a_capital(window, demo_store):
    from jurydesk.errors import ScoringError
    from jurydesk.store.models import RubricRow
    from jurydesk.ui.mail.intake_dialog import intake_summary
    from jurydesk.ui.progress import show_error

    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    dialog = window.admin.open_region_settings()
    with demo_store.reader() as session:
        names = dict(session.query(RubricRow.key, RubricRow.name).all())
    shown = dialog.rubric.currentText()
    assert shown in names.values() and shown not in names  # 'default' is a key, not a name
    assert dialog.settings().rubric in names
    dialog.close()
    assert intake_summary(1, 1, 0).startswith("1 nieuwe kandidatuur, 1 nieuwe versie, 0 ")
    assert intake_summary(2, 3, 1).startswith("2 nieuwe kandidaturen, 3 nieuwe versies, 1 ")
    assert intake_summary(1, 0, 0, weerwoorden=True).startswith("1 weerwoord ")
    box = show_error(window, "PIN", ScoringError("een PIN is 4 tot 8 cijfers"))
    assert box.text() == "Een PIN is 4 tot 8 cijfers"
    box.close()
