"""The running order of a region's pitches: slots over the region's pitch days.

The settings (start, slot lengths, changeover, a break, end of day) and the order are stored
per region in the settings table; the default order is the round-1 ranking.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.audit import chain as audit
from jurydesk.audit.replay_tracked import TIMER
from jurydesk.i18n import _
from jurydesk.regions.service import get_region, region_detail
from jurydesk.results.ranking import compute_results
from jurydesk.store.models import WITHDRAWN, Candidature, Decision, Setting
from jurydesk.timeutil import BRUSSELS


class PitchError(ValueError):
    pass


@dataclass
class PitchSettings:
    start: str = "09:00"
    presentation_minutes: int = 10
    questions_minutes: int = 10
    changeover_minutes: int = 5
    break_start: str = "12:00"
    break_minutes: int = 45
    day_end: str = "17:00"
    warning_seconds: int = 60
    sound: bool = True
    place: str = ""  # where the pitches are held (the invitation letters print it)
    # the invitations print these only when set: minutes before the slot a candidate is
    # expected (0: not said) and how many people may come (0: not said)
    arrival_minutes: int = 0
    party_size: int = 0

    def validate(self) -> None:
        for name in ("start", "break_start", "day_end"):
            try:
                time.fromisoformat(getattr(self, name))
            except ValueError:
                raise PitchError(
                    _("{field}: '{value}' is not a time like 09:30").format(
                        field=name, value=getattr(self, name)
                    )
                ) from None
        for name in (
            "presentation_minutes",
            "questions_minutes",
            "changeover_minutes",
            "break_minutes",
            "warning_seconds",
            "arrival_minutes",
            "party_size",
        ):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 0 or value > 600:
                raise PitchError(
                    _("{field}: {value} is not between 0 and 600").format(field=name, value=value)
                )
        if self.presentation_minutes + self.questions_minutes == 0:
            raise PitchError(_("a pitch needs some time"))
        if time.fromisoformat(self.day_end) <= time.fromisoformat(self.start):
            raise PitchError(_("the day ends before it starts"))

    @property
    def slot(self) -> timedelta:
        return timedelta(minutes=self.presentation_minutes + self.questions_minutes)


@dataclass(frozen=True)
class Slot:
    candidature: int
    organisation: str
    day: date
    start: datetime
    end: datetime


@dataclass
class RunningOrder:
    settings: PitchSettings
    days: list[date]
    slots: list[Slot] = field(default_factory=list)
    overflow: list[int] = field(default_factory=list)  # candidatures that did not fit


def _key(slug: str, what: str) -> str:
    return f"pitch:{slug}:{what}"


def load_settings(session: Session, slug: str) -> PitchSettings:
    row = session.get(Setting, _key(slug, "settings"))
    if row is None:
        return PitchSettings()
    known = PitchSettings.__dataclass_fields__
    return PitchSettings(**{k: v for k, v in json.loads(row.value).items() if k in known})


def save_settings(
    session: Session, slug: str, settings: PitchSettings, actor: str | None = None
) -> None:
    """Store the settings; a change of the timer (the slots the invitations print) is a
    ``pitch_timer`` event (the place, arrival and party size are the region settings')."""
    get_region(session, slug)
    settings.validate()
    row = session.get(Setting, _key(slug, "settings"))
    try:
        stored = json.loads(row.value) if row is not None else {}
    except ValueError:  # (edited in the file: the event says what it held before)
        stored = {"unreadable": row.value if row is not None else None}
    stored = stored if isinstance(stored, dict) else {}
    new = asdict(settings)
    before = {name: stored.get(name) for name in TIMER}
    after = {name: new[name] for name in TIMER}
    session.merge(Setting(key=_key(slug, "settings"), value=json.dumps(new)))
    if before != after:
        who = actor or audit.secretariat_actor()
        audit.record(session, who, "pitch_timer", "region", slug, before, after)


def chosen_days(session: Session, slug: str) -> list[date]:
    """The pitch days the secretariat set in the region settings (empty: the addendum's)."""
    row = session.get(Setting, _key(slug, "days"))
    return [date.fromisoformat(d) for d in json.loads(row.value)] if row else []


def set_days(session: Session, slug: str, days: list[date]) -> None:
    get_region(session, slug)
    if days:
        value = json.dumps(sorted({d.isoformat() for d in days}))
        session.merge(Setting(key=_key(slug, "days"), value=value))
    else:
        row = session.get(Setting, _key(slug, "days"))
        if row is not None:
            session.delete(row)


def pitch_days(session: Session, slug: str) -> list[date]:
    """The region's pitch days: those set by the secretariat, else the addendum's firm ones,
    then the possible ones (or the start day)."""
    chosen = chosen_days(session, slug)
    if chosen:
        return chosen
    spec = region_detail(session, slug)
    event = next((e for e in spec.timeline if e.key == "pitches"), None)
    if event is None:
        return []
    if event.days or event.possible_days:
        return sorted({*event.days, *event.possible_days})
    # "vanaf 28 juni 2023" names one known day; further days are the secretariat's choice
    # (Jury › Instellingen van het gebied › Pitchdagen), never invented here
    return [event.start.astimezone(BRUSSELS).date()]


def shortlisted(session: Session, slug: str) -> dict[int, str]:
    region = get_region(session, slug)
    return {
        cand: name
        for cand, name in session.execute(
            select(Candidature.id, Candidature.organisation)
            .join(Decision, (Decision.candidature_id == Candidature.id) & (Decision.round == 1))
            .where(
                Candidature.region_id == region.id,
                Candidature.status != WITHDRAWN,
                Decision.outcome == "shortlisted",
            )
        )
    }


def load_order(session: Session, slug: str) -> list[int]:
    """The stored order, kept in step with the shortlist; by default the round-1 ranking."""
    going = shortlisted(session, slug)
    row = session.get(Setting, _key(slug, "order"))
    stored = [c for c in json.loads(row.value) if c in going] if row else []
    if not stored:
        ranking = [r.candidature for r in compute_results(session, slug, 1).results]
        stored = [c for c in ranking if c in going]
    return stored + sorted(c for c in going if c not in stored)


def save_order(session: Session, slug: str, order: list[int], actor: str | None = None) -> None:
    """Store the running order (it sets each candidate's slot): a ``pitch_order`` event."""
    going = shortlisted(session, slug)
    if sorted(order) != sorted(going):
        raise PitchError(
            _("the running order must hold exactly the candidatures that go to the pitch")
        )
    row = session.get(Setting, _key(slug, "order"))
    before = row.value if row is not None else None
    value = json.dumps(order)
    session.merge(Setting(key=_key(slug, "order"), value=value))
    if before != value:
        who = actor or audit.secretariat_actor()
        audit.record(session, who, "pitch_order", "region", slug, None, {"order": order})


def plan(order: list[tuple[int, str]], days: list[date], settings: PitchSettings) -> RunningOrder:
    """Slots one after another, skipping the break, moving to the next day at the day's end."""
    settings.validate()
    result = RunningOrder(settings, list(days))
    if not days:
        result.overflow = [c for c, _name in order]
        return result
    changeover = timedelta(minutes=settings.changeover_minutes)
    queue = list(order)
    for day in days:
        moment = datetime.combine(day, time.fromisoformat(settings.start), BRUSSELS)
        end = datetime.combine(day, time.fromisoformat(settings.day_end), BRUSSELS)
        pause = datetime.combine(day, time.fromisoformat(settings.break_start), BRUSSELS)
        pause_end = pause + timedelta(minutes=settings.break_minutes)
        while queue:
            if moment < pause_end and moment + settings.slot > pause and settings.break_minutes:
                moment = max(moment, pause_end)
            if moment + settings.slot > end:
                break
            cand, name = queue.pop(0)
            result.slots.append(Slot(cand, name, day, moment, moment + settings.slot))
            moment += settings.slot + changeover
        if not queue:
            break
    result.overflow = [c for c, _name in queue]
    return result


def running_order(session: Session, slug: str) -> RunningOrder:
    names = shortlisted(session, slug)
    order = load_order(session, slug)
    return plan(
        [(c, names[c]) for c in order], pitch_days(session, slug), load_settings(session, slug)
    )
