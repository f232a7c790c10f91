"""Results per region and round: juror totals from SQL, statistics, ranks, proposed outcomes.

Rank tie-breaks, in order: a candidature that fails a knock-out comes after one that does not;
then the higher score under the method (round 2: the final score); then the higher median; the
higher mean; the smaller spread (standard deviation); the earlier receipt; the lower id.
Candidatures without a single complete juror total are not ranked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from jurydesk.regions.service import get_region
from jurydesk.scoring import aggregate
from jurydesk.scoring.jury import panel
from jurydesk.scoring.rubric import METHODS, Rubric
from jurydesk.scoring.rubrics import method_for, rubric_for, rubric_row_for
from jurydesk.store.models import Candidature, Conflict, CriterionRow, Decision, Score

SHORTLISTED, SELECTED, NOT_SELECTED, RESERVE = "shortlisted", "selected", "not_selected", "reserve"
OUTCOMES = {1: (SHORTLISTED, NOT_SELECTED), 2: (SELECTED, NOT_SELECTED, RESERVE)}


@dataclass
class CandidatureResult:
    candidature: int
    organisation: str
    received_at: datetime
    juror_totals: dict[int, float]
    mean: float | None
    median: float | None
    trimmed_mean: float | None
    zscore: float | None
    stdev: float
    range: float
    disagreement: bool
    knockout: list[str]
    missing: list[int]
    conflicts: list[int]
    round1: dict[str, float | None] = field(default_factory=dict)
    final: dict[str, float | None] = field(default_factory=dict)
    rank: int | None = None
    proposed: str = NOT_SELECTED
    proposed_by_method: dict[str, str] = field(default_factory=dict)
    decision: str | None = None

    @property
    def jurors(self) -> list[int]:
        return sorted(self.juror_totals)

    def score(self, method: str) -> float | None:
        return {
            "mean": self.mean,
            "median": self.median,
            "trimmed": self.trimmed_mean,
            "zscore": self.zscore,
        }[method]


@dataclass
class RoundResults:
    region: str
    round: int
    method: str
    results: list[CandidatureResult]
    zscore_fallback: list[int]
    sensitivity: list[int]


def _load_totals(
    session: Session, region_id: int, rubric_id: int, round_: int, knockout_keys: list[str]
):  # type: ignore[no-untyped-def]
    columns = [
        Score.candidature_id,
        Score.juror_id,
        func.sum(
            CriterionRow.weight
            * (Score.value - CriterionRow.min)
            / (CriterionRow.max - CriterionRow.min)
        ),
        func.sum(CriterionRow.weight),
        func.count(),
        *[func.max(case((Score.criterion == key, Score.value))) for key in knockout_keys],
    ]
    return session.execute(
        select(*columns)
        .join(Candidature, Candidature.id == Score.candidature_id)
        .join(
            CriterionRow,
            (CriterionRow.rubric_id == rubric_id)
            & (CriterionRow.round == Score.round)
            & (CriterionRow.key == Score.criterion),
        )
        .where(Candidature.region_id == region_id, Score.round == round_, Score.value.is_not(None))
        .group_by(Score.candidature_id, Score.juror_id)
    ).all()


def _statistics(
    session: Session, slug: str, round_: int, rubric: Rubric, eligible: set[int] | None
) -> tuple[list[CandidatureResult], frozenset[int]]:
    region = get_region(session, slug)
    rubric_row = rubric_row_for(session, region)
    criteria = rubric.round(round_).criteria
    knockouts = [c for c in criteria if c.knockout is not None]
    jurors = set(panel(session, region.id, round_))
    conflicts: dict[int, list[int]] = {}
    for juror_id, candidature_id in session.execute(
        select(Conflict.juror_id, Conflict.candidature_id)
        .join(Candidature, Candidature.id == Conflict.candidature_id)
        .where(Candidature.region_id == region.id)
    ):
        conflicts.setdefault(candidature_id, []).append(juror_id)
    totals: dict[tuple[int, int], float] = {}
    knock_values: dict[int, dict[str, list[float]]] = {}
    for cand, juror, weighted, weight, count, *ko in _load_totals(
        session, region.id, rubric_row.id, round_, [c.key for c in knockouts]
    ):
        if count != len(criteria) or juror not in jurors or juror in conflicts.get(cand, ()):
            continue
        if eligible is not None and cand not in eligible:
            continue
        totals[(juror, cand)] = 100.0 * weighted / weight
        for criterion, value in zip(knockouts, ko, strict=True):
            knock_values.setdefault(cand, {}).setdefault(criterion.key, []).append(value)
    z = aggregate.zscores(totals, rubric.aggregation.zscore_min_candidatures)
    per_candidature: dict[int, dict[int, float]] = {}
    for (juror, cand), total in totals.items():
        per_candidature.setdefault(cand, {})[juror] = total
    results = []
    candidatures = session.execute(
        select(Candidature.id, Candidature.organisation, Candidature.received_at)
        .where(Candidature.region_id == region.id)
        .order_by(Candidature.id)
    )
    for cand, organisation, received_at in candidatures:
        if eligible is not None and cand not in eligible:
            continue
        juror_totals = per_candidature.get(cand, {})
        values = list(juror_totals.values())
        normalised = [z.normalised[(j, cand)] for j in juror_totals]
        knocked = [
            c.label
            for c in knockouts
            if (vals := knock_values.get(cand, {}).get(c.key)) and aggregate.mean(vals) < c.knockout
        ]  # type: ignore[operator]
        spread = aggregate.stdev(values)
        results.append(
            CandidatureResult(
                candidature=cand,
                organisation=organisation,
                received_at=received_at,
                juror_totals={j: round(t, 4) for j, t in sorted(juror_totals.items())},
                mean=aggregate.mean(values),
                median=aggregate.median(values),
                trimmed_mean=aggregate.trimmed_mean(values),
                zscore=aggregate.mean(normalised),
                stdev=spread,
                range=(max(values) - min(values)) if values else 0.0,
                disagreement=spread > rubric.aggregation.disagreement_stdev,
                knockout=knocked,
                missing=sorted(
                    j for j in jurors - set(juror_totals) if j not in conflicts.get(cand, ())
                ),
                conflicts=sorted(conflicts.get(cand, [])),
            )
        )
    return results, z.fallback


def _order(
    results: list[CandidatureResult], key: dict[int, float | None]
) -> list[CandidatureResult]:
    def sort_key(r: CandidatureResult):  # type: ignore[no-untyped-def]
        score = key[r.candidature]
        return (
            score is None,
            bool(r.knockout),
            -(score or 0.0),
            -(r.median or 0.0),
            -(r.mean or 0.0),
            r.stdev,
            r.received_at,
            r.candidature,
        )

    return sorted(results, key=sort_key)


def _propose(
    ordered: list[CandidatureResult], key: dict[int, float | None], round_: int, rubric: Rubric
) -> dict[int, str]:
    rules = rubric.selection
    outcome: dict[int, str] = {}
    passed = 0
    reserves = 0
    for r in ordered:
        score = key[r.candidature]
        if round_ == 1:
            ok = (
                score is not None
                and not r.knockout
                and (rules.pitch_min_total is None or score >= rules.pitch_min_total)
                and (rules.pitch_top is None or passed < rules.pitch_top)
            )
            outcome[r.candidature] = SHORTLISTED if ok else NOT_SELECTED
            passed += ok
            continue
        eligible = (
            score is not None
            and not r.knockout
            and (rules.select_min_total is None or score >= rules.select_min_total)
        )
        if eligible and (rules.select_top is None or passed < rules.select_top):
            outcome[r.candidature] = SELECTED
            passed += 1
        elif eligible and reserves < rules.reserve_count:
            outcome[r.candidature] = RESERVE
            reserves += 1
        else:
            outcome[r.candidature] = NOT_SELECTED
    return outcome


def _decisions(session: Session, region_id: int, round_: int) -> dict[int, str]:
    return dict(
        session.execute(
            select(Decision.candidature_id, Decision.outcome)
            .join(Candidature, Candidature.id == Decision.candidature_id)
            .where(Candidature.region_id == region_id, Decision.round == round_)
        ).all()
    )


def compute_results(
    session: Session, slug: str, round_: int, method: str | None = None
) -> RoundResults:
    """Every statistic under every method; ranks and proposals under ``method``."""
    rubric = rubric_for(session, slug)
    method = method or method_for(session, slug)
    if method not in METHODS:
        raise ValueError(f"unknown method {method}")
    region = get_region(session, slug)
    eligible = None
    round1_scores: dict[int, CandidatureResult] = {}
    if round_ == 2:
        first = compute_results(session, slug, 1, method)
        decided = _decisions(session, region.id, 1)
        eligible = (
            {c for c, o in decided.items() if o == SHORTLISTED}
            if decided
            else {r.candidature for r in first.results if r.proposed == SHORTLISTED}
        )
        round1_scores = {r.candidature: r for r in first.results}
    results, fallback = _statistics(session, slug, round_, rubric, eligible)
    weights = rubric.selection.combined_weights
    for r in results:
        for m in METHODS:
            own = r.score(m)
            if round_ == 2 and rubric.selection.final == "combined":
                before = (
                    round1_scores[r.candidature].score(m)
                    if (r.candidature in round1_scores)
                    else None
                )
                r.round1[m] = before
                r.final[m] = (
                    None
                    if own is None or before is None
                    else weights[0] * before + weights[1] * own
                )
            else:
                r.final[m] = own
    for m in METHODS:
        key = {r.candidature: r.final[m] for r in results}
        proposals = _propose(_order(results, key), key, round_, rubric)
        for r in results:
            r.proposed_by_method[m] = proposals[r.candidature]
    key = {r.candidature: r.final[method] for r in results}
    ordered = _order(results, key)
    for position, r in enumerate(ordered, start=1):
        r.rank = position if key[r.candidature] is not None else None
        r.proposed = r.proposed_by_method[method]
    decided = _decisions(session, region.id, round_)
    for r in ordered:
        r.decision = decided.get(r.candidature)
    sensitivity = [r.candidature for r in ordered if len(set(r.proposed_by_method.values())) > 1]
    return RoundResults(
        region=slug,
        round=round_,
        method=method,
        results=ordered,
        zscore_fallback=sorted(fallback),
        sensitivity=sensitivity,
    )
