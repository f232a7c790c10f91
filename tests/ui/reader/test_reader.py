"""The proposal beside the rubric: the reader shows it, finds in it, and never steals the
scoring keys; the candidature list finds text in proposals and takes dropped files."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from sqlalchemy import select

from jurydesk.demo.generate import make_pdf
from jurydesk.documents.service import list_documents
from jurydesk.store.models import Score
from tests.signed import add_signed_juror
from tests.ui.scoring.test_view import _open


def _new_juror(store) -> int:
    with store.session() as session:
        return add_signed_juror(session, "test", "Lezer", "expert", "", panels=[("leuven", 1)])


def test_a_juror_reads_the_proposal_and_scores_by_keyboard(window, qtbot, demo_store):
    juror = _new_juror(demo_store)
    view = _open(window, qtbot, juror)
    reader = view.pane.reader
    assert view.pane.currentWidget() is reader  # the proposal comes first
    assert reader.current is not None and reader.current.candidature == view.sheet.candidature
    if reader.current.media_type == "application/pdf":
        qtbot.waitUntil(lambda: not reader.pdf.labels[0].pixmap().isNull(), timeout=10_000)
    # The rubric keeps its keys while the reader is open.
    panel = view.panels[0]
    assert panel.score.hasFocus()
    qtbot.keyClicks(panel.score, "3")
    qtbot.keyClick(panel.score, Qt.Key.Key_Return)
    assert view.panels[1].score.hasFocus()
    first = view.sheet.candidature
    qtbot.keyClick(view.panels[1].score, Qt.Key.Key_PageDown)
    assert view.sheet.candidature != first
    assert reader.current is None or reader.current.candidature == view.sheet.candidature
    with demo_store.reader() as session:
        saved = session.scalar(
            select(Score.value).where(Score.juror_id == juror, Score.candidature_id == first)
        )
    assert saved == 3


def test_find_in_the_proposal_highlights_hits_on_the_page(window, qtbot, demo_store):
    view = _open(window, qtbot, _new_juror(demo_store))
    reader = view.pane.reader
    for row in range(view.list.count()):
        view.list.setCurrentRow(row)
        if reader.current and reader.current.media_type == "application/pdf":
            break
    qtbot.keyClick(
        view.panels[0].score,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert reader.find_box.hasFocus()
    reader.find_box.setText("regio")
    assert reader.find() > 0 and reader.pdf.hits
    page = min(reader.pdf.hits)
    qtbot.waitUntil(lambda: not reader.pdf.labels[page].pixmap().isNull(), timeout=10_000)
    image = reader.pdf.labels[page].pixmap().toImage()
    left, bottom, right, top = reader.pdf.hits[page][0]
    scale = image.width() / reader.pdf.sizes[page][0]
    x = int((left + right) / 2 * scale)
    y = int((reader.pdf.sizes[page][1] - (top + bottom) / 2) * scale)
    colour = image.pixelColor(x, y)
    assert colour.blue() < colour.red() - 40  # the yellow highlight is painted there


def test_word_proposals_show_as_text(window, qtbot, demo_store):
    view = _open(window, qtbot, _new_juror(demo_store))
    reader = view.pane.reader
    for row in range(view.list.count()):
        view.list.setCurrentRow(row)
        if reader.current and reader.current.name.endswith(".docx"):
            break
    assert reader.stack.currentWidget() is reader.html
    assert "Actieplan" in reader.html.toPlainText()
    reader.find_box.setText("actieplan")
    assert reader.find() >= 1


def test_the_list_finds_proposal_text_and_takes_dropped_files(window, qtbot, demo_store, tmp_path):
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    view = window.candidatures
    qtbot.keyClicks(view.search, "kinderopvang")
    assert view.hits and view.found.isVisible()
    assert all("kinderopvang" in h.plain_snippet.lower() for h in view.hits)
    target = view.hits[0].candidature
    view.search.clear()
    plan = tmp_path / "bijlage.pdf"
    plan.write_bytes(make_pdf("Bijlage", [["zeppelinhaven"]]))
    row = next(
        r for r in range(view.proxy.rowCount()) if view._id_at(view.proxy.index(r, 0)) == target
    )
    rect = view.table.visualRect(view.proxy.index(row, 1))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(plan))])
    drop = QDropEvent(
        QPointF(rect.center()),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # Qt delivers a real drop only inside a running drag; the filter gets the same event.
    assert view.drop_filter.eventFilter(view.table.viewport(), drop)
    assert drop.isAccepted()
    with demo_store.reader() as session:
        assert "bijlage.pdf" in [d.name for d in list_documents(session, target)]
    qtbot.keyClicks(view.search, "zeppelinhaven")
    assert [h.candidature for h in view.hits] == [target]
    view.found.setCurrentRow(0)
    view._open_hit(view.found.item(0))  # what a double-click on the hit does
    reader = view.documents.window_.reader
    assert reader.current.name == "bijlage.pdf" and reader.current.candidature == target
    assert reader.pdf.hits  # the search word is highlighted
    view.documents.window_.reject()


def test_a_search_hit_opens_on_its_page_with_the_hit_painted(window, qtbot, demo_store):
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    view = window.candidatures
    qtbot.keyClicks(view.search, "kinderopvang")
    row, hit = next((i, h) for i, h in enumerate(view.hits) if h.page and h.page > 1)
    view.found.setCurrentRow(row)
    view._open_hit(view.found.item(row))  # what a double-click on the hit does
    reader_window = view.documents.window_
    qtbot.waitExposed(reader_window)
    reader = reader_window.reader
    assert reader.current.id == hit.document
    page = hit.page - 1
    qtbot.waitUntil(lambda: reader.pdf.current_page() == page, timeout=5_000)
    total = reader.current.pages
    assert reader.page_label.text() == f"pagina {hit.page} van {total}"
    assert page in reader.pdf.hits
    qtbot.waitUntil(lambda: not reader.pdf.labels[page].pixmap().isNull(), timeout=10_000)
    image = reader.pdf.labels[page].pixmap().toImage()
    left, bottom, right, top = reader.pdf.hits[page][0]
    scale = image.width() / reader.pdf.sizes[page][0]
    y = int((reader.pdf.sizes[page][1] - (top + bottom) / 2) * scale)
    colour = image.pixelColor(int((left + right) / 2 * scale), y)
    assert colour.blue() < colour.red() - 40  # the hit is painted
    reader_window.reject()
