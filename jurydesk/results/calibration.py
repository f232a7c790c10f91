"""The calibration round: anchor candidatures every juror scores first, never ranked.

An anchor (``Candidature.calibration``) is left out of the results (and so of decisions,
letters, the workbook's rankings and the portfolio); packs put it first. Before real scoring,
the secretariat reads per anchor and criterion the jurors' scores, their mean, sample standard
deviation and range: a wide spread on an anchor shows a level description jurors read apart.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.audit import chain as audit
from jurydesk.errors import ScoringError
from jurydesk.i18n import _
from jurydesk.regions.service import get_region
from jurydesk.scoring.rubrics import rubric_for
from jurydesk.store.models import WITHDRAWN, Candidature, Decision, Score

MAX_ANCHORS = 2


@dataclass(frozen=True)
class AnchorSpread:
    candidature: int
    organisation: str
    criterion: str
    label: str
    scores: list[float]
    mean: float | None
    stdev: float | None
    range: float | None


def anchors(session: Session, slug: str) -> list[int]:
    region = get_region(session, slug)
    return list(
        session.scalars(
            select(Candidature.id)
            .where(Candidature.region_id == region.id, Candidature.calibration.is_(True))
            .order_by(Candidature.id)
        )
    )


def set_calibration(
    session: Session, actor: str, slug: str, candidatures: Sequence[int]
) -> list[int]:
    """Make exactly these (at most two) candidatures the region's anchors; audited."""
    chosen = sorted(set(candidatures))
    if len(chosen) > MAX_ANCHORS:
        raise ScoringError(_("a calibration round has one or two anchor candidatures"))
    region = get_region(session, slug)
    rows = {
        c.id: c
        for c in session.scalars(select(Candidature).where(Candidature.region_id == region.id))
    }
    for cid in chosen:
        if cid not in rows:
            raise ScoringError(
                _("candidature {id} is not in region {region}").format(id=cid, region=slug)
            )
        if rows[cid].status == WITHDRAWN:
            raise ScoringError(_("candidature {id} is withdrawn").format(id=cid))
    decided = session.scalar(
        select(Decision.candidature_id).where(Decision.candidature_id.in_(chosen))
    )
    if decided is not None:
        raise ScoringError(
            _("candidature {id} has a decision: it cannot become an anchor").format(id=decided)
        )
    old = sorted(c for c, row in rows.items() if row.calibration)
    for cid, row in rows.items():
        row.calibration = cid in chosen
    audit.record(session, actor, "calibration", "region", slug, old, chosen)
    return chosen


def _spread(values: list[float]) -> tuple[float | None, float | None, float | None]:
    if not values:
        return None, None, None
    sd = statistics.stdev(values) if len(values) >= 2 else None
    return statistics.fmean(values), sd, max(values) - min(values)


def calibration_spread(session: Session, slug: str, round_: int = 1) -> list[AnchorSpread]:
    """Per anchor and criterion: every juror's score and their spread."""
    rubric = rubric_for(session, slug)
    criteria = rubric.round(round_).criteria
    out = []
    for cand in anchors(session, slug):
        organisation = session.get(Candidature, cand).organisation  # type: ignore[union-attr]
        by_criterion: dict[str, list[float]] = {}
        for criterion, value in session.execute(
            select(Score.criterion, Score.value)
            .where(Score.candidature_id == cand, Score.round == round_, Score.value.is_not(None))
            .order_by(Score.juror_id)
        ):
            by_criterion.setdefault(criterion, []).append(float(value))
        for c in criteria:
            values = by_criterion.get(c.key, [])
            mean, sd, span = _spread(values)
            out.append(AnchorSpread(cand, organisation, c.key, c.label, values, mean, sd, span))
    return out
