"""Declarations, decision guards, consensus, the meeting and its proces-verbaal, on a real
SQLite file with the demo data; the PV is read back from the PDF with PDFium."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from jurydesk.audit import chain as audit
from jurydesk.decisions import consensus, meetings
from jurydesk.decisions.guards import finalised_count
from jurydesk.decisions.service import decide
from jurydesk.errors import ScoringError
from jurydesk.jury.declarations import declarations, record_on_paper, sign
from jurydesk.jury.pins import set_pin
from jurydesk.jury.service import add_juror
from jurydesk.letters.content import decision_letters
from jurydesk.prints.minutes import minutes_pdf
from jurydesk.results.ranking import compute_results
from jurydesk.scoring.rubrics import rubric_for
from jurydesk.scoring.scores import set_score
from jurydesk.store import Store
from jurydesk.store.meeting_models import DecisionGuard, Declaration
from jurydesk.store.models import (
    AuditEvent,
    Candidature,
    Conflict,
    Decision,
    Evaluation,
    Region,
    Score,
)


def pdf_text(path: Path) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


@pytest.fixture
def newcomer(demo_store: Store) -> int:
    with demo_store.session() as session:
        juror = add_juror(session, "test", "Nina Nieuw", "expert", panels=[("leuven", 1)])
        set_pin(session, "test", juror, "432198")
        session.execute(delete(Decision).where(Decision.round == 1))
    return juror


def test_no_score_without_a_signed_declaration(demo_store, newcomer):  # type: ignore[no-untyped-def]
    with demo_store.session() as session:
        key = rubric_for(session, "leuven").round(1).criteria[0].key
    with demo_store.session() as session, pytest.raises(ScoringError, match="verklaring"):
        set_score(session, "t", newcomer, 14, 1, key, 3)
    with demo_store.session() as session, pytest.raises(ScoringError, match="pincode"):
        sign(session, "t", newcomer, "leuven", "Nina Nieuw", "000000", {17: "buurvrouw"})
    with demo_store.session() as session, pytest.raises(ScoringError, match="Nina Nieuw"):
        sign(session, "t", newcomer, "leuven", "Iemand Anders", "432198")
    with demo_store.reader() as session:  # nothing half-written: no declaration, no conflict
        assert (
            session.scalar(
                select(func.count(Declaration.id)).where(Declaration.juror_id == newcomer)
            )
            == 0
        )
        assert (
            session.scalar(select(func.count(Conflict.id)).where(Conflict.juror_id == newcomer))
            == 0
        )
    with demo_store.session() as session:
        status = sign(
            session, "t", newcomer, "leuven", " nina  nieuw ", "432198", {17: "buurvrouw"}
        )
    assert status.signed and status.how == "app" and status.conflicts == {17: "buurvrouw"}
    with demo_store.session() as session:
        assert set_score(session, "t", newcomer, 14, 1, key, 3).changed
    with demo_store.session() as session, pytest.raises(ScoringError, match="belangenconflict"):
        set_score(session, "t", newcomer, 17, 1, key, 3)
    with demo_store.session() as session, pytest.raises(ScoringError, match="al ondertekend"):
        record_on_paper(session, "s", newcomer, "leuven", date(2023, 6, 1))
    with demo_store.reader() as session:
        rows = {d.juror: d for d in declarations(session, "leuven")}
        actions = set(session.scalars(select(AuditEvent.action)))
    assert rows[newcomer].how == "app" and rows[1].how == "paper"  # the demo jurors signed
    assert "declaration" in actions


def test_paper_declaration_cannot_be_in_the_future(demo_store, newcomer):  # type: ignore[no-untyped-def]
    with demo_store.session() as session, pytest.raises(ScoringError, match="toekomst"):
        record_on_paper(session, "s", newcomer, "leuven", date(2999, 1, 1))
    with demo_store.session() as session:
        status = record_on_paper(session, "s", newcomer, "leuven", date(2023, 6, 1))
    assert status.how == "paper" and status.signed_at.date() == date(2023, 6, 1)


def test_decision_guards(demo_store, newcomer):  # type: ignore[no-untyped-def]
    with demo_store.session() as session:
        session.execute(delete(Score).where(Score.candidature_id == 14))
        session.execute(delete(Evaluation).where(Evaluation.candidature_id == 14))
    with demo_store.session() as session:
        assert finalised_count(session, 14, 1) == 0
    with demo_store.session() as session, pytest.raises(ScoringError, match="0 afgeronde"):
        decide(session, "s", 14, 1, "not_selected", "Te laat")
    with demo_store.session() as session:
        decide(
            session, "s", 14, 1, "not_selected", "Te laat", override_reason="laattijdig ingediend"
        )
    with demo_store.reader() as session:
        guard = session.scalar(
            select(DecisionGuard)
            .where(DecisionGuard.candidature_id == 14)
            .order_by(DecisionGuard.id.desc())
        )
        assert guard.override_reason == "laattijdig ingediend" and guard.finalised == 0
    with demo_store.reader() as session:
        ranked = compute_results(session, "leuven", 1).results[0]
    other = "not_selected" if ranked.proposed == "shortlisted" else "shortlisted"
    with demo_store.session() as session, pytest.raises(ScoringError, match="reden"):
        decide(session, "s", ranked.candidature, 1, other, "Anders")
    with demo_store.session() as session:
        decide(
            session, "s", ranked.candidature, 1, other, "Anders", deviation_reason="Portefeuille"
        )
        decide(session, "s", ranked.candidature, 1, ranked.proposed, "Zoals voorgesteld")


def test_consensus_versions_and_approval(demo_store):  # type: ignore[no-untyped-def]
    with demo_store.reader() as session:
        keys = [c.key for c in rubric_for(session, "leuven").round(1).criteria]
        aggregate = consensus.aggregates(session, 14, 1)
    with demo_store.session() as session, pytest.raises(ScoringError, match="reden"):
        consensus.set_consensus(session, "s", 14, 1, keys[0], "Tekst", score=0)
    with demo_store.session() as session:
        for key in keys[:-1]:
            consensus.set_consensus(session, "s", 14, 1, key, f"Consensus over {key}.")
    with demo_store.session() as session, pytest.raises(ScoringError, match="nog geen tekst"):
        consensus.approve(session, "s", 14, 1)
    with demo_store.session() as session:
        consensus.set_consensus(
            session, "s", 14, 1, keys[-1], "Haalbaar.", score=0, reason="De planning ontbreekt."
        )
        view = consensus.approve(session, "voorzitter", 14, 1)
    assert view.approved and view.version == len(keys)
    last = view.lines[-1]
    assert last.score == 0 and last.aggregate == pytest.approx(aggregate[keys[-1]])
    with demo_store.reader() as session:
        texts = consensus.approved_texts(session, 14, 1)
    assert texts[keys[0]] == f"Consensus over {keys[0]}." and len(texts) == len(keys)
    with demo_store.session() as session:  # an edit after approval waits for a new approval
        consensus.set_consensus(session, "s", 14, 1, keys[0], "Herwerkt.")
        assert consensus.approved_texts(session, 14, 1) == {}
        assert not consensus.show(session, 14, 1).approved


def test_the_letter_carries_the_consensus_and_no_jurors_note(demo_store):  # type: ignore[no-untyped-def]
    with demo_store.reader() as session:
        cand = session.scalar(  # a round 1 letter with criteria: not selected
            select(Decision.candidature_id)
            .join(Candidature, Candidature.id == Decision.candidature_id)
            .join(Region, Region.id == Candidature.region_id)
            .where(Region.slug == "leuven", Decision.round == 1)
            .where(Decision.outcome == "not_selected")
            .order_by(Decision.candidature_id)
        )
        keys = [c.key for c in rubric_for(session, "leuven").round(1).criteria]
        notes = set(
            session.scalars(
                select(Score.motivation).where(Score.candidature_id == cand, Score.round == 1)
            )
        )
    with demo_store.session() as session:
        for key in keys:
            consensus.set_consensus(session, "s", cand, 1, key, f"Jury-akkoord {key}.")
        consensus.approve(session, "s", cand, 1)
    with demo_store.reader() as session:
        letter = next(
            x for x in decision_letters(session, "leuven", 1, "nl") if x.candidature == cand
        )
    said = [m for c in letter.criteria for m in c.motivations]
    assert said == [f"Jury-akkoord {k}." for k in keys]
    assert not set(said) & notes


def test_meeting_and_its_minutes(demo_store, tmp_path):  # type: ignore[no-untyped-def]
    with demo_store.session() as session, pytest.raises(ScoringError, match="99"):
        meetings.open_meeting(session, "s", "leuven", 1, date(2023, 6, 20), "Zaal", [1, 2, 99])
    with demo_store.session() as session:
        mid = meetings.open_meeting(
            session,
            "s",
            "leuven",
            1,
            date(2023, 6, 20),
            "Stadhuis, zaal B",
            [1, 2, 3],
            chair=1,
            secretary="Els Peeters",
            order="conflicts_grouped",
        )
        info = meetings.meeting_info(session, mid)
    assert info.quorum == 3 and info.quorum_met
    item17 = next(i for i in info.agenda if i.candidature == 17)
    assert [x.juror for x in item17.leaves] == [2]  # Bart Desmet's conflict: leaves the room
    assert info.agenda[-1].candidature == 17  # conflicts grouped at the end
    with demo_store.session() as session:
        meetings.leave(session, "s", mid, 3, 14, "Familie van de coördinator")
        with pytest.raises(ScoringError, match="al verlaten"):
            meetings.leave(session, "s", mid, 3, 14, "Nog eens")
    with pytest.raises(ScoringError, match="nog open"):
        minutes_pdf(demo_store, mid, tmp_path / "pv.pdf")
    assert not (tmp_path / "pv.pdf").exists()
    with demo_store.reader() as session:
        proposed = next(
            r.proposed for r in compute_results(session, "leuven", 1).results if r.candidature == 14
        )
    other = "not_selected" if proposed == "shortlisted" else "shortlisted"
    with demo_store.session() as session:
        decide(
            session,
            "s",
            14,
            1,
            other,
            "De jury besliste anders.",
            deviation_reason="Het bereik is onvoldoende aangetoond.",
            meeting_id=mid,
        )
        session.execute(delete(Decision).where(Decision.candidature_id == 15, Decision.round == 1))
    with demo_store.session() as session:
        closed = meetings.close_meeting(session, "s", mid)
        head = audit.head(session)[0]
    assert closed.closed and closed.audit_head == head
    with demo_store.session() as session, pytest.raises(ScoringError, match="gesloten"):
        meetings.leave(session, "s", mid, 1, 16, "Te laat")
    out = minutes_pdf(demo_store, mid, tmp_path / "pv.pdf")
    text = pdf_text(out)
    for expected in (
        "Proces-verbaal van de jury",
        "Stadhuis, zaal B",
        "Els Peeters",
        "Bart Desmet",
        "Familie van de coördinator",
        "Het bereik is onvoldoende aangetoond.",
        head,
        "niet beslist",
        "pagina 1 van",
    ):
        assert expected in text, expected
    with demo_store.reader() as session:
        assert audit.verify(session, head).ok
    # sealed: a later change is a new event, and the minutes list it as such
    with demo_store.session() as session:
        key = rubric_for(session, "leuven").round(1).criteria[0].key
        consensus.set_consensus(session, "s", 15, 1, key, "Na de vergadering herzien.")
        decide(
            session,
            "s",
            15,
            1,
            "not_selected",
            "Na de vergadering beslist.",
            override_reason="x",
            deviation_reason="Na de vergadering",
        )
    later = pdf_text(minutes_pdf(demo_store, mid, tmp_path / "pv2.pdf"))
    assert "Wijzigingen na de sluiting" in later and "kandidatuur 15" in later


def test_the_workbook_has_a_consensus_sheet(demo_store, tmp_path):  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    from jurydesk.exports.workbook import export_workbook

    with demo_store.session() as session:
        keys = [c.key for c in rubric_for(session, "leuven").round(1).criteria]
        for key in keys:
            consensus.set_consensus(session, "s", 14, 1, key, f"Akkoord {key}.")
        consensus.approve(session, "voorzitter", 14, 1)
    out = export_workbook(demo_store, tmp_path / "w.xlsx", ["leuven"])
    rows = list(load_workbook(out, read_only=True)["Leuven – Consensus"].values)
    assert rows[0][:4] == ("Ronde", "Nr.", "Organisatie", "Criterium")
    assert [r[7] for r in rows[1:]] == [f"Akkoord {k}." for k in keys]
    assert {r[8] for r in rows[1:]} == {"ja"} and {r[9] for r in rows[1:]} == {"voorzitter"}
