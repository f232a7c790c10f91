"""The bundled DejaVu Sans family, registered once with reportlab.

The 14 built-in PDF fonts only cover Latin-1: names such as 'Ş ğ ễ Ł Д' would print as black
boxes. DejaVu Sans covers them and is embedded (subset) in every PDF.
"""

from __future__ import annotations

from functools import cache

from jurydesk.paths import resources_dir

FAMILY = "DejaVuSans"
FACES = {
    "normal": "DejaVuSans",
    "bold": "DejaVuSans-Bold",
    "italic": "DejaVuSans-Oblique",
    "boldItalic": "DejaVuSans-BoldOblique",
}


def _cached_font_class():  # type: ignore[no-untyped-def]
    from reportlab.pdfbase.ttfonts import TTFont

    class CachedTTFont(TTFont):
        """Remembers how each text splits into subset codes, per document.

        Letters repeat most of their lines (labels, template sentences, names); once a text's
        characters have codes in a document they never change, so the split can be reused.
        Never shaped: in a paragraph shaped for an Arabic or Indic name, the Latin words stay
        as typed (HarfBuzz would join 'st' into a ligature that copies out of the PDF as 'ﬆ');
        reportlab leaves a word unshaped when its font has no HarfBuzz font.
        """

        def hbFont(self, fontSize=10):  # type: ignore[no-untyped-def]
            raise AttributeError("DejaVu Sans is drawn unshaped")

        def splitString(self, text, doc, encoding="utf-8"):  # type: ignore[no-untyped-def]
            state = self.state.get(doc)
            memo = getattr(state, "jurydesk_splits", None) if state is not None else None
            if memo is not None and text in memo:
                return memo[text]
            result = super().splitString(text, doc, encoding)
            state = self.state[doc]
            if memo is None:
                memo = state.jurydesk_splits = {}
            memo[text] = result
            return result

    return CachedTTFont


@cache
def register_fonts() -> str:
    """Register the family (regular, bold, oblique, bold oblique); returns its name."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics

    TTFont = _cached_font_class()

    folder = resources_dir() / "fonts"
    for face in FACES.values():
        pdfmetrics.registerFont(TTFont(face, str(folder / f"{face}.ttf")))
    for bold, italic, key in (
        (0, 0, "normal"),
        (1, 0, "bold"),
        (0, 1, "italic"),
        (1, 1, "boldItalic"),
    ):
        addMapping(FAMILY, bold, italic, FACES[key])
    return FAMILY


@cache
def _covered() -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    from jurydesk.letters.scripts import register_fallbacks

    register_fonts()
    primary = frozenset(pdfmetrics.getFont(FACES["normal"]).face.charToGlyph)
    return primary.union(*(cover for _name, cover in register_fallbacks()))


def missing_characters(text: str) -> str:
    """The characters of ``text`` that none of the letters' fonts can draw (DejaVu Sans and
    the fallbacks of ``scripts``): they would print as boxes, so the export flags them."""
    covered = _covered()
    seen = dict.fromkeys(
        ch for ch in text if ord(ch) not in covered and not ch.isspace() and ord(ch) >= 32
    )
    return "".join(seen)
