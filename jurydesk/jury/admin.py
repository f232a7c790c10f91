"""Administering the jury: edit or remove a juror, set their panels in a region, lift a
conflict of interest, and the region's whole jury at a glance. Every change is audited; a
change that would orphan scores is refused with the reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from jurydesk.audit import chain as audit
from jurydesk.errors import ScoringError
from jurydesk.i18n import _
from jurydesk.jury.pins import signing
from jurydesk.jury.service import ROLES, add_to_panel, get_juror
from jurydesk.regions.service import get_region
from jurydesk.store.models import Candidature, Conflict, Evaluation, Juror, PanelMember, Score


@dataclass(frozen=True)
class ConflictInfo:
    juror: int
    candidature: int
    organisation: str
    reason: str
    declared_by: str
    declared_at: datetime


@dataclass(frozen=True)
class JurorRow:
    id: int
    name: str
    organisation: str
    role: str
    email: str
    rounds: list[int]  # in this region
    scores: int  # in this region
    signing: str = ""  # pins.SIGNS, NO_KEY or NO_PIN: can their own scoring be signed


def jury_of(session: Session, slug: str) -> list[JurorRow]:
    """Every juror, with their rounds and number of scores in this region (jurors of other
    regions too, so that one can be put on this region's panel)."""
    region = get_region(session, slug)
    rounds: dict[int, list[int]] = {}
    for juror_id, round_ in session.execute(
        select(PanelMember.juror_id, PanelMember.round)
        .where(PanelMember.region_id == region.id)
        .order_by(PanelMember.round)
    ):
        rounds.setdefault(juror_id, []).append(round_)
    scores = dict(
        session.execute(
            select(Score.juror_id, func.count(Score.id))
            .join(Candidature, Candidature.id == Score.candidature_id)
            .where(Candidature.region_id == region.id, Score.value.is_not(None))
            .group_by(Score.juror_id)
        ).all()
    )
    jurors = list(session.scalars(select(Juror).order_by(Juror.name, Juror.id)))
    keys = signing(session, [j.id for j in jurors])
    return [
        JurorRow(
            j.id,
            j.name,
            j.organisation,
            j.role,
            j.email,
            rounds.get(j.id, []),
            scores.get(j.id, 0),
            keys[j.id],
        )
        for j in jurors
    ]


def conflicts_of(session: Session, slug: str, juror_id: int | None = None) -> list[ConflictInfo]:
    region = get_region(session, slug)
    query = (
        select(Conflict, Candidature.organisation)
        .join(Candidature, Candidature.id == Conflict.candidature_id)
        .where(Candidature.region_id == region.id)
        .order_by(Conflict.juror_id, Conflict.candidature_id)
    )
    if juror_id is not None:
        query = query.where(Conflict.juror_id == juror_id)
    return [
        ConflictInfo(c.juror_id, c.candidature_id, org, c.reason, c.declared_by, c.declared_at)
        for c, org in session.execute(query)
    ]


def edit_juror(
    session: Session,
    actor: str,
    juror_id: int,
    name: str,
    role: str,
    organisation: str,
    email: str,
) -> None:
    juror = get_juror(session, juror_id)
    name = " ".join(name.split())
    if not name:
        raise ScoringError(_("a juror needs a name"))
    if role not in ROLES:
        raise ScoringError(
            _("role '{role}' is not one of {roles}").format(role=role, roles=", ".join(ROLES))
        )
    old = {
        "name": juror.name,
        "role": juror.role,
        "organisation": juror.organisation,
        "email": juror.email,
    }
    new = {"name": name, "role": role, "organisation": organisation.strip(), "email": email.strip()}
    if old == new:
        return
    juror.name, juror.role, juror.organisation, juror.email = (
        new["name"],
        new["role"],
        new["organisation"],
        new["email"],
    )
    audit.record(session, actor, "juror_edit", "juror", str(juror_id), old, new)


def _scored(
    session: Session, juror_id: int, region_id: int | None = None, round_: int | None = None
) -> int:
    query = select(func.count(Score.id)).where(Score.juror_id == juror_id, Score.value.is_not(None))
    if region_id is not None:
        query = query.join(Candidature, Candidature.id == Score.candidature_id).where(
            Candidature.region_id == region_id
        )
    if round_ is not None:
        query = query.where(Score.round == round_)
    return int(session.scalar(query) or 0)


def remove_juror(session: Session, actor: str, juror_id: int) -> None:
    """Only a juror without scores; their panels and conflicts go with them."""
    juror = get_juror(session, juror_id)
    count = _scored(session, juror_id)
    if count:
        raise ScoringError(
            _(
                "{name} has {count} score(s); a juror with scores cannot be removed "
                "(take them off a panel instead)"
            ).format(name=juror.name, count=count)
        )
    audit.record(
        session,
        actor,
        "juror_remove",
        "juror",
        str(juror_id),
        {"name": juror.name, "role": juror.role},
        None,
    )
    session.execute(delete(Evaluation).where(Evaluation.juror_id == juror_id))
    session.delete(juror)


def set_panels(session: Session, actor: str, juror_id: int, slug: str, rounds: set[int]) -> None:
    """Put the juror on exactly these rounds' panels of the region; taking them off a round
    in which they scored is refused."""
    region = get_region(session, slug)
    juror = get_juror(session, juror_id)
    current = set(
        session.scalars(
            select(PanelMember.round).where(
                PanelMember.juror_id == juror_id, PanelMember.region_id == region.id
            )
        )
    )
    for round_ in sorted(current - rounds):
        count = _scored(session, juror_id, region.id, round_)
        if count:
            raise ScoringError(
                _(
                    "{name} has {count} score(s) in round {round} of {region}; they stay on "
                    "that panel"
                ).format(name=juror.name, count=count, round=round_, region=region.name)
            )
        session.execute(
            delete(PanelMember).where(
                PanelMember.juror_id == juror_id,
                PanelMember.region_id == region.id,
                PanelMember.round == round_,
            )
        )
        audit.record(
            session,
            actor,
            "panel_remove",
            "juror",
            str(juror_id),
            {"region": slug, "round": round_},
            None,
        )
    for round_ in sorted(rounds - current):
        add_to_panel(session, actor, juror_id, slug, round_)


def lift_conflict(
    session: Session, actor: str, juror_id: int, candidature_id: int, reason: str
) -> None:
    """Lift a declared conflict of interest, with the reason (audited with the old one)."""
    reason = reason.strip()
    if not reason:
        raise ScoringError(_("lifting a conflict of interest needs a reason"))
    row = session.scalar(
        select(Conflict).where(
            Conflict.juror_id == juror_id, Conflict.candidature_id == candidature_id
        )
    )
    if row is None:
        raise ScoringError(_("there is no such conflict of interest"))
    audit.record(
        session,
        actor,
        "conflict_lift",
        "conflict",
        f"{juror_id}/{candidature_id}",
        {"reason": row.reason, "declared_by": row.declared_by},
        {"lifted_because": reason},
    )
    session.delete(row)
