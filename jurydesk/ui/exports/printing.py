"""File › Print: the ranking, the pitch running order, the decision letters, a paper score
sheet and the proces-verbaal of a meeting. Each is made as a PDF first (JuryDesk's own,
vector, text selectable); the dialog previews every page (scrolling, rendered as they come
into view), prints through the system's print dialog with progress (pages drawn by PDFium at
the printer's resolution; when the target is a PDF file, JuryDesk's own PDF is written instead
of a rasterised copy, only the chosen pages when a range is chosen) or saves the PDF."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jurydesk.errors import ScoringError
from jurydesk.i18n import _
from jurydesk.store import StoreError
from jurydesk.ui.progress import run_with_progress, show_error
from jurydesk.ui.reader.pdf_pages import PdfPages

if TYPE_CHECKING:
    import pypdfium2 as pdfium

    from jurydesk.ui.main_window import MainWindow


def _image(page: pdfium.PdfPage, dpi: float) -> QImage:
    bitmap = page.render(scale=dpi / 72).to_pil().convert("RGB")
    data = bitmap.tobytes()
    image = QImage(data, bitmap.width, bitmap.height, bitmap.width * 3, QImage.Format.Format_RGB888)
    return image.copy()  # own the pixels: `data` goes away


Progress = Callable[[int, int, str], None]


def print_pdf(pdf: Path, printer: QPrinter, progress: Progress | None = None) -> int:
    """Put the PDF on the printer; returns the number of pages printed. A PDF-file target
    gets the vector PDF itself (text selectable, small); a real printer gets the pages."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        return copy_pages(pdf, Path(printer.outputFileName()), printer.fromPage(), printer.toPage())
    return draw_pages(pdf, printer, progress)


def page_range(count: int, first: int, last: int) -> tuple[int, int]:
    """The print dialog's range (1-based; 0 = no bound) within a document of ``count`` pages."""
    return max(1, first or 1), min(count, last or count)


def copy_pages(pdf: Path, target: Path, first: int = 0, last: int = 0) -> int:
    """The vector PDF written to ``target``: whole, or only pages first..last (1-based, as
    the print dialog's range; 0 = no range) copied by PDFium, still vector. Returns the
    number of pages written."""
    import pypdfium2 as pdfium

    if not first and not last:
        shutil.copyfile(pdf, target)
        return page_count(pdf)
    source = pdfium.PdfDocument(str(pdf))
    try:
        count = len(source)
        first, last = page_range(count, first, last)
        if first > last:
            raise OSError(
                _("the document has {count} pages; the range asked is empty").format(count=count)
            )
        out = pdfium.PdfDocument.new()
        try:
            out.import_pages(source, pages=list(range(first - 1, last)))
            out.save(str(target))
        finally:
            out.close()
    finally:
        source.close()
    return last - first + 1


def page_count(pdf: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()


def draw_pages(pdf: Path, printer: QPrinter, progress: Progress | None = None) -> int:
    """Each page of the chosen range drawn by PDFium at the printer's resolution (at most
    300 dpi), with ``progress(done, total, what)`` after each page; returns how many."""
    import pypdfium2 as pdfium  # loaded when printing, not at start-up

    document = pdfium.PdfDocument(str(pdf))
    painter = QPainter()
    try:
        count = len(document)
        first, last = page_range(count, printer.fromPage(), printer.toPage())
        if not painter.begin(printer):
            raise OSError(_("the printer cannot be started"))
        dpi = min(printer.resolution(), 300)
        for number in range(first, last + 1):
            if number > first:
                printer.newPage()
            image = _image(document[number - 1], dpi)
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(area.topLeft(), size), image)
            if progress is not None:
                done, total = number - first + 1, last - first + 1
                progress(done, total, _("page {n} of {total}").format(n=done, total=total))
        return last - first + 1
    finally:
        if painter.isActive():
            painter.end()
        document.close()


class PrintDialog(QDialog):
    def __init__(self, pdf: Path, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf, self.title = pdf, title
        self.setWindowTitle(title)
        self.resize(720, 700)
        from jurydesk.documents.render import PageRenderer

        self.renderer = PageRenderer()
        sizes = self.renderer.open(pdf.read_bytes())
        self.pages = len(sizes)
        self.preview = PdfPages(self.renderer, self)  # every page, scrolling, rendered lazily
        self.preview.setAccessibleName(_("Preview"))
        self.preview.load(0, sizes)
        self.page_label = QLabel(self)
        self.preview.page_changed.connect(
            lambda index: self.page_label.setText(
                _("page {n} of {total}").format(n=index + 1, total=self.pages)
            )
        )
        print_button = QPushButton(_("&Print…"), self)
        print_button.setDefault(True)
        print_button.clicked.connect(self.ask_print)
        save = QPushButton(_("Save as P&DF…"), self)
        save.clicked.connect(self.ask_save)
        close = QPushButton(_("Close"), self)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.page_label)
        buttons.addStretch(1)
        for button in (print_button, save, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)
        self.finished.connect(lambda _result: self.shutdown())

    def shutdown(self) -> None:
        self.preview.shutdown()
        self.renderer.close()

    def ask_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.title)
        printer.setFromTo(1, self.pages)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.pages)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Print with a progress dialog; the window keeps painting between pages."""
        done = run_with_progress(self, self.title, lambda p: print_pdf(self.pdf, printer, p))
        return done or 0

    def ask_save(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save as PDF"), str(Path.home() / f"{self.title}.pdf"), "PDF (*.pdf)"
        )
        if name:
            self.save_to(Path(name))

    def save_to(self, target: Path) -> Path:
        shutil.copyfile(self.pdf, target)
        return target


class PrintActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._tmp = tempfile.TemporaryDirectory(prefix="jurydesk-print-")

    def build_menu(self, menu: QMenu) -> list:  # type: ignore[type-arg]
        printing = menu.addMenu(_("&Print"))
        items = [
            (_("&Ranking…"), self.ranking, True),
            (_("Jury &quality report…"), self.quality, True),
            (_("Pitch &running order…"), self.running_order, True),
            (_("Decision &letters…"), self.letters, True),
            (_("Paper &score sheet…"), self.score_sheet, False),
            (_("Proces-&verbaal of the meeting…"), lambda: self.minutes(None), True),
        ]
        self.secretariat_actions = []
        for text, slot, secretariat in items:
            action = printing.addAction(text)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            if secretariat:
                self.secretariat_actions.append(action)
        return self.secretariat_actions

    def _open(self, title: str, make: Callable[[Path], Path]) -> PrintDialog | None:
        slug = self.window.current_slug()
        if slug is None:
            return None
        target = Path(self._tmp.name) / f"{title}.pdf"
        try:
            made = make(target)
        except (ScoringError, StoreError, ValueError, OSError) as exc:
            show_error(self.window, title, exc)
            return None
        dialog = PrintDialog(made, title, self.window)
        dialog.open()
        self.window.print_dialog = dialog  # type: ignore[attr-defined]
        return dialog

    def ranking(self) -> PrintDialog | None:
        from jurydesk.prints.jury_papers import ranking_pdf  # reportlab: loaded on first use

        slug, results = self.window.current_slug(), self.window.results
        round_ = getattr(results, "round", 1)
        return self._open(
            _("Ranking round {round}").format(round=round_),
            lambda out: ranking_pdf(self.window.store, slug, round_, out),
        )

    def quality(self) -> PrintDialog | None:
        from jurydesk.prints.quality_report import quality_pdf

        slug, results = self.window.current_slug(), self.window.results
        round_ = getattr(results, "round", 1)
        return self._open(
            _("Jury quality round {round}").format(round=round_),
            lambda out: quality_pdf(self.window.store, slug, round_, out),
        )

    def running_order(self) -> PrintDialog | None:
        from jurydesk.prints.jury_papers import running_order_pdf

        slug = self.window.current_slug()
        return self._open(
            _("Pitch running order"), lambda out: running_order_pdf(self.window.store, slug, out)
        )

    def letters(self) -> PrintDialog | None:
        from jurydesk.exports.letters import export_letters

        slug = self.window.current_slug()

        def make(out: Path) -> Path:
            folder = out.parent / "brieven"
            result = export_letters(self.window.store, folder, [slug], merged=out)
            assert result.merged is not None
            return result.merged

        return self._open(_("Decision letters"), make)

    def minutes(self, meeting: int | None) -> PrintDialog | None:
        """The proces-verbaal of a closed meeting (default: the region's latest closed one)."""
        from jurydesk.decisions.meetings import list_meetings
        from jurydesk.prints.minutes import minutes_pdf

        slug = self.window.current_slug()
        title = _("Minutes of the jury")
        if meeting is None and slug is not None:
            with self.window.store.reader() as session:
                closed = [m.id for m in list_meetings(session, slug) if m.closed]
            if not closed:
                show_error(self.window, title, _("This region has no closed meeting yet."))
                return None
            meeting = closed[-1]
        assert meeting is not None
        return self._open(title, lambda out: minutes_pdf(self.window.store, meeting, out))

    def score_sheet(self) -> PrintDialog | None:
        from jurydesk.prints.jury_papers import score_sheet_pdf

        slug = self.window.current_slug()
        sheet = self.window.scoring.sheet
        cand = sheet.candidature if sheet else self.window.candidatures.current_id()
        if cand is None:
            show_error(
                self.window, _("Paper score sheet"), _("Choose a candidature in the list first.")
            )
            return None
        round_ = sheet.round if sheet else 2
        juror = sheet.juror if sheet else None
        return self._open(
            _("Score sheet {id}").format(id=cand),
            lambda out: score_sheet_pdf(self.window.store, slug, cand, round_, out, juror),
        )
