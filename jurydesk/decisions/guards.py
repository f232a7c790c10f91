"""The guards on a decision: enough finalised jurors, and a reason where the jury departs from
the proposed outcome. What each guard let through, and why, is kept per recorded decision
(DecisionGuard) for the proces-verbaal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jurydesk.errors import ScoringError
from jurydesk.i18n import _, ngettext
from jurydesk.results.ranking import compute_results
from jurydesk.store.meeting_models import DecisionGuard, RegionJurySettings
from jurydesk.store.models import Candidature, Conflict, Evaluation, Region


@dataclass(frozen=True)
class GuardCheck:
    finalised: int
    minimum: int
    proposed: str  # "" when the candidature is not ranked
    override_reason: str
    deviation_reason: str


def finalised_count(session: Session, candidature_id: int, round_: int) -> int:
    """Jurors who finalised this candidature in this round (a conflicted juror never counts)."""
    conflicted = select(Conflict.id).where(
        Conflict.juror_id == Evaluation.juror_id,
        Conflict.candidature_id == Evaluation.candidature_id,
    )
    return int(
        session.scalar(
            select(func.count(Evaluation.id)).where(
                Evaluation.candidature_id == candidature_id,
                Evaluation.round == round_,
                Evaluation.finalized_at.is_not(None),
                ~conflicted.exists(),
            )
        )
        or 0
    )


def proposed_outcome(session: Session, candidature_id: int, round_: int) -> str:
    slug = session.scalar(
        select(Region.slug)
        .join(Candidature, Candidature.region_id == Region.id)
        .where(Candidature.id == candidature_id)
    )
    if slug is None:
        return ""
    results = compute_results(session, slug, round_)
    row = next((r for r in results.results if r.candidature == candidature_id), None)
    return row.proposed if row is not None and row.rank is not None else ""


def check(
    session: Session,
    candidature_id: int,
    round_: int,
    outcome: str,
    override_reason: str = "",
    deviation_reason: str = "",
) -> GuardCheck:
    """Refuse (ScoringError) a decision the guards do not let through."""
    region_id = session.scalar(
        select(Candidature.region_id).where(Candidature.id == candidature_id)
    )
    settings = session.get(RegionJurySettings, region_id) if region_id is not None else None
    minimum = settings.min_finalised if settings is not None else 2
    finalised = finalised_count(session, candidature_id, round_)
    override_reason, deviation_reason = override_reason.strip(), deviation_reason.strip()
    if finalised < minimum and not override_reason:
        raise ScoringError(
            ngettext(
                "candidature {id} has {n} finalised juror in round {round}; the region asks "
                "for at least {min}: give a reason to decide anyway (--override-reason)",
                "candidature {id} has {n} finalised jurors in round {round}; the region asks "
                "for at least {min}: give a reason to decide anyway (--override-reason)",
                finalised,
            ).format(id=candidature_id, n=finalised, round=round_, min=minimum)
        )
    if finalised >= minimum:
        override_reason = ""  # nothing was overridden
    proposed = proposed_outcome(session, candidature_id, round_)
    from jurydesk.decisions.service import outcome_label

    if proposed and outcome != proposed and not deviation_reason:
        raise ScoringError(
            _(
                "the proposed outcome of candidature {id} is '{proposed}': a different "
                "decision needs a reason (--deviation-reason)"
            ).format(id=candidature_id, proposed=outcome_label(proposed))
        )
    if not proposed or outcome == proposed:
        deviation_reason = ""
    return GuardCheck(finalised, minimum, proposed, override_reason, deviation_reason)


def keep(
    session: Session,
    actor: str,
    candidature_id: int,
    round_: int,
    outcome: str,
    guard: GuardCheck,
    meeting_id: int | None = None,
) -> None:
    session.add(
        DecisionGuard(
            candidature_id=candidature_id,
            round=round_,
            outcome=outcome,
            proposed=guard.proposed,
            finalised=guard.finalised,
            override_reason=guard.override_reason,
            deviation_reason=guard.deviation_reason,
            meeting_id=meeting_id,
            recorded_by=actor,
            recorded_at=datetime.now(UTC),
        )
    )


def latest_guards(
    session: Session, candidature_ids: list[int], round_: int
) -> dict[int, DecisionGuard]:
    """The guard row of each candidature's latest recorded decision."""
    out: dict[int, DecisionGuard] = {}
    for row in session.scalars(
        select(DecisionGuard)
        .where(DecisionGuard.candidature_id.in_(candidature_ids), DecisionGuard.round == round_)
        .order_by(DecisionGuard.id)
    ):
        out[row.candidature_id] = row
    return out
