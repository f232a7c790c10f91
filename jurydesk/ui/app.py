"""Start the desktop app: open (or create) the store, then show the main window."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

log = logging.getLogger(__name__)


def start(db_arg: str | None, first_pack: Path | None = None):  # type: ignore[no-untyped-def]
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
    welcome = _welcome_target(db_arg)
    if welcome is not None:
        from jurydesk.ui.welcome import first_start

        store = first_start(welcome, first_pack)
        if store is None:
            return None
    else:
        try:
            store = open_store(resolve_db(start_target(db_arg)), write=True)
            _seed_if_empty(store)
        except StoreError as exc:
            QMessageBox.critical(None, "JuryDesk", str(exc))
            return None
    from jurydesk.recent import remember
    from jurydesk.ui.main_window import MainWindow

    remember(store.url)  # the next start opens it again (unless another is opened)
    window = MainWindow(store)
    window.show()
    # The start-up backup runs once the window is on screen, not before its first paint.
    QTimer.singleShot(200, lambda: store.backup("start"))
    return app, window, store


def start_target(db_arg: str | None) -> str | None:
    """``--db`` or JURYDESK_DB when given; else the database opened last that is still there
    (a juror's own, made from a pack); else None: the default database."""
    import os

    from jurydesk.paths import ENV_DB
    from jurydesk.recent import last_database

    if db_arg or os.environ.get(ENV_DB):
        return db_arg
    return last_database()


def is_frozen() -> bool:
    """Started from the PyInstaller build (the juror's installed app), not from Python."""
    return bool(getattr(sys, "frozen", False))


def _welcome_target(db_arg: str | None) -> Path | None:
    """The database a first start of the installed app makes (after the welcome), or None
    when the usual start applies: a database was named, one was opened before, the default
    exists already, or this is not the frozen build (``make run`` keeps opening the demo)."""
    import os

    from jurydesk.paths import ENV_DB, default_db
    from jurydesk.recent import last_database

    if db_arg or os.environ.get(ENV_DB) or not is_frozen() or last_database() is not None:
        return None
    target = default_db()
    return None if target.exists() else target


def run_gui(
    db_arg: str | None, open_pack: Path | None = None, quit_after_paint: bool = False
) -> int:
    welcome = _welcome_target(db_arg) is not None
    started = start(db_arg, open_pack if welcome else None)
    if started is None:
        return 0 if welcome else 1
    app, window, store = started
    if quit_after_paint:
        from PySide6.QtCore import QTimer

        from jurydesk.ui.first_paint import FirstPaint

        FirstPaint(window, lambda: QTimer.singleShot(0, window.close))
    if open_pack is not None and not welcome:
        from PySide6.QtCore import QTimer

        from jurydesk.packs.unpack import is_return_name

        if is_return_name(open_pack.name):  # the secretariat's double-click on a return
            QTimer.singleShot(0, lambda: window.packs.import_returns([open_pack]))
        else:
            QTimer.singleShot(0, lambda: window.packs.open_pack(open_pack))
    try:
        return app.exec()
    finally:
        store.close()


def _seed_if_empty(store) -> None:  # type: ignore[no-untyped-def]
    """A database without regions (a first start) gets the bundled regions and the demo."""
    if store.is_empty():
        from jurydesk.setup import initialise  # the demo and the import: only when needed

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
