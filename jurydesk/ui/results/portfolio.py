"""The portfolio (in the results view): candidatures against the region's challenges, needs
and sought expertise, the gaps of the current selection, and a suggested selection."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from jurydesk.decisions.service import outcome_label
from jurydesk.i18n import _, format_number
from jurydesk.portfolio.coverage import Coverage, coverage
from jurydesk.portfolio.suggest import Suggestion, euro, suggest, summary
from jurydesk.store import Store
from jurydesk.ui.progress import run_with_progress

GAP = QColor("#f8d7d0")
CHOSEN = QColor("#e3edf7")


class PortfolioView(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.slug: str | None = None
        self.cov: Coverage | None = None
        self.suggestion: Suggestion | None = None
        self.scope = QComboBox(self)
        self.scope.setAccessibleName(_("Which candidatures"))
        for key, label in (
            ("pitch", _("At the pitch")),
            ("selected", _("Selected")),
            ("all", _("All candidatures")),
        ):
            self.scope.addItem(label, key)
        self.scope.currentIndexChanged.connect(self.reload)
        self.gaps = QLabel(self)
        self.gaps.setWordWrap(True)
        self.table = QTableWidget(self)
        self.table.setAccessibleName(_("Coverage"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.budget = QDoubleSpinBox(self)
        self.budget.setRange(0, 1e9)
        self.budget.setDecimals(0)
        self.budget.setSingleStep(1000)
        self.budget.setPrefix("€ ")
        self.budget.setSpecialValueText(_("no budget"))
        self.budget.setAccessibleName(_("Budget"))
        self.partners = QSpinBox(self)
        self.partners.setRange(0, 100)
        self.partners.setSpecialValueText(_("no maximum"))
        self.partners.setAccessibleName(_("Maximum number of partners"))
        self.suggest_button = QPushButton(_("&Suggest a selection"), self)
        self.suggest_button.clicked.connect(self.run_suggestion)
        self.explanation = QTextBrowser(self)
        self.explanation.setAccessibleName(_("Suggested selection"))
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Candidatures:"), self))
        top.addWidget(self.scope)
        top.addSpacing(16)
        top.addWidget(QLabel(_("Budget:"), self))
        top.addWidget(self.budget)
        top.addWidget(QLabel(_("Max. partners:"), self))
        top.addWidget(self.partners)
        top.addWidget(self.suggest_button)
        top.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.explanation)
        splitter.setSizes([380, 200])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.gaps)
        layout.addWidget(splitter, 1)

    def show_region(self, slug: str) -> None:
        self.slug = slug
        self.suggestion = None
        self.explanation.clear()
        self.reload()
        assert self.cov is not None
        self.budget.setValue(float(self.cov.budget or 0))
        self.partners.setValue(self.cov.max_partners or 0)

    def reload(self, *_args: object) -> None:
        if self.slug is None:
            return
        with self.store.reader() as session:
            self.cov = coverage(session, self.slug, self.scope.currentData())
        self._fill(self.cov)

    def _fill(self, cov: Coverage) -> None:
        columns = [(f"U{n}", label, n in cov.uncovered_challenges) for n, label in cov.challenges]
        columns += [(key, label, key in cov.uncovered_needs) for key, label in cov.needs]
        columns += [(f"E{n}", label, n in cov.uncovered_expertise) for n, label in cov.expertise]
        heads = [_("No."), _("Organisation"), _("State"), _("Score"), _("Requested budget")]
        self.table.clear()
        self.table.setColumnCount(len(heads) + len(columns))
        self.table.setRowCount(len(cov.members))
        self.table.setHorizontalHeaderLabels(heads + [short for short, _l, _g in columns])
        for index, (_short, label, gap) in enumerate(columns, start=len(heads)):
            item = self.table.horizontalHeaderItem(index)
            item.setToolTip(label + ("\n" + _("not covered by the selection") if gap else ""))
            if gap:
                item.setForeground(QBrush(QColor("#a4260b")))
        chosen = set(self.suggestion.chosen) if self.suggestion else set()
        for row, m in enumerate(cov.members):
            values = [
                str(m.candidature),
                m.organisation,
                outcome_label(m.state) if m.state else "",
                "—" if m.score is None else format_number(m.score),
                euro(m.budget) if m.budget is not None else "",
            ]
            marks = (
                [n in m.challenges for n, _l in cov.challenges]
                + [k in m.needs for k, _l in cov.needs]
                + [n in m.expertise for n, _l in cov.expertise]
            )
            for column, text in enumerate(values + ["✓" if x else "" for x in marks]):
                item = QTableWidgetItem(text)
                if column >= len(heads):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    if columns[column - len(heads)][2]:
                        item.setBackground(QBrush(GAP))
                if m.candidature in chosen and column < len(heads):
                    item.setBackground(QBrush(CHOSEN))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(1, 220)
        self.gaps.setText(self._gaps_text(cov))

    @staticmethod
    def _gaps_text(cov: Coverage) -> str:
        parts = []
        if cov.uncovered_challenges:
            parts.append(
                _("challenges {list}").format(
                    list=", ".join(
                        f"{n} ({label})"
                        for n, label in cov.challenges
                        if n in cov.uncovered_challenges
                    )
                )
            )
        if cov.uncovered_needs:
            parts.append(_("needs: {list}").format(list=", ".join(cov.uncovered_needs)))
        if cov.uncovered_expertise:
            parts.append(
                _("sought expertise: {list}").format(
                    list=", ".join(
                        label for n, label in cov.expertise if n in cov.uncovered_expertise
                    )
                )
            )
        if not parts:
            return _("The current selection covers every challenge, need and sought expertise.")
        return (
            "<span style='color:#a4260b'><b>"
            + escape(_("Not covered by the current selection:"))
            + "</b> "
            + escape("; ".join(parts))
            + "</span>"
        )

    def run_suggestion(self) -> Suggestion | None:
        cov = self.cov
        if cov is None:
            return None
        budget = Decimal(int(self.budget.value())) if self.budget.value() > 0 else None
        partners = self.partners.value() or None
        result = run_with_progress(
            self,
            _("Suggest a selection"),
            lambda _p: suggest(cov.members, [n for n, _l in cov.challenges], budget, partners),
        )
        if result is None:
            return None
        self.suggestion = result
        self._fill(cov)
        self.explanation.setHtml(self._explain(result, cov))
        return result

    @staticmethod
    def _explain(s: Suggestion, cov: Coverage) -> str:
        names = {m.candidature: m.organisation for m in cov.members}
        out = [
            f"<p><b>{escape(_('Suggested selection (advice; the jury decides)'))}:</b> "
            + escape(", ".join(f"{c}. {names[c]}" for c in s.chosen) or "—")
            + "</p>",
        ]
        for text, warning in summary(s):
            style = " style='color:#a4260b'" if warning else ""
            out.append(f"<p{style}>{escape(text)}</p>")
        out.append("<ul>")
        for r in s.reasons:
            sign = "✓" if r.chosen else "✗"
            out.append(
                f"<li>{sign} {r.candidature}. {escape(names[r.candidature])}: {escape(r.text)}</li>"
            )
        out.append("</ul>")
        return "".join(out)
