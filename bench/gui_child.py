"""Child process for the GUI benchmarks: prints one JSON object.

``search DB``  types a search, keystroke by keystroke, into the candidature list of the region
               with the most candidatures (the import benchmark's 2,000-row region);
``switch DB``  opens every candidature of a juror's worklist in the scoring view in turn.
Each figure is the wall time of the user action up to the moment the event loop is idle again.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _window(db: str):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from jurydesk.i18n import set_language
    from jurydesk.store import open_store
    from jurydesk.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    set_language("nl")
    from jurydesk.passphrase import has_passphrase, set_passphrase

    store = open_store(f"sqlite:///{db}")
    with store.session() as session:
        if not has_passphrase(session):
            set_passphrase(session, "bench")
    window = MainWindow(store)
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    # The secretariat's view: every juror in the scoring view's list (the app starts in
    # juror mode, where a juror signs in with their PIN).
    assert window.enter_secretariat("bench") or window.enter_secretariat("demo")
    app.processEvents()
    return app, window


def _stats(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median_ms": statistics.median(ordered) * 1000,
        "p95_ms": ordered[int(len(ordered) * 0.95) - 1] * 1000,
        "max_ms": ordered[-1] * 1000,
        "n": len(ordered),
    }


def search(db: str) -> dict[str, float]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    app, window = _window(db)
    counts = [(window.region_box.itemText(i), i) for i in range(window.region_box.count())]
    best = max(range(window.region_box.count()), key=lambda i: _rows_of(window, i))
    window.region_box.setCurrentIndex(best)
    app.processEvents()
    view = window.candidatures
    rows = view.model.rowCount()
    samples = []
    for query in ("stichting leuven", "vzw heverlee", "werk"):
        view.search.clear()
        app.processEvents()
        for char in query:
            started = time.perf_counter()
            QTest.keyClick(view.search, char, Qt.KeyboardModifier.NoModifier)
            app.processEvents()
            samples.append(time.perf_counter() - started)
        for _ in query:
            started = time.perf_counter()
            QTest.keyClick(view.search, Qt.Key.Key_Backspace)
            app.processEvents()
            samples.append(time.perf_counter() - started)
    del counts
    return {"rows": rows, **_stats(samples)}


def _rows_of(window, index: int) -> int:  # type: ignore[no-untyped-def]
    window.region_box.setCurrentIndex(index)
    return window.candidatures.model.rowCount()


def switch(db: str) -> dict[str, float]:
    app, window = _window(db)
    window.tabs.setCurrentWidget(window.scoring)
    app.processEvents()
    view = window.scoring
    view.juror_box.setCurrentIndex(0)
    app.processEvents()
    samples = []
    for _ in range(3):
        for row in range(len(view.items)):
            started = time.perf_counter()
            view.list.setCurrentRow(row)
            app.processEvents()
            samples.append(time.perf_counter() - started)
    return {"candidatures": len(view.items), **_stats(samples[1:])}


if __name__ == "__main__":
    what, db = sys.argv[1], sys.argv[2]
    print(json.dumps(search(db) if what == "search" else switch(db)), flush=True)
    os._exit(0)  # skip interpreter teardown of the Qt objects
