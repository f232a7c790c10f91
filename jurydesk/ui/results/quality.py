"""The Jurykwaliteit panel of the results view: agreement per criterion, the jurors' leniency,
spread and halo, the rank intervals with the funding line, and the calibration anchors' spread.
For the chair and the secretariat; letters and packs never show it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jurydesk.i18n import _, format_number
from jurydesk.results.calibration import AnchorSpread
from jurydesk.results.labels import juror_table, reading_label
from jurydesk.ui.results.quality_charts import (
    AlphaChart,
    ForestPlot,
    Interval,
    JurorDot,
    LeniencyPlot,
)
from jurydesk.ui.rows_model import RowsTableModel

if TYPE_CHECKING:
    from jurydesk.results.quality import Quality


def _num(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else format_number(value, digits)


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(f"<b>{text}</b>", parent)
    label.setWordWrap(True)
    return label


class QualityPanel(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName(_("Jury quality"))
        inner = QWidget(self)
        layout = QVBoxLayout(inner)
        top = QHBoxLayout()
        self.summary = QLabel(inner)
        self.summary.setWordWrap(True)
        top.addWidget(self.summary, 1)
        self.print_button = QPushButton(_("&Print quality report…"), inner)
        top.addWidget(self.print_button)
        layout.addLayout(top)
        columns = QHBoxLayout()
        layout.addLayout(columns)
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = left  # agreement and jurors on the left, the ranking's intervals on the right
        layout.addWidget(_heading(_("Agreement per criterion (Krippendorff's alpha)"), inner))
        self.alpha = AlphaChart(inner)
        layout.addWidget(self.alpha)
        self.readings = QLabel(inner)
        self.readings.setWordWrap(True)
        layout.addWidget(self.readings)
        layout.addWidget(
            _heading(_("Leniency per juror (points on 100 beside the other jurors)"), inner)
        )
        self.leniency = LeniencyPlot(inner)
        layout.addWidget(self.leniency)
        self.jurors = QTableView(inner)
        self.jurors.setAccessibleName(_("Jurors"))
        self.jurors.verticalHeader().hide()
        self.jurors.setWordWrap(False)
        layout.addWidget(self.jurors)
        layout.addStretch(1)
        layout = right
        layout.addWidget(
            _heading(_("Rank intervals (5th-95th percentile of 1,000 resamplings)"), inner)
        )
        self.forest = ForestPlot(inner)
        layout.addWidget(self.forest)
        self.line_text = QLabel(inner)
        self.line_text.setWordWrap(True)
        layout.addWidget(self.line_text)
        self.calibration_heading = _heading(_("Calibration round: the anchors' spread"), inner)
        layout.addWidget(self.calibration_heading)
        self.calibration = QTableView(inner)
        self.calibration.setAccessibleName(_("Calibration round"))
        self.calibration.verticalHeader().hide()
        layout.addWidget(self.calibration)
        layout.addStretch(1)
        self.setWidget(inner)
        self.quality: Quality | None = None

    def set_quality(self, q: Quality, anchors: list[AnchorSpread]) -> None:
        self.quality = q
        ranked = [r for r in q.results.results if r.rank is not None]
        self.summary.setText(
            _(
                "{n} ranked candidatures, {k} proposed in; {m} at the funding line. A reading "
                "for the chair, never a verdict on a juror."
            ).format(n=len(ranked), k=q.places_in, m=len(q.at_line))
        )
        self.alpha.set_items(
            [(a.label, a.agreement) for a in q.criteria]
            + [(_("Weighted total"), q.total.agreement)]
        )
        weak = [a.label for a in q.criteria if a.reading == "weak"]
        self.readings.setText(
            _("Weighted total: {reading}.").format(reading=reading_label(q.total.reading))
            + (" " + _("Weak: {list}.").format(list=", ".join(weak)) if weak else "")
        )
        self.leniency.set_dots(
            [
                JurorDot(
                    j.name,
                    j.leniency,
                    _("spread {s} · halo {h}").format(s=_num(j.spread), h=_num(j.halo)),
                    bool(j.flags),
                )
                for j in q.jurors
            ]
        )
        self.jurors.setModel(
            RowsTableModel(
                *juror_table(q.jurors, _num),
                [bool(j.flags) for j in q.jurors],
                self.jurors,
            )
        )
        self.jurors.resizeColumnsToContents()
        self.jurors.horizontalHeader().setStretchLastSection(True)
        rows = self.jurors.model().rowCount() + 1
        self.jurors.setFixedHeight(self.jurors.verticalHeader().defaultSectionSize() * rows + 6)
        self.forest.set_intervals(
            [
                Interval(
                    f"{r.rank}. {r.organisation}",
                    r.rank,
                    r.rank_low or r.rank,
                    r.rank_high or r.rank,
                    r.at_funding_line,
                    bool(r.knockout or r.below),
                )
                for r in ranked
                if r.rank is not None
            ],
            q.places_in,
        )
        names = [f"{r.candidature}. {r.organisation}" for r in ranked if r.at_funding_line]
        self.line_text.setText(
            _("At the funding line (after place {places}): {list}").format(
                places=q.places_in, list=", ".join(names) or _("none")
            )
        )
        self.calibration_heading.setVisible(bool(anchors))
        self.calibration.setVisible(bool(anchors))
        self.calibration.setModel(
            RowsTableModel(
                [_("Candidature"), _("Criterion"), _("Scores"), _("Mean"), _("Spread (sd)")],
                [
                    (
                        f"{s.candidature}. {s.organisation}",
                        s.label,
                        " ".join(format_number(v, 1) for v in s.scores),
                        _num(s.mean),
                        _num(s.stdev),
                    )
                    for s in anchors
                ],
                None,
                self.calibration,
            )
        )
        self.calibration.resizeColumnsToContents()
