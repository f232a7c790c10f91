"""Which candidatures cover which challenges, needs (service types) and sought expertise."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.audit import chain as audit
from jurydesk.decisions.service import latest_outcomes
from jurydesk.i18n import _
from jurydesk.regions.service import get_region, region_detail
from jurydesk.results.ranking import RoundResults, compute_results
from jurydesk.store.models import WITHDRAWN, Candidature, Decision

SCOPES = ("selected", "pitch", "all")


@dataclass(frozen=True)
class Member:
    candidature: int
    organisation: str
    state: str  # the outcome code of its latest decision, or ""
    score: float | None  # the final score under the region's method (round 2 when scored)
    budget: Decimal | None
    challenges: frozenset[int]
    needs: frozenset[str]
    expertise: frozenset[int]


@dataclass
class Coverage:
    region: str
    name: str
    scope: str
    challenges: list[tuple[int, str]]
    needs: list[tuple[str, str]]  # service key, "need — service"
    expertise: list[tuple[int, str]]
    members: list[Member]  # the scope's candidatures
    selection: list[int]  # the current selection the gaps are measured against
    budget: Decimal | None = None
    max_partners: int | None = None
    uncovered_challenges: list[int] = field(default_factory=list)
    uncovered_needs: list[str] = field(default_factory=list)
    uncovered_expertise: list[int] = field(default_factory=list)


def _scores(
    session: Session, slug: str, results: tuple[RoundResults, RoundResults] | None = None
) -> dict[int, float | None]:
    first, second = results or (
        compute_results(session, slug, 1),
        compute_results(session, slug, 2),
    )
    scores = {r.candidature: r.score(first.method) for r in first.results}
    for r in second.results:
        final = r.final.get(second.method)
        if final is not None:
            scores[r.candidature] = final
    return scores


def members(
    session: Session, slug: str, results: tuple[RoundResults, RoundResults] | None = None
) -> list[Member]:
    """The region's candidatures; ``results`` (rounds 1 and 2) when the caller has them."""
    region = get_region(session, slug)
    states = latest_outcomes(session, slug)
    scores = _scores(session, slug, results)
    return [
        Member(
            c.id,
            c.organisation,
            states.get(c.id, ""),
            scores.get(c.id),
            c.requested_budget,
            frozenset(c.challenges or []),
            frozenset(c.services or []),
            frozenset(c.expertise or []),
        )
        for c in session.scalars(
            select(Candidature)
            .where(
                Candidature.region_id == region.id,
                Candidature.status != WITHDRAWN,
                Candidature.calibration.is_(False),  # anchors are never part of a selection
            )
            .order_by(Candidature.id)
        )
    ]


def coverage(
    session: Session,
    slug: str,
    scope: str = "pitch",
    results: tuple[RoundResults, RoundResults] | None = None,
) -> Coverage:
    if scope not in SCOPES:
        raise ValueError(
            _("'{scope}' is not one of {scopes}").format(scope=scope, scopes=", ".join(SCOPES))
        )
    spec = region_detail(session, slug)
    region = get_region(session, slug)
    everyone = members(session, slug, results)
    pitched = _pitched(session, region.id)
    chosen = [m for m in everyone if _scoped(m, scope, pitched)]
    selected = [m.candidature for m in everyone if m.state == "selected"]
    selection = selected or [m.candidature for m in everyone if m.candidature in pitched]
    result = Coverage(
        region=slug,
        name=spec.name,
        scope=scope,
        challenges=[(c.number, c.persona_text or ", ".join(c.personas)) for c in spec.challenges],
        needs=[(n.key, f"{n.need} — {n.service}") for n in spec.needs],
        expertise=list(enumerate(spec.focus_expertise, start=1)),
        members=chosen,
        selection=selection,
        budget=region.budget,
        max_partners=region.max_partners,
    )
    picked = [m for m in everyone if m.candidature in selection]
    result.uncovered_challenges = [
        n for n, _label in result.challenges if not any(n in m.challenges for m in picked)
    ]
    result.uncovered_needs = [
        k for k, _label in result.needs if not any(k in m.needs for m in picked)
    ]
    result.uncovered_expertise = [
        n for n, _label in result.expertise if not any(n in m.expertise for m in picked)
    ]
    return result


def _pitched(session: Session, region_id: int) -> set[int]:
    return set(
        session.scalars(
            select(Decision.candidature_id)
            .join(Candidature, Candidature.id == Decision.candidature_id)
            .where(
                Candidature.region_id == region_id,
                Candidature.status != WITHDRAWN,
                Decision.round == 1,
                Decision.outcome == "shortlisted",
            )
        )
    )


def _scoped(member: Member, scope: str, pitched: set[int]) -> bool:
    if scope == "selected":
        return member.state == "selected"
    if scope == "pitch":
        return member.candidature in pitched
    return True


def set_limits(
    session: Session,
    slug: str,
    budget: Decimal | str | None = "keep",
    max_partners: int | str | None = "keep",
) -> None:
    """The region's budget (euro) and maximum number of partners; None clears one."""
    region = get_region(session, slug)
    if budget != "keep":
        if budget is not None and Decimal(budget) <= 0:
            raise ValueError(_("the budget must be more than 0"))
        region.budget = None if budget is None else Decimal(budget)
    if max_partners != "keep":
        if max_partners is not None and int(max_partners) < 1:
            raise ValueError(_("the maximum number of partners must be at least 1"))
        region.max_partners = None if max_partners is None else int(max_partners)


def save_limits(
    session: Session,
    actor: str,
    slug: str,
    budget: Decimal | str | None = "keep",
    max_partners: int | str | None = "keep",
) -> None:
    """`set_limits` as the secretariat's own change: audited as the region settings record it
    (budget '250000.00' or '', maximum partners 0 for none)."""
    region = get_region(session, slug)
    old = {"budget": _shown(region.budget), "max_partners": region.max_partners or 0}
    set_limits(session, slug, budget, max_partners)
    new = {"budget": _shown(region.budget), "max_partners": region.max_partners or 0}
    changed = [k for k in new if new[k] != old[k]]
    if changed:
        before, after = {k: old[k] for k in changed}, {k: new[k] for k in changed}
        audit.record(session, actor, "region_settings", "region", slug, before, after)


def _shown(budget: Decimal | None) -> str:
    return "" if budget is None else f"{budget:.2f}"
