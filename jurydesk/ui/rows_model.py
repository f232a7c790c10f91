"""A read-only table model over plain rows of text (reports, small lists)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

Index = QModelIndex | QPersistentModelIndex


class RowsTableModel(QAbstractTableModel):
    def __init__(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[object]],
        highlight: Sequence[bool] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows = [["" if v is None else str(v) for v in row] for row in rows]
        self._highlight = list(highlight or [False] * len(self._rows))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and self._highlight[index.row()]:
            return QColor("#a4260b")
        return None
