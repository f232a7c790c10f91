"""A real JuryDesk (offscreen) that types a motivation as a juror would, says so on stdout,
then keeps running until it is killed: ``python -m tests.ui.scoring.typing_child DB JUROR TEXT``."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(db: str, juror: int, text: str) -> int:
    from PySide6.QtTest import QTest

    from jurydesk.ui.app import start

    started = start(db)
    assert started is not None
    app, window, _store = started
    assert window.enter_secretariat("demo")
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    window.tabs.setCurrentWidget(window.scoring)
    view = window.scoring
    view.juror_box.setCurrentIndex(view.juror_box.findData(juror))
    motivation = view.panels[0].motivation
    motivation.setFocus()
    QTest.keyClicks(motivation, text, delay=5)
    print(f"typed {view.sheet.candidature} {view.panels[0].criterion.key}", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), sys.argv[3]))
