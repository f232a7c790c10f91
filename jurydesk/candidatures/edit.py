"""One candidature by hand: add (a web-form submission), edit any field (audited, the old
value kept in the audit log), checked by the same rules as an import, field by field."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.audit.chain import record
from jurydesk.candidatures.columns import LIST_SEPARATOR
from jurydesk.candidatures.rules import normalise, region_rules
from jurydesk.candidatures.service import add_candidatures
from jurydesk.candidatures.validate import (
    ERROR,
    CandidatureInput,
    ValidationResult,
    _RowReader,
    _validate_row,
)
from jurydesk.i18n import _
from jurydesk.store.models import WITHDRAWN, Candidature, Decision

FIELDS = (
    "organisation",
    "contact",
    "email",
    "phone",
    "title",
    "summary",
    "received_at",
    "channel",
    "challenges",
    "services",
    "expertise",
    "requested_budget",
)


class CandidatureError(ValueError):
    """A candidature that cannot be written; the message names the field."""


def check(
    session: Session, slug: str, cells: dict[str, object], exclude: int | None = None
) -> CandidatureInput:
    """The candidature the cells describe, or CandidatureError naming each bad field."""
    rules = region_rules(session, slug)
    result = ValidationResult()
    cells = {k: v for k, v in cells.items() if k != "attachments"}
    item = _validate_row(_RowReader(0, cells, result), rules, Path.cwd(), 0)
    errors = [p for p in result.problems if p.severity == ERROR]
    if errors or item is None:
        raise CandidatureError("; ".join(f"{p.column}: {p.message}" for p in errors))
    clash = session.scalar(
        select(Candidature.id).where(
            Candidature.region_id == rules.region_id,
            Candidature.organisation_key == normalise(item.organisation),
            Candidature.id != (exclude or 0),
        )
    )
    if clash is not None:
        raise CandidatureError(
            _(
                "Organisatie: {organisation} already has a candidature in {region} "
                "(one per organisation per region)"
            ).format(organisation=item.organisation, region=rules.name)
        )
    return item


def cells_of(c: Candidature) -> dict[str, object]:
    """The candidature's values as the checks read them."""
    return {
        "organisation": c.organisation,
        "contact": c.contact,
        "email": c.email,
        "phone": c.phone,
        "title": c.title,
        "summary": c.summary,
        "received_at": c.received_at,
        "channel": c.channel,
        "challenges": LIST_SEPARATOR.join(str(n) for n in c.challenges),
        "services": LIST_SEPARATOR.join(c.services),
        "expertise": LIST_SEPARATOR.join(str(n) for n in c.expertise),
        "requested_budget": c.requested_budget,
    }


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def add_candidature(session: Session, actor: str, slug: str, cells: dict[str, object]) -> int:
    item = check(session, slug, cells)
    add_candidatures(session, region_rules(session, slug), [item], actor)
    cand_id = session.scalar(
        select(Candidature.id).where(
            Candidature.organisation_key == normalise(item.organisation),
            Candidature.region_id == region_rules(session, slug).region_id,
        )
    )
    assert cand_id is not None
    record(
        session,
        actor,
        "create",
        "candidature",
        str(cand_id),
        None,
        {f: _plain(getattr(item, f)) for f in FIELDS},
    )
    return cand_id


def edit_candidature(
    session: Session, actor: str, candidature_id: int, changes: dict[str, object]
) -> dict[str, tuple[Any, Any]]:
    """Apply the changes; returns field -> (old, new) for what changed (audited)."""
    cand = session.get(Candidature, candidature_id)
    if cand is None:
        raise CandidatureError(_("no candidature with id {id}").format(id=candidature_id))
    unknown = sorted(set(changes) - set(FIELDS))
    if unknown:
        raise CandidatureError(_("unknown field {field}").format(field=unknown[0]))
    cells = {**cells_of(cand), **changes}
    item = check(session, cand.region.slug, cells, exclude=cand.id)
    diff: dict[str, tuple[Any, Any]] = {}
    for name in FIELDS:
        old, new = getattr(cand, name), getattr(item, name)
        if old != new:
            diff[name] = (old, new)
            setattr(cand, name, new)
    if "organisation" in diff:
        cand.organisation_key = normalise(cand.organisation)
    if diff:
        record(
            session,
            actor,
            "edit",
            "candidature",
            str(cand.id),
            {k: _plain(v[0]) for k, v in diff.items()},
            {k: _plain(v[1]) for k, v in diff.items()},
        )
    return diff


class NeedsConfirmation(CandidatureError):
    """The action has a consequence the user must confirm; the message spells it out."""


def withdraw_candidature(
    session: Session, actor: str, candidature_id: int, reason: str, *, confirm: bool = False
) -> None:
    """Withdrawn: kept and shown with the reason, never ranked, scored or written to. A
    candidature with a decision is withdrawn only when ``confirm`` says the user agreed."""
    cand = session.get(Candidature, candidature_id)
    if cand is None:
        raise CandidatureError(_("no candidature with id {id}").format(id=candidature_id))
    reason = reason.strip()
    if not reason:
        raise CandidatureError(_("withdrawing a candidature needs a reason"))
    if cand.status == WITHDRAWN:
        raise CandidatureError(_("this candidature is withdrawn already"))
    rounds = sorted(
        session.scalars(select(Decision.round).where(Decision.candidature_id == cand.id))
    )
    if rounds and not confirm:
        raise NeedsConfirmation(
            _(
                "{organisation} has a decision (round {rounds}). Withdrawn, it leaves the "
                "results, the ranking and the letters; the decision stays in the audit log."
            ).format(organisation=cand.organisation, rounds=", ".join(str(r) for r in rounds))
        )
    record(
        session,
        actor,
        "withdraw",
        "candidature",
        str(cand.id),
        {"status": cand.status},
        {"status": WITHDRAWN, "reason": reason},
    )
    cand.status, cand.withdrawn_reason = WITHDRAWN, reason


def reinstate_candidature(session: Session, actor: str, candidature_id: int) -> None:
    cand = session.get(Candidature, candidature_id)
    if cand is None or cand.status != WITHDRAWN:
        raise CandidatureError(_("this candidature is not withdrawn"))
    record(
        session,
        actor,
        "reinstate",
        "candidature",
        str(cand.id),
        {"status": WITHDRAWN, "reason": cand.withdrawn_reason},
        {"status": "received"},
    )
    cand.status, cand.withdrawn_reason = "received", ""


def set_address(session: Session, actor: str, candidature_id: int, address: str) -> None:
    """The postal address the letters print (lines); empty: the e-mail address only."""
    cand = session.get(Candidature, candidature_id)
    if cand is None:
        raise CandidatureError(_("no candidature with id {id}").format(id=candidature_id))
    lines = [" ".join(line.split()) for line in address.splitlines() if line.strip()]
    text = "\n".join(lines)
    if len(lines) > 5 or any(len(line) > 120 for line in lines):
        raise CandidatureError(_("Adres: at most 5 lines of 120 characters"))
    if text != cand.address:
        record(
            session,
            actor,
            "edit",
            "candidature",
            str(cand.id),
            {"address": cand.address},
            {"address": text},
        )
        cand.address = text
