"""File › Open database… and File › Recent databases, and the status bar's word on which
database is open and whose it is (the secretariat's, or a juror's made from a pack)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu

from jurydesk.i18n import _
from jurydesk.packs.whose import owner
from jurydesk.paths import data_dir, is_url, sqlite_url
from jurydesk.recent import exists, forget, recent
from jurydesk.store import Store, StoreError, open_store
from jurydesk.store.probe import check_database_file
from jurydesk.ui.progress import show_error

if TYPE_CHECKING:
    from jurydesk.ui.main_window import MainWindow


def database_filter() -> str:
    return _("JuryDesk databases (*.sqlite *.db);;All files (*)")


def whose_text(store: Store) -> tuple[str, str]:
    """The status bar's text (the file's name and whose it is) and its tooltip (the path)."""
    where = store.file.name if store.file is not None else store.url.split("@")[-1]
    with store.reader() as session:
        who = owner(session)
    if who.juror is None:
        whose = _("the secretariat's")
    else:
        whose = _("juror {id}: {name}").format(id=who.juror, name=who.name)
    text = _("Database: {where} ({whose})").format(where=where, whose=whose)
    return text, str(store.file or where)


class DatabaseActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.recent_menu: QMenu | None = None

    def build_menu(self, file_menu: QMenu) -> None:
        """Open database… (Ctrl+O) and the Recent databases submenu, filled when it opens."""
        self.open_action = QAction(_("Open data&base…"), self.window)
        self.open_action.setShortcut("Ctrl+O")
        self.open_action.triggered.connect(lambda: self.open_database())
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu(_("Rece&nt databases"))
        self.recent_menu.aboutToShow.connect(self.fill_recent)
        self.fill_recent()

    def fill_recent(self) -> None:
        menu = self.recent_menu
        assert menu is not None
        menu.clear()
        current = str(self.window.store.file or self.window.store.url)
        for index, target in enumerate(recent(), start=1):
            name = target if is_url(target) else Path(target).name
            label = f"&{index} {name}" if index < 10 else name
            if not exists(target):
                label += " " + _("(not found)")
            action = menu.addAction(label)
            action.setToolTip(target)
            action.setStatusTip(target)
            action.setEnabled(exists(target) and target != current)
            action.triggered.connect(lambda _c=False, t=target: self.open_target(t))
        if menu.isEmpty():
            menu.addAction(_("(none yet)")).setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction(_("Clear the list"), self.clear_recent)

    def clear_recent(self) -> None:
        current = str(self.window.store.file or "")
        for target in recent():
            if target != current:
                forget(target)
        self.fill_recent()

    def open_database(self, file: Path | None = None) -> bool:
        if file is None:
            name, _f = QFileDialog.getOpenFileName(
                self.window, _("Open a database"), str(data_dir()), database_filter()
            )
            if not name:
                return False
            file = Path(name)
        return self.open_target(str(file))

    def open_target(self, target: str) -> bool:
        """Continue in ``target`` (a file or a server URL); a file that is not a JuryDesk
        database, or one another JuryDesk has open, is refused with the reason."""
        try:
            if is_url(target):
                store = open_store(target, write=True, create=False)
            else:
                file = Path(target)
                if file == self.window.store.file:
                    return False
                check_database_file(file)
                store = open_store(sqlite_url(file), write=True, create=False)
        except StoreError as exc:
            show_error(self.window, _("Open a database"), exc)
            return False
        self.window.switch_store(store)
        return True
