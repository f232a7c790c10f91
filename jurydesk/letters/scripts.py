"""Names in any script: fallback fonts for what DejaVu Sans cannot draw.

reportlab draws each run of text in one font and does not fall back on its own, so a name such
as '陈伟' or 'राजेश' would print as boxes. Text is split into runs by the first bundled font
that has the glyphs (DejaVu Sans first, then Noto Sans for Arabic, Hebrew, Devanagari, Bengali,
Tamil and Thai, then Droid Sans Fallback for Chinese, Japanese and Korean; Noto's own CJK
fonts have PostScript outlines, which reportlab cannot embed). Runs in a fallback font are
shaped with HarfBuzz (uharfbuzz), which joins Arabic letters, forms Indic conjuncts and puts a
right-to-left run in its visual order. What no bundled font covers is reported by
``fonts.missing_characters`` and flagged in the export report.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from xml.sax.saxutils import escape

from jurydesk.letters.fonts import FACES, register_fonts
from jurydesk.paths import resources_dir

FALLBACKS = (
    "NotoSansArabic-Regular",
    "NotoSansHebrew-Regular",
    "NotoSansDevanagari-Regular",
    "NotoSansBengali-Regular",
    "NotoSansTamil-Regular",
    "NotoSansThai-Regular",
    "DroidSansFallbackFull",
)


@cache
def register_fallbacks() -> tuple[tuple[str, frozenset[int]], ...]:
    """Register the fallback fonts once; each with the code points it covers, in order."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    register_fonts()
    folder = resources_dir() / "fonts"
    covered = []
    for name in FALLBACKS:
        font = TTFont(name, str(folder / f"{name}.ttf"))
        pdfmetrics.registerFont(font)
        covered.append((name, frozenset(font.face.charToGlyph)))
    return tuple(covered)


@cache
def _primary(face: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    return frozenset(pdfmetrics.getFont(face).face.charToGlyph)


def can_shape() -> bool:
    """HarfBuzz is there (a dependency; without it fallback runs are drawn unshaped)."""
    try:
        import uharfbuzz  # noqa: F401
    except ImportError:
        return False
    return True


# Scripts that need shaping (joining, conjuncts, right to left): drawn by their Noto font and
# HarfBuzz even where DejaVu Sans has isolated glyphs for them.
SHAPED = (
    (0x0590, 0x08FF),  # Hebrew, Arabic, Syriac, Thaana, N'Ko, Arabic supplements
    (0x0900, 0x0DFF),  # Devanagari … Sinhala
    (0x0E00, 0x0E7F),  # Thai
    (0xFB1D, 0xFDFF),  # Hebrew and Arabic presentation forms
    (0xFE70, 0xFEFF),
)


_SHAPED_TEXT = re.compile("[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in SHAPED) + "]")


def _shaped_script(code: int) -> bool:
    return any(low <= code <= high for low, high in SHAPED)


def runs(text: str, face: str = FACES["normal"]) -> Iterator[tuple[str, str]]:
    """``(font, chunk)`` pairs covering ``text``. Spaces and punctuation stay in the run they
    are in when its font has them, so '陈 伟' is one run, not three."""
    if text.isascii() or (
        _SHAPED_TEXT.search(text) is None and _primary(face).issuperset(map(ord, text))
    ):  # the common case (Dutch, French, …), decided in C: one run in the letter's font
        yield face, text
        return
    cover = {face: _primary(face), **dict(register_fallbacks())}
    current, chunk = face, []
    for ch in text:
        code = ord(ch)
        if not ch.isalnum() and code in cover[current]:
            font = current
        elif code in cover[face] and not _shaped_script(code):
            font = face
        else:  # the first fallback that has it; else the primary font (flagged as missing)
            font = next((name for name in FALLBACKS if code in cover[name]), face)
        if font != current and chunk:
            yield current, "".join(chunk)
            chunk = []
        current = font
        chunk.append(ch)
    if chunk:
        yield current, "".join(chunk)


def needs_fallback(text: str, face: str = FACES["normal"]) -> bool:
    return not text.isascii() and any(font != face for font, _chunk in runs(text, face))


def needs_shaping(text: str) -> bool:
    """Text in a script that HarfBuzz must shape (Arabic, Hebrew, Indic, Thai)."""
    return not text.isascii() and _SHAPED_TEXT.search(text) is not None and can_shape()


def markup(text: str, face: str = FACES["normal"], shaped: bool = False) -> str:
    """``text`` escaped for a Paragraph, with fallback runs in their font.

    reportlab shapes a paragraph word by word in the font of the word's first part, so a word
    in two fonts ('“مؤسسة': a quote in DejaVu Sans, a name in Noto Sans Arabic) cannot be
    shaped. In a ``shaped`` paragraph, where a fallback run touches other text without a
    space, a hair space (which reportlab breaks words at) separates them: the quote then
    stands a space apart."""
    if text.isascii():
        return escape(text)
    parts: list[str] = []
    previous = ""
    for font, chunk in runs(text, face):
        if shaped and previous and not previous[-1].isspace() and not chunk[0].isspace():
            parts.append("\u200a")
        parts.append(
            escape(chunk) if font == face else f'<font face="{font}">{escape(chunk)}</font>'
        )
        previous = chunk
    return "".join(parts)


def draw(canvas, x: float, y: float, text: str, face: str, size: float) -> None:  # type: ignore[no-untyped-def]
    """``canvas.drawString`` with fallback runs (shaped) drawn in their font."""
    if not needs_fallback(text, face):
        canvas.setFont(face, size)
        canvas.drawString(x, y, text)
        return
    from reportlab.pdfgen.textobject import bidiShapedText

    shaping = can_shape()
    for font, chunk in runs(text, face):
        shaped, width = bidiShapedText(
            chunk, None, fontName=font, fontSize=size, shaping=font != face and shaping
        )
        line = canvas.beginText(x, y)
        line.setFont(font, size)
        line.textOut(shaped)
        canvas.drawText(line)
        x += width
    canvas.setFont(face, size)
