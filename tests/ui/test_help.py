"""Help › Guide (F1): the guide in Dutch and English names only menu items that exist, by
their path in the menus as the user sees them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from jurydesk.ui.help_dialog import guide_markdown


def test_every_menu_item_the_guide_names_exists(window):
    for language in ("nl", "en"):
        text, missing = guide_markdown(window.menuBar(), language)
        assert missing == [], f"{language}: {missing}"
        assert "{menu:" not in text
    text, _missing = guide_markdown(window.menuBar(), "nl")
    assert "**Bestand › Exporteren › Beslissingsbrieven (PDF)…**" in text or "Exporteren ›" in text
    assert "**Jury › Juryleden en belangenconflicten…**" in text


def test_f1_opens_the_guide(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.help_dialog
    assert dialog.isVisible()
    assert "Voor juryleden" in dialog.browser.toPlainText()
    dialog.close()
