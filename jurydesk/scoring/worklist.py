"""What one juror sees while scoring: their worklist and the sheet of one candidature.

Plain data for the desktop app; every rule (panel, conflicts, round 2 only after the pitch
decision, blind scoring) comes from the scoring services.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jurydesk.jury.service import get_juror, is_conflicted, on_panel
from jurydesk.regions.service import get_region
from jurydesk.scoring.rubric import Criterion
from jurydesk.scoring.rubrics import rubric_for
from jurydesk.scoring.scores import visible_scores
from jurydesk.store.models import (
    WITHDRAWN,
    Candidature,
    Conflict,
    Decision,
    Evaluation,
    Juror,
    Score,
)


@dataclass(frozen=True)
class WorkItem:
    candidature: int
    organisation: str
    scored: int
    criteria: int
    finalized: bool


@dataclass(frozen=True)
class MyScore:
    value: float | None
    motivation: str
    version: int


@dataclass(frozen=True)
class OtherScore:
    juror: str
    criterion: str
    value: float | None
    motivation: str


@dataclass
class ScoringSheet:
    juror: int
    candidature: int
    round: int
    organisation: str
    title: str
    summary: str
    challenges: list[int]
    services: list[str]
    criteria: list[Criterion]
    scores: dict[str, MyScore]
    comment: str
    finalized: bool
    others: list[OtherScore] = field(default_factory=list)

    @property
    def missing(self) -> list[Criterion]:
        return [
            c for c in self.criteria if c.key not in self.scores or self.scores[c.key].value is None
        ]


def worklist(session: Session, juror_id: int, slug: str, round_: int) -> list[WorkItem]:
    """The candidatures this juror scores in a round, with their progress."""
    region = get_region(session, slug)
    if not on_panel(session, juror_id, region.id, round_):
        return []
    criteria = len(rubric_for(session, slug).round(round_).criteria)
    query = select(Candidature.id, Candidature.organisation).where(
        Candidature.region_id == region.id,
        Candidature.status != WITHDRAWN,
        ~select(Conflict.id)
        .where(Conflict.juror_id == juror_id, Conflict.candidature_id == Candidature.id)
        .exists(),
    )
    if round_ == 2:
        query = query.join(
            Decision, (Decision.candidature_id == Candidature.id) & (Decision.round == 1)
        ).where(Decision.outcome == "shortlisted")
    # calibration anchors first: every juror scores them before the real candidatures
    rows = session.execute(query.order_by(Candidature.calibration.desc(), Candidature.id)).all()
    scored = {
        cand: n
        for cand, n in session.execute(
            select(Score.candidature_id, func.count())
            .where(Score.juror_id == juror_id, Score.round == round_, Score.value.is_not(None))
            .group_by(Score.candidature_id)
        )
    }
    final = set(
        session.scalars(
            select(Evaluation.candidature_id).where(
                Evaluation.juror_id == juror_id,
                Evaluation.round == round_,
                Evaluation.finalized_at.is_not(None),
            )
        )
    )
    return [
        WorkItem(cand, organisation, scored.get(cand, 0), criteria, cand in final)
        for cand, organisation in rows
    ]


def scoring_sheet(
    session: Session, juror_id: int, candidature_id: int, round_: int
) -> ScoringSheet:
    get_juror(session, juror_id)
    candidature = session.get(Candidature, candidature_id)
    assert candidature is not None
    region = candidature.region
    if is_conflicted(session, juror_id, candidature_id):
        raise ValueError("conflict of interest")
    criteria = list(rubric_for(session, region.slug).round(round_).criteria)
    mine = {
        s.criterion: MyScore(s.value, s.motivation, s.version)
        for s in session.scalars(
            select(Score).where(
                Score.juror_id == juror_id,
                Score.candidature_id == candidature_id,
                Score.round == round_,
            )
        )
    }
    evaluation = session.scalar(
        select(Evaluation).where(
            Evaluation.juror_id == juror_id,
            Evaluation.candidature_id == candidature_id,
            Evaluation.round == round_,
        )
    )
    names = {j: n for j, n in session.execute(select(Juror.id, Juror.name))}
    others = [
        OtherScore(names.get(r.juror, "?"), r.criterion, r.value, r.motivation)
        for r in visible_scores(session, juror_id, region.id, round_, candidature_id=candidature_id)
        if r.candidature == candidature_id and r.juror != juror_id
    ]
    return ScoringSheet(
        juror=juror_id,
        candidature=candidature_id,
        round=round_,
        organisation=candidature.organisation,
        title=candidature.title,
        summary=candidature.summary,
        challenges=list(candidature.challenges or []),
        services=list(candidature.services or []),
        criteria=criteria,
        scores=mine,
        comment=evaluation.comment if evaluation else "",
        finalized=bool(evaluation and evaluation.finalized_at),
        others=others,
    )


def progress(session: Session, juror_id: int, slug: str) -> dict[int, str]:
    """Per candidature the juror's own progress, for example 'R1 ✓ · R2 3/6'."""
    out: dict[int, list[str]] = {}
    for round_ in (1, 2):
        for item in worklist(session, juror_id, slug, round_):
            mark = "✓" if item.finalized else f"{item.scored}/{item.criteria}"
            out.setdefault(item.candidature, []).append(f"R{round_} {mark}")
    return {cand: " · ".join(parts) for cand, parts in out.items()}
