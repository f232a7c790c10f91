"""The candidature table: a model over plain rows and a proxy that filters as you type."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from jurydesk.candidatures.rules import normalise, search_key
from jurydesk.candidatures.service import CandidatureRow
from jurydesk.decisions.service import outcome_label
from jurydesk.i18n import _
from jurydesk.labels import flag_label, flag_short, status_label
from jurydesk.timeutil import to_brussels
from jurydesk.ui.emit import emit

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class CandidatureTableModel(QAbstractTableModel):
    COLUMNS = (
        "id",
        "organisation",
        "flags",
        "state",
        "progress",
        "received_at",
        "contact",
        "title",
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[CandidatureRow] = []
        self._search: list[str] = []
        self._states: dict[int, str] = {}
        self._progress: dict[int, str] = {}
        self._headers = [
            _("No."),
            _("Organisation"),
            _("Flags"),
            _("State"),
            _("My progress"),
            _("Received at"),
            _("Contact person"),
            _("Title"),
        ]

    def set_rows(self, rows: list[CandidatureRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._search = [search_key(f"{r.organisation} {r.title} {r.contact}") for r in rows]
        self.endResetModel()

    def set_progress(self, states: dict[int, str] | None, progress: dict[int, str]) -> None:
        """Where each candidature stands (None: unchanged), and the juror's own progress."""
        if states is not None:
            self._states = dict(states)
        self._progress = dict(progress)
        if self._rows:
            first = self.COLUMNS.index("state")
            emit(
                self.dataChanged,
                self.index(0, first),
                self.index(len(self._rows) - 1, first + 1),
            )

    def sort_key(self, row: CandidatureRow, column: str) -> Any:
        if column == "received_at":
            return row.received_at.timestamp()
        if column == "id":
            return row.id
        return normalise(str(self._display(row, column)))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows themselves, once: the proxy then only filters, which keeps every
        keystroke of the search cheap (no re-sorting of rows that reappear)."""
        if not 0 <= column < len(self.COLUMNS):
            return
        name = self.COLUMNS[column]
        emit(self.layoutAboutToBeChanged)
        before = self.persistentIndexList()
        ids = [self._rows[i.row()].id for i in before]
        keyed = sorted(
            zip(self._rows, self._search, strict=True),
            key=lambda pair: (self.sort_key(pair[0], name), pair[0].id),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self._rows = [r for r, _s in keyed]
        self._search = [t for _r, t in keyed]
        where = {r.id: n for n, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            before, [self.index(where[i], old.column()) for i, old in zip(ids, before, strict=True)]
        )
        emit(self.layoutChanged)

    def row_at(self, row: int) -> CandidatureRow:
        return self._rows[row]

    def search_text(self, row: int) -> str:
        return self._search[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self.sort_key(row, column)
        if role == ROW_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole and column == "flags" and row.flags:
            return "\n".join(flag_label(f) for f in row.flags)
        if role == Qt.ItemDataRole.ForegroundRole and column == "flags" and row.flags:
            return QColor("#a4260b")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "id":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: CandidatureRow, column: str) -> Any:
        if column == "received_at":
            return f"{to_brussels(row.received_at):%d/%m/%Y %H:%M}"
        if column == "flags":
            return ", ".join(flag_short(f) for f in row.flags)
        if column == "state":
            state = self._states.get(row.id)
            return outcome_label(state) if state else status_label(row.status)
        if column == "progress":
            return self._progress.get(row.id, "")
        return getattr(row, column)


class CandidatureFilterProxy(QSortFilterProxyModel):
    """Filters on organisation, title and contact with one precomputed text per row."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._terms: list[str] = []
        self._in_documents: frozenset[int] = frozenset()
        self.setSortRole(SORT_ROLE)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting happens in the source model; the proxy keeps its order and only filters."""
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)

    def set_search(self, text: str, in_documents: frozenset[int] = frozenset()) -> None:
        """Rows whose fields hold every term, or whose documents matched (``in_documents``)."""
        terms = search_key(text).split()
        if terms == self._terms and in_documents == self._in_documents:
            return
        self.beginFilterChange()
        self._terms = terms
        self._in_documents = in_documents
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._terms:
            return True
        model = self.sourceModel()
        assert isinstance(model, CandidatureTableModel)
        haystack = model.search_text(source_row)
        if all(term in haystack for term in self._terms):
            return True
        return model.row_at(source_row).id in self._in_documents
