"""The main window's tabs are built when first needed: at first paint only the Candidatures
tab's view exists (the other tabs' modules not even imported), every label is in the tab bar,
and showing a tab (a click, Ctrl+Tab, a menu action that works in it) builds it in place."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

TAB_MODULES = {
    "region_view": "jurydesk.ui.regions.view",
    "scoring": "jurydesk.ui.scoring.view",
    "pitch": "jurydesk.ui.results.pitch",
    "results": "jurydesk.ui.results.view",
    "rebuttals": "jurydesk.ui.results.rebuttals",
}
VIEWS = {
    "region_view": "RegionView",
    "scoring": "ScoringView",
    "pitch": "PitchView",
    "results": "ResultsView",
    "rebuttals": "RebuttalsView",
}


def test_at_first_paint_only_the_first_tab_is_built(demo_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = demo_store.file
    demo_store.close()  # the app takes the writer lock itself
    code = (
        "import json, os, sys\n"
        "from jurydesk.i18n import set_language\n"
        "from jurydesk.ui.app import start\n"
        "from jurydesk.ui.first_paint import FirstPaint\n"
        "set_language('en')\n"
        "app, window, store = start(sys.argv[1])\n"
        "def painted():\n"
        "    tabs = window.tabs\n"
        "    print(json.dumps({\n"
        "        'modules': sorted(sys.modules),\n"
        "        'labels': [tabs.tabText(i) for i in range(tabs.count())],\n"
        "        'built': [n for n in window.lazy._builders if window.lazy.built(n)],\n"
        "    }), flush=True)\n"
        "    store.close()\n"
        "    os._exit(0)\n"
        "FirstPaint(window, painted)\n"
        "app.exec()\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    out = subprocess.run(
        [sys.executable, "-c", code, str(db)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        timeout=120,
    ).stdout
    found = json.loads(out.splitlines()[-1])
    assert found["labels"] == [
        "Candidatures",
        "Addendum",
        "Scoring",
        "Pitch day",
        "Results",
        "Rebuttals",
    ]
    assert found["built"] == []
    loaded = set(found["modules"])
    assert "jurydesk.ui.candidatures.view" in loaded
    assert not loaded & set(TAB_MODULES.values()), loaded & set(TAB_MODULES.values())
    # nor what the first paint does not need: the schema is at head (no Alembic), no
    # workbook, PDF or numerical library
    heavy = {"alembic", "openpyxl", "reportlab", "pypdfium2", "numpy"}
    assert not heavy & {m.split(".")[0] for m in loaded}


@pytest.mark.parametrize("name", list(TAB_MODULES))
def test_showing_a_tab_builds_it_in_place(window, name) -> None:  # type: ignore[no-untyped-def]
    tabs = window.tabs
    assert window.lazy.built(name) is None
    index = tabs.indexOf(window.lazy.page(name))
    label = tabs.tabText(index)
    tabs.setCurrentIndex(index)  # what a click on the tab does
    view = window.lazy.built(name)
    assert view is not None and type(view).__name__ == VIEWS[name]
    assert type(view).__module__ == TAB_MODULES[name]
    assert tabs.currentWidget() is view and tabs.indexOf(view) == index
    assert tabs.tabText(index) == label and tabs.count() == 6
    assert getattr(window, name) is view  # built once
    assert view.isVisible()


def test_the_shown_tab_loads_its_region(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    slug = window.current_slug()
    window.tabs.setCurrentIndex(window.tabs.indexOf(window.lazy.page("results")))
    assert window.results.slug == slug and window.results.table.model().rowCount() > 0
    window.tabs.setCurrentIndex(window.tabs.indexOf(window.lazy.page("region_view")))
    assert window.candidatures.region is not None
    assert window.candidatures.region.name in window.region_view.browser.toPlainText()


def test_ctrl_tab_builds_the_next_tab(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.tabs.setCurrentIndex(0)
    window.tabs.setFocus()
    qtbot.keyClick(window.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 1
    assert type(window.lazy.built("region_view")).__name__ == "RegionView"
    assert window.lazy.built("scoring") is None


def test_a_menu_action_builds_the_tab_it_works_in(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.lazy.built("scoring") is None
    window.now_presenting(window.candidatures.model.row_at(0).id)  # the pitch's "present"
    assert window.tabs.currentWidget() is window.lazy.built("scoring")


def test_a_hidden_tab_built_by_code_stays_hidden(window) -> None:  # type: ignore[no-untyped-def]
    window.enter_juror_mode()
    index = window.tabs.indexOf(window.lazy.page("rebuttals"))
    assert not window.tabs.isTabVisible(index)
    view = window.rebuttals  # asked for by code (a menu action), not shown
    assert window.tabs.indexOf(view) == index and not window.tabs.isTabVisible(index)
    assert window.tabs.currentIndex() == 0
