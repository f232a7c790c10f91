"""Rebuttal windows per decision, and the intake and re-assessment of a weerwoord."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.audit import chain as audit
from jurydesk.errors import ScoringError
from jurydesk.i18n import _, format_long_date
from jurydesk.rebuttals.rule import (
    RULE_REGION,
    RebuttalRule,
    Window,
    window,
)
from jurydesk.regions.service import get_region, region_detail
from jurydesk.regions.spec import EventSpec, RegionSpec
from jurydesk.store.models import Candidature, Decision, Rebuttal
from jurydesk.timeutil import local, to_brussels

UPHELD, REJECTED = "upheld", "rejected"


@dataclass(frozen=True)
class RebuttalWindow:
    candidature: int
    organisation: str
    round: int
    outcome: str
    communicated: date
    opens: datetime
    closes: datetime
    last_day: date
    rule: str
    rule_text: str
    received_at: datetime | None = None
    late: bool | None = None
    reassessment: str | None = None
    reassessment_motivation: str = ""
    text: str = ""
    file: str = ""
    warning: str = ""  # the window runs past the region's weerwoord phase, or leaves no time


def phase_end(spec: RegionSpec) -> datetime | None:
    """The end of the phase of receiving and assessing weerwoorden, if the addendum gives one."""
    event = next((e for e in spec.timeline if e.key == "rebuttal_phase_end"), None)
    if event is None:
        return None
    if event.kind == "before":
        return to_brussels(event.start)
    return local(to_brussels(event.end or event.start).date() + timedelta(days=1))


def phase_warning(spec: RegionSpec, closes: datetime) -> str:
    """A warning when a window closes after, or less than a day before, the phase end."""
    end = phase_end(spec)
    if end is None or closes + timedelta(days=1) <= end:
        return ""
    event = next(e for e in spec.timeline if e.key == "rebuttal_phase_end")
    if closes > end:
        return _("the window ends after the weerwoord phase of the addendum ({text})").format(
            text=event.text
        )
    return _("the window leaves no time to assess before the end of the phase ({text})").format(
        text=event.text
    )


def reassessment_label(outcome: str | None) -> str:
    """'gegrond' / 'ongegrond', or "" while the rebuttal waits for its re-assessment."""
    return {UPHELD: _("upheld"), REJECTED: _("rejected")}.get(outcome or "", "")


def explicit_closes(spec: RegionSpec) -> datetime | None:
    """The region's own weerwoord deadline as an exclusive moment, if it has one."""
    event: EventSpec | None = next((e for e in spec.timeline if e.key == "rebuttal_deadline"), None)
    if event is None:
        return None
    moment = event.end or event.start
    if event.kind == "before":
        return to_brussels(event.start)
    if event.all_day:
        return local(to_brussels(moment).date() + timedelta(days=1))
    return to_brussels(moment) + timedelta(minutes=1)  # "om 23u59" covers that minute


def _unit(rule: RebuttalRule) -> str:
    return _("calendar days") if rule.counting == "calendar" else _("working days")


def rule_text(spec: RegionSpec, w: Window) -> str:
    """How the window was reckoned, for the secretariat (views, exports, --json)."""
    rule = spec.rebuttal
    if w.rule == RULE_REGION:
        event = next(e for e in spec.timeline if e.key == "rebuttal_deadline")
        return _(
            "the local addendum's weerwoord deadline ({text}), later than the {days} {unit}"
        ).format(text=event.text, days=rule.days, unit=_unit(rule))
    text = _("{days} {unit} from the day after receipt of the decision").format(
        days=rule.days, unit=_unit(rule)
    )
    if w.shifted:
        text += "; " + _(
            "the last day fell on a Saturday, Sunday or public holiday and moved to the next "
            "working day (JuryDesk setting, art. 53 Ger.W. by analogy)"
        )
    return text


def letter_rule(spec: RegionSpec, w: Window) -> str:
    """The sentence a letter says about its window: plain facts, the addendum quoted."""
    rule = spec.rebuttal
    if w.rule == RULE_REGION:
        event = next(e for e in spec.timeline if e.key == "rebuttal_deadline")
        return _(
            "This is later than the general period of {days} {unit}. The local addendum "
            "states: “{label} {text}”."
        ).format(days=rule.days, unit=_unit(rule), label=event.label, text=event.text)
    text = _("The period counts {days} {unit} and starts on {opens}.").format(
        days=rule.days, unit=_unit(rule), opens=format_long_date(w.opens.date())
    )
    if w.shifted:
        text += " " + _(
            "Its last day falls on a Saturday, Sunday or public holiday, so it runs until "
            "the next working day."
        )
    return text


def communication_warning(spec: RegionSpec, communicated: date) -> str:
    """A warning when a decision is communicated after the addendum's date for it."""
    event = next((e for e in spec.timeline if e.key == "decision_communication"), None)
    if event is None:
        return ""
    bound = to_brussels(event.start).date()
    if event.kind != "before":
        bound += timedelta(days=1)
    if communicated < bound:
        return ""
    return _(
        "communicated on {date}, later than the addendum's date for communicating the "
        "decision ({text})"
    ).format(date=format_long_date(communicated), text=event.text)


def window_warning(spec: RegionSpec, communicated: date, w: Window) -> str:
    """Every warning about one decision's window: late communication, the weerwoord phase."""
    parts = [communication_warning(spec, communicated), phase_warning(spec, w.closes)]
    return "; ".join(p for p in parts if p)


def letter_outcomes(round_: int) -> tuple[str, ...]:
    """The decisions that get a letter: every outcome (round 1: the invitation to the pitch
    or not selected; round 2: selected, not selected, reserve)."""
    return (
        ("not_selected", "shortlisted") if round_ == 1 else ("selected", "not_selected", "reserve")
    )


def rebuttable_outcomes(round_: int) -> tuple[str, ...]:
    """The decisions a candidate may rebut: every letter except a selection or an invitation
    to the pitch."""
    return tuple(o for o in letter_outcomes(round_) if o not in ("selected", "shortlisted"))


def window_for(spec: RegionSpec, communicated: date) -> Window:
    return window(communicated, spec.rebuttal, explicit_closes(spec))


def rebuttal_windows(
    session: Session,
    slug: str,
    round_: int | None = None,
) -> list[RebuttalWindow]:
    spec = region_detail(session, slug)
    region = get_region(session, slug)
    received = {
        (r.candidature_id, r.round): r
        for r in session.scalars(
            select(Rebuttal)
            .join(Candidature, Candidature.id == Rebuttal.candidature_id)
            .where(Candidature.region_id == region.id)
        )
    }
    rows = session.execute(
        select(Decision, Candidature.organisation)
        .join(Candidature, Candidature.id == Decision.candidature_id)
        .where(Candidature.region_id == region.id, Decision.communicated_on.is_not(None))
        .order_by(Decision.round, Decision.candidature_id)
    )
    out = []
    for decision, organisation in rows:
        if round_ is not None and decision.round != round_:
            continue
        if decision.outcome not in rebuttable_outcomes(decision.round):
            continue
        w = window_for(spec, decision.communicated_on)
        got = received.get((decision.candidature_id, decision.round))
        out.append(
            RebuttalWindow(
                candidature=decision.candidature_id,
                organisation=organisation,
                round=decision.round,
                outcome=decision.outcome,
                communicated=decision.communicated_on,
                opens=w.opens,
                closes=w.closes,
                last_day=w.last_day,
                rule=w.rule,
                rule_text=rule_text(spec, w),
                received_at=to_brussels(got.received_at) if got else None,
                late=(got.received_at >= w.closes) if got else None,
                reassessment=got.outcome if got else None,
                reassessment_motivation=got.outcome_motivation if got else "",
                text=got.text if got else "",
                file=got.file if got else "",
                warning=window_warning(spec, decision.communicated_on, w),
            )
        )
    return out


def window_of(session: Session, candidature_id: int, round_: int) -> RebuttalWindow:
    candidature = session.get(Candidature, candidature_id)
    if candidature is None:
        raise ScoringError(_("no candidature with id {id}").format(id=candidature_id))
    slug = candidature.region.slug
    for w in rebuttal_windows(session, slug, round_):
        if w.candidature == candidature_id:
            return w
    raise ScoringError(
        _(
            "candidature {candidature} has no communicated round {round} decision "
            "that can be rebutted"
        ).format(candidature=candidature_id, round=round_)
    )


def record_rebuttal(
    session: Session,
    actor: str,
    candidature_id: int,
    round_: int,
    received_at: datetime,
    text: str = "",
    file: str = "",
) -> RebuttalWindow:
    """Record a received weerwoord (text and/or a file); a late one is flagged, not refused."""
    if received_at.tzinfo is None:
        raise ScoringError(_("the time of receipt needs a time zone"))
    if not text.strip() and not file.strip():
        raise ScoringError(_("a rebuttal needs its text or a file"))
    window_of(session, candidature_id, round_)
    row = session.scalar(
        select(Rebuttal).where(Rebuttal.candidature_id == candidature_id, Rebuttal.round == round_)
    )
    if row is not None:
        raise ScoringError(_("a rebuttal of this decision is recorded already"))
    session.add(
        Rebuttal(
            candidature_id=candidature_id,
            round=round_,
            received_at=received_at.astimezone(UTC),
            text=text.strip(),
            file=file.strip(),
            recorded_by=actor,
        )
    )
    session.flush()
    audit.record(
        session,
        actor,
        "rebuttal",
        "rebuttal",
        f"{candidature_id}/{round_}",
        None,
        {"received_at": received_at.isoformat(), "text": text.strip(), "file": file.strip()},
    )
    return window_of(session, candidature_id, round_)


def reassess(
    session: Session,
    actor: str,
    candidature_id: int,
    round_: int,
    outcome: str,
    motivation: str,
    decided_at: datetime | None = None,
) -> None:
    """Record the re-assessment: the rebuttal is upheld (the decision changes) or rejected."""
    if outcome not in (UPHELD, REJECTED):
        raise ScoringError(_("'{outcome}' is not upheld or rejected").format(outcome=outcome))
    if not motivation.strip():
        raise ScoringError(_("a re-assessment needs a motivation"))
    row = session.scalar(
        select(Rebuttal).where(Rebuttal.candidature_id == candidature_id, Rebuttal.round == round_)
    )
    if row is None:
        raise ScoringError(
            _("no rebuttal recorded for candidature {candidature} in round {round}").format(
                candidature=candidature_id, round=round_
            )
        )
    old = {"outcome": row.outcome, "motivation": row.outcome_motivation}
    row.outcome, row.outcome_motivation = outcome, motivation.strip()
    if decided_at is not None and decided_at.tzinfo is None:
        raise ScoringError(_("the time of the re-assessment needs a time zone"))
    row.decided_at = (decided_at or datetime.now(UTC)).astimezone(UTC)
    audit.record(
        session,
        actor,
        "reassess",
        "rebuttal",
        f"{candidature_id}/{round_}",
        old,
        {
            "outcome": outcome,
            "motivation": motivation.strip(),
            "decided_at": row.decided_at.isoformat(),  # the final letter's date
        },
    )


def describe_window(w: RebuttalWindow | Window) -> str:
    """The window's last moment: '3 juli 2023 om 24:00'."""
    return _("{last} at 24:00").format(last=format_long_date(w.last_day))


__all__ = ["REJECTED", "UPHELD", "RebuttalRule", "RebuttalWindow", "rebuttal_windows"]
