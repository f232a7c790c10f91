"""The jury-quality charts, painted natively (QPainter): agreement bars per criterion, a dot
plot of the jurors' leniency, the rank intervals as a forest plot with the funding line.

Each chart takes plain data (from ``results.quality``) and paints it; sizes follow the font, so
they read the same at every scale. Colours carry no meaning alone: values are written beside."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from jurydesk.i18n import _, format_number

GOOD, FAIR, WEAK = QColor("#2e7d32"), QColor("#c77c02"), QColor("#a4260b")
INK, GRID, BAND = QColor("#1f4e79"), QColor("#b0b0b0"), QColor("#fff1d6")


class _Chart(QWidget):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.rows = 0

    @property
    def line(self) -> int:
        return QFontMetrics(self.font()).lineSpacing() + 6

    def sizeHint(self) -> QSize:
        return QSize(520, self.line * (self.rows + 2))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def _resize(self, rows: int) -> None:
        self.rows = rows
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def _label_width(self, labels: Sequence[str]) -> float:
        metrics = QFontMetrics(self.font())
        widest = max((metrics.horizontalAdvance(t) for t in labels), default=0)
        return min(float(widest + 12), self.width() * 0.5)

    def _text(self, painter: QPainter, rect: QRectF, text: str, align: Qt.AlignmentFlag) -> None:
        metrics = QFontMetrics(self.font())
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width()))
        painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), shown)


def alpha_colour(alpha: float | None) -> QColor:
    if alpha is None:
        return GRID
    return GOOD if alpha >= 0.8 else FAIR if alpha >= 0.667 else WEAK


class AlphaChart(_Chart):
    """Krippendorff's alpha per criterion (and the weighted total) as bars on -0.2 .. 1."""

    LOW = -0.2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Agreement per criterion"), parent)
        self.items: list[tuple[str, float | None]] = []

    def set_items(self, items: Sequence[tuple[str, float | None]]) -> None:
        self.items = list(items)
        self._resize(len(self.items))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        label_w = self._label_width([t for t, _a in self.items])
        value_w = 48.0
        left, right = label_w, self.width() - value_w - 8
        line = self.line

        def x(value: float) -> float:
            value = max(self.LOW, min(1.0, value))
            return left + (right - left) * (value - self.LOW) / (1.0 - self.LOW)

        top, bottom = line * 0.5, line * (len(self.items) + 0.5)
        for guide, text in ((0.0, "0"), (0.667, "0,667"), (0.8, "0,8"), (1.0, "1")):
            painter.setPen(QPen(GRID, 1, Qt.PenStyle.DashLine if guide else Qt.PenStyle.SolidLine))
            painter.drawLine(QPointF(x(guide), top), QPointF(x(guide), bottom))
            painter.setPen(self.palette().text().color())
            self._text(
                painter,
                QRectF(x(guide) - 30, bottom, 60, line),
                text,
                Qt.AlignmentFlag.AlignHCenter,
            )
        for row, (label, alpha) in enumerate(self.items):
            y = line * (row + 0.5)
            painter.setPen(self.palette().text().color())
            self._text(painter, QRectF(0, y, label_w - 6, line), label, Qt.AlignmentFlag.AlignRight)
            if alpha is not None:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(alpha_colour(alpha))
                start, end = sorted((x(0.0), x(alpha)))
                painter.drawRect(QRectF(start, y + line * 0.2, max(end - start, 1.5), line * 0.6))
            painter.setPen(self.palette().text().color())
            self._text(
                painter,
                QRectF(right + 6, y, value_w, line),
                "—" if alpha is None else format_number(alpha, 2),
                Qt.AlignmentFlag.AlignLeft,
            )
        painter.end()


@dataclass(frozen=True)
class JurorDot:
    name: str
    leniency: float | None
    note: str  # spread and halo, written beside
    flagged: bool


class LeniencyPlot(_Chart):
    """One row per juror: their leniency as a dot on -30 .. +30 points, 0 and +/-10 marked."""

    SPAN = 30.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Leniency per juror"), parent)
        self.dots: list[JurorDot] = []

    def set_dots(self, dots: Sequence[JurorDot]) -> None:
        self.dots = list(dots)
        self._resize(len(self.dots))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        line = self.line
        label_w = self._label_width([d.name for d in self.dots])
        note_w = min(240.0, self.width() * 0.3)
        left, right = label_w, self.width() - note_w - 8
        top, bottom = line * 0.5, line * (len(self.dots) + 0.5)

        def x(value: float) -> float:
            value = max(-self.SPAN, min(self.SPAN, value))
            return left + (right - left) * (value + self.SPAN) / (2 * self.SPAN)

        painter.fillRect(QRectF(x(-10), top, x(10) - x(-10), bottom - top), QColor("#eef3f8"))
        for guide in (-30, -20, -10, 0, 10, 20, 30):
            style = Qt.PenStyle.SolidLine if guide == 0 else Qt.PenStyle.DotLine
            painter.setPen(QPen(GRID, 1, style))
            painter.drawLine(QPointF(x(guide), top), QPointF(x(guide), bottom))
            painter.setPen(self.palette().text().color())
            text = f"{guide:+d}" if guide else "0"
            self._text(
                painter,
                QRectF(x(guide) - 20, bottom, 40, line),
                text,
                Qt.AlignmentFlag.AlignHCenter,
            )
        for row, dot in enumerate(self.dots):
            y = line * (row + 0.5)
            painter.setPen(self.palette().text().color())
            self._text(
                painter, QRectF(0, y, label_w - 6, line), dot.name, Qt.AlignmentFlag.AlignRight
            )
            self._text(
                painter, QRectF(right + 8, y, note_w, line), dot.note, Qt.AlignmentFlag.AlignLeft
            )
            if dot.leniency is None:
                continue
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(WEAK if dot.flagged else INK)
            centre = QPointF(x(dot.leniency), y + line / 2)
            painter.drawEllipse(centre, 5, 5)
        painter.end()


@dataclass(frozen=True)
class Interval:
    label: str
    rank: int
    low: int
    high: int
    at_line: bool
    out: bool  # knocked out or below a threshold


class ForestPlot(_Chart):
    """Each ranked candidature's rank interval (5th-95th percentile) on the rank axis, the
    published rank as a dot, and the funding line between places K and K + 1."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Rank intervals"), parent)
        self.rows_: list[Interval] = []
        self.places = 0

    def set_intervals(self, rows: Sequence[Interval], places: int) -> None:
        self.rows_, self.places = list(rows), places
        self._resize(len(self.rows_))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        line = self.line
        n = max(len(self.rows_), 1)
        label_w = self._label_width([r.label for r in self.rows_])
        left, right = label_w, self.width() - 12
        top, bottom = line * 0.5, line * (len(self.rows_) + 0.5)

        def x(rank: float) -> float:
            return left + (right - left) * (rank - 0.5) / n

        for row, r in enumerate(self.rows_):
            if r.at_line:
                painter.fillRect(QRectF(0, line * (row + 0.5), self.width(), line), BAND)
        for rank in range(1, n + 1):
            if rank == 1 or rank % 5 == 0 or rank == n:
                painter.setPen(QPen(GRID, 1, Qt.PenStyle.DotLine))
                painter.drawLine(QPointF(x(rank), top), QPointF(x(rank), bottom))
                painter.setPen(self.palette().text().color())
                self._text(
                    painter,
                    QRectF(x(rank) - 15, bottom, 30, line),
                    str(rank),
                    Qt.AlignmentFlag.AlignHCenter,
                )
        for row, r in enumerate(self.rows_):
            y = line * (row + 1)
            painter.setPen(self.palette().text().color())
            self._text(
                painter,
                QRectF(0, y - line / 2, label_w - 6, line),
                r.label,
                Qt.AlignmentFlag.AlignRight,
            )
            colour = GRID if r.out else (FAIR if r.at_line else INK)
            painter.setPen(QPen(colour, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawLine(QPointF(x(r.low), y), QPointF(x(r.high), y))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour.darker(130))
            painter.drawEllipse(QPointF(x(r.rank), y), 4.5, 4.5)
        if 0 < self.places < len(self.rows_):
            painter.setPen(QPen(WEAK, 2, Qt.PenStyle.DashLine))
            at = x(self.places + 0.5)
            painter.drawLine(QPointF(at, top - line * 0.3), QPointF(at, bottom))
        painter.end()
