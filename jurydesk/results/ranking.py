"""Results per region and round: juror totals from SQL, statistics, ranks, proposed outcomes.

The order, the tie-breaks and the region's thresholds are in ``jurydesk.results.ordering`` and
``jurydesk.results.thresholds``. Candidatures without a single complete juror total are not
ranked; calibration (anchor) candidatures and withdrawn ones are never part of the results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import case, func, select, true
from sqlalchemy.orm import Session

from jurydesk.regions.service import get_region
from jurydesk.results import aggregate, ordering
from jurydesk.results.thresholds import rule_keys, thresholds_of
from jurydesk.scoring.rubric import METHODS, Rubric
from jurydesk.scoring.rubrics import DEFAULT_RUBRIC, no_rubric, parsed_rubric
from jurydesk.store.models import (
    WITHDRAWN,
    Candidature,
    Conflict,
    Decision,
    PanelMember,
    Region,
    RubricRow,
    Score,
)
from jurydesk.store.quality_models import RegionQuality

SHORTLISTED, SELECTED, NOT_SELECTED, RESERVE = (
    ordering.SHORTLISTED,
    ordering.SELECTED,
    ordering.NOT_SELECTED,
    ordering.RESERVE,
)
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
    criterion_means: dict[str, float] = field(default_factory=dict)  # the watched criteria
    below: list[str] = field(default_factory=list)  # the region's thresholds it falls below
    rank_low: int | None = None  # 5th-95th percentile of the rank (results.intervals)
    rank_high: int | None = None
    at_funding_line: bool = False

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


@dataclass
class _RegionData:
    """Everything a region's results need, loaded with a few set-based queries."""

    slug: str
    rubric: Rubric
    panels: dict[int, set[int]] = field(default_factory=dict)  # round -> jurors
    conflicts: dict[int, list[int]] = field(default_factory=dict)  # candidature -> jurors
    rows: dict[int, list[tuple]] = field(default_factory=dict)  # round -> juror totals
    candidatures: list[tuple[int, str, datetime]] = field(default_factory=list)
    decisions: dict[int, dict[int, str]] = field(default_factory=dict)  # round -> cand -> outcome
    thresholds: dict = field(default_factory=dict)  # type: ignore[type-arg]
    tie_breaks: list[str] = field(default_factory=list)
    lots: dict[str, int] = field(default_factory=dict)
    columns: dict[int, list[str]] = field(default_factory=dict)  # round -> the rows' extra columns

    def watched(self, round_: int) -> set[str]:
        """Criteria whose per-candidature means the knock-outs, thresholds and rules need."""
        keys = {c.key for c in self.rubric.round(round_).criteria if c.knockout is not None}
        keys |= set(thresholds_of(self.thresholds, round_).criteria)
        return keys | set(rule_keys(self.tie_breaks))


def _rubrics(session: Session) -> tuple[dict[int, Rubric], int | None]:
    rows = session.execute(
        select(RubricRow.id, RubricRow.key, RubricRow.toml, RubricRow.source)
    ).all()
    default = next((rid for rid, key, _t, _s in rows if key == DEFAULT_RUBRIC), None)
    return {rid: parsed_rubric(toml, source) for rid, _k, toml, source in rows}, default


def _totals_query(rubric: Rubric, round_: int, candidatures: list[int] | None, watched: set[str]):  # type: ignore[no-untyped-def]
    """Juror totals of one rubric and round as a single-table group-by: no joins.

    The weights and scales come from the rubric as CASE expressions; a rubric cannot change
    once scores exist, so this is exact.
    """
    criteria = rubric.round(round_).criteria
    # (v - min) * w / (max - min) = v * a + b, with a and b per criterion.
    factor = case({c.key: c.weight / (c.max - c.min) for c in criteria}, value=Score.criterion)
    offset = case(
        {c.key: -c.min * c.weight / (c.max - c.min) for c in criteria}, value=Score.criterion
    )
    knock = [
        func.max(case((Score.criterion == c.key, Score.value)))
        for c in criteria
        if c.key in watched
    ]
    query = (
        select(
            Score.candidature_id,
            Score.juror_id,
            func.sum(Score.value * factor + offset),
            func.count(factor),
            *knock,
        )
        .where(Score.round == round_, Score.value.is_not(None))
        .group_by(Score.candidature_id, Score.juror_id)
    )
    if candidatures is not None:
        query = query.where(Score.candidature_id.in_(candidatures))
    return query


def _load(session: Session, region_ids: list[int] | None) -> dict[int, _RegionData]:
    """Load the data of the given regions (all when None) in one pass per table."""
    rubrics, default_rubric = _rubrics(session)
    data: dict[int, _RegionData] = {}
    rubric_of: dict[int, int] = {}
    for region_id, slug, rubric_id, thresholds, tie_breaks, lots in session.execute(
        select(
            Region.id,
            Region.slug,
            Region.rubric_id,
            RegionQuality.thresholds,
            RegionQuality.tie_breaks,
            RegionQuality.lots,
        )
        .outerjoin(RegionQuality, RegionQuality.region_id == Region.id)
        .where(Region.id.in_(region_ids) if region_ids is not None else true())
    ):
        chosen = rubric_id or default_rubric
        if chosen is None:
            raise no_rubric(slug)
        data[region_id] = _RegionData(
            slug=slug,
            rubric=rubrics[chosen],
            thresholds=thresholds or {},
            tie_breaks=tie_breaks or [],
            lots=lots or {},
        )
        rubric_of[region_id] = chosen

    def in_scope(column):  # type: ignore[no-untyped-def]
        return column.in_(region_ids) if region_ids is not None else true()

    for juror, region_id, round_ in session.execute(
        select(PanelMember.juror_id, PanelMember.region_id, PanelMember.round).where(
            in_scope(PanelMember.region_id)
        )
    ):
        data[region_id].panels.setdefault(round_, set()).add(juror)
    for juror, cand, region_id in session.execute(
        select(Conflict.juror_id, Conflict.candidature_id, Candidature.region_id)
        .join(Candidature, Candidature.id == Conflict.candidature_id)
        .where(in_scope(Candidature.region_id))
    ):
        data[region_id].conflicts.setdefault(cand, []).append(juror)
    region_of: dict[int, int] = {}
    for cand, organisation, received_at, region_id in session.execute(
        select(
            Candidature.id, Candidature.organisation, Candidature.received_at, Candidature.region_id
        )
        .where(
            in_scope(Candidature.region_id),
            Candidature.status != WITHDRAWN,
            Candidature.calibration.is_(False),
        )
        .order_by(Candidature.id)
    ):
        data[region_id].candidatures.append((cand, organisation, received_at))
        region_of[cand] = region_id
    for cand, round_, outcome, region_id in session.execute(
        select(Decision.candidature_id, Decision.round, Decision.outcome, Candidature.region_id)
        .join(Candidature, Candidature.id == Decision.candidature_id)
        .where(in_scope(Candidature.region_id))
    ):
        data[region_id].decisions.setdefault(round_, {})[cand] = outcome
    for rubric_id in sorted(set(rubric_of.values())):
        regions = {r for r, chosen in rubric_of.items() if chosen == rubric_id}
        only_some = region_ids is not None or regions != set(rubric_of)
        scope = [c for c, r in region_of.items() if r in regions] if only_some else None
        for round_ in (1, 2):
            buckets = {r: data[r].rows.setdefault(round_, []) for r in regions}
            watched = set().union(*(data[r].watched(round_) for r in regions))
            columns = [c.key for c in rubrics[rubric_id].round(round_).criteria if c.key in watched]
            for r in regions:
                data[r].columns[round_] = columns
            for row in session.execute(_totals_query(rubrics[rubric_id], round_, scope, watched)):
                bucket = buckets.get(region_of.get(row[0]))  # type: ignore[arg-type]
                if bucket is not None:
                    bucket.append(row)
    return data


def _statistics(
    data: _RegionData,
    round_: int,
    eligible: set[int] | None,
) -> tuple[list[CandidatureResult], frozenset[int]]:
    rubric = data.rubric
    criteria = rubric.round(round_).criteria
    knockouts = [c for c in criteria if c.knockout is not None]
    columns = data.columns.get(round_, [])  # watched by a region sharing the rubric
    jurors = data.panels.get(round_, set())
    conflicts = data.conflicts
    totals: dict[tuple[int, int], float] = {}
    knock_values: dict[int, dict[str, list[float]]] = {}
    scale = 100.0 / sum(c.weight for c in criteria)
    complete = len(criteria)
    for row in data.rows.get(round_, []):
        cand, juror, weighted, count = row[0], row[1], row[2], row[3]
        if count != complete or juror not in jurors or juror in conflicts.get(cand, ()):
            continue  # incomplete (counted once per known criterion), off-panel or conflicted
        if eligible is not None and cand not in eligible:
            continue
        totals[(juror, cand)] = weighted * scale
        if columns:
            values = knock_values.setdefault(cand, {})
            for key, value in zip(columns, row[4:], strict=True):
                values.setdefault(key, []).append(value)
    z = aggregate.zscores(totals, rubric.aggregation.zscore_min_candidatures)
    per_candidature: dict[int, dict[int, float]] = {}
    for (juror, cand), total in totals.items():
        per_candidature.setdefault(cand, {})[juror] = total
    results = []
    for cand, organisation, received_at in data.candidatures:
        if eligible is not None and cand not in eligible:
            continue
        juror_totals = per_candidature.get(cand, {})
        values = list(juror_totals.values())
        normalised = [z.normalised[(j, cand)] for j in juror_totals]
        means = {k: sum(v) / len(v) for k, v in knock_values.get(cand, {}).items() if v}
        knocked = [
            c.label
            for c in knockouts
            if c.key in means and means[c.key] < c.knockout  # type: ignore[operator]
        ]
        spread = aggregate.stdev(values)
        results.append(
            CandidatureResult(
                candidature=cand,
                organisation=organisation,
                received_at=received_at,
                juror_totals=dict(sorted(juror_totals.items())),
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
                criterion_means=means,
            )
        )
    return results, z.fallback


def compute_results(
    session: Session, slug: str, round_: int, method: str | None = None
) -> RoundResults:
    """Every statistic under every method; ranks and proposals under ``method``."""
    region = get_region(session, slug)
    data = _load(session, [region.id])[region.id]
    return _compute(data, round_, method or region.method or data.rubric.aggregation.method)


def compute_all_results(session: Session) -> list[RoundResults]:
    """Both rounds of every region, from one load of the whole database."""
    methods = dict(session.execute(select(Region.id, Region.method)).all())
    out = []
    for region_id, data in _load(session, None).items():
        method = methods[region_id] or data.rubric.aggregation.method
        first = _compute(data, 1, method)
        out.append(first)
        out.append(_compute(data, 2, method, first))
    return out


def _compute(
    data: _RegionData, round_: int, method: str, first: RoundResults | None = None
) -> RoundResults:
    if method not in METHODS:
        raise ValueError(f"unknown method {method}")
    rubric = data.rubric
    eligible = None
    round1_scores: dict[int, CandidatureResult] = {}
    if round_ == 2:
        first = first or _compute(data, 1, method)
        decided = data.decisions.get(1, {})
        eligible = (
            {c for c, o in decided.items() if o == SHORTLISTED}
            if decided
            else {r.candidature for r in first.results if r.proposed == SHORTLISTED}
        )
        round1_scores = {r.candidature: r for r in first.results}
    results, fallback = _statistics(data, round_, eligible)
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
    thresholds = thresholds_of(data.thresholds, round_)
    rules, lots = data.tie_breaks, data.lots
    for m in METHODS:
        key = {r.candidature: r.final[m] for r in results}
        ordered = ordering.order(results, key, rules, lots)
        proposals = ordering.propose(ordered, key, round_, rubric, thresholds)
        for r in results:
            r.proposed_by_method[m] = proposals[r.candidature]
    key = {r.candidature: r.final[method] for r in results}
    ordered = ordering.order(results, key, rules, lots)
    labels = {c.key: c.label for c in rubric.round(round_).criteria}
    for r in results:
        r.below = thresholds.failures(key[r.candidature], r.criterion_means, labels)
    decided = data.decisions.get(round_, {})
    for position, r in enumerate(ordered, start=1):
        r.rank = position if key[r.candidature] is not None else None
        r.proposed = r.proposed_by_method[method]
        r.decision = decided.get(r.candidature)
    sensitivity = [r.candidature for r in ordered if len(set(r.proposed_by_method.values())) > 1]
    return RoundResults(
        region=data.slug,
        round=round_,
        method=method,
        results=ordered,
        zscore_fallback=sorted(fallback),
        sensitivity=sensitivity,
    )
