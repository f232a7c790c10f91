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
