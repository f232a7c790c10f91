"""The ranking of one region and round as a table model, with painted charts: the rank with its
interval (5th-95th percentile) and the funding line, and the juror totals."""

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
INTERVAL_ROLE = Qt.ItemDataRole.UserRole + 2
CHOSEN = QColor("#e3edf7")
AT_LINE = QColor("#fff1d6")
DISAGREE = QColor("#a4260b")


class ResultsTableModel(QAbstractTableModel):
    FIXED = ("Rank", "No.", "Organisation")
    TAIL = ("Spread (sd)", "Knock-out", "Missing", "Jurors' totals", "Proposed", "Decision")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.results: RoundResults | None = None
        self.rows: list[CandidatureResult] = []
        self.places = 0  # proposed in: the funding line runs after this place

    def set_results(self, results: RoundResults, places: int = 0) -> None:
        self.beginResetModel()
        self.results = results
        self.places = places
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
        if not r.juror_totals and tail in ("Spread (sd)", "Proposed"):
            return _("not scored") if tail == "Proposed" else ""  # no proposal without scores
        if tail == "Spread (sd)":
            mark = " ⚠" if r.disagreement else ""
            return f"{format_number(r.stdev)}{mark}"
        if tail == "Knock-out":
            return "; ".join(r.knockout + r.below)
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
        if role == Qt.ItemDataRole.DisplayRole or (
            role == Qt.ItemDataRole.ToolTipRole and (column != 0 or r.rank_low is None)
        ):
            return self._display(r, column)
        if role == TOTALS_ROLE:
            return list(r.juror_totals.values())
        if role == INTERVAL_ROLE:
            ranked = sum(x.rank is not None for x in self.rows)
            return (r.rank, r.rank_low, r.rank_high, ranked, self.places, r.at_funding_line)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0 and r.rank_low is not None:
            return _("Rank {rank}; between {low} and {high} in 90% of 1,000 resamplings").format(
                rank=r.rank, low=r.rank_low, high=r.rank_high
            ) + ("\n" + _("At the funding line") if r.at_funding_line else "")
        if (
            role == Qt.ItemDataRole.BackgroundRole
            and self.results is not None
            and column == self.method_column(self.results.method)
        ):
            return QBrush(CHOSEN)
        if role == Qt.ItemDataRole.BackgroundRole and r.at_funding_line:
            return QBrush(AT_LINE)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and r.below
            and column == len(self.FIXED) + len(METHODS) + self.TAIL.index("Knock-out")
        ):
            return QBrush(DISAGREE)
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


class RankDelegate(QStyledItemDelegate):
    """The rank, and beside it its interval as a bar on the ranking's scale; the funding line
    as a red tick after place K."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        value = index.data(INTERVAL_ROLE)
        if not value or value[0] is None or value[1] is None:
            return
        rank, low, high, n, places, at_line = value
        rect = QRectF(option.rect).adjusted(6, 4, -30, -4)  # the rank is written at the right
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)

        def x(place: float) -> float:
            return rect.left() + rect.width() * (place - 0.5) / max(n, 1)

        y = rect.center().y()
        painter.setPen(QPen(QColor("#cccccc"), 1))
        painter.drawLine(rect.left(), y, rect.right(), y)
        if 0 < places < n:
            painter.setPen(QPen(DISAGREE, 1.5))
            painter.drawLine(x(places + 0.5), rect.top(), x(places + 0.5), rect.bottom())
        colour = QColor("#c77c02") if at_line else QColor("#1f4e79")
        painter.setPen(QPen(colour, 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(x(low), y, x(high), y)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour.darker(140))
        painter.drawEllipse(QRectF(x(rank) - 3, y - 3, 6, 6))
        painter.restore()
