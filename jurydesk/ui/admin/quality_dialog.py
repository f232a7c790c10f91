"""Jury › Thresholds, tie-breaks and calibration…: a region's minimum total and minimum per
criterion for each round, its ordered tie-break rules (a recorded lottery only last), the
lottery's one draw, and the one or two anchor candidatures of the calibration round. One save,
one transaction, audited (results.thresholds, results.calibration)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jurydesk.audit.chain import secretariat_actor
from jurydesk.candidatures.service import list_candidatures
from jurydesk.errors import ScoringError
from jurydesk.i18n import _
from jurydesk.results.calibration import anchors, set_calibration
from jurydesk.results.thresholds import (
    LOTTERY,
    draw_lots,
    quality_settings,
    set_thresholds,
    set_tie_breaks,
)
from jurydesk.scoring.rubrics import rubric_for
from jurydesk.store import Store, StoreError
from jurydesk.store.models import WITHDRAWN
from jurydesk.ui.widgets import message_label

RULES = 3


def _minimum(parent: QWidget, low: float, high: float, value: float | None) -> QDoubleSpinBox:
    """A minimum, or none: the lowest position of the box reads "—"."""
    spin = QDoubleSpinBox(parent)
    spin.setDecimals(1)
    spin.setSingleStep(0.5)
    spin.setRange(low - 0.5, high)
    spin.setSpecialValueText("—")
    spin.setValue(low - 0.5 if value is None else value)
    return spin


def _value(spin: QDoubleSpinBox) -> float | None:
    return None if spin.value() == spin.minimum() else spin.value()


class QualitySettingsDialog(QDialog):
    def __init__(self, store: Store, slug: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.slug = store, slug
        self.changed = False
        self.setWindowTitle(_("Thresholds, tie-breaks and calibration"))
        with store.reader() as session:
            settings = quality_settings(session, slug)
            rubric = rubric_for(session, slug)
            chosen = anchors(session, slug)
            candidatures = [
                (c.id, c.organisation)
                for c in list_candidatures(session, slug)
                if c.status != WITHDRAWN
            ]
        self.had_anchors = chosen
        self.has_lots = bool(settings.lots)
        layout = QVBoxLayout(self)
        self.totals: dict[int, QDoubleSpinBox] = {}
        self.minimums: dict[int, dict[str, QDoubleSpinBox]] = {}
        row = QHBoxLayout()
        for number in (1, 2):
            current = settings.thresholds.get(str(number), {})
            box = QGroupBox(_("Thresholds, round {round}").format(round=number), self)
            form = QFormLayout(box)
            self.totals[number] = _minimum(box, 0, 100, current.get("total"))
            name = _("Minimum total, round {round}").format(round=number)
            self.totals[number].setAccessibleName(name)
            form.addRow(_("Minimum total (on 100):"), self.totals[number])
            self.minimums[number] = {}
            for c in rubric.round(number).criteria:
                spin = _minimum(box, c.min, c.max, (current.get("criteria") or {}).get(c.key))
                spin.setAccessibleName(c.label)
                form.addRow(c.label + ":", spin)
                self.minimums[number][c.key] = spin
            row.addWidget(box)
        layout.addLayout(row)
        layout.addWidget(
            QLabel(
                _(
                    "A candidature below a minimum is proposed out, whatever its rank; a "
                    "criterion's minimum applies to the mean of its jurors' scores."
                ),
                self,
            )
        )
        ties = QGroupBox(_("Tie-break rules, in order"), self)
        ties_form = QFormLayout(ties)
        keys = {c.key: c.label for r in (1, 2) for c in rubric.round(r).criteria}
        self.rules: list[QComboBox] = []
        for position in range(RULES):
            combo = QComboBox(ties)
            combo.addItem(_("(none)"), "")
            for key, label in keys.items():
                text = _("higher mean on {criterion}").format(criterion=label)
                combo.addItem(text, f"criterion:{key}")
            combo.addItem(_("the recorded lottery (only last)"), LOTTERY)
            if position < len(settings.tie_breaks):
                combo.setCurrentIndex(max(0, combo.findData(settings.tie_breaks[position])))
            combo.setAccessibleName(_("Tie-break rule {n}").format(n=position + 1))
            ties_form.addRow(_("Rule {n}:").format(n=position + 1), combo)
            self.rules.append(combo)
        self.draw_button = QPushButton(_("&Draw the lots now"), ties)
        self.draw_button.setEnabled(LOTTERY in settings.tie_breaks and not settings.lots)
        self.draw_button.clicked.connect(self.draw)
        self.lots_text = QLabel(
            _("Lots drawn for {n} candidatures.").format(n=len(settings.lots))
            if settings.lots
            else _("No lots drawn."),
            ties,
        )
        ties_form.addRow(self.draw_button, self.lots_text)
        layout.addWidget(ties)
        calibration = QGroupBox(_("Calibration round: anchor candidatures"), self)
        cal_form = QFormLayout(calibration)
        self.anchor_boxes: list[QComboBox] = []
        for position in range(2):
            combo = QComboBox(calibration)
            combo.addItem(_("(none)"), 0)
            for cid, organisation in candidatures:
                combo.addItem(f"{cid}. {organisation}", cid)
            if position < len(chosen):
                combo.setCurrentIndex(max(0, combo.findData(chosen[position])))
            combo.setAccessibleName(_("Anchor {n}").format(n=position + 1))
            cal_form.addRow(_("Anchor {n}:").format(n=position + 1), combo)
            self.anchor_boxes.append(combo)
        cal_form.addRow(
            QLabel(
                _(
                    "Every juror scores the anchors first; they are never ranked, decided or "
                    "written to. Their spread shows under Results › Jury quality."
                ),
                calibration,
            )
        )
        layout.addWidget(calibration)
        self.message = message_label(self, _("Message"))
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        save = QPushButton(_("&Save"), self)
        save.setDefault(True)
        save.clicked.connect(self.save)
        close = QPushButton(_("Close"), self)
        close.clicked.connect(self.reject)
        buttons.addWidget(save)
        buttons.addWidget(close)
        layout.addLayout(buttons)

    def chosen_rules(self) -> list[str]:
        return [c.currentData() for c in self.rules if c.currentData()]

    def chosen_anchors(self) -> list[int]:
        return sorted({c.currentData() for c in self.anchor_boxes if c.currentData()})

    def save(self) -> bool:
        actor = secretariat_actor()
        try:
            with self.store.session() as session:
                for number in (1, 2):
                    criteria = {
                        key: value
                        for key, spin in self.minimums[number].items()
                        if (value := _value(spin)) is not None
                    }
                    set_thresholds(
                        session, actor, self.slug, number, _value(self.totals[number]), criteria
                    )
                set_tie_breaks(session, actor, self.slug, self.chosen_rules())
                if self.chosen_anchors() != self.had_anchors:
                    set_calibration(session, actor, self.slug, self.chosen_anchors())
        except (ScoringError, StoreError) as exc:
            self.message.setText("✕ " + str(exc))
            return False
        self.changed = True
        self.had_anchors = self.chosen_anchors()
        self.draw_button.setEnabled(LOTTERY in self.chosen_rules() and not self.has_lots)
        self.message.setText("✓ " + _("Saved."))
        return True

    def draw(self) -> bool:
        if not self.save():
            return False
        try:
            with self.store.session() as session:
                lots = draw_lots(session, secretariat_actor(), self.slug)
        except (ScoringError, StoreError) as exc:
            self.message.setText("✕ " + str(exc))
            return False
        self.has_lots = True
        self.draw_button.setEnabled(False)
        self.lots_text.setText(_("Lots drawn for {n} candidatures.").format(n=len(lots)))
        return True
