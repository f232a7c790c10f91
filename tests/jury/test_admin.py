"""The jury's administration: edit, remove (only without scores), panels (never off a round
with scores), conflicts lifted with a reason; all audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from jurydesk.errors import ScoringError
from jurydesk.jury.admin import (
    conflicts_of,
    edit_juror,
    jury_of,
    lift_conflict,
    remove_juror,
    set_panels,
)
from jurydesk.jury.service import add_conflict
from jurydesk.store.models import AuditEvent, Candidature, Juror, Region
from tests.cli.helpers import run, run_json
from tests.signed import add_signed_juror


def _last(session):
    return session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()


def test_a_juror_with_scores_stays(demo_store):
    with demo_store.reader() as session:
        scored = next(j for j in jury_of(session, "leuven") if j.scores)
    with pytest.raises(ScoringError, match="score"), demo_store.session() as session:
        remove_juror(session, "t", scored.id)
    with pytest.raises(ScoringError, match="ronde"), demo_store.session() as session:
        set_panels(session, "t", scored.id, "leuven", set())
    with demo_store.reader() as session:
        assert session.get(Juror, scored.id) is not None
        assert next(j for j in jury_of(session, "leuven") if j.id == scored.id).rounds


def test_add_edit_panels_and_remove_a_new_juror(demo_store):
    with demo_store.session() as session:
        jid = add_signed_juror(session, "t", "Nieuw Lid", "expert", panels=[("leuven", 1)])
    with demo_store.session() as session:
        edit_juror(session, "t", jid, "Nieuw  Lid", "vdab", "KU Leuven", "n@l.example")
        assert _last(session).old == {
            "name": "Nieuw Lid",
            "role": "expert",
            "organisation": "",
            "email": "",
        }
        set_panels(session, "t", jid, "leuven", {2})
    with demo_store.reader() as session:
        row = next(j for j in jury_of(session, "leuven") if j.id == jid)
        assert (row.name, row.role, row.rounds) == ("Nieuw Lid", "vdab", [2])
    with demo_store.session() as session:
        remove_juror(session, "t", jid)
    with demo_store.reader() as session:
        assert session.get(Juror, jid) is None
        assert _last(session).action == "juror_remove"


def test_conflicts_declared_and_lifted_with_a_reason(demo_store, capsys):
    with demo_store.session() as session:
        jid = add_signed_juror(session, "juror:Nieuw", "Nieuw", "expert", panels=[("leuven", 1)])
        cand = session.scalars(
            select(Candidature).join(Region).where(Region.slug == "leuven")
        ).first()
        add_conflict(session, "juror:Nieuw", jid, cand.id, "Mijn zus werkt er")
    with demo_store.reader() as session:
        [conflict] = conflicts_of(session, "leuven", jid)
        assert conflict.declared_by == "juror:Nieuw"
    with pytest.raises(ScoringError, match="reden"), demo_store.session() as session:
        lift_conflict(session, "t", jid, cand.id, " ")
    with demo_store.session() as session:
        lift_conflict(session, "t", jid, cand.id, "Zus werkt er niet meer")
        assert _last(session).old["reason"] == "Mijn zus werkt er"
    with demo_store.reader() as session:
        assert conflicts_of(session, "leuven", jid) == []


def test_cli(db, capsys):
    code, _out, err = run(capsys, "--db", db, "juror", "remove", "1")
    assert code == 1 and "score" in err
    listed = run_json(capsys, "--db", db, "conflict", "list", "--region", "leuven")
    assert listed and {"juror", "candidature", "reason"} <= set(listed[0])
    first = listed[0]
    run_json(
        capsys,
        "--db",
        db,
        "conflict",
        "lift",
        "--juror",
        str(first["juror"]),
        "--candidature",
        str(first["candidature"]),
        "--reason",
        "Opgeheven",
    )
    after = run_json(capsys, "--db", db, "conflict", "list", "--region", "leuven")
    assert len(after) == len(listed) - 1
