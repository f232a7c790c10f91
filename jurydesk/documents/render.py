"""PDF pages as pixels, rendered by pypdfium2 in a child process.

A PDF that crashes or hangs PDFium takes only the child down: the caller gets RenderError
("the page could not be shown"), the child is started again for the next request, and the
app (with every score in it) keeps running. The child holds one document at a time.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from jurydesk.i18n import _

log = logging.getLogger(__name__)

TIMEOUT_S = 15.0
MAX_SCALE = 4.0
# A page drawn bigger than this is refused before PDFium allocates it (about 100 MB as 4-byte
# pixels; an A4 page at the largest zoom is 8 million): a 583-byte PDF can ask for terabytes.
MAX_PIXELS = 25_000_000
# The child's address space where the platform can cap it (not on Windows): a PDF that gets
# past the pixel check still cannot take the machine's memory.
CHILD_MEMORY = 2 * 2**30


class RenderError(Exception):
    """A page could not be rendered (damaged PDF, renderer crashed or took too long)."""


class PageTooLarge(RenderError):
    """The page, at the scale asked, has more pixels than MAX_PIXELS."""


def too_large(size: tuple[float, float], scale: float) -> bool:
    scale = min(scale, MAX_SCALE)
    return size[0] * scale * size[1] * scale > MAX_PIXELS


def _cap_memory() -> None:  # pragma: no cover - runs in the child process
    try:
        import resource  # POSIX only: Windows has no such limit for a process
    except ImportError:
        return
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = CHILD_MEMORY if hard == resource.RLIM_INFINITY else min(CHILD_MEMORY, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass


@dataclass(frozen=True)
class Rendered:
    width: int
    height: int
    stride: int
    pixels: bytes  # RGB, 3 bytes a pixel, rows of ``stride`` bytes


def _serve(conn: Connection) -> None:  # pragma: no cover - runs in the child process
    _cap_memory()
    import pypdfium2 as pdfium

    pdf: Any = None
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        op = request[0]
        try:
            if op == "open":
                if pdf is not None:
                    pdf.close()
                pdf = pdfium.PdfDocument(request[1])
                conn.send(("ok", [tuple(pdf[i].get_size()) for i in range(len(pdf))]))
            elif op == "render":
                _op, index, scale = request
                page = pdf[index]
                if too_large(tuple(page.get_size()), scale):
                    conn.send(("too large", tuple(page.get_size())))
                    continue
                bitmap = page.render(scale=min(scale, MAX_SCALE), rev_byteorder=True)
                width, height, stride = bitmap.width, bitmap.height, bitmap.stride
                pixels = bytes(bitmap.buffer)
                conn.send(("ok", (width, height, stride, pixels, bitmap.format)))
            elif op == "find":
                _op, term = request
                found = []
                for index in range(len(pdf)):
                    page = pdf[index]
                    textpage = page.get_textpage()
                    searcher = textpage.search(term, match_case=False)
                    while (hit := searcher.get_next()) is not None:
                        start, count = hit
                        rects = [
                            textpage.get_rect(i) for i in range(textpage.count_rects(start, count))
                        ]
                        found.append((index, rects))
                    searcher.close()
                    textpage.close()
                conn.send(("ok", found))
            elif op == "crash":  # for tests: a renderer that dies mid-request
                import os

                os._exit(3)
            elif op == "hang":  # for tests: a renderer that never answers
                import time

                time.sleep(3600)
        except Exception as exc:  # PDFium errors of a hostile file: reported, child lives
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


class PageRenderer:
    """The parent's side: one child process, restarted whenever it fails."""

    def __init__(self, timeout: float = TIMEOUT_S) -> None:
        self.timeout = timeout
        self._lock = threading.Lock()
        self._process: Any = None
        self._conn: Connection | None = None
        self._document: bytes | None = None
        self.sizes: list[tuple[float, float]] = []

    def start(self) -> None:
        if self._process is not None and self._process.is_alive():
            return
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child,), daemon=True)
        self._process.start()
        child.close()
        self._conn = parent
        if self._document is not None:
            self.sizes = self._call(("open", self._document))

    def _kill(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join(2)
        self._process, self._conn = None, None

    def _call(self, request: tuple[Any, ...]) -> Any:
        assert self._conn is not None
        try:
            self._conn.send(request)
            if not self._conn.poll(self.timeout):
                self._kill()
                raise RenderError(_("the renderer took too long"))
            status, value = self._conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._kill()
            raise RenderError(_("the renderer stopped")) from None
        if status == "too large":
            raise PageTooLarge(_too_large_message(value))
        if status != "ok":
            log.info("PDFium: %s", value)  # its own words (English) go to the log only (-v)
            raise RenderError(_("PDFium cannot read this page; the PDF may be damaged"))
        return value

    def request(self, request: tuple[Any, ...]) -> Any:
        with self._lock:
            self.start()
            return self._call(request)

    def open(self, data: bytes) -> list[tuple[float, float]]:
        with self._lock:
            self._document = None
            self.start()
            self.sizes = self._call(("open", data))
            self._document = data
            return self.sizes

    def render(self, index: int, scale: float) -> Rendered:
        if 0 <= index < len(self.sizes) and too_large(self.sizes[index], scale):
            raise PageTooLarge(_too_large_message(self.sizes[index]))
        width, height, stride, pixels, _fmt = self.request(("render", index, scale))
        return Rendered(width, height, stride, pixels)

    def find(self, term: str) -> list[tuple[int, list[tuple[float, float, float, float]]]]:
        return self.request(("find", term)) if term.strip() else []

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
            self._kill()


def _too_large_message(size: tuple[float, float]) -> str:
    from jurydesk.i18n import _

    return _("the page is too large to show ({width} × {height} points)").format(
        width=round(size[0]), height=round(size[1])
    )
