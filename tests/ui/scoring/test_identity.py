"""Juror mode shows one juror only: the one who signed in with their PIN."""

from __future__ import annotations

from jurydesk.jury.pins import DEMO_PIN


def test_juror_mode_needs_a_pin(window, qtbot):
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    window.tabs.setCurrentWidget(window.scoring)
    everyone = window.scoring.juror_box.count()
    assert everyone > 1  # the secretariat sees every juror
    window.enter_juror_mode()
    dialog = window.identity.dialog
    assert dialog.isVisible() and window.scoring.juror_box.count() == 0
    dialog.juror.setCurrentIndex(1)
    chosen = dialog.juror.currentData()
    dialog.pin.setText("0000")
    assert not dialog.sign_in() and "niet" in dialog.message.text()
    dialog.pin.setText(DEMO_PIN)
    assert dialog.sign_in()
    box = window.scoring.juror_box
    assert box.count() == 1 and box.currentData() == chosen
    assert window.enter_secretariat("demo")
    assert window.scoring.juror_box.count() == everyone
