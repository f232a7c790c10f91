from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture(scope="session", autouse=True)
def _own_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """QSettings (last region, window geometry, language) go to a folder of the test run."""
    from PySide6.QtCore import QSettings

    folder = str(tmp_path_factory.mktemp("qsettings"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)


@pytest.fixture(autouse=True)
def _fresh_window_settings() -> None:
    """Each test starts as a first start: no remembered region or splitter positions."""
    from PySide6.QtCore import QSettings

    for key in ("last_region", "splitters"):
        QSettings().remove(key)


@pytest.fixture
def window(qtbot, demo_store):
    from jurydesk.ui.main_window import MainWindow

    w = MainWindow(demo_store)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert w.enter_secretariat("demo")  # the demo database's passphrase
    return w
