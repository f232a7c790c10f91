"""Plain-text blocks of a letter, wrapped here and drawn straight onto the canvas.

Most of a letter is plain text in one face: the salutation, the template sentences, the jury's
motivations. Laying each out as a Platypus ``Paragraph`` parses markup, breaks lines fragment by
fragment and draws word by word; a ``TextBlock`` measures the words with reportlab's own
``stringWidth``, keeps the lines and draws them with one text object, as the letterhead does.
It behaves as a paragraph of the same style in the flow: the same leading, first baseline,
spacing before and after, and a split across pages that leaves no single first line behind
(Paragraph's orphan rule). Text that needs another font for part of it (a name in Arabic or
Chinese) stays a ``Paragraph`` (``render._p``): its runs are marked up in their fonts there.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable
from reportlab.platypus.paragraph import split as words_of  # white space, not no-break

SPACE_SHRINKAGE = ParagraphStyle("default").spaceShrinkage


_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}


def _measure(face: str, size: float) -> dict[str, float]:
    """Widths of the words met so far in ``face`` at ``size``: letters repeat most of their
    words, and a look-up is several times cheaper than measuring again."""
    widths = _WIDTHS.get((face, size))
    if widths is None or len(widths) > 200_000:  # bounded: a huge run starts afresh
        widths = _WIDTHS[face, size] = {}
    return widths


def wrap_text(text: str, face: str, size: float, width: float) -> list[str]:
    """``text``'s lines at most ``width`` wide, broken where ``Paragraph`` breaks them: hard
    line breaks kept, words broken at white space but not at a no-break space (a line may be
    longer by ``spaceShrinkage`` of each of its spaces: its spaces are drawn that much
    narrower), a word wider than the line split between characters."""
    return [line for line, _width in _wrap(text, face, size, width)]


def _wrap(text: str, face: str, size: float, width: float) -> list[tuple[str, float]]:
    """The lines of ``wrap_text``, each with its natural width."""
    space = stringWidth(" ", face, size)
    widths = _measure(face, size)
    shrink = SPACE_SHRINKAGE * space
    lines: list[tuple[str, float]] = []
    for hard in text.split("\n"):
        words: list[str] = []
        used = -space
        for word in words_of(hard):
            w = widths.get(word)
            if w is None:
                w = widths[word] = stringWidth(word, face, size)
            if w > width:  # longer than a whole line: fill up this line, then the next ones
                if words:
                    lines.append((" ".join(words), used))
                    words, used = [], -space
                piece = ""
                for ch in word:
                    if piece and stringWidth(piece + ch, face, size) > width:
                        lines.append((piece, stringWidth(piece, face, size)))
                        piece = ""
                    piece += ch
                words, used = [piece], stringWidth(piece, face, size)
            elif not words or used + space + w <= width + shrink * len(words):
                words.append(word)
                used += space + w
            else:
                lines.append((" ".join(words), used))
                words, used = [word], w
        lines.append((" ".join(words), max(used, 0.0)))
    return lines


class TextBlock(Flowable):
    """Lines of plain text in one face, laid out and split like a ``Paragraph`` of ``style``."""

    def __init__(
        self, text: str, style: ParagraphStyle, lines: list[tuple[str, float]] | None = None
    ) -> None:
        super().__init__()
        self.text, self.style = text, style
        self.lines = lines
        self._fixed = lines is not None  # a part of a split block keeps its lines
        self.spaceBefore, self.spaceAfter = style.spaceBefore, style.spaceAfter

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        style = self.style
        if self.lines is None or (not self._fixed and self.width != availWidth):
            text = self.text if self.text.strip() else ""
            self.lines = _wrap(text, style.fontName, style.fontSize, availWidth) if text else []
        self.width, self.height = availWidth, len(self.lines) * style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        assert self.lines is not None
        fit = int(availHeight / self.style.leading)
        if fit <= 1:  # an orphan, or no room at all: the whole block goes on
            return []
        if len(self.lines) <= fit:
            return [self]
        first = TextBlock(self.text, self.style, self.lines[:fit])
        rest = TextBlock(self.text, self.style, self.lines[fit:])
        return [first, rest]

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        """Draw at (x, y) without the state save, translation and restore that Flowable
        wraps every draw in: the block sets its own colour and font, and only its text."""
        if not self.lines:
            return
        style = self.style
        if canvas._fillColorObj is not style.textColor:  # the blocks before left it set
            canvas.setFillColor(style.textColor)
        text = canvas.beginText(x + style.leftIndent, y + self.height - style.fontSize)
        text.setFont(style.fontName, style.fontSize, style.leading)
        for line, width in self.lines:
            spaces = line.count(" ") + line.count("\xa0") if width > self.width else 0
            if spaces:  # filled up by narrower spaces, as Paragraph draws it
                text.setWordSpace((self.width - width) / spaces)
                text.textLine(line)
                text.setWordSpace(0)
            else:
                text.textLine(line)
        canvas.drawText(text)
