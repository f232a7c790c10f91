"""A score correction is never lost silently: a click selects the score, a value off the scale
stays marked (field and candidature) until corrected or undone, and blocks finalising."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from jurydesk.store.models import Score
from tests.ui.scoring.test_view import _new_juror, _open


def _stored(store, juror: int, candidature: int, key: str) -> float | None:
    with store.reader() as session:
        return session.scalar(
            select(Score.value).where(
                Score.juror_id == juror,
                Score.candidature_id == candidature,
                Score.criterion == key,
            )
        )


def test_a_click_selects_the_score_and_a_wrong_value_stays_marked(window, qtbot, demo_store):
    juror = _new_juror(demo_store)
    view = _open(window, qtbot, juror)
    panel = next(p for p in view.panels if p.criterion.max < 10)
    key, first = panel.criterion.key, view.sheet.candidature
    qtbot.keyClicks(panel.score, "4")
    assert _stored(demo_store, juror, first, key) == 4
    view.panels[-1].score.setFocus()  # the juror works elsewhere, then clicks back once
    qtbot.mouseClick(panel.score, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.score, "2")
    assert panel.score.text() == "2"  # replaced, not "42"
    assert _stored(demo_store, juror, first, key) == 2
    # A value off the scale: not stored, marked in the field, the state and the list.
    bad = str(panel.criterion.max + 1)  # one digit off the scale
    panel.score.setFocus()
    panel.score.selectAll()
    qtbot.keyClicks(panel.score, bad)
    assert _stored(demo_store, juror, first, key) == 2
    assert panel.score.property("unsaved") is True
    assert view.state.property("save_state") == "error"
    assert view.list.item(view.list.currentRow()).text().startswith("✕")
    qtbot.keyClick(panel.score, Qt.Key.Key_Return)
    assert panel.score.hasFocus()  # Enter does not leave it behind
    # Away and back: still there, still marked; finalising is refused while it waits.
    view.next_candidature()
    assert view.sheet.candidature != first
    view.previous_candidature()
    assert view.sheet.candidature == first
    assert panel.score.text() == bad and panel.score.property("unsaved") is True
    assert not view.finalize()
    assert f"{panel.criterion.label}: {bad}" in view.confirm.text()
    view.confirm.close()
    # The next digit replaces the wrong value and is stored.
    panel.score.setFocus()
    panel.score.deselect()
    panel.score.end(False)
    qtbot.keyClicks(panel.score, "3")
    assert panel.score.text() == "3" and not panel.score.property("unsaved")
    assert _stored(demo_store, juror, first, key) == 3
    assert not view.list.item(view.list.currentRow()).text().startswith("✕")


def test_escape_restores_the_stored_score(window, qtbot, demo_store):
    juror = _new_juror(demo_store)
    view = _open(window, qtbot, juror)
    panel = next(p for p in view.panels if p.criterion.max < 10)
    qtbot.keyClicks(panel.score, "3")
    panel.score.selectAll()
    qtbot.keyClicks(panel.score, str(panel.criterion.max + 1))
    assert panel.score.property("unsaved") is True
    qtbot.keyClick(panel.score, Qt.Key.Key_Escape)
    assert panel.score.text() == "3" and not panel.score.property("unsaved")
    assert _stored(demo_store, juror, view.sheet.candidature, panel.criterion.key) == 3
    assert not view.unsaved_scores(juror, view.sheet.candidature, view.round)
