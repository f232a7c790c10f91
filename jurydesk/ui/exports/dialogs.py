"""File > Export: the results workbook, the decision letters and the rebuttal calendar."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from jurydesk.i18n import _
from jurydesk.store import Store
from jurydesk.ui.progress import run_with_progress, show_error, show_info

if TYPE_CHECKING:
    from jurydesk.exports.letters import LetterExport

# The exports (openpyxl, reportlab, icalendar) are imported when used, not at start-up.


def _scope_box(parent: QWidget, region_name: str) -> QComboBox:
    box = QComboBox(parent)
    box.addItem(_("This region: {name}").format(name=region_name), "region")
    box.addItem(_("All regions"), "all")
    return box


class LettersDialog(QDialog):
    """Choose which letters to write, and where."""

    def __init__(self, region_name: str, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Write decision letters"))
        form = QFormLayout(self)
        self.scope = _scope_box(self, region_name)
        form.addRow(_("&Regions:"), self.scope)
        self.round = QComboBox(self)
        self.round.addItem(_("Both rounds"), None)
        self.round.addItem(_("Round 1: not selected for the pitch"), 1)
        self.round.addItem(_("Round 2: the final outcomes"), 2)
        form.addRow(_("R&ound:"), self.round)
        self.kind = QComboBox(self)
        self.kind.addItem(_("Decision letters"), False)
        self.kind.addItem(_("Final letters after the re-assessment of a rebuttal"), True)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        form.addRow(_("&Letters:"), self.kind)
        self.scores = QCheckBox(_("Show the jury's scores per criterion"), self)
        form.addRow("", self.scores)
        self.merged = QCheckBox(_("Also one merged PDF for printing"), self)
        self.merged.setChecked(True)
        form.addRow("", self.merged)
        row = QHBoxLayout()
        self.folder = QLineEdit(str(folder), self)
        browse = QPushButton(_("&Browse…"), self)
        browse.clicked.connect(self._browse)
        row.addWidget(self.folder)
        row.addWidget(browse)
        form.addRow(_("&Folder:"), row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Write letters"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _kind_changed(self) -> None:
        final = bool(self.kind.currentData())
        self.round.setEnabled(not final)
        self.scores.setEnabled(not final)

    def _browse(self) -> None:
        name = QFileDialog.getExistingDirectory(
            self, _("Folder for the letters"), self.folder.text()
        )
        if name:
            self.folder.setText(name)


class Exporter:
    """The export actions of the main window."""

    def __init__(self, store: Store, parent: QWidget) -> None:
        self.store, self.parent = store, parent
        self.last_message: QMessageBox | None = None

    def _slugs(self, scope: str, slug: str) -> list[str] | None:
        return [slug] if scope == "region" else None

    def workbook(
        self, slug: str, region_name: str, everything: bool = False, target: Path | None = None
    ) -> Path | None:
        if target is None:
            default = Path.home() / (
                _("results") + (f"-{slug}" if not everything else "") + ".xlsx"
            )
            name, _filter = QFileDialog.getSaveFileName(
                self.parent, _("Export the results workbook"), str(default), _("Workbooks (*.xlsx)")
            )
            if not name:
                return None
            target = Path(name)
        from jurydesk.exports.workbook import export_workbook

        slugs = None if everything else [slug]
        done = run_with_progress(
            self.parent,
            _("Writing the results workbook"),
            lambda progress: export_workbook(self.store, target, slugs, progress),
        )
        if done is not None:
            self._written(_("Results workbook written: {file}").format(file=done), done)
        return done

    def letters(self, slug: str, region_name: str) -> LetterExport | None:
        dialog = LettersDialog(region_name, Path.home() / _("letters"), self.parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.write_letters(dialog, slug)

    def write_letters(self, dialog: LettersDialog, slug: str) -> LetterExport | None:
        from jurydesk.exports.letters import export_letters, shaped_note, warning_note

        folder = Path(dialog.folder.text()).expanduser()
        final = bool(dialog.kind.currentData())
        merged = folder / (_("all letters") + ".pdf") if dialog.merged.isChecked() else None
        slugs = self._slugs(dialog.scope.currentData(), slug)
        result = run_with_progress(
            self.parent,
            _("Writing the decision letters"),
            lambda progress: export_letters(
                self.store,
                folder,
                slugs,
                None if final else dialog.round.currentData(),
                merged=merged,
                final=final,
                with_scores=dialog.scores.isChecked(),
                progress=progress,
            ),
        )
        if result is not None:
            self._written(
                _("{count} letters written to {folder}").format(
                    count=result.letters, folder=folder
                ),
                result.merged or folder,
            )
            if result.unprintable:
                show_error(
                    self.parent,
                    _("Writing the decision letters"),
                    "\n".join(
                        _(
                            "{candidature}. {organisation}: the letter's font cannot draw {chars}; "
                            "check that letter before sending"
                        ).format(candidature=c, organisation=o, chars=ch)
                        for c, o, ch in result.unprintable
                    ),
                )
            elif result.shaped:
                show_info(
                    self.parent,
                    _("Writing the decision letters"),
                    "\n".join(shaped_note(c, o, words) for c, o, words in result.shaped),
                )
            if result.warnings:
                show_info(
                    self.parent,
                    _("Check before sending"),
                    "\n".join(warning_note(c, o, w) for c, o, w in result.warnings),
                )
        return result

    def calendar(self, slug: str, region_name: str, everything: bool = False) -> Path | None:
        default = Path.home() / (_("rebuttal windows") + ".ics")
        name, _filter = QFileDialog.getSaveFileName(
            self.parent, _("Export the rebuttal windows"), str(default), _("Calendars (*.ics)")
        )
        if not name:
            return None
        from jurydesk.exports.calendar import export_rebuttal_calendar

        target = Path(name)
        count = run_with_progress(
            self.parent,
            _("Writing the rebuttal windows"),
            lambda _progress: export_rebuttal_calendar(
                self.store, target, None if everything else [slug]
            ),
        )
        if count is not None:
            self._written(
                _("{count} rebuttal windows written to {file}").format(count=count, file=target),
                target,
            )
            return target
        return None

    def _written(self, message: str, path: Path) -> None:
        """Say what was written, with a button that opens it; does not block."""
        box = QMessageBox(
            QMessageBox.Icon.Information,
            _("Export"),
            message,
            QMessageBox.StandardButton.Ok,
            self.parent,
        )
        open_button = box.addButton(_("&Open"), QMessageBox.ButtonRole.ActionRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def clicked(button: object) -> None:
            if button is open_button:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

        box.buttonClicked.connect(clicked)
        self.last_message = box
        box.open()
