"""Render the main views of the demo data to PNG files (`make screenshots`)."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from jurydesk.ui.reader.pdf_pages import PdfPages


def grab(widget: QWidget, out: Path) -> Path:
    for _ in range(5):  # new widgets need a few rounds of layout requests
        QApplication.processEvents()
    widget.grab().save(str(out))
    return out


def wait_for_pages(pages: PdfPages, seconds: float = 10.0) -> None:
    """Let the background renderer paint the pages in view."""
    end = time.monotonic() + seconds
    QApplication.processEvents()
    while pages.pending and time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)
    QApplication.processEvents()


def render_all(out_dir: Path, size: tuple[int, int] = (1280, 760)) -> list[Path]:
    from jurydesk.paths import resources_dir
    from jurydesk.setup import initialise
    from jurydesk.store import open_store
    from jurydesk.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    assert app is not None
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{Path(tmp, 'shots.sqlite').as_posix()}")
        initialise(store, demo=True)
        window = MainWindow(store)
        window.resize(*size)
        window.show()
        window.enter_secretariat("demo")  # every view, as the secretariat sees them
        window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
        window.candidatures.table.selectRow(1)
        written.append(grab(window, out_dir / "candidatures.png"))
        window.tabs.setCurrentWidget(window.region_view)
        written.append(grab(window, out_dir / "addendum.png"))
        window.region_box.setCurrentIndex(window.region_box.findData("dijleland-plus"))
        window.region_view.browser.verticalScrollBar().setValue(10_000)
        written.append(grab(window, out_dir / "addendum-timing.png"))
        window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
        window.tabs.setCurrentWidget(window.scoring)
        window.scoring.list.setCurrentRow(0)
        reader = window.scoring.pane.reader
        wait_for_pages(reader.pdf)
        reader.find_box.setText("kinderopvang")
        reader.find()
        wait_for_pages(reader.pdf)
        written.append(grab(window, out_dir / "scoring.png"))
        window.tabs.setCurrentWidget(window.pitch)
        window.pitch.list.setCurrentRow(1)
        window.pitch.timer.timer.start(0.0)
        window.pitch.timer.timer.pause(545.0)  # nine minutes in: the warning shows
        window.pitch.timer.tick()
        written.append(grab(window, out_dir / "pitch-day.png"))
        window.tabs.setCurrentWidget(window.results)
        window.results.table.selectRow(0)
        written.append(grab(window, out_dir / "results.png"))
        window.results.pages.setCurrentWidget(window.results.quality)
        written.append(grab(window, out_dir / "jury-quality.png"))
        window.region_box.setCurrentIndex(window.region_box.findData("dijleland-plus"))
        window.results.pages.setCurrentWidget(window.results.portfolio)
        portfolio = window.results.portfolio
        portfolio.scope.setCurrentIndex(portfolio.scope.findData("all"))
        portfolio.budget.setValue(250000)
        portfolio.partners.setValue(4)
        portfolio.run_suggestion()
        written.append(grab(window, out_dir / "portfolio.png"))
        window.results.pages.setCurrentIndex(0)
        window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
        window.region_box.setCurrentIndex(window.region_box.findData("dijleland-plus"))
        window.tabs.setCurrentWidget(window.rebuttals)
        window.rebuttals.table.selectRow(1)
        written.append(grab(window, out_dir / "rebuttals.png"))
        window.tabs.setCurrentWidget(window.candidatures)
        bad = Path(tmp, "kandidaturen.csv")
        bad.write_text(
            (resources_dir() / "demo" / "candidatures-leuven.csv")
            .read_text("utf-8")
            .replace("zoe.vandenbossche@", "zoe.vandenbossche-at-")
            .replace("2023-06-07T11:05", "31/02/2023 11:05"),
            "utf-8",
        )
        dialog = window.import_file(bad)
        if dialog is not None:
            written.append(grab(dialog, out_dir / "import-report.png"))
            dialog.reject()
        window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
        intake = window.mail.open_intake([resources_dir() / "demo" / "mail" / "leuven"])
        if intake is not None:
            written.append(grab(intake, out_dir / "mail-intake.png"))
            intake.reject()
        jury = window.admin.open_jury()
        if jury is not None:
            jury.table.selectRow(1)
            written.append(grab(jury, out_dir / "jury.png"))
            jury.reject()
        window.candidatures.table.selectRow(0)
        cand = window.admin.edit_chosen()
        if cand is not None:
            written.append(grab(cand, out_dir / "candidature-edit.png"))
            cand.reject()
        settings = window.admin.open_region_settings()
        if settings is not None:
            written.append(grab(settings, out_dir / "region-settings.png"))
            settings.reject()
        sender = window.mail.open_send()
        if sender is not None:
            sender.host.setText("smtp.leuven.be")
            sender.user.setText("asd-secretariaat")
            sender.sender.setText("Secretariaat Leuven <asd@ocmw-leuven.be>")
            sender.table.selectRow(1)
            written.append(grab(sender, out_dir / "send-dialog.png"))
            sender.reject()
        from jurydesk.ui.meeting.shots import meeting_shots

        written += meeting_shots(window, out_dir)
        window.close()
        store.close()
    from jurydesk.ui.welcome import WelcomeDialog

    welcome = WelcomeDialog(out_dir / "never-written.sqlite")
    welcome.show()
    written.append(grab(welcome, out_dir / "welcome.png"))
    welcome.reject()
    return written


if __name__ == "__main__":
    for path in render_all(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")):
        print(path)
