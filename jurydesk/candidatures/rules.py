"""What a region's data says about a candidature: valid references and the computed flags."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.regions.service import get_region
from jurydesk.store.models import Challenge, Exclusion, FocusExpertise, Need, TimelineEvent
from jurydesk.timeutil import to_brussels

FLAG_LATE = "late"
FLAG_ONLY_EXCLUDED = "only_excluded_services"
FLAG_NO_CHALLENGE = "no_challenges"
# received before the call was launched: a wrong clock or a forged date, never "on time"
FLAG_BEFORE_LAUNCH = "before_launch"
FLAGS = (FLAG_LATE, FLAG_BEFORE_LAUNCH, FLAG_ONLY_EXCLUDED, FLAG_NO_CHALLENGE)


def normalise(text: str) -> str:
    """Case-, width- and spacing-insensitive form used to match names."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


_UNDECOMPOSED = str.maketrans(
    {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe"}
)


def search_key(text: str) -> str:
    """``normalise`` without diacritics, so that 'sukru yilmaz' finds 'Şükrü Yılmaz'."""
    decomposed = unicodedata.normalize("NFKD", normalise(text))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_UNDECOMPOSED)


@dataclass(frozen=True)
class RegionRules:
    slug: str
    region_id: int
    name: str
    deadline: datetime | None
    channel: str
    challenge_numbers: frozenset[int]
    expertise: tuple[str, ...] = ()  # the region's sought expertise, numbered from 1
    funded: dict[str, str] = field(default_factory=dict)  # key -> need text
    excluded: dict[str, str] = field(default_factory=dict)  # key -> label
    launch: datetime | None = None  # the call's launch (the timeline's "launch" event)

    def service_key(self, text: str) -> str | None:
        """The service type a text names: its key, its need text or its excluded label."""
        return self._service_names.get(normalise(text))

    @cached_property
    def _service_names(self) -> dict[str, str]:
        """Every name of a service type -> its key, the first type's where two share a name
        (normalised once per import, not for every row)."""
        names: dict[str, str] = {}
        for key, label in (*self.funded.items(), *self.excluded.items()):
            # "bijkomende …" is how the addendum names an excluded service; without it too
            for name in (key, normalise(label), normalise(label).removeprefix("bijkomende ")):
                names.setdefault(name, key)
        return names

    def is_late(self, received_at: datetime) -> bool:
        """Late when received after the deadline's minute: "om 23u59" runs until 23:59:59."""
        if self.deadline is None:
            return False
        return received_at.replace(second=0, microsecond=0) > self.deadline

    def is_before_launch(self, received_at: datetime) -> bool:
        """Received before the call existed (its launch day, Brussels time)."""
        if self.launch is None:
            return False
        return to_brussels(received_at).date() < self.launch.date()

    def flags(self, received_at: datetime, challenges: list[int], services: list[str]) -> list[str]:
        out = []
        if self.is_late(received_at):
            out.append(FLAG_LATE)
        if self.is_before_launch(received_at):
            out.append(FLAG_BEFORE_LAUNCH)
        if services and all(s in self.excluded for s in services):
            out.append(FLAG_ONLY_EXCLUDED)
        if not any(n in self.challenge_numbers for n in challenges):
            out.append(FLAG_NO_CHALLENGE)
        return out


def region_rules(session: Session, slug: str) -> RegionRules:
    region = get_region(session, slug)
    numbers = session.scalars(select(Challenge.number).where(Challenge.region_id == region.id))
    needs = session.execute(
        select(Need.key, Need.need).where(Need.region_id == region.id).order_by(Need.position)
    )
    excluded = session.execute(
        select(Exclusion.key, Exclusion.label).where(Exclusion.region_id == region.id)
    )
    deadline = session.scalar(
        select(TimelineEvent.start).where(
            TimelineEvent.region_id == region.id, TimelineEvent.key == "candidature_deadline"
        )
    )
    if deadline is not None:
        deadline = to_brussels(deadline).replace(second=0, microsecond=0)
    launch = session.scalar(
        select(TimelineEvent.start).where(
            TimelineEvent.region_id == region.id, TimelineEvent.key == "launch"
        )
    )
    return RegionRules(
        slug=region.slug,
        region_id=region.id,
        name=region.name,
        deadline=deadline,
        channel=region.submission_channel,
        challenge_numbers=frozenset(numbers),
        expertise=tuple(
            session.scalars(
                select(FocusExpertise.text)
                .where(FocusExpertise.region_id == region.id)
                .order_by(FocusExpertise.position)
            )
        ),
        funded={key: text for key, text in needs},
        excluded={key: text for key, text in excluded},
        launch=to_brussels(launch) if launch is not None else None,
    )
