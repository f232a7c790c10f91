"""Printing: each document is a PDF first (text read back), then drawn on a real QPrinter
(to a PDF file here, the same path a paper printer takes) page for page."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from jurydesk.prints.jury_papers import ranking_pdf, running_order_pdf, score_sheet_pdf


def test_the_documents_read_back(demo_store, tmp_path):
    ranking = "".join(
        p.extract_text()
        for p in PdfReader(ranking_pdf(demo_store, "leuven", 1, tmp_path / "r.pdf")).pages
    )
    assert "Rangschikking Leuven, ronde 1" in ranking and "Jobkracht Leuven cvba" in ranking
    order = "".join(
        p.extract_text()
        for p in PdfReader(running_order_pdf(demo_store, "leuven", tmp_path / "o.pdf")).pages
    )
    assert "Volgorde van de pitches Leuven" in order and "09:00" in order
    assert "Jury aanwezig:" in order and "Katrien Wouters" in order
    sheet = "".join(
        p.extract_text()
        for p in PdfReader(score_sheet_pdf(demo_store, "leuven", 14, 2, tmp_path / "s.pdf")).pages
    )
    assert "Scoreblad ronde 2: Brugwerk Leuven vzw" in sheet and "Motivering:" in sheet


def test_print_from_the_window(window, tmp_path):
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    assert window.printing.secretariat_actions[0].isVisible()
    for make in (window.printing.ranking, window.printing.running_order, window.printing.letters):
        dialog = make()
        assert dialog is not None and dialog.pages >= 1
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printer.pdf"))
        assert dialog.print_to(printer) == dialog.pages
        assert len(PdfReader(tmp_path / "printer.pdf").pages) == dialog.pages
        saved = dialog.save_to(tmp_path / "copy.pdf")
        assert len(PdfReader(saved).pages) == dialog.pages
        dialog.reject()
    window.candidatures.table.selectRow(0)
    sheet = window.printing.score_sheet()
    assert sheet is not None and "Scoreblad" in sheet.windowTitle()
    sheet.reject()
