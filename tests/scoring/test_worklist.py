"""The worklist (statements built once, a count per candidature) answers what the plain
questions answer: the region's candidatures less the withdrawn and conflicted ones, round 2
only the shortlisted, each with the juror's scored criteria and finalisation."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from jurydesk.jury.service import add_conflict
from jurydesk.regions.service import RegionError
from jurydesk.scoring.rubrics import rubric_for
from jurydesk.scoring.worklist import WorkItem, worklist
from jurydesk.store import Store
from jurydesk.store.models import (
    WITHDRAWN,
    Candidature,
    Conflict,
    Decision,
    Evaluation,
    PanelMember,
    Region,
    Score,
)


def _expected(session, juror: int, slug: str, round_: int) -> list[WorkItem]:  # type: ignore[no-untyped-def]
    region = session.scalar(select(Region.id).where(Region.slug == slug))
    if not session.scalar(
        select(func.count()).where(
            PanelMember.juror_id == juror,
            PanelMember.region_id == region,
            PanelMember.round == round_,
        )
    ):
        return []
    criteria = len(rubric_for(session, slug).round(round_).criteria)
    conflicted = set(
        session.scalars(select(Conflict.candidature_id).where(Conflict.juror_id == juror))
    )
    shortlisted = set(
        session.scalars(
            select(Decision.candidature_id).where(
                Decision.round == 1, Decision.outcome == "shortlisted"
            )
        )
    )
    out = []
    for cand in session.scalars(
        select(Candidature)
        .where(Candidature.region_id == region)
        .order_by(Candidature.calibration.desc(), Candidature.id)
    ):
        if cand.status == WITHDRAWN or cand.id in conflicted:
            continue
        if round_ == 2 and cand.id not in shortlisted:
            continue
        scores = session.scalars(
            select(Score).where(
                Score.juror_id == juror, Score.candidature_id == cand.id, Score.round == round_
            )
        ).all()
        final = session.scalar(
            select(Evaluation.finalized_at).where(
                Evaluation.juror_id == juror,
                Evaluation.candidature_id == cand.id,
                Evaluation.round == round_,
            )
        )
        out.append(
            WorkItem(
                cand.id,
                cand.organisation,
                sum(s.value is not None for s in scores),
                criteria,
                final is not None,
            )
        )
    return out


def test_worklist_matches_the_plain_questions(demo_store: Store) -> None:
    with demo_store.session() as session:
        juror, region = session.execute(
            select(PanelMember.juror_id, PanelMember.region_id).where(PanelMember.round == 1)
        ).first()  # type: ignore[misc]
        slug = session.scalar(select(Region.slug).where(Region.id == region))
        cands = list(session.scalars(select(Candidature.id).where(Candidature.region_id == region)))
        assert len(cands) >= 3
        # A conflict and a withdrawal leave the list.
        add_conflict(session, "test", juror, cands[0], "familie")
        session.get(Candidature, cands[1]).status = WITHDRAWN  # type: ignore[union-attr]
    with demo_store.reader() as session:
        for round_ in (1, 2):
            got = worklist(session, juror, slug, round_)
            assert got == _expected(session, juror, slug, round_)
            assert all(item.candidature not in cands[:2] for item in got)
        other = session.scalar(select(Region.slug).where(Region.slug != slug).limit(1))
        assert worklist(session, juror, other, 1) == _expected(session, juror, other, 1)
        with pytest.raises(RegionError, match="no region 'nergens'"):
            worklist(session, juror, "nergens", 1)
