"""A region's scoring sheets in the results workbook: the overview of both rounds, the
means per criterion and every raw score (streamed: the big sheet at Flanders scale)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jurydesk.decisions.service import outcome_label
from jurydesk.exports.sheets.worksheet import SheetWriter
from jurydesk.i18n import _
from jurydesk.labels import method_label, yes_no
from jurydesk.results.ranking import METHODS, RoundResults
from jurydesk.scoring.rubrics import rubric_for
from jurydesk.store.models import (
    Candidature,
    Conflict,
    Decision,
    Evaluation,
    Juror,
    Score,
)


def overview_sheet(
    workbook,
    session: Session,
    name: str,  # type: ignore[no-untyped-def]
    results: tuple[RoundResults, RoundResults],
) -> None:
    method = results[0].method
    others = [m for m in METHODS if m != method]
    sheet = SheetWriter(
        workbook,
        f"{name} – {_('Overview')}",
        [
            (_("Round"), 8, "int"),
            (_("Rank"), 8, "int"),
            (_("No."), 7, "int"),
            (_("Organisation"), 32, "text"),
            (_("Final score ({method})").format(method=method_label(method)), 16, "score"),
            *[(method_label(m), 14, "score") for m in [method, *others]],
            (_("Standard deviation"), 12, "score"),
            (_("Range"), 10, "score"),
            (_("Disagreement"), 12, "text"),
            (_("Knock-out"), 28, "text"),
            (_("Missing jurors"), 12, "int"),
            (_("Conflicts of interest"), 12, "int"),
            (_("Proposed"), 16, "text"),
            (_("Depends on method"), 12, "text"),
            (_("Decision"), 16, "text"),
            (_("Motivation"), 60, "text"),
            (_("Rank, 5th percentile"), 12, "int"),
            (_("Rank, 95th percentile"), 12, "int"),
            (_("At the funding line"), 12, "text"),
        ],
    )
    motivations = {
        (cand, round_): text
        for cand, round_, text in session.execute(
            select(Decision.candidature_id, Decision.round, Decision.motivation)
        )
    }
    for round_results in results:
        for r in round_results.results:
            values = [
                round_results.round,
                r.rank,
                r.candidature,
                r.organisation,
                r.final[method],
                *[r.score(m) for m in [method, *others]],
                r.stdev,
                r.range,
                yes_no(r.disagreement),
                "; ".join(r.knockout),
                len(r.missing),
                len(r.conflicts),
                outcome_label(r.proposed),
                yes_no(r.candidature in round_results.sensitivity),
                outcome_label(r.decision) if r.decision else "",
                motivations.get((r.candidature, round_results.round), ""),
                r.rank_low,
                r.rank_high,
                yes_no(r.at_funding_line),
            ]
            marks = [r.disagreement and i in (9, 10, 11) for i in range(len(values))]
            sheet.append(values, marks)
    sheet.finish()


def criteria_sheet(
    workbook,
    session: Session,
    slug: str,
    name: str,  # type: ignore[no-untyped-def]
    region_id: int,
) -> None:
    rubric = rubric_for(session, slug)
    labels = {(r.number, c.key): c for r in rubric.rounds for c in r.criteria}
    sheet = SheetWriter(
        workbook,
        f"{name} – {_('Criteria')}",
        [
            (_("Round"), 8, "int"),
            (_("No."), 7, "int"),
            (_("Organisation"), 32, "text"),
            (_("Criterion"), 36, "text"),
            (_("Weight"), 8, "score"),
            (_("Mean"), 10, "score"),
            (_("Lowest"), 10, "score"),
            (_("Highest"), 10, "score"),
            (_("Jurors"), 8, "int"),
            (_("Label of the mean"), 30, "text"),
            (_("Below the knock-out"), 12, "text"),
        ],
    )
    conflicted = select(Conflict.id).where(
        Conflict.juror_id == Score.juror_id, Conflict.candidature_id == Score.candidature_id
    )
    rows = session.execute(
        select(
            Score.round,
            Score.candidature_id,
            Candidature.organisation,
            Score.criterion,
            func.avg(Score.value),
            func.min(Score.value),
            func.max(Score.value),
            func.count(Score.value),
        )
        .join(Candidature, Candidature.id == Score.candidature_id)
        .where(Candidature.region_id == region_id, Score.value.is_not(None), ~conflicted.exists())
        .group_by(Score.round, Score.candidature_id, Candidature.organisation, Score.criterion)
        .order_by(Score.round, Score.candidature_id)
    )
    for round_, cand, organisation, key, mean, low, high, count in rows:
        criterion = labels.get((round_, key))
        if criterion is None:
            continue
        nearest = round(mean * 2) / 2 if criterion.half_points else round(mean)
        below = criterion.knockout is not None and mean < criterion.knockout
        values = [
            round_,
            cand,
            organisation,
            criterion.label,
            criterion.weight,
            round(mean, 2),
            low,
            high,
            count,
            criterion.label_for(nearest),
            yes_no(below),
        ]
        if below:
            sheet.append(values, True)
        else:
            sheet.append_fast(values)  # about 38,000 rows at Flanders scale
    sheet.finish()


def scores_sheet(
    workbook,
    session: Session,
    name: str,  # type: ignore[no-untyped-def]
    region_id: int,
) -> None:
    sheet = SheetWriter(
        workbook,
        f"{name} – {_('Scores')}",
        [
            (_("Juror"), 24, "text"),
            (_("No."), 7, "int"),
            (_("Organisation"), 32, "text"),
            (_("Round"), 8, "int"),
            (_("Criterion"), 16, "text"),
            (_("Value"), 8, "score"),
            (_("Motivation"), 60, "text"),
            (_("Finalised"), 10, "text"),
        ],
    )
    finals = set(
        session.execute(
            select(Evaluation.juror_id, Evaluation.candidature_id, Evaluation.round)
            .join(Candidature, Candidature.id == Evaluation.candidature_id)
            .where(Candidature.region_id == region_id, Evaluation.finalized_at.is_not(None))
        ).all()
    )
    yes, no = yes_no(True), yes_no(False)
    query = (
        select(
            Juror.name,
            Score.juror_id,
            Score.candidature_id,
            Candidature.organisation,
            Score.round,
            Score.criterion,
            Score.value,
            Score.motivation,
        )
        .join(Candidature, Candidature.id == Score.candidature_id)
        .join(Juror, Juror.id == Score.juror_id)
        .where(Candidature.region_id == region_id)
        .order_by(Score.round, Score.candidature_id, Score.juror_id, Score.id)
        .execution_options(yield_per=5000)
    )
    for (
        juror,
        juror_id,
        cand,
        organisation,
        round_,
        criterion,
        value,
        motivation,
    ) in session.execute(query):
        sheet.append_fast(
            [
                juror,
                cand,
                organisation,
                round_,
                criterion,
                value,
                motivation or None,
                yes if (juror_id, cand, round_) in finals else no,
            ]
        )
    sheet.finish()
