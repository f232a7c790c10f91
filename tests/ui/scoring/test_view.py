"""The scoring view, driven by keyboard as a juror would; autosave, blind rules, finalising."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from jurydesk.decisions.service import latest_outcomes, outcome_label
from jurydesk.scoring.scores import visible_scores
from jurydesk.store.models import Evaluation, Region, Score
from tests.signed import add_signed_juror


def _new_juror(store, name="Nieuw Jurylid") -> int:
    with store.session() as session:
        return add_signed_juror(
            session, "test", name, "expert", "Onafhankelijk", panels=[("leuven", 1), ("leuven", 2)]
        )


def _open(window, qtbot, juror: int):
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    window.tabs.setCurrentWidget(window.scoring)
    view = window.scoring
    view.juror_box.setCurrentIndex(view.juror_box.findData(juror))
    qtbot.waitUntil(lambda: view.sheet is not None)
    return view


def test_score_a_whole_candidature_by_keyboard(window, qtbot, demo_store):
    juror = _new_juror(demo_store)
    view = _open(window, qtbot, juror)
    sheet = view.sheet
    assert not sheet.finalized and sheet.scores == {}
    first = view.panels[0]
    assert first.score.hasFocus()  # the first empty criterion has the focus
    for index, panel in enumerate(view.panels):
        assert panel.score.hasFocus()
        qtbot.keyClicks(panel.score, "3" if not panel.criterion.half_points else "2,5")
        assert view.state.property("save_state") == "saved"
        qtbot.keyClick(panel.score, Qt.Key.Key_Tab)
        assert panel.motivation.hasFocus()
        qtbot.keyClicks(panel.motivation, f"Motivering {index + 1}")
        qtbot.keyClick(panel.motivation, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyClick(panel.score, Qt.Key.Key_Return)
    assert view.comment.hasFocus()
    qtbot.keyClicks(view.comment, "Sterk voorstel.")
    assert "label" not in first.meaning.text() and "goed" in first.meaning.text()
    # Ctrl+Enter asks for confirmation, then locks.
    qtbot.keyClick(view.comment, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert view.confirm.isVisible()
    view.confirm.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: view.sheet.finalized)
    assert all(p.score.isReadOnly() for p in view.panels)
    with demo_store.reader() as session:
        rows = session.scalars(
            select(Score).where(Score.juror_id == juror, Score.candidature_id == sheet.candidature)
        )
        saved = {r.criterion: (r.value, r.motivation) for r in rows}
        evaluation = session.scalar(
            select(Evaluation).where(
                Evaluation.juror_id == juror, Evaluation.candidature_id == sheet.candidature
            )
        )
    assert len(saved) == len(view.panels)
    assert saved[view.panels[0].criterion.key] == (3.0, "Motivering 1")
    assert evaluation.comment == "Sterk voorstel." and evaluation.finalized_at is not None


def test_finalise_lists_what_is_missing(window, qtbot, demo_store):
    view = _open(window, qtbot, _new_juror(demo_store))
    qtbot.keyClicks(view.panels[0].score, "4")
    view.finalize()
    assert view.confirm.isVisible()
    text = view.confirm.text()
    assert view.panels[1].criterion.label in text and view.panels[0].criterion.label not in text
    view.confirm.close()
    assert not view.sheet.finalized


def test_out_of_range_is_refused_and_not_saved(window, qtbot, demo_store):
    juror = _new_juror(demo_store)
    view = _open(window, qtbot, juror)
    qtbot.keyClicks(view.panels[0].score, "7")
    assert "#a4260b" in view.panels[0].meaning.text()
    with demo_store.reader() as session:
        assert session.scalar(select(Score.id).where(Score.juror_id == juror)) is None


def test_autosave_survives_closing_and_reopening(window, qtbot, demo_store):
    juror = _new_juror(demo_store)
    view = _open(window, qtbot, juror)
    cand = view.sheet.candidature
    qtbot.keyClicks(view.panels[0].score, "2")
    qtbot.keyClicks(view.panels[0].motivation, "Nog niet concreet")
    assert view.state.property("save_state") == "pending"
    window.close()  # the pending motivation is saved on closing
    from jurydesk.ui.main_window import MainWindow

    again = MainWindow(demo_store)
    qtbot.addWidget(again)
    again.show()
    assert again.scoring.juror_box.count() == 0  # juror mode: nobody until one signs in
    assert again.enter_secretariat("demo")
    view2 = _open(again, qtbot, juror)
    assert view2.sheet.candidature == cand
    assert view2.panels[0].score.text() == "2"
    assert view2.panels[0].motivation.toPlainText() == "Nog niet concreet"


def test_page_down_and_up_move_between_candidatures(window, qtbot, demo_store):
    view = _open(window, qtbot, _new_juror(demo_store))
    first = view.sheet.candidature
    qtbot.keyClicks(view.panels[0].motivation, "x")
    qtbot.keyClick(view.panels[0].motivation, Qt.Key.Key_PageDown)
    assert view.sheet.candidature != first
    qtbot.keyClick(view.panels[0].score, Qt.Key.Key_PageUp)
    assert view.sheet.candidature == first
    assert view.panels[0].motivation.toPlainText() == "x"  # saved before moving


def test_blind_until_finalised(window, qtbot, demo_store):
    juror = _new_juror(demo_store)
    view = _open(window, qtbot, juror)
    assert view.sheet.others == [] and view.others.text() == ""
    with demo_store.reader() as session:
        region = session.scalar(select(Region.id).where(Region.slug == "leuven"))
        assert all(r.juror == juror for r in visible_scores(session, juror, region, 1))
    for panel in view.panels:
        qtbot.keyClicks(panel.score, "2")
    assert view.finalize()
    view.confirm.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: view.sheet.finalized)
    assert view.sheet.others and all(o.juror != "Nieuw Jurylid" for o in view.sheet.others)
    assert view.sheet.others[0].juror in view.others.text()


def test_needs_panel_highlights_what_the_candidature_claims(window, qtbot, demo_store):
    view = _open(window, qtbot, _new_juror(demo_store))
    text = view.needs.toPlainText()
    assert view.sheet.challenges
    marked = [line for line in text.splitlines() if "◀" in line]
    spec = view.spec
    claimed = [c for c in spec.challenges if c.number in view.sheet.challenges]
    assert len(marked) >= len(claimed) > 0
    assert all(any(f"{c.number}." in line for line in marked) for c in claimed)


def test_candidature_list_shows_state_and_my_progress(window, qtbot, demo_store):
    juror = _new_juror(demo_store)
    view = _open(window, qtbot, juror)
    model = window.candidatures.model
    state, mine = model.COLUMNS.index("state"), model.COLUMNS.index("progress")
    cand = view.sheet.candidature
    row = next(r for r in range(model.rowCount()) if model.row_at(r).id == cand)
    with demo_store.reader() as session:
        expected = outcome_label(latest_outcomes(session, "leuven")[cand])
    assert model.data(model.index(row, state)) == expected
    assert model.data(model.index(row, mine)).startswith("R1 0/")
    qtbot.keyClicks(view.panels[0].score, "3")
    assert model.data(model.index(row, mine)).startswith("R1 1/")


def test_page_down_shows_the_next_form_from_its_first_criterion(window, qtbot, demo_store):
    view = _open(window, qtbot, _new_juror(demo_store))
    bar = view.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)  # the rubric is longer than the pane
    last = view.panels[-1]
    last.score.setFocus()
    view.scroll.ensureWidgetVisible(last)
    assert bar.value() > 0
    first = view.sheet.candidature
    qtbot.keyClick(last.score, Qt.Key.Key_PageDown)
    assert view.sheet.candidature != first
    target = view.panels[0]
    assert target.score.hasFocus()
    top = target.mapTo(view.scroll.widget(), target.rect().topLeft()).y()
    assert bar.value() <= top
    assert top + target.height() <= bar.value() + view.scroll.viewport().height()
