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
    CondPageBreak,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

from jurydesk.letters.blocks import TextBlock
from jurydesk.letters.content import Letter
from jurydesk.letters.fonts import FACES, register_fonts
from jurydesk.letters.scripts import (
    draw,
    markup,
    needs_fallback,
    needs_shaping,
    register_fallbacks,
)

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


def _p(text: str, style: str, **kwargs: Any) -> Flowable:
    """A paragraph of plain text; runs in another script get their font (and are shaped)."""
    base = _styles()[style]
    if not kwargs and not needs_fallback(text, base.fontName):
        return TextBlock(text, base)  # plain text in the style's face: drawn on the canvas
    if needs_fallback(text, base.fontName):
        shaped = needs_shaping(text)
        return Paragraph(
            markup(text, base.fontName, shaped).replace("\n", "<br/>"),
            _shaped(style) if shaped else base,
            **kwargs,
        )
    return Paragraph(escape(text).replace("\n", "<br/>"), base, **kwargs)


@cache
def _shaped(style: str) -> ParagraphStyle:
    register_fallbacks()
    base = _styles()[style]
    return ParagraphStyle(f"{style}-shaped", base, shaping=1)


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


def _lines(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.lib.utils import simpleSplit

    return simpleSplit(text, font, size, width) or [""]


class LetterHead(Flowable):
    """Sender, addressee (at the height of an envelope window) and the reference line.

    Drawn straight onto the canvas: a letterhead is short, fixed text, and drawing it
    directly is several times cheaper than laying out tables of paragraphs.
    """

    def __init__(self, letter: Letter) -> None:
        super().__init__()
        self.letter = letter
        half = WIDTH / 2 - 4 * mm
        self.sender = _lines(letter.sender, FACES["bold"], 11, half)
        self.sender_lines = [
            part
            for line in letter.sender_lines
            if line.strip()
            for part in _lines(line, FACES["normal"], 8.5, half)
        ]
        self.addressee = [
            part for line in letter.addressee for part in _lines(line, FACES["normal"], 10, half)
        ]
        top = max(
            14 * len(self.sender) + 11 * len(self.sender_lines), 26 * mm + 14 * len(self.addressee)
        )
        self.reference_y = top + 14 * mm
        self.columns = reference_columns(letter.references)
        self.height = self.reference_y + 30
        self.width = WIDTH

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        y = self.height - 11
        c.setFillColor(ACCENT)
        for line in self.sender:
            draw(c, 0, y, line, FACES["bold"], 11)
            y -= 14
        c.setFillColor(GREY)
        for line in self.sender_lines:
            draw(c, 0, y, line, FACES["normal"], 8.5)
            y -= 11
        c.setFillColor(colors.black)
        y = self.height - 26 * mm - 10
        for line in self.addressee:
            draw(c, WIDTH / 2, y, line, FACES["normal"], 10)
            y -= 14
        y = self.height - self.reference_y
        c.setStrokeColor(GREY)
        c.setLineWidth(0.5)
        c.line(0, y, WIDTH, y)
        for x, (label, value) in zip(self.columns, self.letter.references, strict=False):
            c.setFillColor(GREY)
            draw(c, x, y - 10, label, FACES["normal"], 7.5)
            c.setFillColor(colors.black)
            draw(c, x, y - 24, value, FACES["normal"], 9.5)


def reference_columns(references: Sequence[tuple[str, str]]) -> list[float]:
    """Where each column of the reference row starts: measured, so that no value runs into
    the next (a long 'ons kenmerk' pushes the date to the right, and the columns share what
    is left); each column at least 6 mm from the one before."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    gap = 6 * mm
    widths = [
        max(stringWidth(label, FACES["normal"], 7.5), stringWidth(value, FACES["normal"], 9.5))
        for label, value in references
    ]
    spare = max(0.0, WIDTH - sum(widths) - gap * (len(widths) - 1))
    share = spare / len(widths) if widths else 0.0
    xs, x = [], 0.0
    for width in widths:
        xs.append(x)
        x += width + gap + share
    return xs


class Signatures(Flowable):
    """The signatories side by side: name in bold, function below."""

    def __init__(self, letter: Letter) -> None:
        super().__init__()
        self.people = letter.signatories
        self.column = WIDTH / max(2, len(self.people))
        self.functions = [
            _lines(s.function, FACES["normal"], 8.5, self.column - 4 * mm) for s in self.people
        ]
        self.width = WIDTH
        self.height = 14 + 11 * max((len(f) for f in self.functions), default=0)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        for index, (person, function) in enumerate(zip(self.people, self.functions, strict=True)):
            x, y = index * self.column, self.height - 10
            c.setFillColor(colors.black)
            draw(c, x, y, person.name, FACES["bold"], 10)
            c.setFillColor(GREY)
            for line in function:
                y -= 11
                draw(c, x, y, line, FACES["normal"], 8.5)


def letter_flowables(letter: Letter) -> list[Flowable]:
    story: list[Flowable] = [
        LetterStart(letter.candidature * 10 + letter.round, letter.page_text),
        LetterHead(letter),
        Spacer(1, 6 * mm),
    ]
    story.append(_p(f"{letter.subject_label}: {letter.subject}", "subject"))
    story.append(_p(letter.salutation, "body"))
    story.extend(_p(text, "body") for text in letter.paragraphs)
    if letter.criteria:
        story.append(_p(letter.motivation_heading, "heading"))
        for criterion in letter.criteria:
            block: list[Flowable] = [_p(criterion.label, "criterion")]
            if criterion.score_line:
                block.append(_p(criterion.score_line, "score"))
            block.extend(_p(text, "body") for text in criterion.motivations)
            # A page break before a block that would not fit its heading and first lines;
            # cheaper than KeepTogether, which lays every block out twice.
            story.append(CondPageBreak(32 * mm))
            story.extend(block)
        if letter.total_line:
            story.append(Spacer(1, 2 * mm))
            story.append(_p(letter.total_line, "body"))
    if letter.rebuttal:
        story.append(CondPageBreak(50 * mm))
        story.append(_p(letter.rebuttal_heading, "heading"))
        story.extend(_p(text, "body") for text in letter.rebuttal)
    story.append(CondPageBreak(36 * mm))  # the closing and the signatures stay together
    story.extend([_p(letter.closing, "body"), Spacer(1, 12 * mm), Signatures(letter)])
    if letter.annexes:
        story.append(Spacer(1, 6 * mm))
        story.append(_p(letter.annexes_heading, "criterion"))
        story.extend(_p(a, "bullet", bulletText="–") for a in letter.annexes)
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
