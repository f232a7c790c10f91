"""Importing candidatures: the validation report first, then (if clean) the import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jurydesk.candidatures.service import ImportReport, import_candidatures
from jurydesk.candidatures.validate import severity_label
from jurydesk.i18n import _
from jurydesk.store import Store
from jurydesk.ui.rows_model import RowsTableModel


class ImportDialog(QDialog):
    """Shows what a file would import; writes only when the user confirms a clean report."""

    def __init__(
        self,
        store: Store,
        path: Path,
        slug: str,
        region_name: str,
        parent: QWidget | None = None,
        encoding: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.path, self.slug, self.encoding = store, path, slug, encoding
        self.imported = 0
        self.setWindowTitle(_("Import candidatures"))
        self.resize(820, 460)
        self.report: ImportReport = import_candidatures(
            store, path, slug, dry_run=True, encoding=encoding
        )
        validation = self.report.validation
        errors, valid = len(validation.errors), len(validation.candidatures)
        if self.report.ok:
            summary = _("{file}: {n} candidature(s) ready to import into {region}.").format(
                file=path.name, n=valid, region=region_name
            )
        else:
            summary = _(
                "{file}: {n} error(s). Nothing will be imported until they are fixed in the file."
            ).format(file=path.name, n=errors)
        if encoding:
            summary += " " + _("The text is read as {encoding}, as you confirmed.").format(
                encoding=self.report.encoding
            )
        elif self.report.encoding not in ("", "utf-8"):
            summary += " " + _("The text is read as {encoding}.").format(
                encoding=self.report.encoding
            )
        self.summary = QLabel(summary, self)
        self.summary.setWordWrap(True)
        self.table = QTableView(self)
        self.model = RowsTableModel(
            [_("Row"), _("Column"), _("Severity"), _("Message")],
            [(p.row, p.column, severity_label(p.severity), p.message) for p in validation.problems],
            [p.severity == "error" for p in validation.problems],
            self,
        )
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.setAccessibleName(_("Validation report"))
        self.table.setVisible(bool(validation.problems))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(
            _("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(self.report.ok and valid > 0)
        self.buttons.accepted.connect(self._import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)

    def _import(self) -> None:
        report = import_candidatures(
            self.store, self.path, self.slug, dry_run=False, encoding=self.encoding
        )
        if not report.ok:
            QMessageBox.warning(
                self,
                _("Import refused"),
                _("The file changed or the database did; nothing was written."),
            )
            self.reject()
            return
        self.imported = report.written
        self.accept()
