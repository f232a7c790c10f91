"""File menu actions: import candidatures from a workbook (the report first), save the import
template, add or update a region from its file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from jurydesk.candidatures.tabular import EncodingToConfirm, TableError
from jurydesk.candidatures.template import write_template
from jurydesk.i18n import _
from jurydesk.regions.loader import RegionFileError
from jurydesk.regions.service import RegionError, add_region_file
from jurydesk.store import StoreError

if TYPE_CHECKING:
    from jurydesk.ui.candidatures.import_dialog import ImportDialog
    from jurydesk.ui.main_window import MainWindow


class FileActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def import_candidatures(self) -> None:
        slug = self.window.current_slug()
        if slug is None:
            return
        name, _filter = QFileDialog.getOpenFileName(
            self.window, _("Import candidatures"), str(Path.home()), _("Workbooks (*.xlsx *.csv)")
        )
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path, encoding: str | None = None) -> ImportDialog | None:
        slug = self.window.current_slug()
        if slug is None:
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            from jurydesk.ui.candidatures.import_dialog import ImportDialog

            dialog = ImportDialog(
                self.window.store,
                path,
                slug,
                self.window.region_box.currentText(),
                self.window,
                encoding,
            )
        except EncodingToConfirm as exc:
            QApplication.restoreOverrideCursor()
            self.confirm_encoding(path, exc)
            return None
        except (TableError, StoreError) as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self.window, _("Import candidatures"), str(exc))
            return None
        QApplication.restoreOverrideCursor()
        dialog.finished.connect(lambda _result: self._after_import(dialog))
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def confirm_encoding(self, path: Path, exc: EncodingToConfirm) -> QMessageBox:
        """A CSV that is not UTF-8: how it reads in the detected encoding, to confirm. Only
        after "Read as ..." does the import report open; nothing is written before that."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Import candidatures"),
            _("{file} is not UTF-8. It looks like {encoding}; read so, it begins:").format(
                file=path.name, encoding=exc.encoding
            ),
            parent=self.window,
        )
        box.setInformativeText("\n".join(line[:100] for line in exc.sample))
        self.read_as_button = box.addButton(
            _("Read as {encoding}").format(encoding=exc.encoding),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        self.read_as_button.clicked.connect(lambda: self.import_file(path, exc.encoding))
        self.encoding_box = box
        box.open()
        return box

    def _after_import(self, dialog: ImportDialog) -> None:
        if dialog.imported:
            self.window.reload_regions()
            self.window.statusBar().showMessage(
                _("{n} candidature(s) imported.").format(n=dialog.imported), 8000
            )

    def save_template(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self.window,
            _("Save import template"),
            str(Path.home() / "kandidaturen-sjabloon.xlsx"),
            _("Workbooks (*.xlsx)"),
        )
        if name:
            write_template(Path(name))
            self.window.statusBar().showMessage(
                _("Template written to {file}").format(file=name), 8000
            )

    def add_region(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self.window, _("Add region from file"), str(Path.home()), _("Region files (*.toml)")
        )
        if name:
            self.add_region_from(Path(name))

    def add_region_from(self, path: Path, replace: bool = False) -> bool:
        try:
            spec, _outcome = add_region_file(self.window.store, path, replace=replace)
        except RegionFileError as exc:
            QMessageBox.warning(
                self.window,
                _("Region file not valid"),
                f"{exc.file}\n\n" + "\n".join(f"• {p}" for p in exc.problems),
            )
            return False
        except RegionError as exc:
            if not replace and "exists already" in str(exc):
                answer = QMessageBox.question(
                    self.window,
                    _("Region exists"),
                    _(
                        "This region exists already. Update it from this file? "
                        "Its candidatures are kept."
                    ),
                )
                if answer == QMessageBox.StandardButton.Yes:
                    return self.add_region_from(path, replace=True)
                return False
            QMessageBox.warning(self.window, _("Add region"), str(exc))
            return False
        self.window.reload_regions(select_slug=spec.slug)
        self.window.statusBar().showMessage(_("Region {name} added.").format(name=spec.name), 8000)
        return True
