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


@cache
def register_fonts() -> str:
    """Register the family (regular, bold, oblique, bold oblique); returns its name."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

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
