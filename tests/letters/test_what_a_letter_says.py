"""Every letter kind in both regions and both languages, rendered and read back from the PDF:
only what the addenda, the settings and the jury say (domain.md, "What a letter may say")."""

from __future__ import annotations

import email
import email.policy
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pypdfium2
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from jurydesk.decisions.service import decide
from jurydesk.exports.letters import collect_letters, export_letters
from jurydesk.i18n import set_language
from jurydesk.letters.content import Letter
from jurydesk.letters.render import render_letters
from jurydesk.mail.compose import Planned, compose
from jurydesk.mail.drafts import write_drafts
from jurydesk.mail.templates import DECISION, FINAL, RECEIPT
from jurydesk.rebuttals.service import reassess, rebuttal_windows, record_rebuttal
from jurydesk.settings.letters import LetterSettings, load_letter_settings
from jurydesk.settings.region import load_settings, save_settings
from jurydesk.store import Store
from jurydesk.store.models import Candidature, Decision, Region
from jurydesk.timeutil import local

REGIONS = ("leuven", "dijleland-plus")
KINDS = {
    "round1_not_selected",
    "round1_shortlisted",
    "round2_selected",
    "round2_not_selected",
    "round2_reserve",
    "final_upheld",
    "final_rejected",
}
INVENTED = [
    # procedure no source states
    "definitief",
    "This decision is final",
    "ontvankelijk",
    "admissib",
    "Kom een kwartier",
    "quarter of an hour",
    "twee personen",
    "two people",
    "nog bevestigt",
    "will confirm",
    "oorspronkelijke beslissing wordt herzien",
    "original decision is revised",
    # the weekend shift presented as the region's rule
    "Voor dit werkingsgebied geldt",
    "For this region the rule is",
    # the addendum's contacts as signatories
    "Anne Moyaerts",
    "Silke Van Esch",
    "Contactpersoon lokaal partnerschap",
    "Contact person, local partnership",
    # claims of an assessment or notes that are not the jury's
    "alle schriftelijke kandidaturen",
    "all written candidatures",
    "every written candidature",
    "geen afzonderlijke toelichting",
    "no separate explanation",
    # language
    "uw voorstel voor te stellen",
    "tot en met",
    "Local Partnerships",
    "in the area",
    "Motivation per criterion",
    "·",
    "Holsbeek.,",
]
DOUBLE = re.compile(r"[.,;:]\s*[.,;:]|\.\)\.|::")


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def _box(page: pypdfium2.PdfPage, text: str) -> tuple[float, float]:
    """(left, right) of the first occurrence of ``text`` on the page."""
    textpage = page.get_textpage()
    found = textpage.search(text, match_case=True).get_next()
    assert found is not None, text
    index, count = found
    boxes = [textpage.get_charbox(i) for i in range(index, index + count)]
    return min(b[0] for b in boxes), max(b[2] for b in boxes)


def _prepare(store: Store) -> None:
    """Every letter kind in both regions: a reserve, an upheld weerwoord with its new
    decision, a rejected one (Dijleland+'s came late)."""
    with store.session() as session:
        for slug in REGIONS:
            region = session.scalar(select(Region).where(Region.slug == slug))
            assert region is not None
            selected = session.scalars(
                select(Decision)
                .join(Candidature)
                .where(
                    Candidature.region_id == region.id,
                    Decision.round == 2,
                    Decision.outcome == "selected",
                )
                .order_by(Decision.candidature_id)
            ).all()
            reserve, upheld = selected[0], selected[1]
            for row in (reserve, upheld):
                decide(
                    session,
                    "test",
                    row.candidature_id,
                    2,
                    "reserve",
                    "De jury plaatst de kandidatuur op de reservelijst.",
                    row.communicated_on,
                    {"uitdagingen": "De jury vindt de aansluiting bij de regio-uitdagingen sterk."},
                    deviation_reason="Een ander profiel vult de portefeuille beter aan.",
                )
            when = local(row.communicated_on) if row.communicated_on else None
            assert when is not None
            record_rebuttal(
                session, "test", upheld.candidature_id, 2, when.replace(hour=15), "Wij menen ..."
            )
            reassess(
                session,
                "test",
                upheld.candidature_id,
                2,
                "upheld",
                "De jury las de pitch opnieuw na en volgt het weerwoord.",
                when.replace(hour=17),
            )
            decide(
                session,
                "test",
                upheld.candidature_id,
                2,
                "selected",
                "Na het weerwoord selecteert de jury de kandidatuur.",
                upheld.communicated_on,
            )
    with store.session() as session:
        windows = rebuttal_windows(session, "dijleland-plus", 1)
        pending = next(w for w in windows if w.received_at and w.reassessment is None)
        reassess(
            session,
            "test",
            pending.candidature,
            1,
            "rejected",
            "De jury heeft het weerwoord gelezen; het verandert de beoordeling niet.",
            datetime(2024, 1, 16, 10, tzinfo=UTC),
        )


def _letters(store: Store, slug: str, language: str) -> list[Letter]:
    set_language(language)
    return [
        *collect_letters(store, [slug], None, language=language, with_scores=True),
        *collect_letters(store, [slug], final=True, language=language),
    ]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("slug", REGIONS)
def test_every_letter_kind_says_only_what_a_source_says(
    demo_store: Store, tmp_path: Path, slug: str, language: str
) -> None:
    _prepare(demo_store)
    letters = _letters(demo_store, slug, language)
    assert {x.kind for x in letters} == KINDS
    with demo_store.reader() as session:
        weerwoord = load_settings(session, slug).weerwoord_address
        signatory = load_letter_settings(session, slug).signatory
    seen: set[str] = set()
    for letter in letters:
        if letter.kind in seen and letter.kind not in ("final_upheld", "final_rejected"):
            continue
        seen.add(letter.kind)
        path = tmp_path / f"{slug}-{language}-{letter.kind}-{letter.candidature}.pdf"
        render_letters([letter], path)
        text = _pdf_text(path)
        where = f"{slug}/{language}/{letter.kind}"
        for phrase in INVENTED:
            assert phrase not in text, (where, phrase)
        assert not DOUBLE.search(text), (where, DOUBLE.search(text))
        assert not re.search(r"\d{4}CB-|R\d(Datum|Date)", text), where
        assert signatory in text and "Jana Voorbeeld" in text, where
        # the reference row: each value ends before the next column's label begins
        page = pypdfium2.PdfDocument(path)[0]
        labels = [label for label, _value in letter.references]
        values = [value for _label, value in letter.references]
        for value, next_label in zip(values, labels[1:], strict=False):
            assert _box(page, value)[1] < _box(page, next_label)[0], (where, value)
        rebuttable = letter.kind in ("round1_not_selected", "round2_not_selected", "round2_reserve")
        assert (weerwoord in text) == rebuttable, where
        assert (letter.rebuttal_to == weerwoord) == rebuttable, where
        if letter.kind == "final_upheld":
            new = "nieuwe beslissing: uw kandidatuur wordt geselecteerd"
            assert (
                new if language == "nl" else "new decision: your candidature is selected"
            ) in text
        if letter.kind == "final_rejected":
            assert ("blijft behouden" if language == "nl" else "stands") in text
            if slug == "dijleland-plus":  # its weerwoord came after the window
                assert (
                    "na het einde van de termijn" if language == "nl" else "after the end"
                ) in text
        if letter.kind == "round2_reserve":
            # only the text the secretariat chose, never the individual jurors' motivations
            assert "De jury vindt de aansluiting bij de regio-uitdagingen sterk." in text
        if letter.kind == "round1_shortlisted":
            # no pitch place, arrival or party size set: nothing said about them
            for absent in ("Plaats:", "Place:", "verwachten u om", "expect you at", "ten hoogste"):
                assert absent not in text, (where, absent)
    set_language("nl")


def test_no_juror_note_reaches_a_letter(demo_store: Store) -> None:
    from jurydesk.store.models import Score

    with demo_store.reader() as session:
        notes = {m for m in session.scalars(select(Score.motivation)) if m and len(m) > 12}
    assert notes
    for slug in REGIONS:
        for letter in _letters(demo_store, slug, "nl"):
            said = " ".join(
                [*letter.paragraphs, *(m for c in letter.criteria for m in c.motivations)]
            )
            assert not any(note in said for note in notes), letter.reference


WINDOWS = {
    # communicated on -> (last day in the letter, warnings expected in the letter)
    "dijleland-plus": [
        (date(2023, 12, 11), "11 januari 2024", False),
        (date(2023, 12, 29), "12 januari 2024", True),
        (date(2024, 1, 5), "19 januari 2024", True),
        (date(2024, 1, 10), "24 januari 2024", True),
    ],
    "leuven": [
        (date(2023, 6, 19), "3 juli 2023", False),
        (date(2023, 7, 6), "20 juli 2023", True),  # runs past "Vóór 20 juli 2023"
        (date(2023, 7, 7), "24 juli 2023", True),  # late; 21 July a holiday, then a weekend
        (date(2023, 7, 10), "24 juli 2023", True),
    ],
}


@pytest.mark.parametrize("slug", REGIONS)
def test_the_weerwoord_window_in_the_letter(demo_store: Store, tmp_path: Path, slug: str) -> None:
    with demo_store.reader() as session:
        rejected = session.scalars(
            select(Decision)
            .join(Candidature)
            .join(Region)
            .where(Region.slug == slug, Decision.round == 1, Decision.outcome == "not_selected")
            .order_by(Decision.candidature_id)
        ).all()
    for row, (communicated, last, warned) in zip(rejected, WINDOWS[slug], strict=False):
        with demo_store.session() as session:
            decide(
                session,
                "test",
                row.candidature_id,
                1,
                "not_selected",
                row.motivation,
                communicated,
            )
        letter = next(
            x
            for x in collect_letters(demo_store, [slug], 1, language="nl")
            if x.candidature == row.candidature_id
        )
        path = tmp_path / f"{row.candidature_id}.pdf"
        render_letters([letter], path)
        text = _pdf_text(path)
        assert f"uiterlijk op {last} om 24:00 bereiken" in text, (communicated, text)
        assert bool(letter.warnings) == warned, (communicated, letter.warnings)
        late_communication = any(
            "later dan de datum voor de communicatie" in w for w in letter.warnings
        )
        bound = date(2023, 12, 22) if slug == "dijleland-plus" else date(2023, 7, 7)
        assert late_communication == (communicated >= bound), communicated
        with demo_store.reader() as session:
            window = next(
                w for w in rebuttal_windows(session, slug, 1) if w.candidature == row.candidature_id
            )
        assert bool(window.warning) == warned
        assert (
            window.last_day >= communicated.replace()
            and (window.last_day - communicated).days >= 14
        )


def test_every_mail_kind_read_back(demo_store: Store, tmp_path: Path) -> None:
    _prepare(demo_store)
    sender = "Secretariaat <secretariaat@jurydesk.example>"
    for slug in REGIONS:
        with demo_store.reader() as session:
            weerwoord = load_settings(session, slug).weerwoord_address
        for kind, round_ in ((DECISION, 1), (DECISION, 2), (FINAL, None)):
            drafts, refused = write_drafts(
                demo_store, tmp_path / f"{slug}-{kind}-{round_}", slug, round_, sender, kind=kind
            )
            assert drafts and not refused
            for draft in drafts:
                message = email.message_from_bytes(
                    draft.file.read_bytes(), policy=email.policy.default
                )
                body = message.get_body(("plain",)).get_content()
                for phrase in ("eenvoudig op deze e-mail antwoorden", "het tijdstip en de plaats"):
                    assert phrase not in body
                subject = message["Subject"]
                if kind == DECISION and subject.startswith("Uitnodiging"):
                    assert message["Reply-To"] is None and "weerwoord" not in body
                    assert "dag en het tijdstip van uw pitch" in body
                elif kind == DECISION and ": geselecteerd [" in subject:
                    assert message["Reply-To"] is None and "weerwoord" not in body
                    assert "de jury heeft uw kandidatuur geselecteerd" in body
                if kind == DECISION and message["Reply-To"] is not None:
                    assert message["Reply-To"] == weerwoord and weerwoord in body
                    assert "weerwoord" in body
                if kind == DECISION and (
                    "niet geselecteerd" in subject or "reserve" in subject or "ronde 1" in subject
                ):
                    assert message["Reply-To"] == weerwoord, subject
                if kind == FINAL:
                    assert message["Reply-To"] is None and "beoordeling van uw weerwoord" in body
    receipt = Planned(
        "receipt/1",
        RECEIPT,
        1,
        0,
        "De Brug",
        "bo@de-brug.example",
        "Bo",
        "Vzw De Brug",
        "Leuven",
        "leuven",
        None,
        datetime(2023, 6, 10, 8, tzinfo=UTC),
        True,
        "9 juni 2023 om 23u59",
    )
    message = email.message_from_bytes(
        compose(receipt, sender, "<1@x>", "nl").as_bytes(), policy=email.policy.default
    )
    body = message.get_body(("plain",)).get_content()
    assert "“9 juni 2023 om 23u59”" in body and "bereikte ons daarna" in body
    assert "ontvankelijk" not in body and message["Reply-To"] is None


def test_a_new_database_refuses_letters_until_a_signatory_is_set(
    demo_store: Store, tmp_path: Path
) -> None:
    from jurydesk.setup import initialise
    from jurydesk.store import open_store

    new = open_store(f"sqlite:///{(tmp_path / 'new.sqlite').as_posix()}")
    try:
        initialise(new, demo=False, passphrase="demo")
        with new.reader() as session:
            for slug in REGIONS:
                assert load_letter_settings(session, slug) == LetterSettings()
                assert load_settings(session, slug).signatory == ""
    finally:
        new.close()
    with demo_store.session() as session:
        settings = load_settings(session, "leuven")
        settings.signatory = settings.signatory_function = ""
        save_settings(session, "test", "leuven", settings)
    with pytest.raises(Exception, match="ondertekenaar"):
        export_letters(demo_store, tmp_path / "a", ["leuven"], 1)
    assert not any((tmp_path / "a").glob("*.pdf"))
    with demo_store.session() as session:
        settings = load_settings(session, "leuven")
        settings.signatory, settings.signatory_function = "Lies Proef", "Voorzitter van de jury"
        save_settings(session, "test", "leuven", settings)
    result = export_letters(demo_store, tmp_path / "b", ["leuven"], 1)
    text = _pdf_text(result.files[0])
    assert "Lies Proef" in text and "Voorzitter van de jury" in text


def test_a_late_or_unscored_candidature_is_told_what_happened(demo_store: Store) -> None:
    from sqlalchemy import delete

    from jurydesk.store.models import Score

    with demo_store.session() as session:
        rejected = session.scalars(
            select(Decision)
            .join(Candidature)
            .join(Region)
            .where(Region.slug == "leuven", Decision.round == 1, Decision.outcome == "not_selected")
            .order_by(Decision.candidature_id)
        ).all()
        late, unscored = rejected[0].candidature_id, rejected[1].candidature_id
        cand = session.get(Candidature, late)
        assert cand is not None
        cand.received_at = datetime(2023, 6, 9, 22, 30, tzinfo=UTC)  # 10 June 00:30 in Leuven
        session.execute(delete(Score).where(Score.candidature_id == unscored, Score.round == 1))
    letters = {
        x.candidature: x
        for x in collect_letters(demo_store, ["leuven"], 1, language="nl", with_scores=True)
    }
    said = " ".join(letters[late].paragraphs)
    assert (
        "na de deadline voor kandidaturen in het lokaal addendum (“9 juni 2023 om 23u59”)" in said
    )
    assert "10 juni 2023 om 00:30" in said
    other = " ".join(letters[unscored].paragraphs)
    assert "beoordeeld" not in other and "deadline" not in other
    assert not letters[unscored].criteria and not letters[unscored].motivation_heading
    assert letters[late].criteria and "beoordeeld" in said
