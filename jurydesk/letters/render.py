"""Lay letters out as a Belgian business letter in a PDF (reportlab Platypus, DejaVu Sans).

Several letters go into one document for printing; each letter starts on a new page and is
numbered on its own ('pagina 1 van 2'), only when it runs over a page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from jurydesk.letters.content import Letter
from jurydesk.letters.fonts import FACES, register_fonts

LEFT, RIGHT, TOP, BOTTOM = 25 * mm, 20 * mm, 18 * mm, 22 * mm
WIDTH = A4[0] - LEFT - RIGHT
GREY = colors.HexColor("#555555")
ACCENT = colors.HexColor("#1F4E79")


@cache
def _styles() -> dict[str, ParagraphStyle]:
    family = register_fonts()
    base = ParagraphStyle(
        "body",
        fontName=FACES["normal"],
        bulletFontName=FACES["normal"],
        fontSize=10,
        leading=14,
        spaceAfter=6,
    )
    return {
        "body": base,
        "sender": ParagraphStyle(
            "sender",
            base,
            fontName=FACES["bold"],
            fontSize=11,
            leading=14,
            textColor=ACCENT,
            spaceAfter=2,
        ),
        "small": ParagraphStyle(
            "small", base, fontSize=8.5, leading=11, textColor=GREY, spaceAfter=0
        ),
        "address": ParagraphStyle("address", base, spaceAfter=0),
        "label": ParagraphStyle(
            "label", base, fontSize=7.5, leading=9, textColor=GREY, spaceAfter=0
        ),
        "value": ParagraphStyle("value", base, fontSize=9.5, leading=12, spaceAfter=0),
        "subject": ParagraphStyle("subject", base, fontName=FACES["bold"], spaceAfter=10),
        "heading": ParagraphStyle(
            "heading",
            base,
            fontName=FACES["bold"],
            fontSize=11,
            leading=14,
            textColor=ACCENT,
            spaceBefore=6,
            spaceAfter=4,
        ),
        "criterion": ParagraphStyle(
            "criterion", base, fontName=FACES["bold"], spaceAfter=1, spaceBefore=2
        ),
        "score": ParagraphStyle(
            "score",
            base,
            fontName=FACES["italic"],
            fontSize=9,
            leading=12,
            textColor=GREY,
            spaceAfter=1,
        ),
        "bullet": ParagraphStyle(
            "bullet", base, leftIndent=12, bulletIndent=2, spaceAfter=2, fontName=family
        ),
        "signatory": ParagraphStyle("signatory", base, spaceAfter=0),
        "footer": ParagraphStyle("footer", base, fontSize=8, textColor=GREY, alignment=TA_RIGHT),
    }


def _p(text: str, style: str) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), _styles()[style])


class LetterStart(Flowable):
    """Marks where a letter begins, so that the canvas numbers each letter's pages."""

    def __init__(self, key: int, page_text: str) -> None:
        super().__init__()
        self.key, self.page_text = key, page_text
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._jd_letter = (self.key, self.page_text)  # type: ignore[attr-defined]


class NumberedCanvas(Canvas):
    """Keeps the pages until the end, then writes 'pagina x van y' per letter."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initialFontName", FACES["normal"])
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        keys = [page.get("_jd_letter", (None, ""))[0] for page in self._pages]
        totals, seen = Counter(keys), Counter[Any]()
        for page, key in zip(self._pages, keys, strict=True):
            self.__dict__.update(page)
            seen[key] += 1
            if totals[key] > 1:
                text = page["_jd_letter"][1].format(page=seen[key], pages=totals[key])
                self.setFont(FACES["normal"], 8)
                self.setFillColor(GREY)
                self.drawRightString(A4[0] - RIGHT, BOTTOM / 2, text)
            super().showPage()
        super().save()


def _style(*commands: tuple[object, ...]) -> TableStyle:
    """A table style whose cells use DejaVu too (reportlab's default is Helvetica)."""
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), FACES["normal"]),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            *commands,
        ]
    )


def _header(letter: Letter) -> Table:
    sender = [
        _p(letter.sender, "sender"),
        *[_p(line, "small") for line in letter.sender_lines if line.strip()],
    ]
    addressee = [_p(line, "address") for line in letter.addressee]
    table = Table([[sender, addressee]], colWidths=[WIDTH * 0.5, WIDTH * 0.5])
    table.setStyle(_style(("TOPPADDING", (1, 0), (1, 0), 26 * mm)))
    return table


def _references(letter: Letter) -> Table:
    labels = [_p(label, "label") for label, _value in letter.references]
    values = [_p(value, "value") for _label, value in letter.references]
    table = Table([labels, values], colWidths=[WIDTH * 0.4, WIDTH * 0.35, WIDTH * 0.25])
    table.setStyle(_style(("LINEABOVE", (0, 0), (-1, 0), 0.5, GREY)))
    return table


def _signatories(letter: Letter) -> Table:
    cells = [[_p(s.name, "criterion"), _p(s.function, "small")] for s in letter.signatories]
    if not cells:
        return Table([[""]], style=_style())
    table = Table([cells], colWidths=[WIDTH / max(2, len(cells))] * len(cells), hAlign="LEFT")
    table.setStyle(_style())
    return table


def letter_flowables(letter: Letter) -> list[Flowable]:
    story: list[Flowable] = [
        LetterStart(letter.candidature * 10 + letter.round, letter.page_text),
        _header(letter),
        Spacer(1, 14 * mm),
        _references(letter),
        Spacer(1, 8 * mm),
    ]
    story.append(
        Paragraph(f"{escape(letter.subject_label)}: {escape(letter.subject)}", _styles()["subject"])
    )
    story.append(_p(letter.salutation, "body"))
    story.extend(_p(text, "body") for text in letter.paragraphs)
    if letter.criteria:
        story.append(_p(letter.motivation_heading, "heading"))
        for criterion in letter.criteria:
            block: list[Flowable] = [_p(criterion.label, "criterion")]
            if criterion.score_line:
                block.append(_p(criterion.score_line, "score"))
            block.extend(
                Paragraph(escape(text), _styles()["bullet"], bulletText="–")
                for text in criterion.motivations
            )
            story.append(KeepTogether(block))
        if letter.total_line:
            story.append(_p(letter.total_line, "body"))
    if letter.rebuttal:
        story.append(
            KeepTogether(
                [
                    _p(letter.rebuttal_heading, "heading"),
                    *[_p(text, "body") for text in letter.rebuttal],
                ]
            )
        )
    story.append(
        KeepTogether([_p(letter.closing, "body"), Spacer(1, 12 * mm), _signatories(letter)])
    )
    if letter.annexes:
        story.append(Spacer(1, 6 * mm))
        story.append(_p(letter.annexes_heading, "criterion"))
        story.extend(
            Paragraph(escape(a), _styles()["bullet"], bulletText="–") for a in letter.annexes
        )
    return story


def render_letters(
    letters: Sequence[Letter],
    target: Path | Any,
    title: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Write ``letters`` into one PDF at ``target`` (a path or a binary file)."""
    _styles()
    story: list[Flowable] = []
    for index, letter in enumerate(letters):
        if index:
            story.append(PageBreak())
        story.extend(letter_flowables(letter))
        if progress and index % 25 == 0:
            progress(index, len(letters))
    doc = BaseDocTemplate(
        str(target) if isinstance(target, Path) else target,
        pagesize=A4,
        leftMargin=LEFT,
        rightMargin=RIGHT,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=title or (letters[0].subject if letters else ""),
        author=letters[0].sender if letters else "",
        creator="JuryDesk",
        initialFontName=FACES["normal"],
    )
    frame = Frame(
        LEFT,
        BOTTOM,
        WIDTH,
        A4[1] - TOP - BOTTOM,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="letter", frames=[frame])])
    doc.build(story, canvasmaker=NumberedCanvas)
