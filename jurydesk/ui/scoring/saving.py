"""Saving the scoring form: a score is saved as soon as it is a value on the scale (typed
scores: ScoreGuard, ui/scoring/score_guard.py); the
motivations and the comment after a pause in typing (flush), and always before leaving the
form; the secretariat reopens a finalised form. A mixin of ScoringView (ui/scoring/view.py),
which holds the form, the worklist and the store these methods use."""

from __future__ import annotations

import getpass
from datetime import datetime

from PySide6.QtWidgets import QInputDialog
from sqlalchemy.orm import Session

from jurydesk.audit.chain import secretariat_actor
from jurydesk.errors import ScoringError
from jurydesk.i18n import _
from jurydesk.scoring.scores import parse_value, reopen, set_comment, set_score
from jurydesk.scoring.worklist import ScoringSheet, read_worklist
from jurydesk.ui.emit import emit
from jurydesk.ui.scoring.criterion_panel import CriterionPanel


class Saving:
    """Saving the open scoring form: scores at once, motivations and comment queued; the
    secretariat's reopen of a finalised form (see ScoringView)."""

    # Saving -------------------------------------------------------------------------
    def _actor(self) -> str:
        return f"jurylid:{self.juror_box.currentText()}" if self.juror else getpass.getuser()

    def _set_score(
        self,
        session: Session,
        sheet: ScoringSheet,
        key: str,
        value: float | None,
        motivation: str | None,
    ) -> None:
        """One criterion of the open sheet, saved as the one who edits it."""
        set_score(
            session,
            self._actor(),
            sheet.juror,
            sheet.candidature,
            sheet.round,
            key,
            value,
            motivation,
        )

    def save_score(self, key: str, value: float | None) -> bool:
        sheet = self.sheet
        assert sheet is not None
        motivation = self._pending.pop(key, None)
        try:
            with self.store.session() as session:
                self._set_score(session, sheet, key, value, motivation)
        except ScoringError as exc:
            self._set_state("error", str(exc))
            return False
        self._set_state("saved", "")
        self._refresh_item()
        return True

    def _queue(self, key: str, text: str) -> None:
        if self._loading or self.sheet is None or self.sheet.finalized:
            return
        self._pending[key] = text
        self._set_state("pending", "")
        self.timer.start()

    def flush(self) -> bool:
        """Save every motivation and the comment still waiting; True when all is saved."""
        self.timer.stop()
        sheet, pending = self.sheet, dict(self._pending)
        self._pending.clear()
        if sheet is None or not pending:
            return True
        try:
            with self.store.session() as session:
                for key, text in pending.items():
                    if key:
                        current = sheet.scores.get(key)
                        panel = next(p for p in self.panels if p.criterion.key == key)
                        value = (
                            parse_value(panel.criterion, panel.score.text())
                            if _valid(panel)
                            else (current.value if current else None)
                        )
                        self._set_score(session, sheet, key, value, text)
                    else:
                        set_comment(
                            session,
                            self._actor(),
                            sheet.juror,
                            sheet.candidature,
                            sheet.round,
                            text,
                        )
        except ScoringError as exc:
            self._pending.update(pending)
            self._set_state("error", str(exc))
            return False
        self._set_state("saved", "")
        return True

    def _set_state(self, state: str, message: str) -> None:
        if state == "saved":
            text = _("● Saved at {time}").format(time=datetime.now().strftime("%H:%M:%S"))
            style = "color:#2e7d32"
        elif state == "pending":
            text, style = _("○ Saving…"), "color:#7a5a00"
        elif state == "error":
            text, style = _("✕ Not saved: {reason}").format(reason=message), "color:#a4260b"
        else:
            text, style = "", ""
        self.state.setText(text)
        self.state.setStyleSheet(style)
        self.state.setProperty("save_state", state)
        if state == "saved":
            emit(self.saved, text)

    def _refresh_item(self) -> None:
        if self.sheet is None or self.slug is None or self.juror is None:
            return
        self.items = read_worklist(self.store, self.juror, self.slug, self.round)
        for row, item in enumerate(self.items):
            if row < self.list.count():
                self.list.item(row).setText(self._item_text(item))

    # Reopen (the secretariat) ------------------------------------------------------
    def set_secretariat(self, on: bool) -> None:
        self.secretariat = on
        self.reopen_button.setVisible(on and self.sheet is not None and self.sheet.finalized)

    def ask_reopen(self) -> None:
        reason, ok = QInputDialog.getText(self, _("Reopen"), _("Why are these scores reopened?"))
        if ok:
            self.reopen_current(reason)

    def reopen_current(self, reason: str) -> bool:
        sheet = self.sheet
        if sheet is None or not self.secretariat:
            return False
        try:
            with self.store.session() as session:
                reopen(
                    session,
                    secretariat_actor(),
                    sheet.juror,
                    sheet.candidature,
                    sheet.round,
                    reason,
                )
        except ScoringError as exc:
            self._set_state("error", str(exc))
            return False
        self._refresh_item()
        self.open_candidature(sheet.candidature)
        return True


def _valid(panel: CriterionPanel) -> bool:
    try:
        parse_value(panel.criterion, panel.score.text())
    except ScoringError:
        return False
    return True
