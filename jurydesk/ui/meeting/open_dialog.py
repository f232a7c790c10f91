"""Open a jury meeting: round, date, place, the jurors present, chair, secretary and the
discussion order; the quorum is shown as the attendance is ticked."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from jurydesk.audit.chain import secretariat_actor
from jurydesk.decisions.meetings import ORDERS, open_meeting, order_label, quorum_of
from jurydesk.errors import ScoringError
from jurydesk.i18n import _
from jurydesk.jury.service import list_jurors
from jurydesk.regions.service import get_region
from jurydesk.store import Store
from jurydesk.ui.widgets import message_label


class OpenMeetingDialog(QDialog):
    def __init__(self, store: Store, slug: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.slug = store, slug
        self.meeting: int | None = None
        self.setWindowTitle(_("Open a jury meeting"))
        with store.reader() as session:
            self.jurors = list_jurors(session, slug)
            region_id = get_region(session, slug).id
            self.quorums = {r: quorum_of(session, region_id, r) for r in (1, 2)}
        self.round = QComboBox(self)
        self.round.addItem(_("Round 1 (written)"), 1)
        self.round.addItem(_("Round 2 (pitch)"), 2)
        self.day = QDateEdit(QDate.currentDate(), self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.place = QLineEdit(self)
        self.present: dict[int, QCheckBox] = {}
        attendance = QVBoxLayout()
        for juror in self.jurors:
            box = QCheckBox(f"{juror.name} ({juror.organisation})", self)
            box.toggled.connect(self._update)
            attendance.addWidget(box)
            self.present[juror.id] = box
        self.chair = QComboBox(self)
        self.secretary = QLineEdit(self)
        self.order = QComboBox(self)
        for key in ORDERS:
            self.order.addItem(order_label(key), key)
        self.quorum = QLabel(self)
        self.message = message_label(self, _("Message"))
        form = QFormLayout()
        form.addRow(_("&Round"), self.round)
        form.addRow(_("&Date"), self.day)
        form.addRow(_("&Place"), self.place)
        form.addRow(_("Present"), attendance)
        form.addRow(_("&Chair"), self.chair)
        form.addRow(_("&Secretary"), self.secretary)
        form.addRow(_("Discussion &order"), self.order)
        form.addRow(self.quorum)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.open_it)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.round.currentIndexChanged.connect(self._update)
        self._update()

    def _chosen(self) -> list[int]:
        return [j for j, box in self.present.items() if box.isChecked()]

    def _update(self, *_args: object) -> None:
        round_ = int(self.round.currentData())
        for juror in self.jurors:
            self.present[juror.id].setEnabled(round_ in juror.rounds)
        chosen, current = self._chosen(), self.chair.currentData()
        self.chair.clear()
        self.chair.addItem(_("(none)"), None)
        for juror in self.jurors:
            if juror.id in chosen:
                self.chair.addItem(juror.name, juror.id)
        self.chair.setCurrentIndex(max(0, self.chair.findData(current)))
        needed = self.quorums[round_]
        sign = "✓" if len(chosen) >= needed else "✕"
        self.quorum.setText(
            f"{sign} "
            + _("Quorum: {n} present, {quorum} needed: {state}").format(
                n=len(chosen),
                quorum=needed,
                state=_("reached") if len(chosen) >= needed else _("not reached"),
            )
        )

    def open_it(self) -> bool:
        q = self.day.date()
        try:
            with self.store.session() as session:
                self.meeting = open_meeting(
                    session,
                    secretariat_actor(),
                    self.slug,
                    int(self.round.currentData()),
                    date(q.year(), q.month(), q.day()),
                    self.place.text(),
                    self._chosen(),
                    self.chair.currentData(),
                    self.secretary.text(),
                    str(self.order.currentData()),
                )
        except ScoringError as exc:
            self.message.setText("✕ " + str(exc))
            return False
        self.accept()
        return True
