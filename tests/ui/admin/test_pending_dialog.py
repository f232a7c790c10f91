"""Jury › Held and conflicting scores: both sides shown; held changes accepted mark the
decision for review in the results view."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from jurydesk.packs.pending import keep_pending
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
