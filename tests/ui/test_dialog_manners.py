"""Small manners of the main window: it reopens on the last region, a saved edit keeps the
candidature selected, and typing a search never switches the details to another candidature."""

from __future__ import annotations

from jurydesk.ui.main_window import MainWindow


def test_the_app_reopens_on_the_last_region(window, qtbot, demo_store):
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    assert window.region_box.itemData(0) != "leuven"  # not simply the first region
    again = MainWindow(demo_store)
    qtbot.addWidget(again)
    assert again.current_slug() == "leuven"


def _select(view, candidature: int) -> None:
    assert view.select_id(candidature)
    assert view.current_id() == candidature


def test_saving_an_edit_keeps_the_candidature_selected(window):
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    view = window.candidatures
    chosen = view.model.row_at(3).id
    _select(view, chosen)
    edit = window.admin.open_candidature(chosen)
    edit.fields["title"].setText("Een betere titel")
    assert edit.save()
    assert view.current_id() == chosen
    assert "Een betere titel" in view.details.toPlainText()


def test_typing_a_search_keeps_the_details_on_the_chosen_candidature(window, qtbot):
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    view = window.candidatures
    rows = [view.model.row_at(i) for i in range(view.model.rowCount())]
    chosen = rows[-1]
    _select(view, chosen.id)
    shown = view.details.toPlainText()
    assert chosen.organisation in shown
    word = rows[0].organisation.split()[0]  # another candidature's name
    assert word.lower() not in chosen.organisation.lower()
    qtbot.keyClicks(view.search, word)
    assert view.details.toPlainText() == shown  # the details did not switch
    view.search.clear()
    assert view.current_id() == chosen.id and view.details.toPlainText() == shown
