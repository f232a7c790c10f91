"""Jury › Held and conflicting scores: both sides shown; held changes accepted mark the
decision for review in the results view."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from jurydesk.packs.pending import keep_pending, pending_headers
from jurydesk.packs.returns import HELD, Line
from jurydesk.store.models import Decision, Juror, Score


def test_accepting_a_held_score_marks_the_decision(window, demo_store):
    with demo_store.session() as session:
        decision = session.scalars(select(Decision).where(Decision.round == 1)).first()
        juror = session.scalars(select(Juror.id)).first()
        cand, round_ = decision.candidature_id, decision.round
        keep_pending(
            session,
            [
                Line(
                    juror,
                    cand,
                    round_,
                    "bereik",
                    HELD,
                    "",
                    None,
                    {
                        "value": 4.0,
                        "motivation": "laat",
                        "version": 9,
                        "updated_at": datetime.now(UTC).isoformat(),
                    },
                )
            ],
            "r.zip",
        )
    dialog = window.admin.open_pending()
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == "na beslissing"
    assert dialog.table.item(0, 6).text() == "4 — laat"
    assert not dialog.buttons["theirs"].isEnabled() and dialog.buttons["accept"].isEnabled()
    assert dialog.resolve("accept") and dialog.table.rowCount() == 0
    with demo_store.reader() as session:
        assert session.get(Decision, decision.id).needs_review
        score = session.scalar(
            select(Score).where(
                Score.juror_id == juror,
                Score.candidature_id == cand,
                Score.round == round_,
                Score.criterion == "bereik",
            )
        )
        assert score.value == 4.0 and score.motivation == "laat"
    dialog.close()


def _held(session, juror, cand, round_, criteria, source):
    keep_pending(
        session,
        [
            Line(
                juror,
                cand,
                round_,
                key,
                HELD,
                "",
                None,
                {
                    "value": 3.0,
                    "motivation": f"laat {key}",
                    "version": 9,
                    "updated_at": datetime.now(UTC).isoformat(),
                },
            )
            for key in criteria
        ],
        source,
    )


def test_many_held_scores_are_resolved_at_once_with_one_reason(window, demo_store, qtbot):
    from PySide6.QtCore import Qt

    from jurydesk.scoring.rubrics import rubric_for
    from jurydesk.store.models import AuditEvent

    with demo_store.session() as session:
        decisions = session.scalars(select(Decision).where(Decision.round == 1)).all()[:2]
        juror = session.scalars(select(Juror.id)).first()
        criteria = [c for c in rubric_for(session, "leuven").round(1).criteria]
        keys = [c.key for c in criteria]
        for d, source in zip(decisions, ("terug-1.jurydesk", "terug-2.jurydesk"), strict=True):
            _held(session, juror, d.candidature_id, 1, keys, source)
    dialog = window.admin.open_pending()
    n = len(keys) * 2
    assert dialog.table.rowCount() == n
    # criterion names, never keys
    names = {dialog.table.item(r, 4).text() for r in range(n)}
    assert names == {c.label for c in criteria}
    # no header is cut off
    header = dialog.table.horizontalHeader()
    for column, label in enumerate(pending_headers()):
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(label)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(dialog.selected()) == n  # Ctrl+A selects every row
    dialog.table.selectRow(0)
    assert dialog.select_like("candidature") == len(keys)  # one candidature's rows
    first = dialog.selected()[0].candidature
    reason = dialog.ask_reason(accept=True)
    assert reason.isVisible()
    reason.setTextValue("Laattijdig ingediend maar correct.")
    reason.accept()  # asked once for all of them
    assert dialog.table.rowCount() == len(keys)
    assert {i.candidature for i in dialog.items} != {first}
    dialog.table.selectRow(0)
    assert dialog.select_like("source") == len(keys)  # the other return's rows
    dialog.ask_reason(accept=False).setTextValue("Na de beslissing niet meer.")
    dialog.reason_dialog.accept()
    assert dialog.table.rowCount() == 0
    with demo_store.reader() as session:
        actions = session.execute(
            select(AuditEvent.action, AuditEvent.new).where(AuditEvent.action.like("return_%"))
        ).all()
        accepted = session.scalars(
            select(Score.value).where(
                Score.juror_id == juror, Score.candidature_id == first, Score.round == 1
            )
        ).all()
    assert sorted(a for a, _n in actions) == ["return_accept"] * len(keys) + [
        "return_dismiss"
    ] * len(keys)
    assert all(new["reason"] for _a, new in actions)
    assert accepted and all(v == 3.0 for v in accepted)
    dialog.close()
