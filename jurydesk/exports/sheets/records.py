"""A region's record sheets in the results workbook: conflicts of interest, decisions,
rebuttal windows and the portfolio against the region's challenges and needs."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.decisions.service import outcome_label
from jurydesk.exports.sheets.worksheet import SheetWriter
from jurydesk.i18n import _
from jurydesk.jury.service import role_label
from jurydesk.labels import yes_no
from jurydesk.portfolio.coverage import coverage
from jurydesk.rebuttals.service import reassessment_label, rebuttal_windows
from jurydesk.results.ranking import RoundResults
from jurydesk.store.models import (
    Candidature,
    Conflict,
    Decision,
    Juror,
    Note,
)


def conflicts_sheet(
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


def decisions_sheet(
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


def rebuttals_sheet(workbook, session: Session, slug: str, name: str) -> None:  # type: ignore[no-untyped-def]
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
                "" if w.late is None else yes_no(w.late),
                reassessment_label(w.reassessment),
                "\n".join(x for x in (w.text, w.file) if x),
                w.reassessment_motivation,
            ],
            bool(w.late or w.warning),
        )
    sheet.finish()


def portfolio_sheet(  # type: ignore[no-untyped-def]
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
                yes_no(m.candidature in cov.selection),
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
