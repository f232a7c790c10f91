"""The workbook's Consensus sheet: per candidature, round and criterion the jurors' aggregate,
the agreed score and its reason, the consensus text, and whether it is approved."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.decisions.consensus import consensus_rows
from jurydesk.exports.sheets.worksheet import SheetWriter
from jurydesk.i18n import _
from jurydesk.labels import yes_no
from jurydesk.store.models import Candidature


def consensus_sheet(workbook, session: Session, slug: str, name: str) -> None:  # type: ignore[no-untyped-def]
    sheet = SheetWriter(
        workbook,
        f"{name} – {_('Consensus')}",
        [
            (_("Round"), 8, "int"),
            (_("No."), 7, "int"),
            (_("Organisation"), 32, "text"),
            (_("Criterion"), 32, "text"),
            (_("Aggregate"), 12, "score"),
            (_("Consensus"), 12, "score"),
            (_("Reason"), 36, "text"),
            (_("Consensus text"), 70, "text"),
            (_("Approved"), 10, "text"),
            (_("Approved by"), 22, "text"),
        ],
    )
    rows = consensus_rows(session, slug)
    names = dict(
        session.execute(
            select(Candidature.id, Candidature.organisation).where(
                Candidature.id.in_([c for c, _r, _v in rows])
            )
        ).all()
    )
    for cand, round_, view in rows:
        for line in view.lines:
            sheet.append(
                [
                    round_,
                    cand,
                    names.get(cand, ""),
                    line.label,
                    line.aggregate,
                    line.agreed,
                    line.reason,
                    line.text,
                    yes_no(view.approved),
                    view.approved_by,
                ]
            )
    sheet.finish()
