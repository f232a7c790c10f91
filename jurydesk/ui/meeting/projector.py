"""“Nu besproken”: the item under discussion, for the projector. Large type, the jurors'
totals as an anonymised strip (sorted, never a name beside a score), the consensus draft;
→ / Space / Page Down moves on, ← / Page Up back, F11 leaves full screen, Esc closes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from jurydesk.decisions import consensus
from jurydesk.i18n import _, format_number
from jurydesk.results.ranking import compute_results

if TYPE_CHECKING:
    from jurydesk.ui.meeting.meeting_window import MeetingWindow

NEXT = {Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_PageDown, Qt.Key.Key_Down}
BACK = {Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Up}


class ProjectorView(QWidget):
    def __init__(self, meeting: MeetingWindow) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.meeting = meeting
        self.setWindowTitle(_("Now discussed"))
        self.setStyleSheet("background: #10243a; color: #ffffff;")
        self.where = QLabel(self)
        self.title = QLabel(self)
        self.strip = QLabel(self)
        self.body = QLabel(self)
        self.hint = QLabel(_("→ next · ← back · F11 full screen · Esc close"), self)
        for label, size in (
            (self.where, 22),
            (self.title, 44),
            (self.strip, 30),
            (self.body, 22),
            (self.hint, 14),
        ):
            label.setWordWrap(True)
            font = label.font()
            font.setPointSize(size)
            font.setBold(label is self.title)
            label.setFont(font)
        self.strip.setAccessibleName(_("Scores of the jurors, anonymised"))
        self.hint.setStyleSheet("color: #9fb3c8;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 30)
        for label in (self.where, self.title, self.strip):
            layout.addWidget(label)
        layout.addWidget(self.body, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.hint)
        self.position: int | None = None  # the agenda position shown

    def refresh(self) -> None:
        info = self.meeting.info
        if info is None or not info.agenda:
            return
        if self.position is None:
            self.position = info.current or 1
        self.position = min(max(1, self.position), len(info.agenda))
        item = info.agenda[self.position - 1]
        with self.meeting.store.reader() as session:
            results = compute_results(session, info.region, info.round)
            view = consensus.show(session, item.candidature, info.round)
        row = next((r for r in results.results if r.candidature == item.candidature), None)
        self.where.setText(
            _("Now discussed · item {n} of {total}").format(n=self.position, total=len(info.agenda))
        )
        self.title.setText(f"{item.candidature}. {self.meeting.names.get(item.candidature, '')}")
        totals = sorted(row.juror_totals.values(), reverse=True) if row else []
        score = row.final.get(results.method) if row else None
        self.strip.setText(
            "  ".join(f"▮ {format_number(t)}" for t in totals)
            + (f"     Ø {format_number(score)}" if score is not None else "")
            if totals
            else _("No scores yet")
        )
        lines = [
            f"• {line.label}: "
            + (format_number(line.agreed, 2) if line.agreed is not None else "—")
            + (f" — {line.text}" if line.text else "")
            for line in view.lines
        ]
        state = _("approved") if view.approved else _("draft")
        away = ", ".join(x.reason for x in item.leaves)
        self.body.setText(
            _("Consensus ({state})").format(state=state)
            + "\n"
            + "\n".join(lines)
            + (
                ("\n\n" + _("{n} juror(s) left the room for this item.").format(n=len(item.leaves)))
                if away
                else ""
            )
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, now = event.key(), self.position or 1
        if key in NEXT or key in BACK:
            self.position = now + 1 if key in NEXT else now - 1
            self.meeting.go(self.position)  # refreshes this view too
        elif key == Qt.Key.Key_F11:
            self.showNormal() if self.isFullScreen() else self.showFullScreen()
        elif key == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)
