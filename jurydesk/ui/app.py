"""Start the desktop app: open (or create) the store, then show the main window."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

log = logging.getLogger(__name__)


def start(db_arg: str | None):  # type: ignore[no-untyped-def]
    """Create the application, open the store and show the main window.

    Returns ``(app, window, store)``, or None when the database cannot be opened (the user
    has been told why).
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from jurydesk.paths import resolve_db
    from jurydesk.store import StoreError, open_store

    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName("JuryDesk")
    app.setApplicationName("JuryDesk")
    _apply_saved_language()
    from jurydesk.i18n import current_language
    from jurydesk.ui.language import install_qt_translations

    install_qt_translations(current_language())
    try:
        store = open_store(resolve_db(db_arg), write=True)
        _seed_if_empty(store)
    except StoreError as exc:
        QMessageBox.critical(None, "JuryDesk", str(exc))
        return None
    from jurydesk.ui.main_window import MainWindow

    window = MainWindow(store)
    window.show()
    # The start-up backup runs once the window is on screen, not before its first paint.
    QTimer.singleShot(200, lambda: store.backup("start"))
    return app, window, store


def run_gui(db_arg: str | None, open_pack: Path | None = None) -> int:
    started = start(db_arg)
    if started is None:
        return 1
    app, window, store = started
    if open_pack is not None:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, lambda: window.packs.open_pack(open_pack))
    try:
        return app.exec()
    finally:
        store.close()


def _seed_if_empty(store) -> None:  # type: ignore[no-untyped-def]
    """A database without regions (a first start) gets the bundled regions and the demo."""
    from jurydesk.setup import initialise, is_empty

    if is_empty(store):
        started = time.perf_counter()
        report = initialise(store, demo=True)
        log.info(
            "New database: %d regions and %d demo candidatures added in %.2f s",
            len(report.regions_added),
            report.candidatures_added,
            time.perf_counter() - started,
        )


def _apply_saved_language() -> None:
    """The language chosen in the app (View > Language), unless --lang or JURYDESK_LANG says."""
    import os

    from PySide6.QtCore import QSettings

    from jurydesk.i18n import ENV_LANG, explicit_language, set_language

    saved = QSettings().value("language")
    if saved and not explicit_language() and not os.environ.get(ENV_LANG):
        set_language(str(saved))
