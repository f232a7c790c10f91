"""Decision quality of one region and round: agreement, jurors, rank intervals, funding line.

Everything here is read-only and headless; the definitions are in ``agreement``,
``jurors_quality`` and ``intervals`` (and in docs/quality.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.regions.service import get_region
from jurydesk.results import aggregate, intervals
from jurydesk.results.agreement import interval_alpha, reading
from jurydesk.results.jurors_quality import juror_figures
from jurydesk.results.ranking import (
    SELECTED,
    SHORTLISTED,
    CandidatureResult,
    RoundResults,
    compute_all_results,
    compute_results,
)
from jurydesk.scoring.rubric import Rubric
from jurydesk.scoring.rubrics import rubric_for
from jurydesk.store.models import Candidature, Juror, Score


@dataclass(frozen=True)
class Agreement:
    criterion: str  # the criterion's key; "total" for the weighted total
    label: str
    agreement: float | None  # Krippendorff's alpha, interval metric
    n: int  # candidatures with at least two scores (the units that count)
    reading: str  # "good", "fair", "weak", "none"


@dataclass(frozen=True)
class JurorQuality:
    juror: int
    name: str
    leniency: float | None
    spread: float | None
    halo: float | None
    n: int
    flags: list[str]


@dataclass
class Quality:
    region: str
    round: int
    method: str
    criteria: list[Agreement]
    total: Agreement
    jurors: list[JurorQuality]
    places_in: int  # K: candidatures proposed in, within the budget when set
    results: RoundResults
    at_line: list[int] = field(default_factory=list)


def _places_in(results: RoundResults, budget: Decimal | None, asked: dict[int, Decimal]) -> int:
    wanted = SHORTLISTED if results.round == 1 else SELECTED
    chosen = [r for r in results.results if r.proposed == wanted]
    if results.round == 1 or budget is None:
        return len(chosen)
    used, fits = Decimal(0), 0
    for r in chosen:  # in rank order
        used += asked.get(r.candidature) or Decimal(0)
        if used > budget:
            break
        fits += 1
    return fits


def _ranked_inputs(
    results: RoundResults, rubric: Rubric
) -> tuple[list[CandidatureResult], list[intervals.Ranked]]:
    ranked = [r for r in results.results if r.rank is not None]
    normalised: dict[tuple[int, int], float] = {}
    if results.method == "zscore":
        totals = {(j, r.candidature): t for r in results.results for j, t in r.juror_totals.items()}
        normalised = aggregate.zscores(
            totals, rubric.aggregation.zscore_min_candidatures
        ).normalised
    combined = results.round == 2 and rubric.selection.final == "combined"
    w1, w2 = rubric.selection.combined_weights
    inputs = []
    for r in ranked:
        if results.method == "zscore":
            values = [normalised[(j, r.candidature)] for j in r.juror_totals]
        else:
            values = list(r.juror_totals.values())
        before = r.round1.get(results.method) if combined else None
        inputs.append(
            intervals.Ranked(
                values,
                bool(r.knockout),
                base=w1 * before if before is not None else 0.0,
                factor=w2 if combined else 1.0,
            )
        )
    return ranked, inputs


@dataclass(frozen=True)
class _Context:
    """What a region's quality needs beside its results, loaded once per region."""

    rubric: Rubric
    budget: Decimal | None
    asked: dict[int, Decimal]  # requested budgets, when the region has a budget
    names: dict[int, str]  # juror names


def _context(session: Session, slug: str) -> _Context:
    region = get_region(session, slug)
    asked: dict[int, Decimal] = {}
    if region.budget is not None:
        asked = dict(
            session.execute(  # type: ignore[arg-type]
                select(Candidature.id, Candidature.requested_budget).where(
                    Candidature.region_id == region.id
                )
            ).all()
        )
    names = dict(session.execute(select(Juror.id, Juror.name)).all())  # type: ignore[arg-type]
    return _Context(rubric_for(session, slug), region.budget, asked, names)


def _intervals(results: RoundResults, context: _Context) -> int:
    ranked, inputs = _ranked_inputs(results, context.rubric)
    low, high = intervals.percentile_ranks(intervals.rank_draws(inputs, results.method))
    places = _places_in(results, context.budget, context.asked)
    for r, lo, hi in zip(ranked, low, high, strict=True):
        r.rank_low, r.rank_high = lo, hi
        eligible = not r.knockout and not r.below
        r.at_funding_line = intervals.at_line(lo, hi, places, eligible)
    return places


def add_intervals(session: Session, results: RoundResults) -> int:
    """Fill ``rank_low``, ``rank_high`` and ``at_funding_line`` in place; returns K."""
    return _intervals(results, _context(session, results.region))


ScoreRows = dict[int, list[tuple[int, str, float]]]  # candidature -> (juror, criterion, value)


def _score_rows(session: Session, round_: int, candidatures: list[int] | None) -> ScoreRows:
    query = select(Score.candidature_id, Score.juror_id, Score.criterion, Score.value).where(
        Score.round == round_, Score.value.is_not(None)
    )
    if candidatures is not None:
        query = query.where(Score.candidature_id.in_(candidatures))
    rows: ScoreRows = {}
    for cand, juror, criterion, value in session.connection().execute(query):  # Core: lean rows
        rows.setdefault(cand, []).append((juror, criterion, value))
    return rows


def _score_cube(
    rows: ScoreRows, results: RoundResults, criteria: list[str], jurors: list[int]
) -> np.ndarray:  # type: ignore[type-arg]
    """criteria x jurors x candidatures, NaN outside the complete juror totals of the results."""
    row = {j: i for i, j in enumerate(jurors)}
    which = {k: i for i, k in enumerate(criteria)}
    cube = np.full((len(criteria), len(jurors), len(results.results)), np.nan)
    for col, r in enumerate(results.results):
        for juror, criterion, value in rows.get(r.candidature, ()):
            if juror in r.juror_totals and criterion in which:
                cube[which[criterion], row[juror], col] = value
    return cube


def compute_quality(session: Session, slug: str, round_: int) -> Quality:
    return quality_of(session, compute_results(session, slug, round_))


def compute_all_quality(session: Session) -> list[Quality]:
    """Both rounds of every region, from one load of the results and of the scores."""
    everything = compute_all_results(session)
    rows = {n: _score_rows(session, n, None) for n in (1, 2)}
    contexts: dict[str, _Context] = {}
    out = []
    for results in everything:
        if results.region not in contexts:
            contexts[results.region] = _context(session, results.region)
        out.append(_quality(results, contexts[results.region], rows[results.round]))
    return out


def quality_of(session: Session, results: RoundResults) -> Quality:
    """The quality figures of computed results (whose intervals this fills in)."""
    candidatures = [r.candidature for r in results.results]
    rows = _score_rows(session, results.round, candidatures)
    return _quality(results, _context(session, results.region), rows)


def _quality(results: RoundResults, context: _Context, rows: ScoreRows) -> Quality:
    places = _intervals(results, context)
    criteria = context.rubric.round(results.round).criteria
    jurors = sorted({j for r in results.results for j in r.juror_totals})
    cube = _score_cube(rows, results, [c.key for c in criteria], jurors)
    totals = np.full((len(jurors), len(results.results)), np.nan)
    row = {j: i for i, j in enumerate(jurors)}
    for c, r in enumerate(results.results):
        for j, t in r.juror_totals.items():
            totals[row[j], c] = t
    agreements = []
    for i, c in enumerate(criteria):
        a = interval_alpha(cube[i])
        agreements.append(Agreement(c.key, c.label, a.alpha, a.units, reading(a.alpha)))
    t = interval_alpha(totals)
    total = Agreement("total", "", t.alpha, t.units, reading(t.alpha))
    figures = juror_figures(totals, cube)
    people = [
        JurorQuality(j, context.names.get(j, ""), f.leniency, f.spread, f.halo, f.n, f.flags)
        for j, f in zip(jurors, figures, strict=True)
    ]
    return Quality(
        region=results.region,
        round=results.round,
        method=results.method,
        criteria=agreements,
        total=total,
        jurors=people,
        places_in=places,
        results=results,
        at_line=[r.candidature for r in results.results if r.at_funding_line],
    )
