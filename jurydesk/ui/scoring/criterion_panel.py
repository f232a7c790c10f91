"""One criterion of the rubric: its label, guidance and scale, the score field and the
motivation. A score field selects its content when it gets focus or a click, so a digit
replaces it; Esc puts the stored value back; a value off the scale is marked until corrected."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent, QRegularExpressionValidator
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
    """One score: digits only (and ',5' where half points are allowed); Enter moves on, Esc
    restores the stored value (``stored``), a digit typed over a value off the scale replaces it."""

    next_requested = Signal()
    restore_requested = Signal()

    def __init__(self, criterion: Criterion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.criterion = criterion
        self.stored = ""  # the text of the value in the database
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

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click selects the whole score (as Tab does), so the next digit replaces it;
        Shift+click still places the cursor."""
        super().mousePressEvent(event)
        if not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.selectAll()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if not event.modifiers() & Qt.KeyboardModifier.ShiftModifier and not self.hasSelectedText():
            self.selectAll()

    def is_valid(self) -> bool:
        try:
            parse_value(self.criterion, self.text())
        except ScoringError:
            return False
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text() != self.stored:
            emit(self.restore_requested)
            return
        if event.text().isdigit() and not self.hasSelectedText() and not self.is_valid():
            self.selectAll()  # '11' off a 1-5 scale, then '5': the field reads 5, not 115
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

    def mark_unsaved(self, reason: str | None) -> None:
        """A value that is not stored (off the scale): a red field and the reason, until it is
        corrected or undone (Esc)."""
        self.score.setProperty("unsaved", reason is not None)
        self.score.setStyleSheet(
            "" if reason is None else "border:2px solid #a4260b; background:#fde7e4"
        )
        self.score.setToolTip(
            "" if reason is None else _("Not saved: {reason}").format(reason=reason)
        )

    def show_meaning(self, text: str) -> None:
        value = None
        try:
            value = parse_value(self.criterion, text)
        except ScoringError as exc:
            self.meaning.setText(f"<span style='color:#a4260b'>{exc}</span>")
            return
        self.meaning.setText("" if value is None else f"<b>{self.criterion.label_for(value)}</b>")
