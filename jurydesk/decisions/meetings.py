"""The jury's meeting: attendance and quorum, a chair and a secretary, the agenda in a
discussion order with a lead juror per item, the jurors who leave the room for an item, and
the close that seals the record (the audit head at closing goes into the proces-verbaal;
a later change is a new event after it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.audit import chain as audit
from jurydesk.errors import ScoringError
from jurydesk.i18n import _
from jurydesk.regions.service import get_region
from jurydesk.results.ranking import CandidatureResult, compute_results
from jurydesk.store.meeting_models import (
    AgendaItem,
    AgendaLeave,
    Attendance,
    Meeting,
    RegionJurySettings,
)
from jurydesk.store.models import Conflict, Juror, PanelMember, Region


class AgendaOrder(StrEnum):
    """The discussion orders. A new one (the funding-line band first, once the quality
    measures exist) is a member here and a function in ORDERS."""

    BY_RANK = "by_rank"
    DISAGREEMENT_FIRST = "disagreement_first"
    CONFLICTS_GROUPED = "conflicts_grouped"


def order_label(order: str) -> str:
    return {
        AgendaOrder.BY_RANK: _("by rank"),
        AgendaOrder.DISAGREEMENT_FIRST: _("disagreement first"),
        AgendaOrder.CONFLICTS_GROUPED: _("conflicts grouped"),
    }.get(order, order)  # type: ignore[call-overload]


def _by_rank(results: list[CandidatureResult]) -> list[CandidatureResult]:
    return list(results)  # compute_results orders them by rank already


def _disagreement_first(results: list[CandidatureResult]) -> list[CandidatureResult]:
    return sorted(results, key=lambda r: not r.disagreement)  # stable: by rank within


def _conflicts_grouped(results: list[CandidatureResult]) -> list[CandidatureResult]:
    """Items with the same conflicted jurors together: they leave the room once."""
    return sorted(results, key=lambda r: (bool(r.conflicts), tuple(r.conflicts)))


ORDERS: dict[str, Callable[[list[CandidatureResult]], list[CandidatureResult]]] = {
    AgendaOrder.BY_RANK: _by_rank,
    AgendaOrder.DISAGREEMENT_FIRST: _disagreement_first,
    AgendaOrder.CONFLICTS_GROUPED: _conflicts_grouped,
}


@dataclass(frozen=True)
class Leave:
    juror: int
    name: str
    reason: str


@dataclass(frozen=True)
class Item:
    position: int
    candidature: int
    lead: int | None
    leaves: list[Leave]


@dataclass(frozen=True)
class Attendee:
    juror: int
    name: str
    role: str
    organisation: str
    present: bool


@dataclass(frozen=True)
class MeetingInfo:
    id: int
    region: str
    region_name: str
    round: int
    held_on: date
    place: str
    chair: int | None
    secretary: str
    order: str
    attendance: list[Attendee]
    quorum: int
    agenda: list[Item]
    current: int | None
    opened_at: datetime
    closed_at: datetime | None
    audit_head: str
    audit_count: int

    @property
    def present(self) -> list[Attendee]:
        return [a for a in self.attendance if a.present]

    @property
    def quorum_met(self) -> bool:
        return len(self.present) >= self.quorum

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    def name(self, juror: int | None) -> str:
        return next((a.name for a in self.attendance if a.juror == juror), "")


def quorum_of(session: Session, region_id: int, round_: int) -> int:
    """The region's quorum, else more than half of the round's panel."""
    settings = session.get(RegionJurySettings, region_id)
    if settings is not None and settings.quorum is not None:
        return settings.quorum
    panel = session.scalars(
        select(PanelMember.juror_id).where(
            PanelMember.region_id == region_id, PanelMember.round == round_
        )
    ).all()
    return len(panel) // 2 + 1


def open_meeting(
    session: Session,
    actor: str,
    slug: str,
    round_: int,
    held_on: date,
    place: str,
    present: list[int],
    chair: int | None = None,
    secretary: str = "",
    order: str = AgendaOrder.BY_RANK,
) -> int:
    if round_ not in (1, 2):
        raise ScoringError(_("round {round} does not exist (1 or 2)").format(round=round_))
    if order not in ORDERS:
        raise ScoringError(
            _("'{order}' is not a discussion order (use {allowed})").format(
                order=order, allowed=", ".join(ORDERS)
            )
        )
    if not place.strip():
        raise ScoringError(_("a meeting needs a place"))
    region = get_region(session, slug)
    panel = list(
        session.scalars(
            select(PanelMember.juror_id)
            .where(PanelMember.region_id == region.id, PanelMember.round == round_)
            .order_by(PanelMember.juror_id)
        )
    )
    for juror in present:
        if juror not in panel:
            raise ScoringError(
                _("juror {juror} is not on the round {round} panel of {region}").format(
                    juror=juror, round=round_, region=region.name
                )
            )
    if not present:
        raise ScoringError(_("a meeting needs the jurors present (--present)"))
    if chair is not None and chair not in present:
        raise ScoringError(_("the chair (juror {juror}) is not present").format(juror=chair))
    meeting = Meeting(
        region_id=region.id,
        round=round_,
        held_on=held_on,
        place=place.strip(),
        chair_id=chair,
        secretary=secretary.strip(),
        order=str(order),
        opened_by=actor,
        opened_at=datetime.now(UTC),
    )
    session.add(meeting)
    session.flush()
    for juror in panel:
        session.add(Attendance(meeting_id=meeting.id, juror_id=juror, present=juror in present))
    results = ORDERS[order](compute_results(session, slug, round_).results)
    conflicts = _conflicts(session, [r.candidature for r in results])
    here = [j for j in panel if j in present]
    leads = 0
    for position, r in enumerate(results, start=1):
        free = [j for j in here if j not in conflicts.get(r.candidature, {})]
        lead = free[leads % len(free)] if free else None
        leads += lead is not None
        item = AgendaItem(
            meeting_id=meeting.id, candidature_id=r.candidature, position=position, lead_id=lead
        )
        session.add(item)
        session.flush()
        for juror, reason in conflicts.get(r.candidature, {}).items():
            if juror in present:  # a conflicted juror leaves the room for this item
                _leave(
                    session,
                    actor,
                    item,
                    juror,
                    _("conflict of interest: {reason}").format(reason=reason),
                )
    audit.record(
        session,
        actor,
        "meeting_open",
        "meeting",
        str(meeting.id),
        None,
        {
            "region": slug,
            "round": round_,
            "date": held_on.isoformat(),
            "place": meeting.place,
            "present": sorted(present),
            "chair": chair,
            "secretary": meeting.secretary,
            "order": str(order),
            "agenda": [r.candidature for r in results],
        },
    )
    return meeting.id


def _conflicts(session: Session, candidatures: list[int]) -> dict[int, dict[int, str]]:
    out: dict[int, dict[int, str]] = {}
    for juror, cand, reason in session.execute(
        select(Conflict.juror_id, Conflict.candidature_id, Conflict.reason).where(
            Conflict.candidature_id.in_(candidatures)
        )
    ):
        out.setdefault(cand, {})[juror] = reason
    return out


def _leave(session: Session, actor: str, item: AgendaItem, juror: int, reason: str) -> None:
    session.add(
        AgendaLeave(
            item_id=item.id,
            juror_id=juror,
            reason=reason,
            recorded_by=actor,
            recorded_at=datetime.now(UTC),
        )
    )


def _open(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise ScoringError(_("no meeting with id {id}").format(id=meeting_id))
    if meeting.closed_at is not None:
        raise ScoringError(_("meeting {id} is closed; its record is sealed").format(id=meeting_id))
    return meeting


def _item(session: Session, meeting_id: int, candidature_id: int) -> AgendaItem:
    item = session.scalar(
        select(AgendaItem).where(
            AgendaItem.meeting_id == meeting_id, AgendaItem.candidature_id == candidature_id
        )
    )
    if item is None:
        raise ScoringError(
            _("candidature {candidature} is not on the agenda of meeting {id}").format(
                candidature=candidature_id, id=meeting_id
            )
        )
    return item


def check_on_agenda(session: Session, meeting_id: int, candidature_id: int, round_: int) -> None:
    """A decision recorded in a meeting: the meeting is open, of that round, with the item."""
    meeting = _open(session, meeting_id)
    if meeting.round != round_:
        raise ScoringError(
            _("meeting {id} is a round {round} meeting").format(id=meeting_id, round=meeting.round)
        )
    _item(session, meeting_id, candidature_id)


def leave(
    session: Session, actor: str, meeting_id: int, juror: int, candidature_id: int, reason: str
) -> None:
    """A juror leaves the room for one item ("verlaat de zaal") and is absent for it."""
    _open(session, meeting_id)
    if not reason.strip():
        raise ScoringError(_("leaving the room needs a reason"))
    present = session.scalar(
        select(Attendance.present).where(
            Attendance.meeting_id == meeting_id, Attendance.juror_id == juror
        )
    )
    if not present:
        raise ScoringError(
            _("juror {juror} is not present at meeting {id}").format(juror=juror, id=meeting_id)
        )
    item = _item(session, meeting_id, candidature_id)
    done = session.scalar(
        select(AgendaLeave.id).where(AgendaLeave.item_id == item.id, AgendaLeave.juror_id == juror)
    )
    if done is not None:
        raise ScoringError(
            _("juror {juror} has left the room for this candidature already").format(juror=juror)
        )
    _leave(session, actor, item, juror, reason.strip())
    audit.record(
        session,
        actor,
        "meeting_leave",
        "meeting",
        f"{meeting_id}/{candidature_id}",
        None,
        {"juror": juror, "reason": reason.strip()},
    )


def set_current(session: Session, meeting_id: int, position: int) -> None:
    """The item the jury discusses now (the projector shows it)."""
    meeting = _open(session, meeting_id)
    meeting.current_item = position


def close_meeting(session: Session, actor: str, meeting_id: int) -> MeetingInfo:
    """Seal the record: the closing event's hash is the PV's audit head."""
    meeting = _open(session, meeting_id)
    info = meeting_info(session, meeting_id)
    from jurydesk.decisions.service import list_decisions

    decided = {
        d.candidature for d in list_decisions(session, meeting.region_id) if d.round == info.round
    }
    undecided = [i.candidature for i in info.agenda if i.candidature not in decided]
    meeting.closed_at, meeting.closed_by = datetime.now(UTC), actor
    digest = audit.record(
        session,
        actor,
        "meeting_close",
        "meeting",
        str(meeting_id),
        None,
        {"closed_at": meeting.closed_at.isoformat(), "undecided": undecided},
    )
    meeting.audit_head = digest
    meeting.audit_count = audit.head(session)[1]
    session.flush()
    return meeting_info(session, meeting_id)


def meeting_info(session: Session, meeting_id: int) -> MeetingInfo:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise ScoringError(_("no meeting with id {id}").format(id=meeting_id))
    region = session.get(Region, meeting.region_id)
    assert region is not None
    attendance = [
        Attendee(j.id, j.name, j.role, j.organisation, present)
        for j, present in session.execute(
            select(Juror, Attendance.present)
            .join(Attendance, Attendance.juror_id == Juror.id)
            .where(Attendance.meeting_id == meeting_id)
            .order_by(Juror.id)
        ).all()
    ]
    names = {a.juror: a.name for a in attendance}
    leaves: dict[int, list[Leave]] = {}
    for item_id, juror, reason in session.execute(
        select(AgendaLeave.item_id, AgendaLeave.juror_id, AgendaLeave.reason)
        .join(AgendaItem, AgendaItem.id == AgendaLeave.item_id)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(AgendaLeave.id)
    ):
        leaves.setdefault(item_id, []).append(Leave(juror, names.get(juror, str(juror)), reason))
    agenda = [
        Item(i.position, i.candidature_id, i.lead_id, leaves.get(i.id, []))
        for i in session.scalars(
            select(AgendaItem)
            .where(AgendaItem.meeting_id == meeting_id)
            .order_by(AgendaItem.position)
        )
    ]
    return MeetingInfo(
        id=meeting.id,
        region=region.slug,
        region_name=region.name,
        round=meeting.round,
        held_on=meeting.held_on,
        place=meeting.place,
        chair=meeting.chair_id,
        secretary=meeting.secretary,
        order=meeting.order,
        attendance=attendance,
        quorum=quorum_of(session, region.id, meeting.round),
        agenda=agenda,
        current=meeting.current_item,
        opened_at=meeting.opened_at,
        closed_at=meeting.closed_at,
        audit_head=meeting.audit_head,
        audit_count=meeting.audit_count,
    )


def list_meetings(session: Session, slug: str) -> list[MeetingInfo]:
    region = get_region(session, slug)
    ids = session.scalars(
        select(Meeting.id).where(Meeting.region_id == region.id).order_by(Meeting.id)
    )
    return [meeting_info(session, i) for i in ids]
