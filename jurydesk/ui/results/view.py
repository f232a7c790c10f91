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
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jurydesk.audit.chain import secretariat_actor
from jurydesk.decisions.guards import latest_guards
from jurydesk.decisions.service import decide, list_decisions, note_unscored, outcome_label
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
from jurydesk.ui.progress import sentence, show_error
from jurydesk.ui.region_tab import RegionTab
from jurydesk.ui.results.model import RankDelegate, ResultsTableModel, TotalsDelegate
from jurydesk.ui.results.portfolio import PortfolioView
from jurydesk.ui.results.quality import QualityPanel
from jurydesk.ui.splitters import remember, results_sizes
from jurydesk.ui.widgets import message_label


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
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setItemDelegateForColumn(self.model.chart_column, TotalsDelegate(self.table))
        self.table.setItemDelegateForColumn(0, RankDelegate(self.table))
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.sensitivity = QLabel(self)
        self.sensitivity.setWordWrap(True)

        box = QGroupBox(_("Decision"), self)
        form = QVBoxLayout(box)  # compact at 1280x760: two rows of fields
        self.candidature = QLabel(box)
        form.addWidget(self.candidature)
        self.outcome = QComboBox(box)
        self.outcome.setAccessibleName(_("Decision"))
        self.motivation = QPlainTextEdit(box)
        self.motivation.setTabChangesFocus(True)
        self.motivation.setAccessibleName(_("Motivation"))
        self.motivation.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 8)
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
        self.criterion_texts.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.criterion_texts.horizontalHeader().setStretchLastSection(True)
        self.criterion_texts.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 8)
        self.criteria: list[tuple[str, str]] = []
        self.spec: RegionSpec | None = None
        row = QHBoxLayout()
        row.addWidget(_buddy(_("&Decision:"), self.outcome, box))
        row.addWidget(self.outcome, 1)
        self.communicated = QCheckBox(_("Communicated on"), box)
        self.date = QDateEdit(QDate.currentDate(), box)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.date.setEnabled(False)
        self.communicated.toggled.connect(self.date.setEnabled)
        # said while the date is typed, not only once the decision is recorded
        self.date_warning = message_label(box, _("Communication date"))
        self.date_warning.hide()
        self.communicated.toggled.connect(self._date_typed)
        self.date.dateChanged.connect(self._date_typed)
        row.addWidget(self.communicated)
        row.addWidget(self.date)
        # the guards' reasons, asked only where a guard applies, kept in the minutes
        reasons = QHBoxLayout()
        self.deviation = QLineEdit(box)
        self.override = QLineEdit(box)
        for label, field in (
            (_("Reason to depart from the &proposal"), self.deviation),
            (_("Reason to decide with too few &finalised jurors"), self.override),
        ):
            reasons.addWidget(_buddy(label, field, box))
            reasons.addWidget(field, 1)
        self.save_button = QPushButton(_("&Record decision"), box)
        self.save_button.clicked.connect(self.save_decision)
        row.addWidget(self.save_button)
        form.addLayout(row)
        form.addWidget(self.date_warning)
        form.addLayout(reasons)
        texts = QHBoxLayout()
        for label, field in (
            (_("&Motivation:"), self.motivation),
            (_("Letter &texts:"), self.criterion_texts),
        ):
            column = QVBoxLayout()
            column.addWidget(_buddy(label, field, box))
            column.addWidget(field)
            column.addStretch(1)
            texts.addLayout(column, 1)
        form.addLayout(texts)
        form.addStretch(1)
        box.setEnabled(False)
        self.decision_box = box

        ranking = QWidget(self)
        inner = QVBoxLayout(ranking)
        inner.addLayout(top)
        self.split = QSplitter(Qt.Orientation.Vertical, ranking)
        listing = QWidget(self.split)
        listing_layout = QVBoxLayout(listing)
        listing_layout.setContentsMargins(0, 0, 0, 0)
        listing_layout.addWidget(self.table, 1)
        listing_layout.addWidget(self.sensitivity)
        self.split.addWidget(listing)
        self.split.addWidget(box)
        self.split.setStretchFactor(0, 1)  # a taller window: more rows, not a taller panel
        self.split.setStretchFactor(1, 0)
        self.split.setCollapsible(0, False)  # the decision panel folds away, the ranking never
        remember(self.split, "results", lambda height: results_sizes(height, box.minimumSizeHint()))
        inner.addWidget(self.split, 1)
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
        # the organisation takes what is left, so the Decision column stays in view at 1280
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        knockout = self.model.chart_column - 2
        header.setSectionResizeMode(knockout, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(knockout, 110)
        header.setSectionResizeMode(self.model.chart_column, QHeaderView.ResizeMode.Fixed)
        title = str(self.model.headers[self.model.chart_column])
        chart = max(110, header.fontMetrics().horizontalAdvance(title) + 16)  # header in full
        self.table.setColumnWidth(self.model.chart_column, chart)
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

    def _date_typed(self, *_args: object) -> None:
        """The addendum's date for communicating the decision, checked against the date as
        typed (a warning: the secretariat may still record it)."""
        late = (
            communication_warning(self.spec, self.date.date().toPython())
            if self.communicated.isChecked() and self.spec is not None
            else ""
        )
        self.date_warning.setText("⚠ " + sentence(late) if late else "")
        self.date_warning.setVisible(bool(late))

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
        if not r.juror_totals:
            review += "<br>⚠ " + _("Not scored: no juror has scored this candidature.")
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
        outcome = decided.outcome if decided else r.proposed if r.juror_totals else None
        self.outcome.setCurrentIndex(self.outcome.findData(outcome) if outcome else -1)
        self.motivation.setPlainText(decided.motivation if decided else "")
        with self.store.reader() as session:  # the reasons recorded with it, shown again
            guard = latest_guards(session, [r.candidature], self.round).get(r.candidature)
        self.deviation.setText(guard.deviation_reason if decided and guard else "")
        self.override.setText(guard.override_reason if decided and guard else "")
        self.communicated.setChecked(bool(decided and decided.communicated_on))
        if decided and decided.communicated_on:
            self.date.setDate(QDate(decided.communicated_on))
        self._date_typed()

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

    def save_decision(self, unscored_reason: str | None = None) -> bool:
        """Record the decision; on a candidature nobody scored, only with a reason (asked)."""
        r = self._current()
        if r is None:
            return False
        if not r.juror_totals and not (unscored_reason or "").strip():
            self.reason_dialog = QInputDialog(self)
            self.reason_dialog.setWindowTitle(_("Record decision"))
            self.reason_dialog.setLabelText(
                _("No juror has scored this candidature. Why is it decided without scores?")
            )
            self.reason_dialog.textValueSelected.connect(self.save_decision)
            self.reason_dialog.open()
            return False
        text = self.motivation.toPlainText().strip()
        if self.outcome.currentIndex() < 0:
            show_error(self, _("Record decision"), _("Choose the decision first."))
            return False
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
                    # an unscored candidature's reason is also why the jury decides it anyway
                    override_reason=self.override.text() or (unscored_reason or ""),
                    deviation_reason=self.deviation.text(),
                )
                if not r.juror_totals:
                    note_unscored(
                        session,
                        secretariat_actor(),
                        r.candidature,
                        self.round,
                        unscored_reason or "",
                    )
        except ScoringError as exc:
            show_error(self, _("Record decision"), exc)
            return False
        candidature = r.candidature
        self.reload()
        self.portfolio.reload()
        self.select_candidature(candidature)
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(
                _("Decision recorded for {n}. {organisation}: {outcome}").format(
                    n=candidature, organisation=r.organisation, outcome=self.outcome.currentText()
                ),
                15000,
            )
        return True

    def print_quality(self) -> None:
        """The one-page quality report of this round, through the print dialog."""
        window = self.window()
        actions = getattr(window, "printing", None)
        if actions is not None and self.slug is not None:
            actions.quality()


def _buddy(text: str, field: QWidget, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setBuddy(field)
    return label
