"""Replaying the jury's meetings: what the minutes (the PV) print of each one — its region,
round, date, place, chair, secretary, order of discussion, who was present, the agenda and
when it was closed, and the audit head it prints — against the `meeting_open` and
`meeting_close` events."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jurydesk.audit.replay import Difference
from jurydesk.store.meeting_models import AgendaItem, Attendance, Meeting
from jurydesk.store.models import AuditEvent, Juror, Region

FIELDS = ("region", "round", "date", "place", "chair", "secretary", "order", "present", "agenda")


def _moment(value: Any) -> str | None:
    if value is None:
        return None
    try:
        when = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        return f"not a moment: {value!r}"
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC).isoformat()


class MeetingLog:
    def __init__(self) -> None:
        self.meetings: dict[str, dict[str, Any]] = {}

    def event(self, action: str, key: str, new: Any) -> None:
        if not isinstance(new, dict):
            return
        if action == "meeting_open":
            self.meetings[key] = {name: new.get(name) for name in FIELDS} | {"closed_at": None}
        elif action == "meeting_close" and key in self.meetings:
            self.meetings[key]["closed_at"] = _moment(new.get("closed_at"))


def _tables(session: Session) -> dict[str, dict[str, Any]]:
    present: dict[int, list[int]] = {}
    for meeting, juror in session.execute(
        select(Attendance.meeting_id, Attendance.juror_id).where(Attendance.present)
    ):
        present.setdefault(meeting, []).append(juror)
    agenda: dict[int, list[int]] = {}
    items = select(AgendaItem.meeting_id, AgendaItem.candidature_id).order_by(
        AgendaItem.meeting_id, AgendaItem.position
    )
    for meeting, candidature in session.execute(items):
        agenda.setdefault(meeting, []).append(candidature)
    slugs = dict(session.execute(select(Region.id, Region.slug)).all())
    sealed = _sealed(session)
    return {
        str(m.id): {
            "region": slugs.get(m.region_id),
            "round": m.round,
            "date": m.held_on.isoformat() if m.held_on else None,
            "place": m.place,
            "chair": m.chair_id,
            "secretary": m.secretary,
            "order": m.order,
            "present": sorted(present.get(m.id, [])),
            "agenda": agenda.get(m.id, []),
            "closed_at": _moment(m.closed_at),
            # the head the minutes print: the closing event's hash and the events up to it
            "sealed": [m.audit_head, m.audit_count] if m.closed_at else None,
            "sealed by": sealed.get(str(m.id)) if m.closed_at else None,
        }
        for m in session.scalars(select(Meeting))
    }


def _sealed(session: Session) -> dict[str, list[Any]]:
    """Per meeting, its closing event's hash and how many events the chain held then."""
    closing = select(AuditEvent.id, AuditEvent.entity_key, AuditEvent.hash).where(
        AuditEvent.action == "meeting_close"
    )
    out: dict[str, list[Any]] = {}
    for ident, key, digest in session.execute(closing):
        upto = session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.id <= ident))
        out[key] = [digest, int(upto or 0)]
    return out


def replay_meetings(session: Session, log: MeetingLog, out: Callable[[Difference], None]) -> int:
    """Compare each meeting's record with its events, field by field; returns the rows
    compared. A juror removed since (their attendance and chair gone with them) is no edit."""
    jurors = set(session.scalars(select(Juror.id)))
    table = _tables(session)
    for key, ours in table.items():
        theirs = log.meetings.get(key)
        if theirs is None:
            out(Difference("meeting", key, "no event", ours, None))
            continue
        theirs = dict(theirs)
        theirs["present"] = sorted(j for j in theirs["present"] or [] if j in jurors)
        if theirs["chair"] not in jurors:
            theirs["chair"] = None
        theirs["sealed"] = ours.pop("sealed by")
        for name, value in ours.items():
            if theirs.get(name) != value:
                out(Difference("meeting", f"{key}/{name}", "differs", value, theirs.get(name)))
    for key in log.meetings.keys() - table.keys():
        out(Difference("meeting", key, "missing", None, log.meetings[key]))
    return len(table)
