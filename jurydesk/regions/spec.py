"""The plain data of one region, as read from its file (no database, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

CALENDAR, WORKING = "calendar", "working"


@dataclass(frozen=True)
class RebuttalRule:
    """A region's weerwoord rule as its file states it (the window is computed in
    jurydesk.rebuttals.rule, which depends on this, not the other way round)."""

    days: int = 14
    receipt_delay: int = 0
    counting: str = CALENDAR
    # JuryDesk's setting, never the addendum's rule: a last day on a Saturday, Sunday or
    # Belgian public holiday moves to the next working day (art. 53 Ger.W., by analogy)
    weekend_shift: bool = True


TIMELINE_KEYS = (
    "launch",
    "candidature_deadline",
    "written_assessment",
    "pitches",
    "decision_communication",
    "rebuttal_deadline",  # the region's own weerwoord deadline (Dijleland+: a stated deviation)
    "rebuttal_phase_end",  # the end of the phase of receiving *and assessing* weerwoorden
)
EVENT_KINDS = ("moment", "deadline", "period", "from", "before", "days")
SUBMISSION_CHANNELS = ("email", "web")


@dataclass(frozen=True)
class ChallengeSpec:
    number: int
    personas: list[str]
    persona_text: str
    description: str
    questions: list[str]
    remark: str = ""


@dataclass(frozen=True)
class NeedSpec:
    key: str
    need: str
    service: str


@dataclass(frozen=True)
class ExclusionSpec:
    key: str
    label: str


@dataclass(frozen=True)
class EventSpec:
    """A timeline entry: ``start``/``end`` are aware Brussels moments, ``text`` the addendum's."""

    key: str
    label: str
    kind: str
    start: datetime
    end: datetime | None
    text: str
    all_day: bool
    note: str = ""
    days: list[date] = field(default_factory=list)
    possible_days: list[date] = field(default_factory=list)


@dataclass(frozen=True)
class ContactSpec:
    name: str
    email: str
    phone: str


@dataclass(frozen=True)
class SubmissionSpec:
    channel: str
    address: str
    subject: str | None
    text: str


@dataclass(frozen=True)
class RegionSpec:
    slug: str
    name: str
    title: str
    werkingsgebied: str
    municipalities: list[str]
    challenges_intro: str
    challenges: list[ChallengeSpec]
    enrichment_intro: str
    enrichment_heading: str
    enrichment: list[str]
    arena_intro: str
    needs: list[NeedSpec]
    local_input: list[str]
    focus_intro: str
    focus_expertise: list[str]
    exclusions_text: str
    exclusions: list[ExclusionSpec]
    timeline_notes: list[str]
    timeline: list[EventSpec]
    contacts_intro: str
    contacts: list[ContactSpec]
    submission: SubmissionSpec
    source_file: str
    source_sha256: str
    rebuttal: RebuttalRule = field(default_factory=RebuttalRule)
