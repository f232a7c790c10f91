"""The Rebuttals tab: every window of the region, intake of a weerwoord and its outcome."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jurydesk.audit.chain import secretariat_actor
from jurydesk.decisions.service import outcome_label
from jurydesk.errors import ScoringError
from jurydesk.i18n import _
from jurydesk.rebuttals.service import (
    REJECTED,
    UPHELD,
    RebuttalWindow,
    reassess,
    reassessment_label,
    rebuttal_windows,
    record_rebuttal,
)
from jurydesk.store import Store
from jurydesk.timeutil import BRUSSELS
from jurydesk.ui.progress import show_error
from jurydesk.ui.region_tab import RegionTab
from jurydesk.ui.rows_model import RowsTableModel


def _when(moment: object) -> str:
    return moment.strftime("%d/%m/%Y %H:%M") if moment else ""  # type: ignore[attr-defined]


class RecordDialog(QDialog):
    def __init__(self, window: RebuttalWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Record a rebuttal"))
        form = QFormLayout(self)
        form.addRow(
            QLabel(
                f"<b>{window.organisation}</b> — "
                + _("open until {date} at 24:00").format(date=window.last_day.strftime("%d/%m/%Y")),
                self,
            )
        )
        self.received = QDateTimeEdit(QDateTime.currentDateTime(), self)
        self.received.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.received.setCalendarPopup(True)
        form.addRow(_("&Received on:"), self.received)
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText(_("The text of the rebuttal, or choose the received file"))
        form.addRow(_("&Text:"), self.text)
        row = QHBoxLayout()
        self.file = QLineEdit(self)
        browse = QPushButton(_("&Browse…"), self)
        browse.clicked.connect(self._browse)
        row.addWidget(self.file)
        row.addWidget(browse)
        form.addRow(_("&File:"), row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("The received file"), str(Path.home()))
        if name:
            self.file.setText(name)

    def moment(self):  # type: ignore[no-untyped-def]
        return self.received.dateTime().toPython().replace(tzinfo=BRUSSELS)


class ReassessDialog(QDialog):
    def __init__(self, window: RebuttalWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Re-assess a rebuttal"))
        form = QFormLayout(self)
        form.addRow(QLabel(f"<b>{window.organisation}</b> — {outcome_label(window.outcome)}", self))
        self.outcome = QComboBox(self)
        self.outcome.addItem(_("Rejected: the decision stands"), REJECTED)
        self.outcome.addItem(_("Upheld: the decision is revised"), UPHELD)
        form.addRow(_("&Outcome:"), self.outcome)
        self.motivation = QPlainTextEdit(self)
        form.addRow(_("&Motivation:"), self.motivation)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class RebuttalsView(RegionTab):
    HEADERS = (
        "No.",
        "Organisation",
        "Round",
        "Decision",
        "Communicated on",
        "Last day",
        "Received on",
        "Re-assessment",
    )

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.windows: list[RebuttalWindow] = []
        self.table = QTableView(self)
        self.table.setAccessibleName(_("Weerwoord windows"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.summary = QLabel(self)
        self.record_button = QPushButton(_("&Record rebuttal…"), self)
        self.record_button.clicked.connect(self.record)
        self.reassess_button = QPushButton(_("Re-&assess…"), self)
        self.reassess_button.clicked.connect(self.reassess)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.reassess_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 3)
        self.detail = QPlainTextEdit(self)
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName(_("The selected rebuttal"))
        layout.addWidget(self.detail, 1)

    def show_region(self, slug: str) -> None:
        self.slug = slug
        with self.store.reader() as session:
            self.windows = rebuttal_windows(session, slug)
        rows = [
            [
                w.candidature,
                w.organisation,
                w.round,
                outcome_label(w.outcome),
                w.communicated.strftime("%d/%m/%Y"),
                w.last_day.strftime("%d/%m/%Y") + " 24:00",
                _when(w.received_at) + (f" ({_('late')})" if w.late else ""),
                reassessment_label(w.reassessment),
            ]
            for w in self.windows
        ]
        model = RowsTableModel(
            [_(h) for h in self.HEADERS], rows, [bool(w.late) for w in self.windows], self.table
        )
        self.table.setModel(model)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        received = sum(w.received_at is not None for w in self.windows)
        self.summary.setText(
            _("{windows} windows, {received} rebuttals received").format(
                windows=len(self.windows), received=received
            )
        )
        self._selection_changed()

    def selected(self) -> RebuttalWindow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.model() else []
        return self.windows[rows[0].row()] if rows else None

    def select_candidature(self, candidature: int) -> None:
        for index, w in enumerate(self.windows):
            if w.candidature == candidature:
                self.table.selectRow(index)

    def _selection_changed(self, *_args: object) -> None:
        w = self.selected()
        self.record_button.setEnabled(w is not None and w.received_at is None)
        self.reassess_button.setEnabled(w is not None and w.received_at is not None)
        self.detail.setPlainText(self._describe(w) if w else "")

    @staticmethod
    def _describe(w: RebuttalWindow) -> str:
        lines = [f"{w.organisation} — {_('rule')}: {w.rule_text}"]
        if w.warning:
            lines.append("⚠ " + w.warning)
        if w.received_at is None:
            lines.append(_("No rebuttal received."))
        else:
            lines.append(
                _("Received on {when}").format(when=_when(w.received_at))
                + (f" ({_('late')})" if w.late else "")
            )
            if w.file:
                lines.append(_("File: {file}").format(file=w.file))
            if w.text:
                lines += ["", w.text]
        if w.reassessment:
            lines += [
                "",
                _("Re-assessment: {outcome}").format(outcome=reassessment_label(w.reassessment)),
                w.reassessment_motivation,
            ]
        return "\n".join(lines)

    def record(self) -> None:
        w = self.selected()
        if w is None:
            return
        dialog = RecordDialog(w, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.save_rebuttal(w, dialog.moment(), dialog.text.toPlainText(), dialog.file.text())

    def save_rebuttal(self, w: RebuttalWindow, when, text: str, file: str) -> bool:  # type: ignore[no-untyped-def]
        try:
            with self.store.session() as session:
                record_rebuttal(
                    session, secretariat_actor(), w.candidature, w.round, when, text, file
                )
        except ScoringError as exc:
            show_error(self, _("Record a rebuttal"), exc)
            return False
        self._refresh(w.candidature)
        return True

    def reassess(self) -> None:
        w = self.selected()
        if w is None:
            return
        dialog = ReassessDialog(w, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.save_reassessment(w, dialog.outcome.currentData(), dialog.motivation.toPlainText())

    def save_reassessment(self, w: RebuttalWindow, outcome: str, motivation: str) -> bool:
        try:
            with self.store.session() as session:
                reassess(session, secretariat_actor(), w.candidature, w.round, outcome, motivation)
        except ScoringError as exc:
            show_error(self, _("Re-assess a rebuttal"), exc)
            return False
        self._refresh(w.candidature)
        return True

    def _refresh(self, candidature: int) -> None:
        if self.slug:
            self.show_region(self.slug)
            self.select_candidature(candidature)


__all__ = ["RebuttalsView"]
