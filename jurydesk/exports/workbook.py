"""The Excel results workbook: per region an overview, criteria, raw scores, conflicts,
decisions and rebuttal windows; with several regions a Flanders overview on top.

Written in openpyxl's write-only mode, streaming the raw scores, so memory stays flat.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jurydesk.atomic import atomic_path
from jurydesk.candidatures.service import list_candidatures
from jurydesk.exports.sheet import SheetWriter
from jurydesk.i18n import _
from jurydesk.portfolio.coverage import coverage
from jurydesk.rebuttals.service import reassessment_label, rebuttal_windows
from jurydesk.regions.service import get_region, region_slugs
from jurydesk.scoring.audit import head as audit_head
from jurydesk.scoring.decisions import outcome_label
from jurydesk.scoring.jury import role_label
from jurydesk.scoring.results import METHODS, RoundResults, compute_results
from jurydesk.scoring.rubrics import rubric_for
from jurydesk.store import Store
from jurydesk.store.models import (
    Candidature,
    Conflict,
    Decision,
    Evaluation,
    Juror,
    Note,
    Score,
)

Progress = Callable[[int, int, str], None]


def _method_label(method: str) -> str:
    return {
        "mean": _("Mean"),
        "median": _("Median"),
        "trimmed": _("Trimmed mean"),
        "zscore": _("Z-score"),
    }[method]


def _yes(value: bool) -> str:
    return _("yes") if value else _("no")


def export_workbook(
    store: Store, out: Path, slugs: list[str] | None = None, progress: Progress | None = None
) -> Path:
    from openpyxl import Workbook

    with store.reader() as session:
        slugs = region_slugs(session, slugs)
        workbook = Workbook(write_only=True)
        # The Flanders sheet comes first but gets its rows region by region: each region's
        # results are computed once, used for its sheets and its Flanders row, then let go.
        flanders = _flanders_sheet(workbook) if len(slugs) > 1 else None
        for index, slug in enumerate(slugs):
            if progress:
                progress(index, len(slugs), slug)
            results = (compute_results(session, slug, 1), compute_results(session, slug, 2))
            if flanders is not None:
                _flanders_row(flanders, session, slug, results)
            _region_sheets(workbook, session, slug, results)
            session.expunge_all()  # the region's ORM objects are not needed any more
        if flanders is not None:
            flanders.finish()
        if progress:
            progress(len(slugs), len(slugs), "")
        head, events = audit_head(session)
    # the audit chain's head, outside the database: `audit verify --anchor` proves nothing
    # before it was removed or rewritten
    workbook.properties.description = _("Audit chain head after {n} events: {head}").format(
        n=events, head=head
    )
    with atomic_path(out) as tmp:
        workbook.save(tmp)
    return out


def _flanders_sheet(workbook) -> SheetWriter:  # type: ignore[no-untyped-def]
    return SheetWriter(
        workbook,
        _("Flanders"),
        [
            (_("Region"), 24, "text"),
            (_("Candidatures"), 14, "int"),
            (_("Late"), 10, "int"),
            (_("To the pitch"), 14, "int"),
            (_("Selected"), 12, "int"),
            (_("Reserve"), 10, "int"),
            (_("Not selected"), 14, "int"),
            (_("Undecided"), 12, "int"),
            (_("Disagreements"), 14, "int"),
            (_("Method"), 18, "text"),
        ],
    )


def _flanders_row(
    sheet: SheetWriter, session: Session, slug: str, results: tuple[RoundResults, RoundResults]
) -> None:
    first, second = results
    region = get_region(session, slug)
    decided1 = {r.candidature: r.decision for r in first.results}
    decided2 = {r.candidature: r.decision for r in second.results}
    count = len(first.results)
    late = sum(c.late for c in list_candidatures(session, slug))
    final = [decided2.get(c) or (d if d == "not_selected" else None) for c, d in decided1.items()]
    sheet.append(
        [
            region.name,
            count,
            late,
            sum(d == "shortlisted" for d in decided1.values()),
            final.count("selected"),
            final.count("reserve"),
            final.count("not_selected"),
            final.count(None),
            sum(r.disagreement for r in first.results + second.results),
            _method_label(first.method),
        ]
    )


def _region_sheets(
    workbook,
    session: Session,
    slug: str,  # type: ignore[no-untyped-def]
    results: tuple[RoundResults, RoundResults],
) -> None:
    region = get_region(session, slug)
    _overview(workbook, session, region.name, results)
    _criteria(workbook, session, slug, region.name, region.id)
    _scores(workbook, session, region.name, region.id)
    _conflicts(workbook, session, region.name, region.id)
    _decisions(workbook, session, region.name, region.id)
    _rebuttals(workbook, session, slug, region.name)
    _portfolio(workbook, session, slug, region.name, results)


def _overview(
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
            (_("Final score ({method})").format(method=_method_label(method)), 16, "score"),
            *[(_method_label(m), 14, "score") for m in [method, *others]],
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
                _yes(r.disagreement),
                "; ".join(r.knockout),
                len(r.missing),
                len(r.conflicts),
                outcome_label(r.proposed),
                _yes(r.candidature in round_results.sensitivity),
                outcome_label(r.decision) if r.decision else "",
                motivations.get((r.candidature, round_results.round), ""),
            ]
            marks = [r.disagreement and i in (9, 10, 11) for i in range(len(values))]
            sheet.append(values, marks)
    sheet.finish()


def _criteria(
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
            _yes(below),
        ]
        if below:
            sheet.append(values, True)
        else:
            sheet.append_fast(values)  # about 38,000 rows at Flanders scale
    sheet.finish()


def _scores(
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
    yes, no = _yes(True), _yes(False)
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


def _conflicts(
    workbook,
    session: Session,
    name: str,  # type: ignore[no-untyped-def]
    region_id: int,
) -> None:
    sheet = SheetWriter(
        workbook,
        f"{name} – {_('Conflicts')}",
        [
            (_("Juror"), 24, "text"),
            (_("Role"), 20, "text"),
            (_("No."), 7, "int"),
            (_("Organisation"), 32, "text"),
            (_("Reason"), 48, "text"),
            (_("Declared on"), 18, "datetime"),
            (_("Declared by"), 24, "text"),
        ],
    )
    for juror, role, cand, organisation, reason, at, by in session.execute(
        select(
            Juror.name,
            Juror.role,
            Conflict.candidature_id,
            Candidature.organisation,
            Conflict.reason,
            Conflict.declared_at,
            Conflict.declared_by,
        )
        .join(Juror, Juror.id == Conflict.juror_id)
        .join(Candidature, Candidature.id == Conflict.candidature_id)
        .where(Candidature.region_id == region_id)
        .order_by(Conflict.id)
    ):
        sheet.append([juror, role_label(role), cand, organisation, reason, at, by])
    sheet.finish()


def _decisions(
    workbook,
    session: Session,
    name: str,  # type: ignore[no-untyped-def]
    region_id: int,
) -> None:
    sheet = SheetWriter(
        workbook,
        f"{name} – {_('Decisions')}",
        [
            (_("Round"), 8, "int"),
            (_("No."), 7, "int"),
            (_("Organisation"), 32, "text"),
            (_("Decision"), 16, "text"),
            (_("Motivation"), 60, "text"),
            (_("Communicated on"), 14, "date"),
            (_("Recorded by"), 22, "text"),
            (_("Recorded on"), 18, "datetime"),
            (_("Deliberation note"), 48, "text"),
        ],
    )
    notes = dict(session.execute(select(Note.candidature_id, Note.text)).all())
    for d, organisation in session.execute(
        select(Decision, Candidature.organisation)
        .join(Candidature, Candidature.id == Decision.candidature_id)
        .where(Candidature.region_id == region_id)
        .order_by(Decision.round, Decision.candidature_id)
    ):
        sheet.append(
            [
                d.round,
                d.candidature_id,
                organisation,
                outcome_label(d.outcome),
                d.motivation,
                d.communicated_on,
                d.recorded_by,
                d.recorded_at,
                notes.get(d.candidature_id, ""),
            ]
        )
    sheet.finish()


def _rebuttals(workbook, session: Session, slug: str, name: str) -> None:  # type: ignore[no-untyped-def]
    sheet = SheetWriter(
        workbook,
        f"{name} – {_('Rebuttals')}",
        [
            (_("Round"), 8, "int"),
            (_("No."), 7, "int"),
            (_("Organisation"), 32, "text"),
            (_("Decision"), 16, "text"),
            (_("Communicated on"), 14, "date"),
            (_("Opens"), 18, "datetime"),
            (_("Last day"), 14, "date"),
            (_("Rule"), 60, "text"),
            (_("Warning"), 40, "text"),
            (_("Received on"), 18, "datetime"),
            (_("Late"), 8, "text"),
            (_("Re-assessment"), 16, "text"),
            (_("Rebuttal"), 60, "text"),
            (_("Motivation of the re-assessment"), 60, "text"),
        ],
    )
    for w in rebuttal_windows(session, slug):
        sheet.append(
            [
                w.round,
                w.candidature,
                w.organisation,
                outcome_label(w.outcome),
                w.communicated,
                w.opens,
                w.last_day,
                w.rule_text,
                w.warning,
                w.received_at,
                "" if w.late is None else _yes(w.late),
                reassessment_label(w.reassessment),
                "\n".join(x for x in (w.text, w.file) if x),
                w.reassessment_motivation,
            ],
            bool(w.late or w.warning),
        )
    sheet.finish()


def _portfolio(  # type: ignore[no-untyped-def]
    workbook, session: Session, slug: str, name: str, results: tuple[RoundResults, RoundResults]
) -> None:
    """Candidatures against the challenges, needs and sought expertise; the gaps of the
    current selection in the last row."""
    cov = coverage(session, slug, "all", results)
    columns = [
        (_("No."), 7, "int"),
        (_("Organisation"), 32, "text"),
        (_("State"), 16, "text"),
        (_("In the selection"), 10, "text"),
        (_("Score"), 8, "score"),
        (_("Requested budget"), 14, "money"),
        *[
            (_("Challenge {n}: {label}").format(n=n, label=label), 14, "text")
            for n, label in cov.challenges
        ],
        *[(label.split(" — ")[0][:80], 14, "text") for _key, label in cov.needs],
        *[(_("Expertise: {label}").format(label=label), 14, "text") for _n, label in cov.expertise],
    ]
    sheet = SheetWriter(workbook, f"{name} – {_('Portfolio')}", columns)
    for m in cov.members:
        sheet.append(
            [
                m.candidature,
                m.organisation,
                outcome_label(m.state) if m.state else "",
                _yes(m.candidature in cov.selection),
                m.score,
                float(m.budget) if m.budget is not None else None,
                *["x" if n in m.challenges else None for n, _l in cov.challenges],
                *["x" if k in m.needs else None for k, _l in cov.needs],
                *["x" if n in m.expertise else None for n, _l in cov.expertise],
            ]
        )
    gaps = (
        [n in cov.uncovered_challenges for n, _l in cov.challenges]
        + [k in cov.uncovered_needs for k, _l in cov.needs]
        + [n in cov.uncovered_expertise for n, _l in cov.expertise]
    )
    sheet.append(
        [
            None,
            _("Covered by the selection"),
            None,
            None,
            None,
            None,
            *[_("no") if gap else _("yes") for gap in gaps],
        ],
        [False] * 6 + gaps,
    )
    sheet.finish()
