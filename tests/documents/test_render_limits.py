"""A PDF page that asks for more pixels than anyone can show (200 × 1,000,000 points) is
refused before PDFium allocates it, in the parent and in the child; its neighbours render."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen import canvas

from jurydesk.documents.render import PageRenderer, PageTooLarge


def _pdf() -> bytes:
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(200, 1_000_000))
    c.drawString(10, 10, "lang")
    c.showPage()
    c.setPageSize((595, 842))
    c.drawString(72, 720, "gewoon")
    c.showPage()
    c.save()
    return out.getvalue()


def test_a_gigantic_page_is_refused_and_the_next_one_renders():
    renderer = PageRenderer()
    try:
        sizes = renderer.open(_pdf())
        assert sizes[0] == pytest.approx((200, 1_000_000))
        with pytest.raises(PageTooLarge, match="te groot"):
            renderer.render(0, 1.5)
        # the child refuses it as well (a caller that skipped the parent's check)
        with pytest.raises(PageTooLarge):
            renderer.request(("render", 0, 1.5))
        page = renderer.render(1, 1.0)
        assert (page.width, page.height) == (595, 842)
    finally:
        renderer.close()
