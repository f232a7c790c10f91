"""A name the letters' font cannot draw (Chinese, Devanagari) is flagged in the export report,
never printed as boxes silently; Latin, Turkish, Vietnamese, Cyrillic and Greek print."""

from __future__ import annotations

from sqlalchemy import select

from jurydesk.exports.letters import export_letters
from jurydesk.letters.fonts import missing_characters
from jurydesk.store.models import Candidature, Decision
from tests.cli.helpers import run_json


def test_the_font_covers_european_scripts_and_flags_the_rest():
    assert missing_characters("Şükrü Ğökçe Nguyễn Łukasz Дарина Αλέξανδρος") == ""
    assert missing_characters("王小明 राजेश") != ""


def test_a_letter_with_an_unprintable_name_is_flagged(demo_store, tmp_path, capsys):
    with demo_store.session() as session:
        cand_id = session.scalar(
            select(Decision.candidature_id).where(
                Decision.round == 1, Decision.outcome == "not_selected"
            )
        )
        cand = session.get(Candidature, cand_id)
        cand.contact = "王小明"
    result = export_letters(demo_store, tmp_path / "brieven", ["leuven"], 1)
    assert [(c, ch) for c, _o, ch in result.unprintable] == [(cand_id, "王小明")]
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
    assert data["unprintable"][0]["characters"] == "王小明"
