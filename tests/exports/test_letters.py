"""Decision letters: their text read back from the PDF, fonts, numbering, templates."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select, update

from jurydesk.exports.letters import export_letters, safe_file_name
from jurydesk.i18n import set_language
from jurydesk.letters.template import TemplateError, load_template
from jurydesk.paths import resources_dir
from jurydesk.pitch.schedule import running_order
from jurydesk.rebuttals.service import rebuttal_windows
from jurydesk.store import Store
from jurydesk.store.models import Candidature, Decision, Region

NAMES = ["Şükrü Yılmaz", "Ğökçe Ağaoğlu", "Nguyễn Thị Ễnh", "Łukasz Żółć", "Дарина Коваленко"]


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_every_name_survives_in_the_pdf(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.session() as session:
        ids = list(
            session.scalars(
                select(Decision.candidature_id)
                .where(Decision.round == 1, Decision.outcome == "not_selected")
                .order_by(Decision.candidature_id)
            )
        )[: len(NAMES)]
        for cand, name in zip(ids, NAMES, strict=True):
            session.execute(
                update(Candidature)
                .where(Candidature.id == cand)
                .values(contact=name, organisation=f"{name} vzw")
            )
    result = export_letters(
        demo_store, tmp_path / "brieven", round_=1, merged=tmp_path / "alle.pdf"
    )
    merged = _flat(_text(tmp_path / "alle.pdf"))
    for name in NAMES:
        assert f"Geachte {name}," in merged
        assert f"{name} vzw" in merged
        own = [f for f in result.files if name.split()[0] in f.name]
        assert len(own) == 1 and f"Geachte {name}," in _flat(_text(own[0]))
    fonts = {
        str(font)
        for page in PdfReader(tmp_path / "alle.pdf").pages
        for font in page["/Resources"]["/Font"].values()
        for font in [font.get_object()["/BaseFont"]]
    }
    assert all("DejaVuSans" in f for f in fonts), fonts


def test_letter_content_round_one(demo_store: Store, tmp_path: Path) -> None:
    result = export_letters(demo_store, tmp_path, ["leuven"], 1, with_scores=True)
    with demo_store.reader() as session:
        rejected = session.scalars(
            select(Decision)
            .join(Candidature)
            .join(Region)
            .where(Decision.round == 1, Decision.outcome == "not_selected", Region.slug == "leuven")
            .order_by(Decision.candidature_id)
        ).all()
        windows = {w.candidature: w for w in rebuttal_windows(session, "leuven", 1)}
        invited = session.scalars(
            select(Decision)
            .join(Candidature)
            .join(Region)
            .where(Decision.round == 1, Decision.outcome == "shortlisted", Region.slug == "leuven")
        ).all()
        order = running_order(session, "leuven")
    # every outcome gets its letter: the rejections and the invitations to the pitch
    assert result.letters == len(rejected) + len(invited) == len(result.files)
    slot = order.slots[0]
    invitation = next(f for f in result.files if f"-{slot.candidature:03d}-R1" in f.name)
    text = _flat(_text(invitation))
    assert "Uitnodiging voor de pitch" in text and f"{slot.start:%H:%M}" in text
    assert f"{slot.end:%H:%M}" in text and "Weerwoord" not in text
    first = rejected[0]
    path = next(f for f in result.files if f"-{first.candidature_id:03d}-R1" in f.name)
    text = _flat(_text(path))
    for expected in [
        "Lokaal partnerschap Capacity Building Leuven",
        "Secretariaat (demo)",
        "Uw kenmerk",
        "Ons kenmerk",
        "Datum",
        f"CB-LEUVEN-2023-{first.candidature_id:03d}-R1",
        "19 juni 2023",
        "Betreft:",
        "niet werd geselecteerd voor de pitch",
        _flat(first.motivation),
        "Motivering per criterium",
        "Aansluiting bij de regio-uitdagingen",
        "Gemiddelde score van de jury:",
        "Weerwoord",
        "uiterlijk op 3 juli 2023 om 24:00 bereiken",
        "Deze termijn telt 14 kalenderdagen en begint op 20 juni 2023.",
        "weerwoord.leuven@jurydesk.example",
        "Met vriendelijke groet,",
        "Jana Voorbeeld",
    ]:
        assert expected in text, expected
    # the addendum's contacts neither sign nor receive weerwoorden
    for absent in ("Anne Moyaerts", "Silke Van Esch", "anne.moyaerts", "Voor dit werkingsgebied"):
        assert absent not in text, absent
    assert windows[first.candidature_id].last_day.isoformat() == "2023-07-03"


def test_long_letters_are_numbered_per_letter(demo_store: Store, tmp_path: Path) -> None:
    result = export_letters(
        demo_store, tmp_path / "l", ["leuven"], 1, with_scores=True, merged=tmp_path / "alle.pdf"
    )
    pages = [len(PdfReader(f).pages) for f in result.files]
    merged = PdfReader(tmp_path / "alle.pdf")
    assert len(merged.pages) == sum(pages)
    assert any(n > 1 for n in pages)
    for f, n in zip(result.files, pages, strict=True):
        text = _text(f)
        if n == 1:
            assert "pagina" not in text
        else:
            assert f"pagina 1 van {n}" in text and f"pagina {n} van {n}" in text
    # In the merged file each letter starts again at page 1.
    starts = sum("pagina 1 van" in page.extract_text() for page in merged.pages)
    assert starts == sum(n > 1 for n in pages)


def test_round_two_and_english(demo_store: Store, tmp_path: Path) -> None:
    set_language("en")
    result = export_letters(demo_store, tmp_path, ["dijleland-plus"], 2, language="en")
    texts = {f.name: _flat(_text(f)) for f in result.files}
    assert any("has selected your candidature" in t for t in texts.values())
    selected = [t for t in texts.values() if "has selected your candidature" in t]
    assert all("Rebuttal (weerwoord)" not in t for t in selected)
    rejected = [t for t in texts.values() if "was not selected" in t]
    assert rejected and all("Rebuttal (weerwoord)" in t for t in rejected)
    # Dijleland+'s own deadline ("voor 12 januari") governs: the last day is 11 January 2024.
    assert all("no later than 11 January 2024 at 24:00" in t for t in rejected)
    assert all("Kind regards," in t for t in texts.values())


def test_final_letter_after_reassessment(demo_store: Store, tmp_path: Path) -> None:
    result = export_letters(demo_store, tmp_path, final=True)
    assert result.letters == 1
    text = _flat(_text(result.files[0]))
    assert "ontvingen wij uw weerwoord" in text and "ongegrond bevonden" in text
    assert "bijlage 3 opnieuw gelezen" in text
    assert "blijft behouden: uw kandidatuur wordt niet geselecteerd voor de pitch" in text
    assert "definitief" not in text
    assert result.files[0].name.endswith(".pdf") and "weerwoord" in result.files[0].name


def test_template_override_and_errors(demo_store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "nl-leuven.toml").write_text(
        'closing = "Met hartelijke groet,"\n[outcomes]\nround2_reserve = "reserve"\n', "utf-8"
    )
    template = load_template("nl", "leuven", [resources_dir() / "letters", folder])
    assert template.texts["closing"] == "Met hartelijke groet,"
    assert template.outcomes["round2_reserve"] == "reserve"
    (folder / "nl-leuven.toml").write_text(
        '[[signatories]]\nname = "Greet Peeters"\nfunction = "Voorzitter"\n', "utf-8"
    )
    with pytest.raises(TemplateError, match="ondertekenaar"):
        load_template("nl", "leuven", [resources_dir() / "letters", folder])
    (folder / "nl-leuven.toml").write_text('salutation = "Beste {voornaam},"\n', "utf-8")
    with pytest.raises(TemplateError, match=r"salutation.*\{voornaam\}"):
        load_template("nl", "leuven", [resources_dir() / "letters", folder])


def test_user_template_in_data_dir_is_used_and_bad_one_writes_nothing(
    demo_store: Store, tmp_path: Path
) -> None:
    from jurydesk.paths import data_dir

    user = data_dir() / "letters"
    user.mkdir(parents=True)
    (user / "nl.toml").write_text('closing = "Hoogachtend,"\n', "utf-8")
    result = export_letters(demo_store, tmp_path / "a", ["leuven"], 1)
    assert "Hoogachtend," in _text(result.files[0])
    (user / "nl.toml").write_text('[body]\nround1_not_selected = ["{onbekend}"]\n', "utf-8")
    with pytest.raises(TemplateError, match=r"body\.round1_not_selected"):
        export_letters(demo_store, tmp_path / "b", ["leuven"], 1, merged=tmp_path / "m.pdf")
    assert not any((tmp_path / "b").glob("*.pdf")) and not (tmp_path / "m.pdf").exists()


def test_safe_file_names() -> None:
    assert safe_file_name('CB-1 A/B: "C" <D>?') == "CB-1 A B C D"
    assert safe_file_name("name. ") == "name"
    assert safe_file_name("???") == "brief"
