from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture
def window(qtbot, demo_store):
    from jurydesk.ui.main_window import MainWindow

    w = MainWindow(demo_store)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert w.enter_secretariat("demo")  # the demo database's passphrase
    return w
