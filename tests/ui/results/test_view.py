"""The results view: ranking under every method, chart data, decisions with motivation."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from sqlalchemy import select

from jurydesk.results.ranking import compute_results
from jurydesk.store.models import Decision
from jurydesk.ui.results.model import TOTALS_ROLE, ResultsTableModel


def _open(window, slug="leuven"):
    window.region_box.setCurrentIndex(window.region_box.findData(slug))
    window.tabs.setCurrentWidget(window.results)
    return window.results


def test_ranking_matches_the_engine(window, demo_store):
    view = _open(window)
    with demo_store.reader() as session:
        expected = compute_results(session, "leuven", 1)
    model = view.model
    assert model.rowCount() == len(expected.results)
    for row, result in enumerate(expected.results):
        assert model.data(model.index(row, 1)) == str(result.candidature)
        assert model.data(model.index(row, 0)) == ("" if result.rank is None else str(result.rank))
        assert model.data(model.index(row, model.chart_column), TOTALS_ROLE) == list(
            result.juror_totals.values()
        )
    chosen = model.method_column(expected.method)
    assert model.data(model.index(0, chosen), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.headerData(chosen, Qt.Orientation.Horizontal, Qt.ItemDataRole.FontRole).bold()
    flagged = [r for r, res in enumerate(expected.results) if res.disagreement]
    assert flagged and all("⚠" in model.data(model.index(r, chosen + 4)) for r in flagged)


def test_results_model_passes_the_model_tester(qtmodeltester, demo_store):
    model = ResultsTableModel()
    with demo_store.reader() as session:
        model.set_results(compute_results(session, "dijleland-plus", 2))
    qtmodeltester.check(model)


def test_decision_needs_a_motivation_and_is_recorded(window, demo_store):
    view = _open(window)
    view.round_box.setCurrentIndex(1)
    view.table.selectRow(0)
    r = view.model.rows[0]
    view.outcome.setCurrentIndex(view.outcome.findData("reserve"))
    view.motivation.setPlainText("   ")
    assert not view.save_decision()
    view.motivation.setPlainText("De jury verkiest een ander profiel; reserve.")
    assert not view.save_decision()  # not the proposed outcome: a reason is asked
    view.deviation.setText("Een ander profiel vult de portefeuille beter aan.")
    assert view.save_decision()
    with demo_store.reader() as session:
        decision = session.scalar(
            select(Decision).where(Decision.candidature_id == r.candidature, Decision.round == 2)
        )
    assert decision.outcome == "reserve"
    assert decision.motivation == "De jury verkiest een ander profiel; reserve."
    assert view.model.data(view.model.index(0, view.model.columnCount() - 1)) == "reserve"
    # the text a letter prints under a criterion is chosen here, per criterion
    assert view.criterion_texts.rowCount() == len(view.criteria)
    view.criterion_texts.item(0, 1).setText("De jury vindt de aansluiting sterk.")
    view.communicated.setChecked(True)
    view.date.setDate(QDate(2023, 7, 5))  # before Leuven's "Vóór 7 juli 2023": no warning
    assert view.date_warning.isHidden() and view.date_warning.text() == ""
    view.date.setDate(QDate(2023, 7, 12))  # after it: said while typing, before recording
    assert not view.date_warning.isHidden() and "Vóór 7 juli 2023" in view.date_warning.text()
    view.communicated.setChecked(False)
    assert view.date_warning.isHidden()
    view.communicated.setChecked(True)
    assert view.save_decision()
    with demo_store.reader() as session:
        decision = session.scalar(
            select(Decision).where(Decision.candidature_id == r.candidature, Decision.round == 2)
        )
    assert decision.criterion_texts == {view.criteria[0][0]: "De jury vindt de aansluiting sterk."}
    assert "Vóór 7 juli 2023" in view.candidature.text()


def test_portfolio_shows_gaps_and_suggests(window, demo_store):
    view = _open(window, "dijleland-plus")
    portfolio = view.portfolio
    view.pages.setCurrentWidget(portfolio)
    portfolio.scope.setCurrentIndex(portfolio.scope.findData("all"))
    cov = portfolio.cov
    assert portfolio.table.rowCount() == len(cov.members) == 13
    assert "ontwenningszorg" in portfolio.gaps.text()  # a need the selection leaves open
    header = [
        portfolio.table.horizontalHeaderItem(c).text() for c in range(portfolio.table.columnCount())
    ]
    gap = header.index("ontwenningszorg")
    assert portfolio.table.item(0, gap).background().color().name() == "#f8d7d0"
    with demo_store.reader() as session:
        before = [(d.candidature_id, d.round, d.outcome) for d in session.scalars(select(Decision))]
    portfolio.budget.setValue(250000)
    portfolio.partners.setValue(4)
    result = portfolio.run_suggestion()
    assert result is not None and len(result.chosen) <= 4
    text = portfolio.explanation.toPlainText()
    assert "advies" in text and all(f"{c}." in text for c in result.chosen)
    with demo_store.reader() as session:  # advice only: no decision changed
        after = [(d.candidature_id, d.round, d.outcome) for d in session.scalars(select(Decision))]
    assert after == before


def test_an_unscored_candidature_is_not_scored_and_its_decision_asks_why(window, demo_store):
    from jurydesk.candidatures.edit import add_candidature
    from jurydesk.store.models import AuditEvent, Decision

    with demo_store.session() as session:
        cand = add_candidature(
            session,
            "t",
            "leuven",
            {
                "organisation": "Laat Ingediend vzw",
                "contact": "An",
                "email": "an@laat.example",
                "title": "Nog niet beoordeeld",
                "received_at": "05/06/2023 10:00",
                "challenges": "1",
            },
        )
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    window.tabs.setCurrentWidget(window.results)
    view = window.results
    view.reload()
    row = next(i for i, r in enumerate(view.model.rows) if r.candidature == cand)
    columns = view.model.headers
    text = {h: view.model.index(row, c).data() for c, h in enumerate(columns)}
    assert text["Voorstel"] == "niet beoordeeld"
    assert text["Spreiding (sd)"] == ""  # no spread of 0,0 without scores
    view.select_candidature(cand)
    assert "niet beoordeeld" in view.candidature.text().lower() or "Niet beoordeeld" in (
        view.candidature.text()
    )
    assert view.outcome.currentIndex() == -1  # nothing proposed
    view.outcome.setCurrentIndex(view.outcome.findData("not_selected"))
    view.motivation.setPlainText("Te laat ingediend.")
    assert not view.save_decision()  # the reason is asked first
    assert view.reason_dialog.isVisible()
    view.reason_dialog.setTextValue("Ingediend na de termijn, door de jury niet gelezen.")
    view.reason_dialog.accept()
    with demo_store.reader() as session:
        decided = session.scalar(select(Decision.outcome).where(Decision.candidature_id == cand))
        note = session.scalar(
            select(AuditEvent.new).where(
                AuditEvent.action == "decide_unscored", AuditEvent.entity_key == str(cand)
            )
        )
    assert decided == "not_selected"
    assert "na de termijn" in str(note)
