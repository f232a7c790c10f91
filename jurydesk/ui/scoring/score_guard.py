"""Score corrections that cannot be lost silently.

A score typed off the scale ("42" on 1 to 5) is not stored. It stays in its field, marked red
with the reason, and the candidature is marked in the list ("✕"), also after moving to another
candidature and back, until it is corrected (a valid value is stored at once) or undone (Esc puts
the stored value back). A candidature with such a value cannot be finalised.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from jurydesk.errors import ScoringError
from jurydesk.i18n import _
from jurydesk.scoring.scores import parse_value
from jurydesk.ui.scoring.criterion_panel import CriterionPanel, fmt_score

if TYPE_CHECKING:
    from jurydesk.scoring.worklist import ScoringSheet

Sheet = tuple[int, int, int]  # juror, candidature, round


def sheet_key(sheet: ScoringSheet) -> Sheet:
    return (sheet.juror, sheet.candidature, sheet.round)


class ScoreGuard:
    """Mixed into the scoring view: what happens to a typed score, valid or not."""

    sheet: ScoringSheet | None
    panels: list[CriterionPanel]
    _loading: bool

    def _unsaved(self) -> dict[Sheet, dict[str, str]]:
        held: dict[Sheet, dict[str, str]] | None = getattr(self, "_held_scores", None)
        if held is None:
            held = self._held_scores = {}
        return held

    def unsaved_scores(self, juror: int, candidature: int, round_: int) -> dict[str, str]:
        """Criterion key -> the text off the scale that is waiting in that candidature."""
        return self._unsaved().get((juror, candidature, round_), {})

    if TYPE_CHECKING:  # the view's own

        def save_score(self, key: str, value: float | None) -> bool: ...
        def _set_state(self, state: str, message: str) -> None: ...
        def _refresh_item(self) -> None: ...

    def _score_edited(self, panel: CriterionPanel, text: str) -> None:
        panel.show_meaning(text)
        if self.sheet is None or self._loading:
            return
        held = self._unsaved().setdefault(sheet_key(self.sheet), {})
        try:
            value = parse_value(panel.criterion, text)
        except ScoringError as exc:
            held[panel.criterion.key] = text
            panel.mark_unsaved(str(exc))
            # short: the field itself says why (the top bar must not grow)
            self._set_state(
                "error", f"{panel.criterion.label} — " + _("Esc restores the stored value")
            )
            self._refresh_item()
            return
        held.pop(panel.criterion.key, None)
        panel.mark_unsaved(None)
        if self.save_score(panel.criterion.key, value):
            panel.score.stored = panel.score.text()
        else:
            held[panel.criterion.key] = text
            panel.mark_unsaved(_("not saved"))
            self._refresh_item()

    def _restore_score(self, panel: CriterionPanel) -> None:
        """Esc: the stored value is back in the field, nothing is written."""
        if self.sheet is None:
            return
        self._unsaved().get(sheet_key(self.sheet), {}).pop(panel.criterion.key, None)
        panel.score.setText(panel.score.stored)
        panel.score.selectAll()
        panel.show_meaning(panel.score.stored)
        panel.mark_unsaved(None)
        self._set_state("", "")
        self._refresh_item()

    def _show_stored(self, sheet: ScoringSheet) -> None:
        """Each field shows its stored value, or the held text off the scale, marked."""
        held = self._unsaved().get(sheet_key(sheet), {})
        for panel in self.panels:
            mine = sheet.scores.get(panel.criterion.key)
            panel.score.stored = fmt_score(mine.value) if mine else ""
            text = held.get(panel.criterion.key, panel.score.stored)
            panel.score.setText(text)
            panel.show_meaning(text)
            panel.mark_unsaved(_reason(panel, text) if panel.criterion.key in held else None)

    def _held_blocks(self, sheet: ScoringSheet) -> bool:
        """True (and says why) when a value off the scale waits in this candidature."""
        held = self._unsaved().get(sheet_key(sheet), {})
        if not held:
            return False
        labels = {c.key: c.label for c in sheet.criteria}
        self.confirm = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Finalise"),
            _(
                "These scores are not saved (not on the scale); correct them, or press Esc "
                "in the field to restore the stored value:"
            )
            + "\n"
            + "\n".join(f"• {labels.get(k, k)}: {t}" for k, t in held.items()),
            QMessageBox.StandardButton.Ok,
            self,  # type: ignore[arg-type]
        )
        self.confirm.open()
        return True


def _reason(panel: CriterionPanel, text: str) -> str:
    try:
        parse_value(panel.criterion, text)
    except ScoringError as exc:
        return str(exc)
    return _("not saved")
