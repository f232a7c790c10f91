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


def test_preview_every_page_and_print_to_a_pdf_file_as_vector(window, qtbot, tmp_path):
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    dialog = window.printing.letters()
    assert dialog is not None and dialog.pages > 1
    qtbot.waitExposed(dialog)
    preview = dialog.preview
    assert len(preview.labels) == dialog.pages  # every page, not only the first
    preview.go_to(dialog.pages - 1)
    last = preview.labels[-1]
    qtbot.waitUntil(lambda: not last.pixmap().isNull(), timeout=15_000)
    assert dialog.page_label.text() == f"pagina {dialog.pages} van {dialog.pages}"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "afdruk.pdf"
    printer.setOutputFileName(str(target))
    assert dialog.print_to(printer) == dialog.pages
    text = "".join(p.extract_text() for p in PdfReader(target).pages)
    assert "Capacity Building" in text  # text, not a picture of it
    assert target.read_bytes() == dialog.pdf.read_bytes()  # JuryDesk's own PDF
    assert target.stat().st_size < 2_000_000
    dialog.reject()


def test_a_printer_gets_the_chosen_pages_with_progress(demo_store, qtbot, tmp_path):
    from jurydesk.ui.exports.printing import draw_pages

    pdf = running_order_pdf(demo_store, "leuven", tmp_path / "o.pdf")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # stands in for a paper printer
    printer.setOutputFileName(str(tmp_path / "papier.pdf"))
    steps: list[tuple[int, int]] = []
    pages = len(PdfReader(pdf).pages)
    assert draw_pages(pdf, printer, lambda done, total, _what: steps.append((done, total))) == (
        pages
    )
    assert steps == [(n, pages) for n in range(1, pages + 1)]
    assert len(PdfReader(tmp_path / "papier.pdf").pages) == pages


def test_a_page_range_printed_to_a_pdf_file_keeps_only_those_pages(window, tmp_path):
    from jurydesk.ui.exports.printing import print_pdf

    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    dialog = window.printing.letters()
    assert dialog is not None and dialog.pages >= 3
    whole = [p.extract_text() for p in PdfReader(dialog.pdf).pages]
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "bereik.pdf"
    printer.setOutputFileName(str(target))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert print_pdf(dialog.pdf, printer) == 2
    kept = [p.extract_text() for p in PdfReader(target).pages]
    assert kept == whole[1:3]  # the same pages, still text (vector), nothing else
    dialog.reject()
