"""PDF pages in a scroll area: only the pages in view are rendered, in the background, by the
child-process renderer, with a small cache; hits of a search are painted over the page."""

from __future__ import annotations

from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from jurydesk.documents.render import PageRenderer, RenderError
from jurydesk.i18n import _
from jurydesk.ui.emit import emit

CACHE_PAGES = 24
Rect = tuple[float, float, float, float]


def to_image(pixels: bytes, width: int, height: int, stride: int) -> QImage:
    """Copy RGB rows into a QImage of its own (its rows are 4-byte aligned)."""
    image = QImage(width, height, QImage.Format.Format_RGB888)
    target = image.bits()
    line = image.bytesPerLine()
    row = width * 3
    for y in range(height):
        target[y * line : y * line + row] = pixels[y * stride : y * stride + row]
    return image


class _Relay(QObject):
    done = Signal(int, int, float, object)  # generation, page, scale, QImage or error text


class PdfPages(QScrollArea):
    page_changed = Signal(int)

    def __init__(self, renderer: PageRenderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.renderer = renderer
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setAccessibleName(_("Proposal pages"))
        self.inner = QWidget(self)
        self.column = QVBoxLayout(self.inner)
        self.column.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setWidget(self.inner)
        self.labels: list[QLabel] = []
        self.sizes: list[tuple[float, float]] = []
        self.scale = 1.0
        self.fit_width = True
        self.hits: dict[int, list[Rect]] = {}
        self.cache: OrderedDict[tuple[int, int, float], QImage] = OrderedDict()
        self.pending: set[tuple[int, float]] = set()
        self.generation = 0
        self.shown_page = -1
        self.document_key = 0
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pdf-render")
        self.relay = _Relay(self)
        self.relay.done.connect(self._rendered)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self.render_visible())
        # the page asked for (a search hit's) before the pages are laid out on screen; kept
        # until the reader scrolls by hand
        self.target: int | None = None
        self.closed = False
        self.verticalScrollBar().actionTriggered.connect(self._scrolled_by_hand)

    # Loading ------------------------------------------------------------------------
    def load(self, key: int, sizes: list[tuple[float, float]]) -> None:
        self.generation += 1
        self.document_key = key
        self.sizes = sizes
        self.hits = {}
        self.target = None
        self.shown_page = -1
        self.pending.clear()
        for label in self.labels:
            label.deleteLater()
        self.labels = []
        for index in range(len(sizes)):
            label = QLabel(self.inner)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet("background:white; border:1px solid #bbb")
            label.setAccessibleName(_("Page {n}").format(n=index + 1))
            self.column.addWidget(label)
            self.labels.append(label)
        self._relayout()

    def effective_scale(self) -> float:
        if self.fit_width and self.sizes:
            width = max(200, self.viewport().width() - 40)
            return max(0.2, min(4.0, width / max(w for w, _h in self.sizes)))
        return self.scale

    def _relayout(self) -> None:
        scale = self.effective_scale()
        for label, (w, h) in zip(self.labels, self.sizes, strict=True):
            label.setFixedSize(int(w * scale), int(h * scale))
            label.clear()
        self.inner.adjustSize()
        self.render_visible()

    def set_zoom(self, scale: float | None) -> None:
        """A zoom factor, or None for fit-to-width."""
        self.fit_width = scale is None
        if scale is not None:
            self.scale = max(0.25, min(4.0, scale))
        self._relayout()

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        if self.fit_width and self.labels:
            self._relayout()
        self._to_target()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        QTimer.singleShot(0, self._to_target)  # once the pages have their places

    def _scrolled_by_hand(self, _action: int) -> None:
        self.target = None

    def _to_target(self) -> None:
        if self.closed:
            return
        if self.target is not None and 0 <= self.target < len(self.labels):
            self.column.activate()
            self.inner.adjustSize()
            self.verticalScrollBar().setValue(self.labels[self.target].y())
            self.render_visible()

    # Rendering ----------------------------------------------------------------------
    def visible_pages(self) -> list[int]:
        self.column.activate()  # page positions are known before anything is rendered
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        return [
            i
            for i, label in enumerate(self.labels)
            if label.y() + label.height() >= top and label.y() <= bottom
        ][:8] or ([0] if self.labels else [])

    def current_page(self) -> int:
        pages = self.visible_pages()
        return pages[0] if pages else 0

    def render_visible(self) -> None:
        scale = self.effective_scale()
        pages = self.visible_pages()
        keep = {p + d for p in pages for d in (-1, 0, 1)}
        for index, label in enumerate(self.labels):  # pages far from view give back memory
            if index not in keep and not label.pixmap().isNull():
                label.clear()
        if pages and pages[0] != self.shown_page:
            self.shown_page = pages[0]
            emit(self.page_changed, pages[0])
        for index in pages:
            key = (self.document_key, index, scale)
            if key in self.cache:
                self.cache.move_to_end(key)
                self._show(index, self.cache[key])
            elif (index, scale) not in self.pending:
                self.pending.add((index, scale))
                self.pool.submit(self._work, self.generation, index, scale)

    def _work(self, generation: int, index: int, scale: float) -> None:
        try:
            r = self.renderer.render(index, scale)
            result: object = to_image(r.pixels, r.width, r.height, r.stride)
        except RenderError as exc:
            result = str(exc)
        emit(self.relay.done, generation, index, scale, result)

    def _rendered(self, generation: int, index: int, scale: float, result: object) -> None:
        self.pending.discard((index, scale))
        if generation != self.generation or index >= len(self.labels):
            return
        if isinstance(result, str):
            self.labels[index].setText(
                _("This page could not be shown ({reason}).").format(reason=result)
            )
            return
        assert isinstance(result, QImage)
        self.cache[(self.document_key, index, scale)] = result
        while len(self.cache) > CACHE_PAGES:
            self.cache.popitem(last=False)
        self._show(index, result)

    def _show(self, index: int, image: QImage) -> None:
        pixmap = QPixmap.fromImage(image)
        rects = self.hits.get(index)
        if rects:
            scale = image.width() / self.sizes[index][0]
            height = self.sizes[index][1]
            painter = QPainter(pixmap)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(255, 200, 0, 110))
            for left, bottom, right, top in rects:  # PDF points, origin bottom left
                painter.drawRect(
                    QRectF(
                        left * scale,
                        (height - top) * scale,
                        (right - left) * scale,
                        (top - bottom) * scale,
                    )
                )
            painter.end()
        self.labels[index].setPixmap(pixmap)

    def show_hits(self, hits: dict[int, list[Rect]]) -> None:
        self.hits = hits
        for index in self.visible_pages():
            key = (self.document_key, index, self.effective_scale())
            if key in self.cache:
                self._show(index, self.cache[key])

    def go_to(self, index: int) -> None:
        if 0 <= index < len(self.labels):
            self.target = index
            self._to_target()

    def shutdown(self) -> None:
        """Stop the background thread (after the page it renders now) before Qt goes away."""
        self.generation += 1
        self.closed = True
        self.pool.shutdown(wait=True, cancel_futures=True)
