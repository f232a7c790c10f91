"""The consensus per candidature and round: per criterion a consensus score (the aggregate
unless the jury agrees on another, with a reason) and a consensus text, drafted by a
rapporteur and approved by the chair or the secretariat. Every edit is a new version; an edit
after approval needs a new approval. The letter's motivation per criterion is the approved
consensus text (``approved_texts``), never an individual juror's note."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.audit import chain as audit
from jurydesk.errors import ScoringError
from jurydesk.i18n import _
from jurydesk.regions.service import get_region
from jurydesk.scoring.rubrics import rubric_for
from jurydesk.scoring.scores import parse_value
from jurydesk.store.meeting_models import (
    ConsensusItem,
    ConsensusReport,
    ConsensusVersion,
    Meeting,
)
from jurydesk.store.models import Candidature, Conflict, Region, Score


@dataclass(frozen=True)
class ConsensusLine:
    criterion: str
    label: str
    aggregate: float | None  # the mean of the (non-conflicted) jurors' scores
    score: float | None  # the agreed score: None means the aggregate
    reason: str
    text: str

    @property
    def agreed(self) -> float | None:
        return self.aggregate if self.score is None else self.score


@dataclass(frozen=True)
class ConsensusView:
    candidature: int
    round: int
    rapporteur: str
    version: int
    approved: bool
    approved_by: str
    approved_at: datetime | None
    lines: list[ConsensusLine]


def _slug(session: Session, candidature_id: int) -> str:
    slug = session.scalar(
        select(Region.slug)
        .join(Candidature, Candidature.region_id == Region.id)
        .where(Candidature.id == candidature_id)
    )
    if slug is None:
        raise ScoringError(_("no candidature with id {id}").format(id=candidature_id))
    return slug


def aggregates(session: Session, candidature_id: int, round_: int) -> dict[str, float | None]:
    conflicted = select(Conflict.id).where(
        Conflict.juror_id == Score.juror_id, Conflict.candidature_id == Score.candidature_id
    )
    values: dict[str, list[float]] = {}
    for key, value in session.execute(
        select(Score.criterion, Score.value).where(
            Score.candidature_id == candidature_id,
            Score.round == round_,
            Score.value.is_not(None),
            ~conflicted.exists(),
        )
    ):
        values.setdefault(key, []).append(value)
    return {k: sum(v) / len(v) for k, v in values.items()}


def _report(session: Session, candidature_id: int, round_: int) -> ConsensusReport | None:
    return session.scalar(
        select(ConsensusReport).where(
            ConsensusReport.candidature_id == candidature_id, ConsensusReport.round == round_
        )
    )


def set_consensus(
    session: Session,
    actor: str,
    candidature_id: int,
    round_: int,
    criterion_key: str,
    text: str,
    score: object = None,
    reason: str = "",
    rapporteur: str = "",
    meeting_id: int | None = None,
) -> ConsensusView:
    """Draft (or change) the consensus of one criterion; a new version."""
    slug = _slug(session, candidature_id)
    if round_ not in (1, 2):
        raise ScoringError(_("round {round} does not exist (1 or 2)").format(round=round_))
    criterion = rubric_for(session, slug).round(round_).criterion(criterion_key)
    if criterion is None:
        raise ScoringError(
            _("round {round} has no criterion '{key}'").format(round=round_, key=criterion_key)
        )
    value = parse_value(criterion, score)
    if meeting_id is not None and session.get(Meeting, meeting_id) is None:
        raise ScoringError(_("no meeting with id {id}").format(id=meeting_id))
    aggregate = aggregates(session, candidature_id, round_).get(criterion_key)
    reason = reason.strip()
    if value is not None and (aggregate is None or abs(value - aggregate) > 1e-9) and not reason:
        raise ScoringError(
            _(
                "a consensus score other than the jurors' aggregate ({aggregate}) needs a reason"
            ).format(aggregate="—" if aggregate is None else f"{aggregate:.2f}")
        )
    if value is not None and aggregate is not None and abs(value - aggregate) <= 1e-9:
        value, reason = None, ""  # the aggregate itself
    report = _report(session, candidature_id, round_)
    now = datetime.now(UTC)
    if report is None:
        report = ConsensusReport(
            candidature_id=candidature_id, round=round_, rapporteur=rapporteur or actor, version=0
        )
        session.add(report)
        session.flush()
    elif rapporteur:
        report.rapporteur = rapporteur
    if meeting_id is not None:
        report.meeting_id = meeting_id
    item = session.scalar(
        select(ConsensusItem).where(
            ConsensusItem.report_id == report.id, ConsensusItem.criterion == criterion_key
        )
    )
    old = None
    if item is None:
        item = ConsensusItem(report_id=report.id, criterion=criterion_key)
        session.add(item)
    else:
        old = {"score": item.score, "reason": item.reason, "text": item.text}
    item.score, item.reason, item.text = value, reason, text.strip()
    item.updated_by, item.updated_at = actor, now
    report.version += 1
    session.add(
        ConsensusVersion(
            report_id=report.id,
            version=report.version,
            criterion=criterion_key,
            score=value,
            reason=reason,
            text=item.text,
            by=actor,
            at=now,
        )
    )
    audit.record(
        session,
        actor,
        "consensus",
        "consensus",
        f"{candidature_id}/{round_}/{criterion_key}",
        old,
        {"score": value, "reason": reason, "text": item.text, "version": report.version},
    )
    session.flush()
    return show(session, candidature_id, round_)


def approve(session: Session, actor: str, candidature_id: int, round_: int) -> ConsensusView:
    """The chair or the secretariat approves the current version: every criterion needs a
    consensus text."""
    view = show(session, candidature_id, round_)
    missing = [line.label for line in view.lines if not line.text]
    if missing:
        raise ScoringError(
            _("the consensus has no text yet for {criteria}: it cannot be approved").format(
                criteria="; ".join(missing)
            )
        )
    report = _report(session, candidature_id, round_)
    assert report is not None  # every line has a text, so the report exists
    report.approved_version, report.approved_by = report.version, actor
    report.approved_at = datetime.now(UTC)
    audit.record(
        session,
        actor,
        "consensus_approve",
        "consensus",
        f"{candidature_id}/{round_}",
        None,
        {"version": report.version},
    )
    session.flush()
    return show(session, candidature_id, round_)


def show(session: Session, candidature_id: int, round_: int) -> ConsensusView:
    slug = _slug(session, candidature_id)
    report = _report(session, candidature_id, round_)
    items = (
        {
            i.criterion: i
            for i in session.scalars(
                select(ConsensusItem).where(ConsensusItem.report_id == report.id)
            )
        }
        if report is not None
        else {}
    )
    agg = aggregates(session, candidature_id, round_)
    lines = []
    for c in rubric_for(session, slug).round(round_).criteria:
        item = items.get(c.key)
        lines.append(
            ConsensusLine(
                c.key,
                c.label,
                agg.get(c.key),
                item.score if item else None,
                item.reason if item else "",
                item.text if item else "",
            )
        )
    approved = report is not None and report.approved_version == report.version
    return ConsensusView(
        candidature_id,
        round_,
        report.rapporteur if report else "",
        report.version if report else 0,
        approved,
        report.approved_by if report and approved else "",
        report.approved_at if report and approved else None,
        lines,
    )


def approved_texts(session: Session, candidature_id: int, round: int) -> dict[str, str]:
    """Criterion key -> the approved consensus text; empty while nothing is approved (or an
    edit after the approval waits for a new one). What the letter prints per criterion."""
    report = _report(session, candidature_id, round)
    if report is None or report.approved_version != report.version:
        return {}
    return {
        i.criterion: i.text
        for i in session.scalars(select(ConsensusItem).where(ConsensusItem.report_id == report.id))
    }


def consensus_rows(session: Session, slug: str) -> list[tuple[int, int, ConsensusView]]:
    """Every consensus of a region (for the workbook's Consensus sheet)."""
    region = get_region(session, slug)
    pairs = session.execute(
        select(ConsensusReport.candidature_id, ConsensusReport.round)
        .join(Candidature, Candidature.id == ConsensusReport.candidature_id)
        .where(Candidature.region_id == region.id)
        .order_by(ConsensusReport.round, ConsensusReport.candidature_id)
    ).all()
    return [(c, r, show(session, c, r)) for c, r in pairs]
