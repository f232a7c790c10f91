"""Jury › Voortgang: per juror in a round, what is assigned, scored and finalised, the
declaration, and when the pack left and the latest return came back."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jurydesk.i18n import _, format_long_date
from jurydesk.jury.declarations import how_label
from jurydesk.scoring.progress import progress
from jurydesk.store import Store
from jurydesk.timeutil import to_brussels

HEADERS = (
    "Juror",
    "Assigned",
    "Scored",
    "Finalised",
    "Declaration",
    "Pack exported",
    "Return received",
)


def _day(moment: object) -> str:
    return format_long_date(to_brussels(moment).date()) if moment else ""  # type: ignore[arg-type]


class ProgressDialog(QDialog):
    def __init__(self, store: Store, slug: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.slug = store, slug
        self.setWindowTitle(_("Progress of the jury"))
        self.resize(900, 420)
        self.round = QComboBox(self)
        self.round.addItem(_("Round 1 (written)"), 1)
        self.round.addItem(_("Round 2 (pitch)"), 2)
        self.round.currentIndexChanged.connect(self.refresh)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(
            [
                _("Juror"),
                _("Assigned"),
                _("Scored"),
                _("Finalised"),
                _("Declaration"),
                _("Pack exported"),
                _("Return received"),
            ]
        )
        self.table.setAccessibleName(_("Progress per juror"))
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Round:"), self))
        top.addWidget(self.round)
        top.addStretch(1)
        self.remind = QPushButton(_("Send reminders…"), self)
        self.remind.setToolTip(_("An e-mail to each juror with open work in this round"))
        self.remind.clicked.connect(self.send_reminders)
        top.addWidget(self.remind)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self, *_args: object) -> None:
        with self.store.reader() as session:
            rows = progress(session, self.slug, int(self.round.currentData()))
        self.table.setRowCount(len(rows))
        for index, r in enumerate(rows):
            declared = (
                f"✓ {_day(r.declaration)} ({how_label(r.declaration_how)})"
                if r.declaration
                else "✕ " + _("not signed")
            )
            cells = [
                r.name,
                str(r.assigned),
                str(r.scored),
                ("✓ " if r.assigned and r.finalised == r.assigned else "") + str(r.finalised),
                declared,
                _day(r.pack_exported),
                _day(r.return_received),
            ]
            for column, text in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def send_reminders(self) -> None:
        from jurydesk.ui.mail.reminder_dialog import ReminderDialog

        ReminderDialog(self.store, self.slug, int(self.round.currentData()), self).exec()
        self.refresh()
