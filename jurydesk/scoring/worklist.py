"""What one juror sees while scoring: their worklist and the sheet of one candidature.

Plain data for the desktop app; every rule (panel, conflicts, round 2 only after the pitch
decision, blind scoring) comes from the scoring services.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Connection, and_, bindparam, exists, func, or_, select
from sqlalchemy.orm import Session

from jurydesk.jury.service import get_juror, is_conflicted
from jurydesk.regions.service import get_region
from jurydesk.scoring.rubric import Criterion
from jurydesk.scoring.rubrics import REGION_RUBRIC_ID, no_rubric, rubric_for
from jurydesk.scoring.scores import visible_scores
from jurydesk.store import Store
from jurydesk.store.models import (
    WITHDRAWN,
    Candidature,
    Conflict,
    CriterionRow,
    Decision,
    Evaluation,
    Juror,
    PanelMember,
    Region,
    Score,
)


@dataclass(slots=True)
class WorkItem:
    """One line of the worklist. Not frozen: forty are built after every autosave, and a frozen
    dataclass's __init__ costs four times a plain one's (nobody changes them)."""

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


def _worklist_statement():  # type: ignore[no-untyped-def]
    """Built once, one statement: the region (by slug) with its rubric's id and the number of
    criteria the rubric has in the round, if the juror sits on its panel in the round; joined
    to each of its candidatures with the juror's scored count and finalisation (one index
    look-up each, on ix_scores_juror_round and the evaluations' key), so the cost follows the
    region's size, not the database's. No rubric text in the rows: 40 copies of it per refresh
    cost more than the question."""
    c, k, p = Candidature.__table__.c, Conflict.__table__.c, PanelMember.__table__.c
    s, e, d, r = Score.__table__.c, Evaluation.__table__.c, Decision.__table__.c, Region.__table__.c
    q = CriterionRow.__table__.c
    juror, round_ = bindparam("juror"), bindparam("round")
    scored = (
        select(func.count())
        .where(s.juror_id == juror, s.round == round_, s.candidature_id == c.id)
        .where(s.value.is_not(None))
        .scalar_subquery()
    )
    final = exists().where(
        e.juror_id == juror,
        e.candidature_id == c.id,
        e.round == round_,
        e.finalized_at.is_not(None),
    )
    shortlisted = exists().where(d.candidature_id == c.id, d.round == 1, d.outcome == "shortlisted")
    listed = and_(
        c.region_id == r.id,
        c.status != WITHDRAWN,
        ~exists().where(k.juror_id == juror, k.candidature_id == c.id),
        or_(round_ != 2, shortlisted),
    )
    # the criteria of each rubric in the round (a few rows per rubric), met once per region
    counted = (
        select(q.rubric_id, func.count().label("n"))
        .where(q.round == round_)
        .group_by(q.rubric_id)
        .subquery("counted")
    )
    return (
        select(REGION_RUBRIC_ID, counted.c.n, c.id, c.organisation, scored, final)
        .select_from(Region)
        .outerjoin(counted, counted.c.rubric_id == REGION_RUBRIC_ID)
        .outerjoin(Candidature, listed)  # a region without candidatures still gives its row
        .where(
            r.slug == bindparam("slug"),
            exists().where(p.juror_id == juror, p.region_id == r.id, p.round == round_),
        )
        # calibration anchors first: every juror scores them before the real candidatures
        .order_by(c.calibration.desc(), c.id)
    )


_STATEMENT: list = []  # type: ignore[type-arg]


def worklist(source: Session | Connection, juror_id: int, slug: str, round_: int) -> list[WorkItem]:
    """The candidatures this juror scores in a round, with their progress: one statement built
    once (its compiled form cached by the engine), run on the connection (or the session's)."""
    if not _STATEMENT:
        _STATEMENT.append(_worklist_statement())
    connection = source.connection() if isinstance(source, Session) else source
    rows = connection.execute(
        _STATEMENT[0], {"slug": slug, "juror": juror_id, "round": round_}
    ).fetchall()
    if not rows:  # no such region, or the juror is not on its panel in this round
        with _session(source) as session:
            get_region(session, slug)  # raises the usual "no region" message
        return []
    rubric, criteria, first = rows[0][0], rows[0][1], rows[0][2]
    if rubric is None:
        raise no_rubric(slug)
    if first is None:  # the region has no candidature for this juror
        return []
    if criteria is None:  # no criterion in this round: the rubric says why (or has none)
        with _session(source) as session:
            criteria = len(rubric_for(session, slug).round(round_).criteria)
    return [
        WorkItem(cand, organisation, scored, criteria, bool(final))
        for _rubric, _n, cand, organisation, scored, final in rows
    ]


@contextmanager
def _session(source: Session | Connection) -> Iterator[Session]:
    """The rare paths (an unknown region, a rubric without the round) ask the usual services,
    which take a session: the caller's, or one on the caller's connection."""
    if isinstance(source, Session):
        yield source
    else:
        with Session(source) as session:
            yield session


def read_worklist(store: Store, juror_id: int, slug: str, round_: int) -> list[WorkItem]:
    """The worklist as the scoring tab refreshes it after every autosave: on a pooled Core
    connection (no ORM session), given back at once, so the next refresh reads the latest
    commit."""
    with store.read_connection() as connection:
        return worklist(connection, juror_id, slug, round_)


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
