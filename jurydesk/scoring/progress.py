"""How far each juror is, per region and round: assigned, scored, finalised, the declaration,
and the pack's way out and back (from the audit log: when it was exported, when the latest
return came in). What Jury › Voortgang shows and the reminders are built on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jurydesk.jury.declarations import declarations
from jurydesk.regions.service import get_region
from jurydesk.scoring.worklist import worklist
from jurydesk.store.models import AuditEvent, Juror, PanelMember


@dataclass(frozen=True)
class JurorProgress:
    juror: int
    name: str
    email: str
    assigned: int
    scored: int  # every criterion scored
    finalised: int
    declaration: datetime | None
    declaration_how: str
    pack_exported: datetime | None
    return_received: datetime | None

    @property
    def open_work(self) -> int:
        return self.assigned - self.finalised

    @property
    def needs_reminder(self) -> bool:
        return self.declaration is None or self.open_work > 0


def _latest(session: Session, action: str, key_of: str) -> dict[int, datetime]:
    out: dict[int, datetime] = {}
    for key, at in session.execute(
        select(AuditEvent.entity_key, func.max(AuditEvent.at))
        .where(AuditEvent.action == action)
        .group_by(AuditEvent.entity_key)
    ):
        head = key.split("/")[0] if key_of == "first" else key
        if head.isdigit():
            juror = int(head)
            out[juror] = max(at, out.get(juror, at))
    return out


def progress(session: Session, slug: str, round_: int) -> list[JurorProgress]:
    region = get_region(session, slug)
    signed = {d.juror: d for d in declarations(session, slug)}
    exported = _latest(session, "pack_export", "whole")
    returned = _latest(session, "pack_import", "first")
    rows = []
    for juror in session.scalars(
        select(Juror)
        .join(PanelMember, PanelMember.juror_id == Juror.id)
        .where(PanelMember.region_id == region.id, PanelMember.round == round_)
        .order_by(Juror.id)
    ):
        items = worklist(session, juror.id, slug, round_)
        declared = signed.get(juror.id)
        rows.append(
            JurorProgress(
                juror.id,
                juror.name,
                juror.email,
                len(items),
                sum(1 for i in items if i.scored >= i.criteria),
                sum(1 for i in items if i.finalized),
                declared.signed_at if declared else None,
                declared.how if declared else "",
                exported.get(juror.id),
                returned.get(juror.id),
            )
        )
    return rows
