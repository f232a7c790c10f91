"""One criterion of the rubric: its label, guidance and scale, the score field and the
motivation. A score field selects its content when it gets focus, so a digit replaces it."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from jurydesk.errors import ScoringError
from jurydesk.i18n import _
from jurydesk.scoring.rubric import Criterion
from jurydesk.scoring.scores import parse_value
from jurydesk.ui.emit import emit


def fmt_score(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


class ScoreEdit(QLineEdit):
    """One score: digits only (and ',5' where half points are allowed); Enter moves on."""

    next_requested = Signal()

    def __init__(self, criterion: Criterion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        pattern = r"^\d{1,2}([.,]5?)?$" if criterion.half_points else r"^\d{1,2}$"
        self.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), self))
        self.setMaxLength(4)
        self.setFixedWidth(56)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.setFont(font)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        QTimer.singleShot(0, self.selectAll)  # after the click has placed the cursor

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            emit(self.next_requested)
            return
        super().keyPressEvent(event)


class CriterionPanel(QFrame):
    def __init__(self, index: int, criterion: Criterion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.criterion = criterion
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        title = QLabel(
            f"<b>{index}. {criterion.label}</b> "
            f"<span style='color:#555'>(× {criterion.weight:g})</span>",
            self,
        )
        title.setWordWrap(True)
        layout.addWidget(title)
        if criterion.guidance:
            guidance = QLabel(criterion.guidance, self)
            guidance.setWordWrap(True)
            guidance.setStyleSheet("color:#444")
            layout.addWidget(guidance)
        scale = QLabel(" · ".join(f"{k} {v}" for k, v in sorted(criterion.labels.items())), self)
        scale.setWordWrap(True)
        scale.setStyleSheet("color:#1f4e79")
        layout.addWidget(scale)
        row = QHBoxLayout()
        self.score = ScoreEdit(criterion, self)
        self.score.setAccessibleName(_("Score for {criterion}").format(criterion=criterion.label))
        self.meaning = QLabel(self)
        self.meaning.setMinimumWidth(160)
        self.meaning.setWordWrap(True)
        row.addWidget(
            QLabel(_("Score ({low}–{high}):").format(low=criterion.min, high=criterion.max), self)
        )
        row.addWidget(self.score)
        row.addWidget(self.meaning, 1)
        layout.addLayout(row)
        self.motivation = QPlainTextEdit(self)
        self.motivation.setTabChangesFocus(True)
        self.motivation.setPlaceholderText(_("Motivation for this criterion"))
        self.motivation.setAccessibleName(
            _("Motivation for {criterion}").format(criterion=criterion.label)
        )
        self.motivation.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        layout.addWidget(self.motivation)

    def show_meaning(self, text: str) -> None:
        value = None
        try:
            value = parse_value(self.criterion, text)
        except ScoringError as exc:
            self.meaning.setText(f"<span style='color:#a4260b'>{exc}</span>")
            return
        self.meaning.setText("" if value is None else f"<b>{self.criterion.label_for(value)}</b>")
