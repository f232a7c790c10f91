"""Jury › Held and conflicting scores…: what offline jurors' returns could not apply on their
own, both sides side by side. A conflict: keep the secretariat's value or take the juror's.
After a decision (held): accept (the decision is marked for review) or dismiss."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jurydesk.audit.chain import secretariat_actor
from jurydesk.i18n import _
from jurydesk.packs.archive import PackError
from jurydesk.packs.pending import (
    CONFLICT,
    PendingItem,
    list_pending,
    pending_cells,
    pending_headers,
    resolve_pending,
)
from jurydesk.store import Store, StoreError
from jurydesk.ui.widgets import message_label


class PendingDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.items: list[PendingItem] = []
        self.setWindowTitle(_("Held and conflicting scores"))
        self.resize(1100, 520)
        self.table = QTableWidget(0, 7, self)
        self.table.setHorizontalHeaderLabels(pending_headers())
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setAccessibleName(_("Held and conflicting scores"))
        self.table.itemSelectionChanged.connect(self._enable)
        self.buttons = {
            "ours": QPushButton(_("Keep the &secretariat's"), self),
            "theirs": QPushButton(_("Take the &juror's"), self),
            "accept": QPushButton(_("&Accept (review the decision)"), self),
            "dismiss": QPushButton(_("&Dismiss"), self),
        }
        row = QHBoxLayout()
        for action, button in self.buttons.items():
            button.clicked.connect(lambda _checked=False, a=action: self.resolve(a))
            row.addWidget(button)
        row.addStretch(1)
        close = QPushButton(_("Close"), self)
        close.clicked.connect(self.accept)
        row.addWidget(close)
        self.message = message_label(self, _("Message"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                _(
                    "A conflict: the secretariat and the juror both changed the same score. "
                    "After the decision: the juror's change came in after the round was decided; "
                    "accepting it marks the decision for review."
                ),
                self,
            )
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        with self.store.reader() as session:
            self.items = list_pending(session)
        self.table.setRowCount(len(self.items))
        for r, i in enumerate(self.items):
            for c, text in enumerate(pending_cells(i)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        if self.items:
            self.table.selectRow(0)
        self._enable()

    def current(self) -> PendingItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows else None

    def _enable(self) -> None:
        item = self.current()
        for action, button in self.buttons.items():
            conflict = action in ("ours", "theirs")
            button.setEnabled(item is not None and (item.kind == CONFLICT) == conflict)

    def resolve(self, action: str) -> bool:
        item = self.current()
        if item is None:
            return False
        try:
            with self.store.session() as session:
                resolve_pending(session, secretariat_actor(), item.id, action)
        except (PackError, StoreError) as exc:
            self.message.setText("✕ " + str(exc))
            return False
        self.message.setText("✓ " + _("Resolved."))
        self.reload()
        return True
