"""Peak memory of the app with the reader open on a 200-page proposal, scrolled through
(`python -m bench.reader_memory`); prints one JSON line."""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from bench.children import peak_mb


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from bench.documents import _proposal_pages
    from jurydesk.demo.generate import make_pdf
    from jurydesk.documents.service import add_documents, prepare
    from jurydesk.setup import initialise
    from jurydesk.store import open_store
    from jurydesk.ui.main_window import MainWindow
    from jurydesk.ui.screenshots import wait_for_pages

    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{Path(tmp, 'm.sqlite').as_posix()}")
        initialise(store, demo=True)
        data = make_pdf("Voorstel van 200 pagina's", _proposal_pages(5, 200))
        with store.session() as session:
            [added] = add_documents(session, "bench", 14, [prepare("groot.pdf", data)])
        before = peak_mb()
        window = MainWindow(store)
        window.resize(1366, 768)
        window.show()
        window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
        window.tabs.setCurrentWidget(window.scoring)
        window.scoring.list.setCurrentRow(0)
        reader = window.scoring.pane.reader
        reader.open_document(added.document.id)
        for page in range(0, 200, 3):
            reader.pdf.go_to(page)
            wait_for_pages(reader.pdf)
        time.sleep(0.1)
        app.processEvents()
        peak = peak_mb()
        window.scoring.pane.shutdown()
        window.close()
        store.close()
    print(json.dumps({"peak_before_window_mb": round(before), "app_peak_mb": round(peak)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
