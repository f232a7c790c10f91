"""At 1280×760 (the app's default window) the proposal and the decision need no mouse drag:
the proposal takes half the scoring view, the ranking shows its Decision column and every row,
the decision panel folds away, and the user's own splitter positions are kept."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from jurydesk.ui.main_window import MainWindow
from tests.ui.scoring.test_view import _new_juror, _open


def test_the_proposal_takes_half_the_scoring_view(window, qtbot, demo_store):
    assert (window.width(), window.height()) == (1280, 760)
    view = _open(window, qtbot, _new_juror(demo_store))
    qtbot.waitUntil(lambda: view.pane.width() > 0)
    assert view.pane.width() >= view.splitter.width() // 2 - 10
    reader = view.pane.reader
    for field in (reader.chooser, reader.find_box):  # the document and find fields fit
        assert field.width() >= min(field.sizeHint().width(), 160)
        assert field.visibleRegion().boundingRect().width() == field.width()


def test_a_moved_splitter_is_kept_for_the_next_window(window, qtbot, demo_store):
    view = _open(window, qtbot, _new_juror(demo_store))
    try:
        view.splitter.moveSplitter(400, 2)  # the rubric wider, as this user likes it
        chosen = view.splitter.sizes()
        again = MainWindow(demo_store)
        qtbot.addWidget(again)
        again.show()
        again.tabs.setCurrentWidget(again.scoring)
        qtbot.waitUntil(lambda: again.scoring.splitter.sizes()[1] > 0)
        assert abs(again.scoring.splitter.sizes()[1] - chosen[1]) <= 2
    finally:
        QSettings().remove("splitters/scoring")


def test_the_ranking_shows_every_row_and_the_decision_column(window, qtbot):
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    window.tabs.setCurrentWidget(window.results)
    view = window.results
    table, model = view.table, view.model
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    last = model.columnCount() - 1
    header = table.horizontalHeader()
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= (
        table.viewport().width()
    )
    visible = table.viewport().height() // table.rowHeight(0)
    assert visible >= min(model.rowCount(), 13)
    assert view.split.isCollapsible(1)  # the decision panel folds away
    view.split.setSizes([1, 0])
    assert view.decision_box.visibleRegion().isEmpty()


def test_recording_a_decision_confirms_in_the_status_bar(window, qtbot):
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    window.tabs.setCurrentWidget(window.results)
    view = window.results
    qtbot.waitUntil(lambda: view.model.rowCount() > 0)
    view.table.selectRow(0)
    r = view.model.rows[0]
    view.motivation.setPlainText("Sterk en haalbaar voorstel.")
    assert view.save_decision()
    message = window.statusBar().currentMessage()
    assert f"{r.candidature}. {r.organisation}" in message and "vastgelegd" in message.lower()
