"""Small, real proposal files (PDF with reportlab, DOCX as its plain XML parts) for the demo
database, the tests and the benchmarks."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def make_docx(paragraphs: list[tuple[str, str]]) -> bytes:
    """A Word file from (style, text) pairs; style is 'Heading1', 'Heading2' or ''."""
    body = []
    for style, text in paragraphs:
        props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        body.append(f'<w:p>{props}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>')
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_W}"><w:body>{"".join(body)}</w:body></w:document>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document)
    return out.getvalue()


def make_pdf(title: str, pages: list[list[str]]) -> bytes:
    """An A4 PDF: the title on the first page, then each page's paragraphs, wrapped."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=True)
    canvas.setTitle(title)
    width, height = A4
    for number, paragraphs in enumerate(pages, start=1):
        y = height - 72
        if number == 1:
            canvas.setFont("Helvetica-Bold", 16)
            for line in simpleSplit(title, "Helvetica-Bold", 16, width - 144):
                canvas.drawString(72, y, line)
                y -= 22
            y -= 10
        for paragraph in paragraphs:
            bold = paragraph.startswith("# ")
            text = paragraph.removeprefix("# ")
            font, size = ("Helvetica-Bold", 12) if bold else ("Helvetica", 10.5)
            canvas.setFont(font, size)
            for line in simpleSplit(text, font, size, width - 144):
                if y < 72:
                    break
                canvas.drawString(72, y, line)
                y -= size * 1.45
            y -= 8
        canvas.setFont("Helvetica", 8)
        canvas.drawRightString(width - 72, 40, f"{number}/{len(pages)}")
        canvas.showPage()
    canvas.save()
    return out.getvalue()
