"""Results (secretariat): the ranking under every method, the juror totals, the sensitivity
list, and the decision entry with its required motivation, the per-criterion texts its letter
prints (the jury's agreed text, chosen by the secretariat) and a warning when the decision is
communicated after the addendum's date."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jurydesk.audit.chain import secretariat_actor
from jurydesk.decisions.guards import latest_guards
from jurydesk.decisions.service import decide, list_decisions, outcome_label
from jurydesk.errors import ScoringError
from jurydesk.i18n import _
from jurydesk.labels import method_label
from jurydesk.rebuttals.service import communication_warning
from jurydesk.regions.service import get_region, region_detail
from jurydesk.regions.spec import RegionSpec
from jurydesk.results.calibration import calibration_spread
from jurydesk.results.ranking import OUTCOMES
from jurydesk.scoring.rubrics import rubric_for
from jurydesk.store import Store
from jurydesk.ui.progress import show_error
from jurydesk.ui.region_tab import RegionTab
from jurydesk.ui.results.model import RankDelegate, ResultsTableModel, TotalsDelegate
from jurydesk.ui.results.portfolio import PortfolioView
from jurydesk.ui.results.quality import QualityPanel


class ResultsView(RegionTab):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.round_box = QComboBox(self)
        self.round_box.setAccessibleName(_("Round"))
        self.round_box.addItem(_("Round 1 (written)"), 1)
        self.round_box.addItem(_("Round 2 (pitch)"), 2)
        self.round_box.currentIndexChanged.connect(self.reload)
        self.method = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Round:"), self))
        top.addWidget(self.round_box)
        top.addWidget(self.method, 1)

        self.model = ResultsTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Ranking"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setItemDelegateForColumn(self.model.chart_column, TotalsDelegate(self.table))
        self.table.setItemDelegateForColumn(0, RankDelegate(self.table))
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.sensitivity = QLabel(self)
        self.sensitivity.setWordWrap(True)

        box = QGroupBox(_("Decision"), self)
        form = QFormLayout(box)
        self.candidature = QLabel(box)
        form.addRow(self.candidature)
        self.outcome = QComboBox(box)
        self.outcome.setAccessibleName(_("Decision"))
        form.addRow(_("&Decision:"), self.outcome)
        self.motivation = QPlainTextEdit(box)
        self.motivation.setTabChangesFocus(True)
        self.motivation.setAccessibleName(_("Motivation"))
        self.motivation.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        form.addRow(_("&Motivation:"), self.motivation)
        self.criterion_texts = QTableWidget(0, 2, box)
        self.criterion_texts.setHorizontalHeaderLabels([_("Criterion"), _("Text in the letter")])
        self.criterion_texts.setAccessibleName(_("Texts per criterion in the letter"))
        self.criterion_texts.setToolTip(
            _(
                "Per criterion, the text the letter prints: the jury's agreed text. "
                "Individual jurors' motivations never go into a letter; empty: the letter "
                "prints nothing for that criterion."
            )
        )
        self.criterion_texts.verticalHeader().hide()
        self.criterion_texts.horizontalHeader().setStretchLastSection(True)
        self.criterion_texts.setFixedHeight(self.fontMetrics().lineSpacing() * 7)
        form.addRow(_("Letter &texts:"), self.criterion_texts)
        self.criteria: list[tuple[str, str]] = []
        self.spec: RegionSpec | None = None
        row = QHBoxLayout()
        self.communicated = QCheckBox(_("Communicated on"), box)
        self.date = QDateEdit(QDate.currentDate(), box)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.date.setEnabled(False)
        self.communicated.toggled.connect(self.date.setEnabled)
        row.addWidget(self.communicated)
        row.addWidget(self.date)
        row.addStretch(1)
        form.addRow(row)
        # the guards' reasons, asked only where a guard applies, kept in the minutes
        self.deviation = QLineEdit(box)
        self.deviation.setAccessibleName(_("Reason to depart from the &proposal"))
        form.addRow(_("Reason to depart from the &proposal"), self.deviation)
        self.override = QLineEdit(box)
        self.override.setAccessibleName(_("Reason to decide with too few &finalised jurors"))
        form.addRow(_("Reason to decide with too few &finalised jurors"), self.override)
        self.save_button = QPushButton(_("&Record decision"), box)
        self.save_button.clicked.connect(self.save_decision)
        form.addRow(self.save_button)
        box.setEnabled(False)
        self.decision_box = box

        ranking = QWidget(self)
        inner = QVBoxLayout(ranking)
        inner.addLayout(top)
        inner.addWidget(self.table, 3)
        inner.addWidget(self.sensitivity)
        inner.addWidget(box, 2)
        self.portfolio = PortfolioView(store, self)
        self.pages = QTabWidget(self)
        self.pages.addTab(ranking, _("Ranking"))
        self.pages.addTab(self.portfolio, _("Portfolio"))
        self.quality = QualityPanel(self)
        self.quality.print_button.clicked.connect(self.print_quality)
        self.pages.addTab(self.quality, _("Jury quality"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def show_region(self, slug: str) -> None:
        self.slug = slug
        self.reload()
        self.portfolio.show_region(slug)

    @property
    def round(self) -> int:
        return int(self.round_box.currentData())

    def reload(self, *_args: object) -> None:
        if self.slug is None:
            return
        from jurydesk.results.quality import compute_quality  # numpy: loaded on first use

        with self.store.reader() as session:
            quality = compute_quality(session, self.slug, self.round)
            results = quality.results
            anchors = calibration_spread(session, self.slug, self.round)
            region_id = get_region(session, self.slug).id
            self.decisions = {
                (d.candidature, d.round): d for d in list_decisions(session, region_id)
            }
            self.spec = region_detail(session, self.slug)
            self.criteria = [
                (c.key, c.label) for c in rubric_for(session, self.slug).round(self.round).criteria
            ]
        self.model.set_results(results, quality.places_in)
        self.quality.set_quality(quality, anchors)
        self.method.setText(
            _("Method of this region: {method} (highlighted)").format(
                method=method_label(results.method)
            )
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(0, 120)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(2, 240)
        knockout = self.model.chart_column - 2
        header.setSectionResizeMode(knockout, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(knockout, 170)
        header.setSectionResizeMode(self.model.chart_column, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(self.model.chart_column, 150)
        names = {r.candidature: r.organisation for r in results.results}
        self.sensitivity.setText(
            _("Depends on the method: {list}").format(
                list=", ".join(f"{c}. {names.get(c, '')}" for c in results.sensitivity)
            )
            if results.sensitivity
            else _("No proposal depends on the method.")
        )
        self.outcome.clear()
        for outcome in OUTCOMES[self.round]:
            self.outcome.addItem(outcome_label(outcome), outcome)
        self._selected()

    def _current(self):  # type: ignore[no-untyped-def]
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _selected(self, *_args: object) -> None:
        r = self._current()
        self.decision_box.setEnabled(r is not None)
        if r is None:
            self.candidature.setText(_("Select a candidature in the ranking."))
            return
        decided = self.decisions.get((r.candidature, self.round))
        review = (
            "<br>⚠ " + _("To review: a juror's return changed scores after this decision.")
            if decided and decided.needs_review
            else ""
        )
        late = (
            communication_warning(self.spec, decided.communicated_on)
            if decided and decided.communicated_on and self.spec is not None
            else ""
        )
        if late:
            review += "<br>⚠ " + late
        self.candidature.setText(f"<b>{r.candidature}. {r.organisation}</b>{review}")
        chosen = decided.criterion_texts if decided else {}
        self.criterion_texts.setRowCount(len(self.criteria))
        for index, (key, label) in enumerate(self.criteria):
            name = QTableWidgetItem(label)
            name.setData(Qt.ItemDataRole.UserRole, key)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.criterion_texts.setItem(index, 0, name)
            self.criterion_texts.setItem(index, 1, QTableWidgetItem(chosen.get(key, "")))
        self.criterion_texts.resizeColumnToContents(0)
        outcome = decided.outcome if decided else r.proposed
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(outcome)))
        self.motivation.setPlainText(decided.motivation if decided else "")
        with self.store.reader() as session:  # the reasons recorded with it, shown again
            guard = latest_guards(session, [r.candidature], self.round).get(r.candidature)
        self.deviation.setText(guard.deviation_reason if decided and guard else "")
        self.override.setText(guard.override_reason if decided and guard else "")
        self.communicated.setChecked(bool(decided and decided.communicated_on))
        if decided and decided.communicated_on:
            self.date.setDate(QDate(decided.communicated_on))

    def select_candidature(self, candidature: int) -> None:
        for row, r in enumerate(self.model.rows):
            if r.candidature == candidature:
                self.table.selectRow(row)

    def chosen_texts(self) -> dict[str, str]:
        out = {}
        for index, (key, _label) in enumerate(self.criteria):
            item = self.criterion_texts.item(index, 1)
            out[key] = item.text().strip() if item is not None else ""
        return out

    def save_decision(self) -> bool:
        r = self._current()
        if r is None:
            return False
        text = self.motivation.toPlainText().strip()
        if not text:
            show_error(
                self,
                _("Record decision"),
                _("A decision needs its motivation: it goes into the letter."),
            )
            return False
        communicated = self.date.date().toPython() if self.communicated.isChecked() else None
        try:
            with self.store.session() as session:
                decide(
                    session,
                    secretariat_actor(),
                    r.candidature,
                    self.round,
                    self.outcome.currentData(),
                    text,
                    communicated,
                    self.chosen_texts(),
                    override_reason=self.override.text(),
                    deviation_reason=self.deviation.text(),
                )
        except ScoringError as exc:
            show_error(self, _("Record decision"), exc)
            return False
        candidature = r.candidature
        self.reload()
        self.portfolio.reload()
        self.select_candidature(candidature)
        return True

    def print_quality(self) -> None:
        """The one-page quality report of this round, through the print dialog."""
        window = self.window()
        actions = getattr(window, "printing", None)
        if actions is not None and self.slug is not None:
            actions.quality()
