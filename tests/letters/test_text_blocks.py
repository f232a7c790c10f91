"""The letters' plain-text blocks are drawn on the canvas: they must break lines where a
Platypus Paragraph of the same style breaks them, split across pages, and read back intact."""

from __future__ import annotations

import io
from dataclasses import replace

import pypdfium2
import pytest
from reportlab.platypus import Paragraph

from jurydesk.exports.letters import collect_letters
from jurydesk.letters.blocks import TextBlock, wrap_text
from jurydesk.letters.render import WIDTH, _p, _styles, render_letters
from jurydesk.store import Store

TEXTS = [
    "De jury waardeert de lokale verankering en de samenwerking met de partners in de regio; "
    "het actieplan is haalbaar, maar de begroting van 12.500 euro lijkt krap voor twee jaar.",
    "Thank you for your candidature “Eerstelijnspsycholoog in het buurthuis” and for your "
    "pitch to the jury of the region Leuven.",
    "Eerste regel\nTweede regel, na een harde regelovergang",
    "Eén   woord  met  veel   spaties ertussen, Ş ğ ễ Ł Д ook " * 6,
    "kort",
]


@pytest.mark.parametrize("style", ["body", "subject", "heading", "score"])
@pytest.mark.parametrize("text", TEXTS)
def test_lines_break_where_a_paragraph_breaks_them(text: str, style: str) -> None:
    base = _styles()[style]
    expected = []
    for hard in text.split("\n"):  # a hard break makes a Paragraph's lines fragments
        one = Paragraph(hard, base)
        one.wrap(WIDTH, 10_000)
        expected += [" ".join(words) for _extra, words in one.blPara.lines]
    paragraph = Paragraph(text.replace("\n", "<br/>"), base)
    assert wrap_text(text, base.fontName, base.fontSize, WIDTH) == expected
    block = _p(text, style)
    assert isinstance(block, TextBlock)
    assert block.wrap(WIDTH, 10_000) == paragraph.wrap(WIDTH, 10_000)


def test_a_word_longer_than_the_line_is_split_within_the_margin() -> None:
    face = _styles()["body"].fontName
    lines = wrap_text("zie https://" + "x" * 200 + " daarna", face, 10, WIDTH)
    assert "".join(lines).replace(" ", "") == ("zie https://" + "x" * 200 + " daarna").replace(
        " ", ""
    )
    from reportlab.pdfbase.pdfmetrics import stringWidth

    assert all(stringWidth(line, face, 10) <= WIDTH for line in lines)
    assert len(lines) >= 3


def test_a_name_in_another_script_keeps_its_paragraph() -> None:
    assert isinstance(_p("Geachte heer 陈伟,", "body"), Paragraph)
    assert isinstance(_p("Geachte heer Van den Bossche,", "body"), TextBlock)


def test_a_long_motivation_runs_over_pages_and_reads_back_in_order(demo_store: Store) -> None:
    letter = next(x for x in collect_letters(demo_store, with_scores=True) if x.criteria)
    sentences = [f"Zin {n} van de motivering over de lokale verankering." for n in range(160)]
    long = replace(
        letter,
        criteria=[replace(letter.criteria[0], motivations=[" ".join(sentences)])],
    )
    out = io.BytesIO()
    render_letters([long], out)
    pdf = pypdfium2.PdfDocument(out.getvalue())
    pages = len(pdf)
    assert pages >= 3
    footers = [letter.page_text.format(page=n + 1, pages=pages) for n in range(pages)]
    text = []
    for n in range(pages):
        lines = pdf[n].get_textpage().get_text_range().splitlines()
        assert footers[n] in [line.strip() for line in lines]  # numbered per page
        text += [line for line in lines if line.strip() != footers[n]]
    words = " ".join(text).split()
    wanted = " ".join(sentences).split()
    start = words.index(wanted[0])
    assert words[start : start + len(wanted)] == wanted  # across the page breaks, in order
    assert words[-1] == letter.signatories[-1].function.split()[-1]
