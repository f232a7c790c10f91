"""The scoring view: the region's needs beside the rubric, scored by keyboard, autosaved.

Digits set the focused criterion's score, Enter moves on, Tab goes to the motivation, Ctrl+Enter
finalises (confirmed), Page Up/Down change candidature. A valid score is committed at once; the
motivations and the comment after a pause in typing, and always before leaving the candidature.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from jurydesk.errors import ScoringError
from jurydesk.i18n import _
from jurydesk.jury.service import list_jurors
from jurydesk.regions.service import region_detail
from jurydesk.scoring.scores import finalize
from jurydesk.scoring.worklist import ScoringSheet, WorkItem, read_worklist, scoring_sheet
from jurydesk.store import Store
from jurydesk.ui.emit import emit
from jurydesk.ui.reader.proposal_pane import ProposalPane
from jurydesk.ui.region_tab import RegionTab
from jurydesk.ui.scoring.criterion_panel import CriterionPanel
from jurydesk.ui.scoring.criterion_panel import fmt_score as _fmt
from jurydesk.ui.scoring.needs_html import needs_html
from jurydesk.ui.scoring.saving import Saving
from jurydesk.ui.scoring.score_guard import ScoreGuard
from jurydesk.ui.splitters import remember, scoring_sizes
from jurydesk.ui.widgets import message_label

SAVE_DELAY_MS = 300  # a pause in typing; a crash half a second later loses nothing


class ScoringView(ScoreGuard, Saving, RegionTab):
    """The juror's workplace for one region and round."""

    saved = Signal(str)
    finalized = Signal(int)
    only_juror: int | None = None  # juror mode: the juror who signed in with a PIN (0: nobody)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.sheet: ScoringSheet | None = None
        self.items: list[WorkItem] = []
        self.panels: list[CriterionPanel] = []
        self._rubric_key: tuple[str, int] | None = None
        self._pending: dict[str, str] = {}  # criterion key (or "") -> text waiting to be saved
        self._loading = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.flush)

        self.juror_box = QComboBox(self)
        self.juror_box.setAccessibleName(_("Juror"))
        self.juror_box.setMinimumContentsLength(22)
        self.juror_box.currentIndexChanged.connect(self._reload_worklist)
        self.round_box = QComboBox(self)
        self.round_box.setAccessibleName(_("Round"))
        self.round_box.addItem(_("Round 1 (written)"), 1)
        self.round_box.addItem(_("Round 2 (pitch)"), 2)
        self.round_box.currentIndexChanged.connect(self._reload_worklist)
        self.state = message_label(self, _("Save state"))
        self.finalize_button = QPushButton(_("&Finalise (Ctrl+Enter)"), self)
        self.finalize_button.clicked.connect(self.finalize)
        self.secretariat = False
        self.reopen_button = QPushButton(_("&Reopen…"), self)
        self.reopen_button.setToolTip(
            _("Secretariat: unlock these finalised scores, with a reason")
        )
        self.reopen_button.clicked.connect(self.ask_reopen)
        self.reopen_button.hide()
        top = QHBoxLayout()
        for widget in (
            QLabel(_("Juror:"), self),
            self.juror_box,
            QLabel(_("Round:"), self),
            self.round_box,
        ):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.state)
        top.addWidget(self.finalize_button)
        top.addWidget(self.reopen_button)

        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Candidatures to score"))
        self.list.currentRowChanged.connect(self._on_row)
        self.pane = ProposalPane(store, self, self)
        self.needs = self.pane.needs
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.form = QWidget(self)
        self.form_layout = QVBoxLayout(self.form)
        self.comment = QPlainTextEdit(self)
        self.comment.setTabChangesFocus(True)
        self.comment.setPlaceholderText(_("Overall comment"))
        self.comment.setAccessibleName(_("Overall comment"))
        self.comment.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        self.comment.textChanged.connect(lambda: self._queue("", self.comment.toPlainText()))
        self.others = QLabel(self)
        self.others.setWordWrap(True)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        inner = QWidget(scroll)
        inner_layout = QVBoxLayout(inner)
        inner_layout.addWidget(self.heading)
        inner_layout.addWidget(self.form)
        inner_layout.addWidget(QLabel(f"<b>{_('Overall comment')}</b>", inner))
        inner_layout.addWidget(self.comment)
        inner_layout.addWidget(self.others)
        inner_layout.addStretch(1)
        scroll.setWidget(inner)
        self.scroll, self.inner = scroll, inner
        self.splitter = splitter = QSplitter(self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.pane)
        splitter.addWidget(scroll)
        remember(splitter, "scoring", scoring_sizes)  # the proposal: half the width
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        for keys, slot in (
            ("Ctrl+Return", self.finalize),
            ("Ctrl+Enter", self.finalize),
            ("PgDown", self.next_candidature),
            ("PgUp", self.previous_candidature),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._set_state("", "")

    # Region, juror, round ------------------------------------------------------------
    def show_region(self, slug: str) -> None:
        self.flush()
        self.slug = slug
        with self.store.reader() as session:
            jurors = list_jurors(session, slug)
            self.spec = region_detail(session, slug)
        self.juror_box.blockSignals(True)
        self.juror_box.clear()
        for juror in (j for j in jurors if self.only_juror in (None, j.id)):
            self.juror_box.addItem(f"{juror.name} ({juror.organisation})", juror.id)
        self.juror_box.blockSignals(False)
        self._reload_worklist()

    @property
    def juror(self) -> int | None:
        data = self.juror_box.currentData()
        return int(data) if data is not None else None

    @property
    def round(self) -> int:
        return int(self.round_box.currentData())

    def _reload_worklist(self, *_args: object) -> None:
        self.flush()
        from jurydesk.ui.meeting.declaration_dialog import declared

        if not declared(self):  # the verklaring op eer comes before any score form
            self._clear_form()
            return
        if self.slug is None or self.juror is None:
            self.items = []
        else:
            self.items = read_worklist(self.store, self.juror, self.slug, self.round)
        self.list.blockSignals(True)
        self.list.clear()
        for item in self.items:
            self.list.addItem(QListWidgetItem(self._item_text(item)))
        self.list.blockSignals(False)
        if self.items:
            self.list.setCurrentRow(0)
        else:
            self.sheet = None
            self.heading.setText(_("Nothing to score in this round for this juror."))
            self._clear_form()

    def _item_text(self, item: WorkItem) -> str:
        mark = "✓" if item.finalized else f"{item.scored}/{item.criteria}"
        if self.juror is not None and self.unsaved_scores(self.juror, item.candidature, self.round):
            mark = "✕ " + mark  # a score off the scale waits there
        return f"{mark}  {item.candidature}. {item.organisation}"

    # One candidature ----------------------------------------------------------------
    def _on_row(self, row: int) -> None:
        if 0 <= row < len(self.items):
            self.open_candidature(self.items[row].candidature)

    def open_candidature(self, candidature: int) -> None:
        self.flush()
        assert self.juror is not None and self.slug is not None
        with self.store.reader() as session:
            sheet = scoring_sheet(session, self.juror, candidature, self.round)
        self.sheet = sheet
        self._build_form(sheet)
        self._loading = True
        self._show_stored(sheet)
        for panel in self.panels:
            mine = sheet.scores.get(panel.criterion.key)
            panel.motivation.setPlainText(mine.motivation if mine else "")
            panel.score.setReadOnly(sheet.finalized)
            panel.motivation.setReadOnly(sheet.finalized)
        self.comment.setPlainText(sheet.comment)
        self.comment.setReadOnly(sheet.finalized)
        self._loading = False
        self.finalize_button.setEnabled(not sheet.finalized)
        self.reopen_button.setVisible(self.secretariat and sheet.finalized)
        state = _("finalised — read only") if sheet.finalized else ""
        self.heading.setText(
            f"<h3>{sheet.candidature}. {sheet.organisation}</h3>"
            f"<i>{sheet.title}</i>"
            + (f"<p style='color:#1f4e79'><b>{state}</b></p>" if state else "")
        )
        self.pane.show_candidature(
            self.spec, sheet.candidature, needs_html(self.spec, sheet.challenges, sheet.services)
        )
        self._show_others(sheet)
        self._set_state("", "")
        row = next(i for i, w in enumerate(self.items) if w.candidature == candidature)
        if self.list.currentRow() != row:
            self.list.blockSignals(True)
            self.list.setCurrentRow(row)
            self.list.blockSignals(False)
        self.scroll.verticalScrollBar().setValue(0)  # never the previous candidature's place
        if self.panels and not sheet.finalized:
            target = next((p for p in self.panels if not p.score.text()), self.panels[0])
            target.score.setFocus()
            self.inner.layout().activate()
            self.scroll.ensureWidgetVisible(target)

    def _build_form(self, sheet: ScoringSheet) -> None:
        key = (self.slug or "", sheet.round)
        if key == self._rubric_key and len(self.panels) == len(sheet.criteria):
            return
        self._clear_form()
        for index, criterion in enumerate(sheet.criteria, start=1):
            panel = CriterionPanel(index, criterion, self.form)
            panel.score.textEdited.connect(lambda text, p=panel: self._score_edited(p, text))
            panel.score.next_requested.connect(lambda p=panel: self._next_panel(p))
            panel.score.restore_requested.connect(lambda p=panel: self._restore_score(p))
            panel.motivation.textChanged.connect(
                lambda p=panel: self._queue(p.criterion.key, p.motivation.toPlainText())
            )
            self.form_layout.addWidget(panel)
            panel.show()  # at once, not after the next event-loop turn
            self.panels.append(panel)
        chain = [w for panel in self.panels for w in (panel.score, panel.motivation)]
        for before, after in zip(chain, [*chain[1:], self.comment], strict=True):
            QWidget.setTabOrder(before, after)
        self._rubric_key = key

    def _clear_form(self) -> None:
        for panel in self.panels:
            panel.setParent(None)
            panel.deleteLater()
        self.panels = []
        self._rubric_key = None

    def _next_panel(self, panel: CriterionPanel) -> None:
        if panel.score.property("unsaved"):  # stay on a value off the scale
            return panel.score.selectAll()
        index = self.panels.index(panel)
        if index + 1 < len(self.panels):
            self.panels[index + 1].score.setFocus()
            self.panels[index + 1].score.selectAll()
            self.scroll.ensureWidgetVisible(self.panels[index + 1])
        else:
            self.comment.setFocus()

    def _show_others(self, sheet: ScoringSheet) -> None:
        if not sheet.others:
            self.others.setText("")
            return
        labels = {c.key: c.label for c in sheet.criteria}
        lines = [f"<b>{_('Scores of the other jurors')}</b>"]
        for other in sheet.others:
            lines.append(
                f"{other.juror} — {labels.get(other.criterion, other.criterion)}: "
                f"<b>{_fmt(other.value) or '—'}</b> {other.motivation}"
            )
        self.others.setText("<br>".join(lines))

    # Finalise and move --------------------------------------------------------------
    def finalize(self) -> bool:
        sheet = self.sheet
        if sheet is None or sheet.finalized or not self.flush() or self._held_blocks(sheet):
            return False
        with self.store.reader() as session:
            sheet = scoring_sheet(session, sheet.juror, sheet.candidature, sheet.round)
        missing = sheet.missing
        if missing:
            self.confirm = QMessageBox(
                QMessageBox.Icon.Warning,
                _("Finalise"),
                _("These criteria have no score yet:")
                + "\n"
                + "\n".join(f"• {c.label}" for c in missing),
                QMessageBox.StandardButton.Ok,
                self,
            )
            self.confirm.open()
            return False
        self.confirm = QMessageBox(
            QMessageBox.Icon.Question,
            _("Finalise"),
            _(
                "Finalise your scores for {organisation}? They are then locked; only the "
                "secretariat can reopen them."
            ).format(organisation=sheet.organisation),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        self.confirm.setDefaultButton(QMessageBox.StandardButton.Yes)
        self.confirm.accepted.connect(self.do_finalize)
        self.confirm.open()
        return True

    def do_finalize(self) -> bool:
        sheet = self.sheet
        assert sheet is not None
        try:
            with self.store.session() as session:
                finalize(session, self._actor(), sheet.juror, sheet.candidature, sheet.round)
        except ScoringError as exc:
            self._set_state("error", str(exc))
            return False
        self._refresh_item()
        self.open_candidature(sheet.candidature)
        self._set_state("saved", "")
        emit(self.finalized, sheet.candidature)
        return True

    def open_pitch(self, candidature: int) -> bool:
        """Round 2 on this candidature, if the chosen juror scores it."""
        if self.round != 2:
            self.round_box.setCurrentIndex(self.round_box.findData(2))
        row = next((i for i, w in enumerate(self.items) if w.candidature == candidature), None)
        if row is None:
            self._set_state(
                "error",
                _("this juror does not score candidature {n} in round 2").format(n=candidature),
            )
            return False
        self.list.setCurrentRow(row)
        return True

    def next_candidature(self) -> None:
        row = self.list.currentRow()
        if row + 1 < len(self.items):
            self.list.setCurrentRow(row + 1)

    def previous_candidature(self) -> None:
        row = self.list.currentRow()
        if row > 0:
            self.list.setCurrentRow(row - 1)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush()
        self.pane.shutdown()
        super().closeEvent(event)
