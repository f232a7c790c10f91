"""Conflicts and held scores from returns: kept with both sides, resolved by the secretariat
(keep ours / take theirs; accept, which marks the decision for review, or dismiss), audited."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from jurydesk.packs.archive import PackError
from jurydesk.packs.pending import list_pending, resolve_pending, side_text
from jurydesk.packs.returns import CONFLICT, HELD, import_return, write_return
from jurydesk.scoring.scores import set_score
from jurydesk.store.models import AuditEvent, Decision, Score
from tests.cli.helpers import run_json
from tests.packs.test_packs import _score_all, offline  # noqa: F401


def test_a_conflict_keeps_both_sides_until_the_secretariat_chooses(demo_store, offline, tmp_path):  # noqa: F811
    juror, criteria, _pack, mine = offline
    _score_all(mine, juror, 14, criteria)
    write_return(mine, tmp_path / "a.zip")
    import_return(demo_store, tmp_path / "a.zip")
    with demo_store.session() as session:
        row = session.scalar(
            select(Score).where(Score.juror_id == juror, Score.criterion == criteria[2])
        )
        row.motivation = "secretariaat"
    with mine.session() as session:
        set_score(session, "jurylid", juror, 14, 1, criteria[3], 2, "x")
        row = session.scalar(select(Score).where(Score.criterion == criteria[2]))
        row.motivation = "jurylid"
    write_return(mine, tmp_path / "b.zip")
    report = import_return(demo_store, tmp_path / "b.zip")
    [line] = [x for x in report.lines if x.status == CONFLICT]
    assert (line.ours["motivation"], line.theirs["motivation"]) == ("secretariaat", "jurylid")
    assert side_text(line.theirs) == "3 — jurylid"
    with demo_store.reader() as session:
        [item] = list_pending(session)
    assert item.kind == CONFLICT and item.criterion == criteria[2]
    with pytest.raises(PackError, match="ours"), demo_store.session() as session:
        resolve_pending(session, "t", item.id, "accept")
    with demo_store.session() as session:
        resolve_pending(session, "t", item.id, "theirs")
    with demo_store.reader() as session:
        row = session.scalar(
            select(Score).where(Score.juror_id == juror, Score.criterion == criteria[2])
        )
        assert row.motivation == "jurylid" and list_pending(session) == []
        assert (
            session.scalars(select(AuditEvent.action).order_by(AuditEvent.id.desc())).first()
            == "return_theirs"
        )
    # the same return again adds no new pending item
    write_return(mine, tmp_path / "c.zip")
    import_return(demo_store, tmp_path / "c.zip")
    with demo_store.reader() as session:
        assert list_pending(session) == []


def test_a_change_after_the_decision_is_held(demo_store, offline, tmp_path, capsys):  # noqa: F811
    juror, criteria, _pack, mine = offline
    _score_all(mine, juror, 14, criteria)
    with demo_store.session() as session:
        session.add(
            Decision(
                candidature_id=14,
                round=1,
                outcome="shortlisted",
                motivation="Sterk",
                recorded_by="t",
                recorded_at=datetime.now(UTC),
            )
        )
    write_return(mine, tmp_path / "a.zip")
    report = import_return(demo_store, tmp_path / "a.zip")
    assert report.count(HELD) == len(criteria) + 1
    with demo_store.reader() as session:
        assert session.scalars(select(Score).where(Score.juror_id == juror)).all() == []
    with demo_store.reader() as session:
        data = [i.to_json() for i in list_pending(session)]
    assert len(data) == len(criteria) + 1 and data[0]["status"] == "held"
    first, second = data[0]["id"], data[1]["id"]
    with demo_store.session() as session:
        resolve_pending(session, "t", first, "accept")
        resolve_pending(session, "t", second, "dismiss")
    with demo_store.reader() as session:
        scores = session.scalars(select(Score).where(Score.juror_id == juror)).all()
        assert len(scores) == (1 if data[0]["criterion"] else 0)
        decision = session.scalar(select(Decision).where(Decision.candidature_id == 14))
        assert decision.needs_review


def test_cli_lists_nothing_pending(db, capsys):
    assert run_json(capsys, "--db", db, "pack", "pending") == []


def test_absurd_versions_and_dates_in_a_signed_return_are_refused(demo_store, offline, tmp_path):  # noqa: F811
    juror, criteria, _pack, mine = offline
    _score_all(mine, juror, 14, criteria)
    with mine.session() as session:
        row = session.scalar(select(Score).where(Score.criterion == criteria[0]))
        row.version = 2**62  # SQLite stores 2**63 - 1 at most; still absurd
    write_return(mine, tmp_path / "groot.zip")
    with pytest.raises(PackError, match=r"version|versie"):
        import_return(demo_store, tmp_path / "groot.zip")
    with mine.session() as session:
        row = session.scalar(select(Score).where(Score.criterion == criteria[0]))
        row.version = 3
        row.updated_at = datetime(1, 1, 2, tzinfo=UTC)
    write_return(mine, tmp_path / "oud.zip")
    with pytest.raises(PackError, match="oproep"):
        import_return(demo_store, tmp_path / "oud.zip")
    with demo_store.reader() as session:
        assert session.scalars(select(Score).where(Score.juror_id == juror)).all() == []


def test_cli_resolves_a_candidatures_held_scores_at_once_with_a_reason(db, capsys):
    from jurydesk.packs.pending import keep_pending
    from jurydesk.packs.returns import Line
    from jurydesk.store import open_store
    from tests.cli.helpers import run

    store = open_store(f"sqlite:///{db}")
    with store.session() as session:
        decided = session.scalars(select(Decision).where(Decision.round == 1)).all()[:2]
        cands = [d.candidature_id for d in decided]
        theirs = {"value": 2.0, "motivation": "m", "version": 9, "updated_at": "2026-01-01"}
        keep_pending(
            session,
            [Line(1, c, 1, k, HELD, "", None, theirs) for c in cands for k in ("bereik", "aanpak")],
            "terug.jurydesk",
        )
    store.close()
    code, _out, err = run(capsys, "--db", db, "pack", "pending", "--all", "reject")
    assert code != 0 and "--reason" in err
    code, out, err = run(
        capsys,
        "--db",
        db,
        "pack",
        "pending",
        "--all",
        "reject",
        "--candidature",
        str(cands[0]),
        "--reason",
        "te laat",
    )
    assert code == 0, err
    assert "2 scores afgehandeld" in out
    left = run_json(capsys, "--db", db, "pack", "pending")
    assert {i["candidature"] for i in left} == {cands[1]}
    assert {i["criterion"] for i in left} == {"bereik", "aanpak"}
    store = open_store(f"sqlite:///{db}")
    with store.reader() as session:
        reasons = session.scalars(
            select(AuditEvent.new).where(AuditEvent.action == "return_dismiss")
        ).all()
    store.close()
    assert [r["reason"] for r in reasons] == ["te laat", "te laat"]
