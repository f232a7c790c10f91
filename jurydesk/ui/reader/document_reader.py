"""The reader: a candidature's documents one at a time, with page navigation, zoom,
fit-to-width and find-in-document. Its keys never collide with the scoring keys (digits,
Enter, Ctrl+Enter, Page Up/Down): Alt+Page Down/Up turn pages, Ctrl+Shift+F finds, F3 goes to
the next hit, Ctrl++ / Ctrl+- zoom, Ctrl+0 fits the width."""

from __future__ import annotations

import io
from html import escape

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QStackedWidget,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from jurydesk.documents.extract import decode_text
from jurydesk.documents.render import PageRenderer, RenderError
from jurydesk.documents.service import DocumentInfo, document_bytes, list_documents
from jurydesk.documents.sniff import DOCX, PDF, TEXT
from jurydesk.i18n import _
from jurydesk.store import Store
from jurydesk.ui.reader.pdf_pages import PdfPages


def keys_help() -> str:
    """The scoring and reader keys, for Help › Keys."""
    rows = [
        (_("0–9"), _("score of the focused criterion")),
        (_("Enter / Tab"), _("next criterion / its motivation")),
        ("Ctrl+Enter", _("finalise")),
        ("Page Up / Page Down", _("previous / next candidature")),
        ("Alt+Page Up / Alt+Page Down", _("previous / next page of the proposal")),
        ("Ctrl+Shift+F", _("find in the proposal")),
        ("F3", _("next hit")),
        ("Ctrl++ / Ctrl+-", _("zoom in / out")),
        ("Ctrl+0", _("fit the page to the width")),
    ]
    cells = "".join(f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in rows)
    return f"<table cellpadding='3'>{cells}</table>"


READER_KEYS = [
    ("Alt+PgDown", "next_page"),
    ("Alt+PgUp", "previous_page"),
    ("Ctrl+Shift+F", "focus_find"),
    ("F3", "next_hit"),
    ("Ctrl++", "zoom_in"),
    ("Ctrl+=", "zoom_in"),
    ("Ctrl+-", "zoom_out"),
    ("Ctrl+0", "fit_width"),
]


class SafeBrowser(QTextBrowser):
    """Word documents as HTML: nothing outside the document is ever loaded."""

    def loadResource(self, _type: int, _name: QUrl) -> object:  # type: ignore[override]
        return None


def docx_html(data: bytes) -> str:
    import mammoth
    import mammoth.images

    def no_image(_image: object) -> dict[str, str]:
        return {"alt": _("[image]")}

    result = mammoth.convert_to_html(
        io.BytesIO(data), convert_image=mammoth.images.img_element(no_image)
    )
    return result.value


class DocumentReader(QWidget):
    def __init__(self, store: Store, shortcut_host: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.renderer = PageRenderer()
        self.documents: list[DocumentInfo] = []
        self.current: DocumentInfo | None = None
        self.hit_pages: list[int] = []
        self.chooser = QComboBox(self)
        self.chooser.setAccessibleName(_("Document"))
        self.chooser.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.chooser.currentIndexChanged.connect(self._choose)
        self.page_label = QLabel(self)
        self.flag = QLabel(self)
        self.flag.setStyleSheet("color:#7a5a00")
        self.find_box = QLineEdit(self)
        self.find_box.setPlaceholderText(_("Find in document (Ctrl+Shift+F)"))
        self.find_box.setAccessibleName(_("Find in document"))
        self.find_box.setClearButtonEnabled(True)
        self.find_box.returnPressed.connect(self.find)
        bar = QHBoxLayout()
        bar.addWidget(self.chooser, 1)
        for text, tip, slot in (
            ("◀", _("Previous page (Alt+Page Up)"), self.previous_page),
            ("▶", _("Next page (Alt+Page Down)"), self.next_page),
            ("−", _("Zoom out (Ctrl+-)"), self.zoom_out),
            ("+", _("Zoom in (Ctrl++)"), self.zoom_in),
            ("↔", _("Fit to width (Ctrl+0)"), self.fit_width),
        ):
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
            bar.addWidget(button)
        bar.addWidget(self.page_label)
        bar.addWidget(self.find_box, 1)
        self.pdf = PdfPages(self.renderer, self)
        self.pdf.page_changed.connect(self._show_page_number)
        self.html = SafeBrowser(self)
        self.html.setOpenLinks(False)
        self.html.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.html.setAccessibleName(_("Proposal text"))
        self.image = QLabel(self)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        image_area = QScrollArea(self)
        image_area.setWidget(self.image)
        image_area.setWidgetResizable(True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        for widget in (self.message, self.pdf, self.html, image_area):
            self.stack.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.flag)
        layout.addWidget(self.stack, 1)
        for keys, name in READER_KEYS:
            shortcut = QShortcut(QKeySequence(keys), shortcut_host)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(getattr(self, name))
        self._say(_("No document."))

    # Documents ----------------------------------------------------------------------
    def show_candidature(self, candidature: int, document: int | None = None) -> None:
        """The candidature's documents; ``document`` (or the first) is shown."""
        with self.store.reader() as session:
            self.documents = list_documents(session, candidature)
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for d in self.documents:
            self.chooser.addItem(f"{d.name} ({round(d.size / 1024)} kB)", d.id)
        self.chooser.blockSignals(False)
        if not self.documents:
            self.current = None
            self.flag.setText("")
            self.page_label.setText("")
            self._say(_("This candidature has no documents."))
            return
        index = self.chooser.findData(document) if document is not None else 0
        self.chooser.blockSignals(True)
        self.chooser.setCurrentIndex(max(0, index))
        self.chooser.blockSignals(False)
        self._choose(max(0, index))

    def open_document(self, document: int, page: int | None = None, term: str = "") -> None:
        index = self.chooser.findData(document)
        if index >= 0:
            self.chooser.setCurrentIndex(index)
            if (
                self.chooser.currentIndex() == index
                and self.current
                and self.current.id != document
            ):
                self._choose(index)
        if term:
            self.find_box.setText(term)
            self.find()
        if page is not None and self.current is not None and self.current.media_type == PDF:
            self.pdf.go_to(page - 1)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    def _choose(self, index: int) -> None:
        if not 0 <= index < len(self.documents):
            return
        info = self.documents[index]
        self.current = info
        self.hit_pages = []
        self.flag.setText(
            _("No text: this document has no text to search (a scan or an image).")
            if info.no_text
            else ""
        )
        with self.store.reader() as session:
            _info, data = document_bytes(session, info.id)
        if info.media_type == PDF:
            try:
                sizes = self.renderer.open(data)
            except RenderError as exc:
                self._say(_("This document could not be shown ({reason}).").format(reason=exc))
                return
            self.stack.setCurrentWidget(self.pdf)
            self.pdf.load(info.id, sizes)
        elif info.media_type in (DOCX, TEXT):
            if info.media_type == DOCX:
                try:
                    self.html.setHtml(docx_html(data))
                except Exception as exc:  # a Word file mammoth cannot convert after all
                    self._say(
                        _("This document could not be shown ({reason}).").format(
                            reason=type(exc).__name__
                        )
                    )
                    return
            else:
                self.html.setHtml(
                    f"<pre style='white-space:pre-wrap'>{escape(decode_text(data))}</pre>"
                )
            self.stack.setCurrentWidget(self.html)
            self.page_label.setText("")
        else:
            image = QImage.fromData(data)
            self.image.setPixmap(QPixmap.fromImage(image))
            self.stack.setCurrentWidget(self.image.parentWidget().parentWidget())
            self.page_label.setText("")

    def _show_page_number(self, index: int) -> None:
        if self.current is not None and self.current.media_type == PDF:
            self.page_label.setText(
                _("page {n} of {total}").format(n=index + 1, total=self.current.pages)
            )

    # Navigation, zoom, find ---------------------------------------------------------
    def _is_pdf(self) -> bool:
        return self.current is not None and self.current.media_type == PDF

    def next_page(self) -> None:
        if self._is_pdf():
            self.pdf.go_to(self.pdf.current_page() + 1)

    def previous_page(self) -> None:
        if self._is_pdf():
            self.pdf.go_to(self.pdf.current_page() - 1)

    def zoom_in(self) -> None:
        if self._is_pdf():
            self.pdf.set_zoom(self.pdf.effective_scale() * 1.25)
        else:
            self.html.zoomIn(1)

    def zoom_out(self) -> None:
        if self._is_pdf():
            self.pdf.set_zoom(self.pdf.effective_scale() / 1.25)
        else:
            self.html.zoomOut(1)

    def fit_width(self) -> None:
        if self._is_pdf():
            self.pdf.set_zoom(None)

    def focus_find(self) -> None:
        self.find_box.setFocus()
        self.find_box.selectAll()

    def find(self) -> int:
        """Highlight every hit of the find box's text; returns how many there are."""
        term = self.find_box.text().strip()
        if self.current is None:
            return 0
        if self._is_pdf():
            try:
                found = self.renderer.find(term)
            except RenderError:
                found = []
            hits: dict[int, list] = {}
            for page, rects in found:
                hits.setdefault(page, []).extend(rects)
            self.pdf.show_hits(hits)
            self.hit_pages = sorted(hits)
            if self.hit_pages:
                self.pdf.go_to(self.hit_pages[0])
            self.flag.setText(_("{n} hits").format(n=len(found)) if term else "")
            return len(found)
        return self._find_html(term)

    def _find_html(self, term: str) -> int:
        selections = []
        document = self.html.document()
        cursor = QTextCursor(document)
        fmt = QTextCharFormat()
        fmt.setBackground(Qt.GlobalColor.yellow)
        while term and not (cursor := document.find(term, cursor)).isNull():
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        self.html.setExtraSelections(selections)
        if selections:
            self.html.setTextCursor(selections[0].cursor)
            self.html.ensureCursorVisible()
        self.flag.setText(_("{n} hits").format(n=len(selections)) if term else "")
        return len(selections)

    def next_hit(self) -> None:
        if self._is_pdf() and self.hit_pages:
            now = self.pdf.current_page()
            later = [p for p in self.hit_pages if p > now]
            self.pdf.go_to(later[0] if later else self.hit_pages[0])
        elif not self._is_pdf() and not self.html.find(self.find_box.text()):
            self.html.moveCursor(QTextCursor.MoveOperation.Start)
            self.html.find(self.find_box.text())

    def shutdown(self) -> None:
        self.pdf.shutdown()
        self.renderer.close()
