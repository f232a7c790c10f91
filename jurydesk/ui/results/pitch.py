"""Pitch day: the running order (drag and drop), its timetable, and a large pitch timer.

"Now presenting" opens the scoring view on that candidature in round 2.
"""

from __future__ import annotations

import time as clock
from dataclasses import replace

from PySide6.QtCore import Qt, QTime, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from jurydesk.i18n import _, format_long_date
from jurydesk.pitch.schedule import (
    PitchError,
    PitchSettings,
    RunningOrder,
    load_settings,
    running_order,
    save_order,
    save_settings,
)
from jurydesk.pitch.timer import DONE, PRESENTATION, PitchTimer
from jurydesk.store import Store
from jurydesk.ui.emit import emit
from jurydesk.ui.progress import show_error
from jurydesk.ui.region_tab import RegionTab

ROLE = Qt.ItemDataRole.UserRole


class TimerPanel(QGroupBox):
    """Presentation, then questions; orange near the end of a phase, red when time is up."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Pitch timer"), parent)
        self.timer = PitchTimer(600, 600, 60)
        self.sound = True
        self._warned = ""
        self.phase = QLabel(self)
        self.display = QLabel("10:00", self)
        self.display.setAccessibleName(_("Time left"))
        font = QFont()
        font.setPointSize(54)
        font.setBold(True)
        self.display.setFont(font)
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.now = QLabel(self)
        self.now.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.start_button = QPushButton(_("&Start"), self)
        self.start_button.clicked.connect(self.toggle)
        questions = QPushButton(_("To the &questions"), self)
        questions.clicked.connect(lambda: self.timer.skip_to_questions(clock.monotonic()))
        reset = QPushButton(_("Rese&t"), self)
        reset.clicked.connect(self.reset)
        buttons = QHBoxLayout()
        for button in (self.start_button, questions, reset):
            buttons.addWidget(button)
        big = QFont()
        big.setPointSize(18)
        for label in (self.now, self.phase):
            label.setFont(big)
            label.setWordWrap(True)
        self.phase.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.now)
        layout.addStretch(1)
        layout.addWidget(self.phase)
        layout.addWidget(self.display)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.ticker = QTimer(self)
        self.ticker.setInterval(200)
        self.ticker.timeout.connect(self.tick)
        self.tick()

    def configure(self, settings: PitchSettings) -> None:
        self.timer = PitchTimer(
            settings.presentation_minutes * 60,
            settings.questions_minutes * 60,
            settings.warning_seconds,
        )
        self.sound = settings.sound
        self.reset()

    def toggle(self) -> None:
        now = clock.monotonic()
        if self.timer.running:
            self.timer.pause(now)
            self.ticker.stop()
            self.start_button.setText(_("&Start"))
        else:
            self.timer.start(now)
            self.ticker.start()
            self.start_button.setText(_("&Pause"))
        self.tick()

    def reset(self) -> None:
        self.timer.reset()
        self.ticker.stop()
        self._warned = ""
        self.start_button.setText(_("&Start"))
        self.tick()

    def tick(self) -> None:
        state = self.timer.state(clock.monotonic())
        seconds = int(state.overtime if state.phase == DONE else state.remaining + 0.999)
        sign = "+" if state.phase == DONE else ""
        self.display.setText(f"{sign}{seconds // 60:02d}:{seconds % 60:02d}")
        self.phase.setText(
            {PRESENTATION: _("Presentation"), DONE: _("Time is up")}.get(
                state.phase, _("Questions")
            )
        )
        color = "#a4260b" if state.phase == DONE else ("#c77700" if state.warning else "#1f4e79")
        self.display.setStyleSheet(f"color:{color}")
        self.display.setProperty("warning", state.warning)
        key = f"{state.phase}:{state.warning}"
        if state.warning and self.timer.running and key != self._warned:
            self._warned = key
            if self.sound:
                QApplication.beep()


class PitchView(RegionTab):
    present = Signal(int)  # candidature id: open it in the scoring view, round 2

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.order: RunningOrder | None = None
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Running order"))
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.model().rowsMoved.connect(self._moved)
        self.present_button = QPushButton(_("&Now presenting"), self)
        self.present_button.clicked.connect(self._present)
        self.timetable = QTextBrowser(self)
        self.timetable.setAccessibleName(_("Timetable"))
        self.timer = TimerPanel(self)

        self.settings_box = QGroupBox(_("Settings"), self)
        form = QFormLayout(self.settings_box)
        self.start = QTimeEdit(self.settings_box)
        self.day_end = QTimeEdit(self.settings_box)
        self.break_start = QTimeEdit(self.settings_box)
        self.presentation = self._spin(1, 120)
        self.questions = self._spin(0, 120)
        self.changeover = self._spin(0, 60)
        self.break_minutes = self._spin(0, 180)
        self.warning = self._spin(0, 600)
        self.sound = QCheckBox(_("Audible warning"), self.settings_box)
        for label, widget in (
            (_("Start:"), self.start),
            (_("End of the day:"), self.day_end),
            (_("Presentation (min):"), self.presentation),
            (_("Questions (min):"), self.questions),
            (_("Changeover (min):"), self.changeover),
            (_("Break at:"), self.break_start),
            (_("Break (min):"), self.break_minutes),
            (_("Warning before the end (s):"), self.warning),
            ("", self.sound),
        ):
            form.addRow(label, widget)
        apply = QPushButton(_("&Apply"), self.settings_box)
        apply.clicked.connect(self.apply_settings)
        form.addRow(apply)

        left = QVBoxLayout()
        left.addWidget(QLabel(_("Running order (drag to change)"), self))
        left.addWidget(self.list, 1)
        left.addWidget(self.present_button)
        middle = QVBoxLayout()
        middle.addWidget(self.timetable, 1)
        middle.addWidget(self.settings_box)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(middle, 3)
        layout.addWidget(self.timer, 3)

    def _spin(self, low: int, high: int) -> QSpinBox:
        box = QSpinBox(self)
        box.setRange(low, high)
        return box

    def set_secretariat(self, on: bool) -> None:
        self.settings_box.setVisible(on)
        mode = (
            QAbstractItemView.DragDropMode.InternalMove
            if on
            else QAbstractItemView.DragDropMode.NoDragDrop
        )
        self.list.setDragDropMode(mode)

    def show_region(self, slug: str) -> None:
        self.slug = slug
        with self.store.reader() as session:
            settings = load_settings(session, slug)
        self._show_settings(settings)
        self.timer.configure(settings)
        self.reload()

    def _show_settings(self, s: PitchSettings) -> None:
        self.start.setTime(QTime.fromString(s.start, "HH:mm"))
        self.day_end.setTime(QTime.fromString(s.day_end, "HH:mm"))
        self.break_start.setTime(QTime.fromString(s.break_start, "HH:mm"))
        self.presentation.setValue(s.presentation_minutes)
        self.questions.setValue(s.questions_minutes)
        self.changeover.setValue(s.changeover_minutes)
        self.break_minutes.setValue(s.break_minutes)
        self.warning.setValue(s.warning_seconds)
        self.sound.setChecked(s.sound)

    def reload(self) -> None:
        assert self.slug is not None
        with self.store.reader() as session:
            self.order = running_order(session, self.slug)
        self.list.blockSignals(True)
        self.list.clear()
        for slot in self.order.slots:
            item = QListWidgetItem(f"{slot.start:%H:%M}  {slot.candidature}. {slot.organisation}")
            item.setData(ROLE, slot.candidature)
            self.list.addItem(item)
        for cand in self.order.overflow:
            item = QListWidgetItem(f"—  {cand}. ({_('does not fit')})")
            item.setData(ROLE, cand)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.timetable.setHtml(self._timetable_html(self.order))

    @staticmethod
    def _timetable_html(order: RunningOrder) -> str:
        if not order.slots and not order.overflow:
            return f"<p>{_('No candidature goes to the pitch yet.')}</p>"
        parts, day = [], None
        for slot in order.slots:
            if slot.day != day:
                day = slot.day
                parts.append(f"<h3>{format_long_date(day)}</h3>")
            parts.append(
                f"<p><b>{slot.start:%H:%M}–{slot.end:%H:%M}</b> "
                f"{slot.candidature}. {slot.organisation}</p>"
            )
        if order.overflow:
            parts.append(
                f"<p style='color:#a4260b'>{_('Does not fit in the pitch days:')} "
                + ", ".join(str(c) for c in order.overflow)
                + "</p>"
            )
        return "".join(parts)

    def current_order(self) -> list[int]:
        return [int(self.list.item(i).data(ROLE)) for i in range(self.list.count())]

    def _moved(self, *_args: object) -> None:
        self.save_order(self.current_order())

    def save_order(self, order: list[int]) -> bool:
        assert self.slug is not None
        try:
            with self.store.session() as session:
                save_order(session, self.slug, order)
        except PitchError as exc:
            show_error(self, _("Running order"), exc)
            return False
        QTimer.singleShot(0, self.reload)  # after the drop has finished
        return True

    def apply_settings(self) -> bool:
        assert self.slug is not None
        with self.store.reader() as session:  # the place and logistics the invitations print
            current = load_settings(session, self.slug)
        settings = replace(
            current,
            start=self.start.time().toString("HH:mm"),
            presentation_minutes=self.presentation.value(),
            questions_minutes=self.questions.value(),
            changeover_minutes=self.changeover.value(),
            break_start=self.break_start.time().toString("HH:mm"),
            break_minutes=self.break_minutes.value(),
            day_end=self.day_end.time().toString("HH:mm"),
            warning_seconds=self.warning.value(),
            sound=self.sound.isChecked(),
        )
        try:
            with self.store.session() as session:
                save_settings(session, self.slug, settings)
        except PitchError as exc:
            show_error(self, _("Settings"), exc)
            return False
        self.timer.configure(settings)
        self.reload()
        return True

    def _present(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        cand = int(item.data(ROLE))
        self.timer.now.setText(
            _("Now presenting: {name}").format(name=item.text().split("  ", 1)[-1])
        )
        self.timer.reset()
        emit(self.present, cand)
