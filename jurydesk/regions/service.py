"""Region services: install a region from its file, list regions, read one back in full."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from jurydesk.audit.chain import record, secretariat_actor
from jurydesk.audit.replay_tracked import addendum, tracked
from jurydesk.regions.loader import load_region_file
from jurydesk.regions.spec import (
    ChallengeSpec,
    ContactSpec,
    EventSpec,
    ExclusionSpec,
    NeedSpec,
    RebuttalRule,
    RegionSpec,
    SubmissionSpec,
)
from jurydesk.store import Store
from jurydesk.store.models import (
    Candidature,
    Challenge,
    Contact,
    EnrichmentPoint,
    Exclusion,
    FocusExpertise,
    Municipality,
    Need,
    Region,
    Setting,
    TimelineEvent,
)
from jurydesk.timeutil import to_brussels


class RegionError(ValueError):
    """A region action that cannot be done; the message says why."""


@dataclass(frozen=True)
class RegionSummary:
    slug: str
    name: str
    challenges: int
    candidatures: int


def install_region(session: Session, spec: RegionSpec, *, replace: bool = False) -> str:
    """Add a region from its spec; with ``replace`` update an existing one in place.

    Returns ``"added"`` or ``"updated"``. Updating keeps the candidatures, so it refuses a file
    that drops a challenge number or service type that a candidature still refers to.
    """
    region = session.scalar(select(Region).where(Region.slug == spec.slug))
    if region is not None and not replace:
        raise RegionError(f"region '{spec.slug}' exists already; use --replace to update it")
    if region is None:
        region = Region(slug=spec.slug)
        session.add(region)
        outcome = "added"
    else:
        _check_update_keeps_references(session, region, spec)
        _clear_parts(region)
        session.flush()  # delete the old rows before their replacements meet unique keys
        outcome = "updated"
    _fill(region, spec)
    session.flush()
    return outcome


def _check_update_keeps_references(session: Session, region: Region, spec: RegionSpec) -> None:
    numbers = {c.number for c in spec.challenges}
    services = {n.key for n in spec.needs} | {e.key for e in spec.exclusions}
    rows = session.execute(
        select(Candidature.organisation, Candidature.challenges, Candidature.services).where(
            Candidature.region_id == region.id
        )
    )
    for organisation, challenges, offered in rows:
        lost = [str(n) for n in challenges if n not in numbers]
        lost += [s for s in offered if s not in services]
        if lost:
            raise RegionError(
                f"the new file for '{spec.slug}' drops {', '.join(lost)}, "
                f"still used by the candidature of {organisation}"
            )


def _clear_parts(region: Region) -> None:
    for collection in (
        region.municipalities,
        region.challenges,
        region.needs,
        region.enrichment,
        region.exclusions,
        region.focus_expertise,
        region.timeline,
        region.contacts,
    ):
        collection.clear()


def _fill(region: Region, spec: RegionSpec) -> None:
    region.name = spec.name
    region.title = spec.title
    region.werkingsgebied = spec.werkingsgebied
    region.challenges_intro = spec.challenges_intro
    region.enrichment_intro = spec.enrichment_intro
    region.enrichment_heading = spec.enrichment_heading
    region.arena_intro = spec.arena_intro
    region.local_input = list(spec.local_input)
    region.focus_intro = spec.focus_intro
    region.exclusions_text = spec.exclusions_text
    region.timeline_notes = list(spec.timeline_notes)
    region.contacts_intro = spec.contacts_intro
    region.submission_channel = spec.submission.channel
    region.submission_address = spec.submission.address
    region.submission_subject = spec.submission.subject
    region.submission_text = spec.submission.text
    region.source_file = spec.source_file
    region.source_sha256 = spec.source_sha256
    region.rebuttal_days = spec.rebuttal.days
    region.rebuttal_receipt_delay = spec.rebuttal.receipt_delay
    region.rebuttal_counting = spec.rebuttal.counting
    region.municipalities = [
        Municipality(position=i, name=name) for i, name in enumerate(spec.municipalities)
    ]
    region.challenges = [
        Challenge(
            number=c.number,
            personas=list(c.personas),
            persona_text=c.persona_text,
            description=c.description,
            questions=list(c.questions),
            remark=c.remark,
        )
        for c in spec.challenges
    ]
    region.needs = [
        Need(position=i, key=n.key, need=n.need, service=n.service)
        for i, n in enumerate(spec.needs)
    ]
    region.enrichment = [EnrichmentPoint(position=i, text=t) for i, t in enumerate(spec.enrichment)]
    region.exclusions = [
        Exclusion(position=i, key=e.key, label=e.label) for i, e in enumerate(spec.exclusions)
    ]
    region.focus_expertise = [
        FocusExpertise(position=i, text=t) for i, t in enumerate(spec.focus_expertise)
    ]
    region.timeline = [
        TimelineEvent(
            position=i,
            key=e.key,
            label=e.label,
            kind=e.kind,
            start=e.start,
            end=e.end,
            all_day=e.all_day,
            text=e.text,
            note=e.note,
            days=[d.isoformat() for d in e.days],
            possible_days=[d.isoformat() for d in e.possible_days],
        )
        for i, e in enumerate(spec.timeline)
    ]
    region.contacts = [
        Contact(position=i, name=c.name, email=c.email, phone=c.phone)
        for i, c in enumerate(spec.contacts)
    ]


def list_regions(session: Session) -> list[RegionSummary]:
    counts = (
        select(Candidature.region_id, func.count().label("n"))
        .group_by(Candidature.region_id)
        .subquery()
    )
    challenges = (
        select(Challenge.region_id, func.count().label("n"))
        .group_by(Challenge.region_id)
        .subquery()
    )
    rows = session.execute(
        select(
            Region.slug, Region.name, func.coalesce(challenges.c.n, 0), func.coalesce(counts.c.n, 0)
        )
        .outerjoin(counts, counts.c.region_id == Region.id)
        .outerjoin(challenges, challenges.c.region_id == Region.id)
        .order_by(Region.name)
    )
    return [RegionSummary(slug, name, n_ch, n_c) for slug, name, n_ch, n_c in rows]


def region_slugs(session: Session, slugs: list[str] | None = None) -> list[str]:
    """The given regions, each checked to exist (a clear error names an unknown one), or
    every region when none is given."""
    if not slugs:
        return [r.slug for r in list_regions(session)]
    for slug in slugs:
        get_region(session, slug)
    return list(slugs)


def get_region(session: Session, slug: str) -> Region:
    region = session.scalar(select(Region).where(Region.slug == slug))
    if region is None:
        known = ", ".join(session.scalars(select(Region.slug).order_by(Region.slug))) or "none"
        raise RegionError(f"no region '{slug}' (known: {known})")
    return region


def weekend_shift_key(slug: str) -> str:
    return f"rebuttal_weekend_shift:{slug}"


def weekend_shift(session: Session, slug: str) -> bool:
    """JuryDesk's setting, not the addendum's (art. 53 Ger.W. by analogy): a window's last day
    on a Saturday, Sunday or public holiday moves to the next working day. On unless the
    secretariat turned it off."""
    row = session.get(Setting, weekend_shift_key(slug))
    return row is None or row.value != "0"


def region_detail(session: Session, slug: str) -> RegionSpec:
    """Everything the database holds of one region, as plain data."""
    get_region(session, slug)
    region = session.scalars(
        select(Region)
        .where(Region.slug == slug)
        .options(
            selectinload(Region.municipalities),
            selectinload(Region.challenges),
            selectinload(Region.needs),
            selectinload(Region.enrichment),
            selectinload(Region.exclusions),
            selectinload(Region.focus_expertise),
            selectinload(Region.timeline),
            selectinload(Region.contacts),
        )
    ).one()
    return RegionSpec(
        slug=region.slug,
        name=region.name,
        title=region.title,
        werkingsgebied=region.werkingsgebied,
        municipalities=[m.name for m in region.municipalities],
        challenges_intro=region.challenges_intro,
        challenges=[
            ChallengeSpec(
                number=c.number,
                personas=list(c.personas),
                persona_text=c.persona_text,
                description=c.description,
                questions=list(c.questions),
                remark=c.remark,
            )
            for c in region.challenges
        ],
        enrichment_intro=region.enrichment_intro,
        enrichment_heading=region.enrichment_heading,
        enrichment=[p.text for p in region.enrichment],
        arena_intro=region.arena_intro,
        needs=[NeedSpec(key=n.key, need=n.need, service=n.service) for n in region.needs],
        local_input=list(region.local_input),
        focus_intro=region.focus_intro,
        focus_expertise=[f.text for f in region.focus_expertise],
        exclusions_text=region.exclusions_text,
        exclusions=[ExclusionSpec(key=e.key, label=e.label) for e in region.exclusions],
        timeline_notes=list(region.timeline_notes),
        timeline=[
            EventSpec(
                key=e.key,
                label=e.label,
                kind=e.kind,
                start=to_brussels(e.start),
                end=to_brussels(e.end) if e.end is not None else None,
                text=e.text,
                all_day=e.all_day,
                note=e.note,
                days=[date.fromisoformat(d) for d in e.days],
                possible_days=[date.fromisoformat(d) for d in e.possible_days],
            )
            for e in region.timeline
        ],
        contacts_intro=region.contacts_intro,
        contacts=[ContactSpec(name=c.name, email=c.email, phone=c.phone) for c in region.contacts],
        submission=SubmissionSpec(
            channel=region.submission_channel,
            address=region.submission_address,
            subject=region.submission_subject,
            text=region.submission_text,
        ),
        source_file=region.source_file,
        source_sha256=region.source_sha256,
        rebuttal=RebuttalRule(
            days=region.rebuttal_days,
            receipt_delay=region.rebuttal_receipt_delay,
            counting=region.rebuttal_counting,
            weekend_shift=weekend_shift(session, slug),
        ),
    )


def add_region_file(store: Store, path: Path, *, replace: bool = False) -> tuple[RegionSpec, str]:
    """Validate a region file and install it in one transaction, after a backup."""
    spec = load_region_file(path)
    store.backup("before-region-add")
    with store.session() as session:
        outcome = install_region(session, spec, replace=replace)
        if outcome == "updated":  # the file's weerwoord rule and subject replace those set before
            rule = spec.rebuttal
            after = {
                "rebuttal_days": rule.days,
                "rebuttal_receipt_delay": rule.receipt_delay,
                "rebuttal_counting": rule.counting,
                "submission_subject": spec.submission.subject or "",
                "addendum": _parts(session, spec.slug),
            }
            record(session, secretariat_actor(), "region_file", "region", spec.slug, None, after)
        elif outcome == "added":
            record_installed(session, spec.slug)
    return spec, outcome


def _parts(session: Session, slug: str) -> dict[str, str]:
    """The digests of what the region's file installed, by part (for `audit verify`)."""
    session.flush()
    prefix = f"{slug}/addendum:"
    return {k.removeprefix(prefix): v for k, v in addendum(session, slug).items()}


def record_installed(session: Session, slug: str, actor: str | None = None) -> None:
    """A region just installed: its settings `audit verify` compares (rubric, method, limits,
    submission subject, pitch timer and order, jury settings, what its file installed) as the
    reference until their next event."""
    session.flush()
    new = {"state": tracked(session, slug)}
    record(session, actor or secretariat_actor(), "region_file", "region", slug, None, new)
