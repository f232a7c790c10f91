"""Jury › Vergadering: the region's meetings, the open one's attendance and quorum, its agenda
in the discussion order, the chosen item (consensus, decision, leaving the room), the
projector view (F11), closing the meeting and its proces-verbaal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from jurydesk.audit.chain import secretariat_actor
from jurydesk.decisions import consensus
from jurydesk.decisions.meetings import (
    MeetingInfo,
    close_meeting,
    list_meetings,
    meeting_info,
    order_label,
    set_current,
)
from jurydesk.decisions.service import outcome_label
from jurydesk.errors import ScoringError
from jurydesk.i18n import _, format_long_date
from jurydesk.store.models import Candidature, Decision
from jurydesk.ui.meeting.item_panel import ItemPanel
from jurydesk.ui.meeting.open_dialog import OpenMeetingDialog
from jurydesk.ui.widgets import message_label

if TYPE_CHECKING:
    from jurydesk.ui.main_window import MainWindow


class MeetingWindow(QDialog):
    def __init__(self, window: MainWindow, slug: str) -> None:
        super().__init__(window)
        self.window_, self.store, self.slug = window, window.store, slug
        self.info: MeetingInfo | None = None
        self.names: dict[int, str] = {}
        self.projector: QWidget | None = None
        self.setWindowTitle(_("Jury meeting"))
        self.resize(1200, 760)
        self.meetings = QComboBox(self)
        self.meetings.setAccessibleName(_("Meeting"))
        self.meetings.currentIndexChanged.connect(self._chosen)
        new = QPushButton(_("&New meeting…"), self)
        new.clicked.connect(self.ask_open)
        self.status = message_label(self, _("Attendance and quorum"))
        self.agenda = QTableWidget(0, 5, self)
        self.agenda.setHorizontalHeaderLabels(
            [_("#"), _("Candidature"), _("Lead juror"), _("Left the room"), _("Decision")]
        )
        self.agenda.setAccessibleName(_("Agenda"))
        self.agenda.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agenda.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.agenda.horizontalHeader().setStretchLastSection(True)
        self.agenda.verticalHeader().hide()  # its own columns name the row
        self.agenda.currentCellChanged.connect(lambda row, *_a: self._item(row))
        self.panel = ItemPanel(self.store, self)
        self.panel.changed.connect(self.refresh)
        self.project_button = QPushButton(_("&Projector view (F11)"), self)
        self.project_button.clicked.connect(self.project)
        self.close_button = QPushButton(_("C&lose the meeting"), self)
        self.close_button.clicked.connect(self.close_it)
        self.minutes_button = QPushButton(_("Print the &minutes…"), self)
        self.minutes_button.clicked.connect(self.print_minutes)
        self.message = message_label(self, _("Message"))
        QShortcut(QKeySequence("F11"), self).activated.connect(self.project)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Meeting:"), self))
        top.addWidget(self.meetings, 1)
        top.addWidget(new)
        split = QSplitter(self)
        split.addWidget(self.agenda)
        split.addWidget(self.panel)
        split.setSizes([480, 720])
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        for button in (self.project_button, self.close_button, self.minutes_button):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        with self.store.reader() as session:
            rows = list_meetings(session, self.slug)
        self.meetings.blockSignals(True)
        self.meetings.clear()
        for m in rows:
            state = _("closed") if m.closed else _("open")
            self.meetings.addItem(
                f"{m.id}. "
                + _("round {round}").format(round=m.round)
                + f" · {format_long_date(m.held_on)} · {m.place} ({state})",
                m.id,
            )
        self.meetings.blockSignals(False)
        if rows:
            wanted = select_id if select_id is not None else rows[-1].id
            self.meetings.setCurrentIndex(max(0, self.meetings.findData(wanted)))
        self._chosen()

    def _chosen(self, *_args: object) -> None:
        ident = self.meetings.currentData()
        self.info = None
        if ident is not None:
            with self.store.reader() as session:
                self.info = meeting_info(session, int(ident))
        self.refresh()

    def refresh(self) -> None:
        info = self.info
        if info is not None:
            with self.store.reader() as session:
                info = self.info = meeting_info(session, info.id)
                ids = [i.candidature for i in info.agenda]
                self.names = dict(
                    session.execute(
                        select(Candidature.id, Candidature.organisation).where(
                            Candidature.id.in_(ids)
                        )
                    ).all()
                )
                decided = dict(
                    session.execute(
                        select(Decision.candidature_id, Decision.outcome).where(
                            Decision.candidature_id.in_(ids), Decision.round == info.round
                        )
                    ).all()
                )
                approved = {c for c in ids if consensus.show(session, c, info.round).approved}
        for button in (self.project_button, self.close_button, self.minutes_button):
            button.setEnabled(info is not None)
        if info is None:
            self.status.setText(_("No meeting yet: open one with “New meeting…”."))
            self.agenda.setRowCount(0)
            self.panel.setEnabled(False)
            return
        self.panel.setEnabled(True)
        self.close_button.setEnabled(not info.closed)
        self.minutes_button.setEnabled(info.closed)
        present = ", ".join(a.name for a in info.present)
        absent = ", ".join(a.name for a in info.attendance if not a.present) or "—"
        self.status.setText(
            ("✓ " if info.quorum_met else "✕ ")
            + _("Quorum: {n} present, {quorum} needed: {state}").format(
                n=len(info.present),
                quorum=info.quorum,
                state=_("reached") if info.quorum_met else _("not reached"),
            )
            + " · "
            + _("Present: {names}").format(names=present)
            + " · "
            + _("Absent: {names}").format(names=absent)
            + " · "
            + _("Chair: {name}").format(name=info.name(info.chair) or "—")
            + " · "
            + _("Secretary: {name}").format(name=info.secretary or "—")
            + " · "
            + order_label(info.order)
            + (
                " · " + _("closed, audit head {head}").format(head=info.audit_head[:12])
                if info.closed
                else ""
            )
        )
        row = max(0, self.agenda.currentRow())
        self.agenda.blockSignals(True)
        self.agenda.setRowCount(len(info.agenda))
        for index, item in enumerate(info.agenda):
            outcome = decided.get(item.candidature)
            cells = [
                str(item.position),
                f"{item.candidature}. {self.names.get(item.candidature, '')}"
                + (" ✓" if item.candidature in approved else ""),
                info.name(item.lead),
                ", ".join(x.name for x in item.leaves),
                outcome_label(outcome) if outcome else _("not decided"),
            ]
            for column, text in enumerate(cells):
                self.agenda.setItem(index, column, QTableWidgetItem(text))
        self.agenda.resizeColumnsToContents()
        self.agenda.blockSignals(False)
        if info.agenda:
            self.agenda.selectRow(min(row, len(info.agenda) - 1))
            self._item(min(row, len(info.agenda) - 1))
        if self.projector is not None:
            self.projector.refresh()  # type: ignore[attr-defined]

    def _item(self, row: int) -> None:
        if self.info is None or not 0 <= row < len(self.info.agenda):
            return
        cand = self.info.agenda[row].candidature
        self.panel.show_item(self.info, cand, self.names.get(cand, ""))

    def ask_open(self) -> OpenMeetingDialog:
        dialog = OpenMeetingDialog(self.store, self.slug, self)
        dialog.accepted.connect(lambda: self.reload(dialog.meeting))
        dialog.open()
        self.open_dialog = dialog
        return dialog

    def go(self, position: int) -> None:
        """The chair moves the discussion to an agenda position (the projector follows)."""
        if self.info is None or not self.info.agenda:
            return
        position = min(max(1, position), len(self.info.agenda))
        if not self.info.closed:
            with self.store.session() as session:
                set_current(session, self.info.id, position)
        self.agenda.selectRow(position - 1)
        self.refresh()

    def project(self) -> QWidget | None:
        from jurydesk.ui.meeting.projector import ProjectorView

        if self.info is None:
            return None
        if self.projector is None:
            self.projector = ProjectorView(self)
        self.projector.showFullScreen()
        self.projector.refresh()  # type: ignore[attr-defined]
        return self.projector

    def close_it(self) -> bool:
        if self.info is None:
            return False
        try:
            with self.store.session() as session:
                close_meeting(session, secretariat_actor(), self.info.id)
        except ScoringError as exc:
            self.message.setText("✕ " + str(exc))
            return False
        undecided = self.agenda.rowCount() - sum(
            1
            for r in range(self.agenda.rowCount())
            if self.agenda.item(r, 4).text() != _("not decided")
        )
        self.message.setText(
            "✓ "
            + _("Meeting closed; its record is sealed.")
            + (" " + _("{n} item(s) not decided.").format(n=undecided) if undecided else "")
        )
        self.reload(self.info.id)
        return True

    def print_minutes(self) -> object:
        if self.info is None:
            return None
        return self.window_.printing.minutes(self.info.id)
