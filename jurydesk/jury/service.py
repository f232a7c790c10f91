"""The jury: jurors, their panels per region and round, and conflicts of interest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.audit import chain as audit
from jurydesk.errors import ScoringError
from jurydesk.i18n import _
from jurydesk.regions.service import get_region
from jurydesk.store.models import Candidature, Conflict, Juror, PanelMember

ROLES = ("vdab", "lokaal_bestuur", "expert", "other")


def role_label(role: str) -> str:
    return {
        "vdab": _("VDAB"),
        "lokaal_bestuur": _("local government"),
        "expert": _("independent expert"),
        "other": _("other"),
    }.get(role, role)


@dataclass(frozen=True)
class JurorInfo:
    id: int
    name: str
    organisation: str
    role: str
    email: str
    rounds: list[int]
    conflicts: dict[int, str]  # candidature id -> reason


def add_juror(
    session: Session,
    actor: str,
    name: str,
    role: str,
    organisation: str = "",
    email: str = "",
    panels: list[tuple[str, int]] | None = None,
) -> int:
    """Add a juror and put them on the given (region slug, round) panels."""
    name = " ".join(name.split())
    if not name:
        raise ScoringError(_("a juror needs a name"))
    if role not in ROLES:
        raise ScoringError(
            _("role '{role}' is not one of {roles}").format(role=role, roles=", ".join(ROLES))
        )
    juror = Juror(name=name, role=role, organisation=organisation.strip(), email=email.strip())
    session.add(juror)
    session.flush()
    audit.record(
        session,
        actor,
        "juror_add",
        "juror",
        str(juror.id),
        None,
        {"name": name, "role": role, "organisation": juror.organisation, "email": juror.email},
    )
    for slug, round_ in panels or []:
        add_to_panel(session, actor, juror.id, slug, round_)
    return juror.id


def add_to_panel(session: Session, actor: str, juror_id: int, slug: str, round_: int) -> None:
    if round_ not in (1, 2):
        raise ScoringError(_("round {round} does not exist (1 or 2)").format(round=round_))
    region = get_region(session, slug)
    get_juror(session, juror_id)
    exists = session.scalar(
        select(PanelMember.id).where(
            PanelMember.juror_id == juror_id,
            PanelMember.region_id == region.id,
            PanelMember.round == round_,
        )
    )
    if exists is None:
        session.add(PanelMember(juror_id=juror_id, region_id=region.id, round=round_))
        audit.record(
            session,
            actor,
            "panel_add",
            "juror",
            str(juror_id),
            None,
            {"region": slug, "round": round_},
        )


def get_juror(session: Session, juror_id: int) -> Juror:
    juror = session.get(Juror, juror_id)
    if juror is None:
        raise ScoringError(_("no juror with id {id}").format(id=juror_id))
    return juror


def add_conflict(
    session: Session, actor: str, juror_id: int, candidature_id: int, reason: str
) -> None:
    reason = reason.strip()
    if not reason:
        raise ScoringError(_("a conflict of interest needs a reason"))
    get_juror(session, juror_id)
    if session.get(Candidature, candidature_id) is None:
        raise ScoringError(_("no candidature with id {id}").format(id=candidature_id))
    existing = session.scalar(
        select(Conflict).where(
            Conflict.juror_id == juror_id, Conflict.candidature_id == candidature_id
        )
    )
    if existing is not None:
        raise ScoringError(_("this conflict of interest is declared already"))
    session.add(
        Conflict(
            juror_id=juror_id,
            candidature_id=candidature_id,
            reason=reason,
            declared_by=actor,
            declared_at=datetime.now(UTC),
        )
    )
    audit.record(
        session,
        actor,
        "conflict_add",
        "conflict",
        f"{juror_id}/{candidature_id}",
        None,
        {"reason": reason},
    )


def is_conflicted(session: Session, juror_id: int, candidature_id: int) -> bool:
    return (
        session.scalar(
            select(Conflict.id).where(
                Conflict.juror_id == juror_id, Conflict.candidature_id == candidature_id
            )
        )
        is not None
    )


def on_panel(session: Session, juror_id: int, region_id: int, round_: int) -> bool:
    return (
        session.scalar(
            select(PanelMember.id).where(
                PanelMember.juror_id == juror_id,
                PanelMember.region_id == region_id,
                PanelMember.round == round_,
            )
        )
        is not None
    )


def panel(session: Session, region_id: int, round_: int) -> list[int]:
    return list(
        session.scalars(
            select(PanelMember.juror_id)
            .where(PanelMember.region_id == region_id, PanelMember.round == round_)
            .order_by(PanelMember.juror_id)
        )
    )


def list_jurors(session: Session, slug: str) -> list[JurorInfo]:
    region = get_region(session, slug)
    rows = session.execute(
        select(Juror, PanelMember.round)
        .join(PanelMember, PanelMember.juror_id == Juror.id)
        .where(PanelMember.region_id == region.id)
        .order_by(Juror.id, PanelMember.round)
    )
    rounds: dict[int, list[int]] = {}
    jurors: dict[int, Juror] = {}
    for juror, round_ in rows:
        jurors[juror.id] = juror
        rounds.setdefault(juror.id, []).append(round_)
    conflicts: dict[int, dict[int, str]] = {}
    for juror_id, candidature_id, reason in session.execute(
        select(Conflict.juror_id, Conflict.candidature_id, Conflict.reason)
        .join(Candidature, Candidature.id == Conflict.candidature_id)
        .where(Candidature.region_id == region.id)
    ):
        conflicts.setdefault(juror_id, {})[candidature_id] = reason
    return [
        JurorInfo(
            id=j.id,
            name=j.name,
            organisation=j.organisation,
            role=j.role,
            email=j.email,
            rounds=rounds[j.id],
            conflicts=conflicts.get(j.id, {}),
        )
        for j in jurors.values()
    ]
