"""Names in any script print in the letters: Latin, Cyrillic and Greek in DejaVu Sans, Chinese,
Devanagari, Arabic, Hebrew and the like in the bundled fallback fonts (shaped); a name that no
bundled font can draw is flagged in the export report, never printed as boxes silently."""

from __future__ import annotations

from pypdf import PdfReader
from sqlalchemy import select

from jurydesk.exports.letters import export_letters
from jurydesk.letters.fonts import missing_characters
from jurydesk.letters.scripts import runs
from jurydesk.store.models import Candidature, Decision
from tests.cli.helpers import run_json

HIEROGLYPHS = "𓀀𓁐"


def test_the_fonts_cover_the_scripts_of_names_and_flag_the_rest():
    assert missing_characters("Şükrü Ğökçe Nguyễn Łukasz Дарина Αλέξανδρος") == ""
    assert missing_characters("王小明 राजेश مؤسسة الأمل שלום สมชาย தமிழ் বাংলা") == ""
    assert missing_characters(f"Farao {HIEROGLYPHS}") == HIEROGLYPHS
    fonts = {font for font, _chunk in runs("Vzw 王小明 & राजेश / مؤسسة")}
    assert fonts == {
        "DejaVuSans",
        "DroidSansFallbackFull",
        "NotoSansDevanagari-Regular",
        "NotoSansArabic-Regular",
    }


def _a_refused_candidature(demo_store) -> int:  # type: ignore[no-untyped-def]
    with demo_store.reader() as session:
        return int(
            session.scalar(
                select(Decision.candidature_id).where(
                    Decision.round == 1, Decision.outcome == "not_selected"
                )
            )
        )


def test_a_letter_prints_chinese_devanagari_and_arabic_names(demo_store, tmp_path):  # type: ignore[no-untyped-def]
    cand_id = _a_refused_candidature(demo_store)
    with demo_store.session() as session:
        cand = session.get(Candidature, cand_id)
        cand.contact = "王小明"
        cand.organisation = "राजेश सेवा vzw"
        cand.title = "مؤسسة الأمل — buurtwerk"
    result = export_letters(demo_store, tmp_path / "brieven", ["leuven"], 1)
    assert result.unprintable == []  # every character has a font
    [letter] = [f for f in result.files if f"-{cand_id:03d}-" in f.name]
    reader = PdfReader(letter)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Geachte 王小明," in text  # the CJK run is real text, not boxes
    fonts = {
        str(font["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert {"DroidSansFallback", "NotoSansDevanagari-Regular", "NotoSansArabic-Regular"} <= fonts


def test_a_name_no_font_can_draw_is_flagged(demo_store, tmp_path, capsys):  # type: ignore[no-untyped-def]
    cand_id = _a_refused_candidature(demo_store)
    with demo_store.session() as session:
        session.get(Candidature, cand_id).contact = f"Farao {HIEROGLYPHS}"
    result = export_letters(demo_store, tmp_path / "brieven", ["leuven"], 1)
    assert [(c, ch) for c, _o, ch in result.unprintable] == [(cand_id, HIEROGLYPHS)]
    assert len(result.files) == result.letters  # written all the same, and flagged
    url = demo_store.url
    demo_store.close()
    data = run_json(
        capsys,
        "--db",
        url,
        "export",
        "letters",
        str(tmp_path / "b2"),
        "--region",
        "leuven",
        "--round",
        "1",
    )
    assert data["unprintable"][0]["characters"] == HIEROGLYPHS


NINE = {
    "Latin with diacritics": "Zoë Ångström-Müller",
    "Turkish": "Şükrü Ğökçe",
    "Vietnamese": "Nguyễn Thị Hằng",
    "Cyrillic": "Дарина Коваленко",
    "Greek": "Αλέξανδρος Παπαδόπουλος",
    "Georgian": "ნინო ბერიძე",
    "Arabic": "مؤسسة الأمل",
    "Chinese": "王小明",
    "Devanagari": "राजेश कुमार",
}


def test_nine_scripts_extract_intact_or_are_flagged(demo_store, tmp_path):  # type: ignore[no-untyped-def]
    """Each name as a letter's contact: PDFium reads it back from the letter, or the export
    report lists it (shaped scripts, whose PDF text does not copy back exactly)."""
    import pypdfium2 as pdfium

    with demo_store.reader() as session:
        ids = list(
            session.scalars(
                select(Decision.candidature_id)
                .where(Decision.round == 1)
                .order_by(Decision.candidature_id)
            )
        )
    chosen = dict(zip(ids, NINE.values(), strict=False))
    assert len(chosen) == len(NINE)
    with demo_store.session() as session:
        for cand_id, name in chosen.items():
            session.get(Candidature, cand_id).contact = name
    result = export_letters(demo_store, tmp_path / "brieven", None, 1)
    assert result.unprintable == []
    flagged = {c: words for c, _o, words in result.shaped}
    for cand_id, name in chosen.items():
        [letter] = [f for f in result.files if f"-{cand_id:03d}-" in f.name]
        pdf = pdfium.PdfDocument(letter)
        text = "".join(page.get_textpage().get_text_range() for page in pdf)
        pdf.close()
        intact = name in text
        assert intact or all(w in flagged.get(cand_id, "") for w in name.split()), name
    # Only the shaped scripts are flagged; Arabic, in visual order in the PDF, always is.
    assert {chosen[c] for c in flagged} <= {NINE["Arabic"], NINE["Devanagari"]}
    assert NINE["Arabic"] in {chosen[c] for c in flagged}
