"""One agenda item in the meeting window: the consensus per criterion (score, reason, text),
its approval, the decision with the reasons the guards ask for, and a juror leaving the room."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from jurydesk.audit.chain import secretariat_actor
from jurydesk.decisions import consensus
from jurydesk.decisions.guards import finalised_count, proposed_outcome
from jurydesk.decisions.meetings import MeetingInfo, leave
from jurydesk.decisions.service import decide, outcome_label
from jurydesk.errors import ScoringError
from jurydesk.i18n import _, format_number
from jurydesk.results.ranking import OUTCOMES
from jurydesk.store import Store
from jurydesk.store.models import Decision
from jurydesk.ui.widgets import message_label

CRITERION, AGGREGATE, SCORE, REASON, TEXT = range(5)


def _num(value: float | None) -> str:
    return "" if value is None else format_number(value, 2)


class ItemPanel(QWidget):
    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.meeting: MeetingInfo | None = None
        self.candidature: int | None = None
        self.keys: list[str] = []
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(
            [_("Criterion"), _("Aggregate"), _("Consensus"), _("Reason"), _("Consensus text")]
        )
        self.table.setAccessibleName(_("Consensus per criterion"))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()  # its own columns name the row
        self.consensus_state = message_label(self, _("Consensus state"))
        self.save_consensus = QPushButton(_("Save the &consensus"), self)
        self.save_consensus.clicked.connect(self.store_consensus)
        self.approve_button = QPushButton(_("&Approve the consensus"), self)
        self.approve_button.clicked.connect(self.approve)
        self.outcome = QComboBox(self)
        self.motivation = QLineEdit(self)
        self.deviation = QLineEdit(self)
        self.override = QLineEdit(self)
        self.guard_state = message_label(self, _("Decision guards"))
        self.decide_button = QPushButton(_("&Record the decision"), self)
        self.decide_button.clicked.connect(self.record_decision)
        self.leaver = QComboBox(self)
        self.leave_reason = QLineEdit(self)
        self.leave_button = QPushButton(_("Leaves the &room"), self)
        self.leave_button.clicked.connect(self.record_leave)
        self.message = message_label(self, _("Message"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_consensus)
        buttons.addWidget(self.approve_button)
        buttons.addStretch(1)
        decision = QGroupBox(_("Decision"), self)
        form = QFormLayout(decision)
        form.addRow(_("&Outcome"), self.outcome)
        form.addRow(_("&Motivation"), self.motivation)
        form.addRow(_("Reason to depart from the &proposal"), self.deviation)
        form.addRow(_("Reason to decide with too few &finalised jurors"), self.override)
        form.addRow(self.guard_state)
        form.addRow(self.decide_button)
        room = QHBoxLayout()
        room.addWidget(QLabel(_("Juror:"), self))
        room.addWidget(self.leaver)
        room.addWidget(QLabel(_("Reason:"), self))
        room.addWidget(self.leave_reason, 1)
        room.addWidget(self.leave_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.consensus_state)
        layout.addLayout(buttons)
        layout.addWidget(decision)
        layout.addLayout(room)
        layout.addWidget(self.message)

    def show_item(self, meeting: MeetingInfo, candidature: int, organisation: str) -> None:
        self.meeting, self.candidature = meeting, candidature
        round_ = meeting.round
        with self.store.reader() as session:
            view = consensus.show(session, candidature, round_)
            proposed = proposed_outcome(session, candidature, round_)
            finalised = finalised_count(session, candidature, round_)
            decided = session.scalar(
                select(Decision).where(
                    Decision.candidature_id == candidature, Decision.round == round_
                )
            )
            current = (decided.outcome, decided.motivation) if decided else None
        item = next(i for i in meeting.agenda if i.candidature == candidature)
        away = ", ".join(f"{x.name} ({x.reason})" for x in item.leaves)
        self.heading.setText(
            f"<b>{item.position}. {organisation}</b><br>"
            + _("Lead juror: {name}").format(name=meeting.name(item.lead) or "—")
            + (("<br>" + _("Left the room: {names}").format(names=away)) if away else "")
        )
        self.keys = [line.criterion for line in view.lines]
        self.table.setRowCount(len(view.lines))
        for row, line in enumerate(view.lines):
            cells = [line.label, _num(line.aggregate), _num(line.score), line.reason, line.text]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column in (CRITERION, AGGREGATE):
                    cell.setFlags(cell.flags() & ~cell.flags().ItemIsEditable)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        state = (
            "✓ " + _("approved by {who}").format(who=view.approved_by)
            if view.approved
            else "○ " + _("draft (version {n})").format(n=view.version)
        )
        self.consensus_state.setText(_("Consensus: {state}").format(state=state))
        self.outcome.clear()
        for outcome in OUTCOMES[round_]:
            self.outcome.addItem(outcome_label(outcome), outcome)
        chosen = current[0] if current else proposed
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(chosen)))
        self.motivation.setText(current[1] if current else "")
        self.deviation.clear()
        self.override.clear()
        self.guard_state.setText(
            _("Proposed: {proposed} · finalised jurors: {n}").format(
                proposed=outcome_label(proposed) if proposed else "—", n=finalised
            )
            + (
                " · " + _("decided: {outcome}").format(outcome=outcome_label(current[0]))
                if current
                else " · " + _("not decided")
            )
        )
        self.leaver.clear()
        gone = {x.juror for x in item.leaves}
        for person in meeting.present:
            if person.juror not in gone:
                self.leaver.addItem(person.name, person.juror)
        editable = not meeting.closed
        for widget in (
            self.save_consensus,
            self.approve_button,
            self.decide_button,
            self.leave_button,
        ):
            widget.setEnabled(editable)
        self.message.clear()

    def _run(self, action) -> bool:  # type: ignore[no-untyped-def]
        assert self.meeting is not None and self.candidature is not None
        try:
            with self.store.session() as session:
                action(session)
        except (ScoringError, ValueError) as exc:
            self.message.setText("✕ " + str(exc))
            return False
        self.changed.emit()
        return True

    def store_consensus(self) -> bool:
        meeting, cand = self.meeting, self.candidature
        assert meeting is not None and cand is not None

        def save(session) -> None:  # type: ignore[no-untyped-def]
            now = consensus.show(session, cand, meeting.round)
            for row, key in enumerate(self.keys):
                score = self.table.item(row, SCORE).text().strip().replace(",", ".") or None
                reason, text = (
                    self.table.item(row, REASON).text(),
                    self.table.item(row, TEXT).text(),
                )
                line = now.lines[row]
                same_score = (line.score is None and score is None) or (
                    score is not None and line.score is not None and float(score) == line.score
                )
                if same_score and reason == line.reason and text.strip() == line.text:
                    continue
                consensus.set_consensus(
                    session,
                    secretariat_actor(),
                    cand,
                    meeting.round,
                    key,
                    text,
                    score,
                    reason,
                    meeting_id=meeting.id,
                )

        return self._run(save)

    def approve(self) -> bool:
        meeting, cand = self.meeting, self.candidature
        assert meeting is not None and cand is not None
        return self.store_consensus() and self._run(
            lambda s: consensus.approve(s, secretariat_actor(), cand, meeting.round)
        )

    def record_decision(self) -> bool:
        meeting, cand = self.meeting, self.candidature
        assert meeting is not None and cand is not None
        return self._run(
            lambda s: decide(
                s,
                secretariat_actor(),
                cand,
                meeting.round,
                str(self.outcome.currentData()),
                self.motivation.text(),
                override_reason=self.override.text(),
                deviation_reason=self.deviation.text(),
                meeting_id=meeting.id,
            )
        )

    def record_leave(self) -> bool:
        meeting, cand = self.meeting, self.candidature
        assert meeting is not None and cand is not None
        juror = self.leaver.currentData()
        if juror is None:
            return False
        return self._run(
            lambda s: leave(
                s, secretariat_actor(), meeting.id, int(juror), cand, self.leave_reason.text()
            )
        )
