"""The ranking of one region and round as a table model, with a painted juror-totals chart."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from jurydesk.decisions.service import outcome_label
from jurydesk.i18n import _, format_number
from jurydesk.labels import method_label
from jurydesk.results.ranking import METHODS, CandidatureResult, RoundResults

Index = QModelIndex | QPersistentModelIndex
TOTALS_ROLE = Qt.ItemDataRole.UserRole + 1
CHOSEN = QColor("#e3edf7")
DISAGREE = QColor("#a4260b")


class ResultsTableModel(QAbstractTableModel):
    FIXED = ("Rank", "No.", "Organisation")
    TAIL = ("Spread (sd)", "Knock-out", "Missing", "Jurors' totals", "Proposed", "Decision")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.results: RoundResults | None = None
        self.rows: list[CandidatureResult] = []

    def set_results(self, results: RoundResults) -> None:
        self.beginResetModel()
        self.results = results
        self.rows = list(results.results)
        self.endResetModel()

    @property
    def headers(self) -> list[str]:
        return [
            _("Rank"),
            _("No."),
            _("Organisation"),
            *[method_label(m) for m in METHODS],
            _("Spread (sd)"),
            _("Knock-out"),
            _("Missing"),
            _("Jurors' totals"),
            _("Proposed"),
            _("Decision"),
        ]

    def method_column(self, method: str) -> int:
        return len(self.FIXED) + list(METHODS).index(method)

    @property
    def numeric_columns(self) -> set[int]:
        n = len(self.FIXED)
        return {0, 1, *range(n, n + len(METHODS) + 1), n + len(METHODS) + 2}

    @property
    def chart_column(self) -> int:
        return len(self.FIXED) + len(METHODS) + self.TAIL.index("Jurors' totals")

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if (
            role == Qt.ItemDataRole.FontRole
            and self.results is not None
            and section == self.method_column(self.results.method)
        ):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _display(self, r: CandidatureResult, column: int) -> str:
        n = len(self.FIXED)
        if column == 0:
            return "" if r.rank is None else str(r.rank)
        if column == 1:
            return str(r.candidature)
        if column == 2:
            return r.organisation
        if n <= column < n + len(METHODS):
            value = r.score(list(METHODS)[column - n])
            return "—" if value is None else format_number(value)
        tail = self.TAIL[column - n - len(METHODS)]
        if tail == "Spread (sd)":
            mark = " ⚠" if r.disagreement else ""
            return f"{format_number(r.stdev)}{mark}"
        if tail == "Knock-out":
            return "; ".join(r.knockout)
        if tail == "Missing":
            return str(len(r.missing)) if r.missing else ""
        if tail == "Jurors' totals":
            return " ".join(format_number(v, 0) for v in r.juror_totals.values())
        if tail == "Proposed":
            return outcome_label(r.proposed)
        return outcome_label(r.decision) if r.decision else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r, column = self.rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(r, column)
        if role == TOTALS_ROLE:
            return list(r.juror_totals.values())
        if (
            role == Qt.ItemDataRole.BackgroundRole
            and self.results is not None
            and column == self.method_column(self.results.method)
        ):
            return QBrush(CHOSEN)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and r.disagreement
            and column == self.method_column("mean") + len(METHODS)
        ):
            return QBrush(DISAGREE)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.numeric_columns:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class TotalsDelegate(QStyledItemDelegate):
    """Each juror's total as a dot on a 0-100 line: spread is visible at a glance."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        totals = index.data(TOTALS_ROLE) or []
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        rect = QRectF(option.rect).adjusted(6, 4, -6, -4)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        y = rect.center().y()
        painter.setPen(QPen(QColor("#999999"), 1))
        painter.drawLine(rect.left(), y, rect.right(), y)
        for tick in (0, 50, 100):
            x = rect.left() + rect.width() * tick / 100
            painter.drawLine(x, y - 3, x, y + 3)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#1f4e79"))
        for value in totals:
            x = rect.left() + rect.width() * max(0.0, min(100.0, value)) / 100
            painter.drawEllipse(QRectF(x - 3.5, y - 3.5, 7, 7))
        painter.restore()
