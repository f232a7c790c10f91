"""Jury › Held and conflicting scores…: what offline jurors' returns could not apply on their
own, both sides side by side. A conflict: keep the secretariat's value or take the juror's.
After a decision (held): accept (the decision is marked for review) or dismiss. Many at once:
select rows (Ctrl+A, Shift/Ctrl+click, or a candidature's or a return's rows) and accept or
reject them all, with the reason asked once."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jurydesk.audit.chain import secretariat_actor
from jurydesk.i18n import _, ngettext
from jurydesk.packs.archive import PackError
from jurydesk.packs.pending import (
    CONFLICT,
    PendingItem,
    list_pending,
    pending_cells,
    pending_headers,
    resolve_many,
    resolve_pending,
)
from jurydesk.store import Store, StoreError
from jurydesk.ui.progress import sentence
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
        self.table.setSelectionMode(QTableWidget.SelectionMode.ExtendedSelection)
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
        many = QHBoxLayout()
        self.many = {
            "candidature": QPushButton(_("Select this &candidature's"), self),
            "return": QPushButton(_("Select this &return's"), self),
            "accept_all": QPushButton(_("Accept &all selected…"), self),
            "reject_all": QPushButton(_("&Reject all selected…"), self),
        }
        self.many["candidature"].clicked.connect(lambda: self.select_like("candidature"))
        self.many["return"].clicked.connect(lambda: self.select_like("source"))
        self.many["accept_all"].clicked.connect(lambda: self.ask_reason(accept=True))
        self.many["reject_all"].clicked.connect(lambda: self.ask_reason(accept=False))
        for button in self.many.values():
            many.addWidget(button)
        many.addStretch(1)
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
        layout.addLayout(many)
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
        header = self.table.horizontalHeader()
        for column in range(self.table.columnCount()):  # never narrower than the header
            width = header.fontMetrics().horizontalAdvance(pending_headers()[column]) + 24
            self.table.setColumnWidth(column, max(self.table.columnWidth(column), width))
        header.setStretchLastSection(True)
        if self.items:
            self.table.selectRow(0)
        self._enable()

    def current(self) -> PendingItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if len(rows) == 1 else None

    def selected(self) -> list[PendingItem]:
        return [self.items[i.row()] for i in self.table.selectionModel().selectedRows()]

    def _enable(self) -> None:
        item = self.current()
        for action, button in self.buttons.items():
            conflict = action in ("ours", "theirs")
            button.setEnabled(item is not None and (item.kind == CONFLICT) == conflict)
        chosen = self.selected()
        for button in self.many.values():
            button.setEnabled(bool(chosen))

    def select_like(self, field: str) -> int:
        """Select every row of the current row's candidature (or return file)."""
        row = self.table.currentRow()
        if not 0 <= row < len(self.items):
            return 0
        wanted = getattr(self.items[row], field)
        self.table.clearSelection()
        mode = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row, item in enumerate(self.items):
            if getattr(item, field) == wanted:
                self.table.selectionModel().select(self.table.model().index(row, 0), mode)
        return len(self.selected())

    def ask_reason(self, accept: bool) -> QInputDialog:
        """The reason, once for all selected rows; then they are resolved together."""
        count = len(self.selected())
        dialog = QInputDialog(self)
        dialog.setWindowTitle(_("Accept all selected") if accept else _("Reject all selected"))
        dialog.setLabelText(
            ngettext(
                "Why is this score accepted (the juror's value)?",
                "Why are these {n} scores accepted (the juror's values)?",
                count,
            ).format(n=count)
            if accept
            else ngettext(
                "Why is this score rejected (the secretariat's value stays)?",
                "Why are these {n} scores rejected (the secretariat's values stay)?",
                count,
            ).format(n=count)
        )
        dialog.textValueSelected.connect(lambda text: self.resolve_selected(accept, text))
        dialog.open()
        self.reason_dialog = dialog
        return dialog

    def resolve_selected(self, accept: bool, reason: str) -> bool:
        chosen = self.selected()
        if not chosen:
            return False
        if not reason.strip():
            self.message.setText("✕ " + _("Give the reason."))
            return False
        try:
            with self.store.session() as session:
                done = resolve_many(
                    session, secretariat_actor(), [i.id for i in chosen], accept, reason.strip()
                )
        except (PackError, StoreError) as exc:
            self.message.setText("✕ " + sentence(str(exc)))
            return False
        self.message.setText(
            "✓ " + ngettext("{n} score resolved.", "{n} scores resolved.", done).format(n=done)
        )
        self.reload()
        return True

    def resolve(self, action: str) -> bool:
        item = self.current()
        if item is None:
            return False
        try:
            with self.store.session() as session:
                resolve_pending(session, secretariat_actor(), item.id, action)
        except (PackError, StoreError) as exc:
            self.message.setText("✕ " + sentence(str(exc)))
            return False
        self.message.setText("✓ " + _("Resolved."))
        self.reload()
        return True
