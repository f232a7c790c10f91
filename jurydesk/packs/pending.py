"""Scores a return could not apply on its own, kept with both sides until the secretariat
resolves them: a *conflict* (the secretariat and the juror each changed the same version)
keeps ours or takes theirs; a *held* change (it arrived after the round was decided) is
accepted, which marks the decision for review, or dismissed. Every resolution is audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from jurydesk.audit import chain as audit
from jurydesk.i18n import _
from jurydesk.packs.archive import PackError
from jurydesk.scoring.rubrics import rubric_for
from jurydesk.store.models import (
    Candidature,
    Decision,
    Evaluation,
    Juror,
    PendingReturn,
    Region,
    Score,
)

CONFLICT, HELD = "conflict", "held"
ACTIONS = {CONFLICT: ("ours", "theirs"), HELD: ("accept", "dismiss")}
ACCEPT_ALL = {CONFLICT: "theirs", HELD: "accept"}  # the juror's value
REJECT_ALL = {CONFLICT: "ours", HELD: "dismiss"}  # the secretariat's stays


@dataclass(frozen=True)
class PendingItem:
    id: int
    juror: str
    candidature: int
    organisation: str
    round: int
    criterion: str
    kind: str
    ours: Any
    theirs: Any
    source: str
    criterion_label: str = ""  # the rubric's name of the criterion, never only its key

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "juror": self.juror,
            "candidature": self.candidature,
            "organisation": self.organisation,
            "round": self.round,
            "criterion": self.criterion or None,
            "status": self.kind,
            "ours": self.ours,
            "theirs": self.theirs,
            "file": self.source,
        }


def side_text(side: Any) -> str:
    """'7 — Sterk actieplan' or '(comment) finalised'; '—' for nothing."""
    if not side:
        return "—"
    if "value" in side:
        value = "—" if side["value"] is None else f"{side['value']:g}"
        motivation = (side.get("motivation") or "").strip()
        return f"{value} — {motivation}" if motivation else value
    done = _("finalised") if side.get("finalized") or side.get("finalized_at") else ""
    return " · ".join(x for x in ((side.get("comment") or "").strip(), done) if x) or "—"


def pending_headers() -> list[str]:
    return [
        _("Status"),
        _("Juror"),
        _("Candidature"),
        _("Round"),
        _("Criterion"),
        _("Secretariat"),
        _("Juror's return"),
    ]


def pending_cells(item: PendingItem) -> list[str]:
    """One item as the CLI and the app show it: both sides in words."""
    status = {CONFLICT: _("conflict"), HELD: _("after the decision")}[item.kind]
    return [
        status,
        item.juror,
        f"{item.candidature}. {item.organisation}",
        str(item.round),
        item.criterion_label or item.criterion or _("(evaluation)"),
        side_text(item.ours),
        side_text(item.theirs),
    ]


def keep_pending(session: Session, lines: list[Any], source: str) -> int:
    """Store the conflict and held lines of an imported return (the same one only once)."""
    added = 0
    for line in lines:
        if line.status not in (CONFLICT, HELD):
            continue
        known = session.scalars(
            select(PendingReturn).where(
                PendingReturn.juror_id == line.juror,
                PendingReturn.candidature_id == line.candidature,
                PendingReturn.round == line.round,
                PendingReturn.criterion == line.criterion,
                PendingReturn.kind == line.status,
            )
        ).all()
        if any(_same(p.theirs, line.theirs) for p in known):
            continue
        session.add(
            PendingReturn(
                juror_id=line.juror,
                candidature_id=line.candidature,
                round=line.round,
                criterion=line.criterion,
                kind=line.status,
                ours=line.ours,
                theirs=line.theirs,
                source=source,
                created_at=datetime.now(UTC),
            )
        )
        added += 1
    return added


def _same(a: Any, b: Any) -> bool:
    def strip(x: Any) -> Any:
        return {k: v for k, v in (x or {}).items() if k != "updated_at"}

    return strip(a) == strip(b)


def list_pending(session: Session, open_only: bool = True) -> list[PendingItem]:
    query = (
        select(PendingReturn, Juror.name, Candidature.organisation)
        .join(Juror, Juror.id == PendingReturn.juror_id)
        .join(Candidature, Candidature.id == PendingReturn.candidature_id)
        .order_by(PendingReturn.id)
    )
    if open_only:
        query = query.where(PendingReturn.resolution.is_(None))
    found = list(session.execute(query))
    labels = criterion_labels(session, {p.candidature_id for p, _n, _o in found})
    return [
        PendingItem(
            p.id,
            name,
            p.candidature_id,
            org,
            p.round,
            p.criterion,
            p.kind,
            p.ours,
            p.theirs,
            p.source,
            labels.get((p.candidature_id, p.round, p.criterion), ""),
        )
        for p, name, org in found
    ]


def criterion_labels(session: Session, candidatures: set[int]) -> dict[tuple[int, int, str], str]:
    """(candidature, round, criterion key) -> the criterion's name in its rubric."""
    slugs = dict(
        session.execute(
            select(Candidature.id, Region.slug)
            .join(Region, Region.id == Candidature.region_id)
            .where(Candidature.id.in_(candidatures))
        ).all()
    )
    names: dict[str, dict[tuple[int, str], str]] = {}
    for slug in set(slugs.values()):
        rubric = rubric_for(session, slug)
        names[slug] = {(r.number, c.key): c.label for r in rubric.rounds for c in r.criteria}
    return {
        (cand, round_, key): label
        for cand, slug in slugs.items()
        for (round_, key), label in names[slug].items()
    }


def _apply_theirs(session: Session, p: PendingReturn) -> None:
    theirs = p.theirs
    now = datetime.now(UTC)
    if p.criterion:
        row = session.scalar(
            select(Score).where(
                Score.juror_id == p.juror_id,
                Score.candidature_id == p.candidature_id,
                Score.round == p.round,
                Score.criterion == p.criterion,
            )
        )
        if row is None:
            session.add(
                Score(
                    juror_id=p.juror_id,
                    candidature_id=p.candidature_id,
                    round=p.round,
                    criterion=p.criterion,
                    value=theirs["value"],
                    motivation=theirs["motivation"],
                    version=theirs["version"],
                    updated_at=now,
                )
            )
        else:
            row.value, row.motivation = theirs["value"], theirs["motivation"]
            row.version, row.updated_at = max(row.version, theirs["version"]), now
        return
    finalized = theirs.get("finalized_at")
    row = session.scalar(
        select(Evaluation).where(
            Evaluation.juror_id == p.juror_id,
            Evaluation.candidature_id == p.candidature_id,
            Evaluation.round == p.round,
        )
    )
    moment = datetime.fromisoformat(finalized) if finalized else None
    if row is None:
        session.add(
            Evaluation(
                juror_id=p.juror_id,
                candidature_id=p.candidature_id,
                round=p.round,
                comment=theirs["comment"],
                finalized_at=moment,
                version=theirs["version"],
                updated_at=now,
            )
        )
    else:
        row.comment, row.finalized_at = theirs["comment"], moment
        row.version, row.updated_at = max(row.version, theirs["version"]), now


def resolve_many(
    session: Session, actor: str, pending_ids: list[int], accept: bool, reason: str = ""
) -> int:
    """Accept (the juror's value) or reject (keep the secretariat's) many held and
    conflicting scores at once, with one reason, all or nothing; returns how many."""
    for pending_id in pending_ids:
        p = session.get(PendingReturn, pending_id)
        kind = p.kind if p is not None else HELD
        action = (ACCEPT_ALL if accept else REJECT_ALL)[kind]
        resolve_pending(session, actor, pending_id, action, reason)
    return len(pending_ids)


def resolve_pending(
    session: Session, actor: str, pending_id: int, action: str, reason: str = ""
) -> None:
    p = session.get(PendingReturn, pending_id)
    if p is None or p.resolution is not None:
        raise PackError(_("no open held or conflicting score with id {id}").format(id=pending_id))
    if action not in ACTIONS[p.kind]:
        raise PackError(
            _("a {kind} score is resolved with {choices}, not '{action}'").format(
                kind=p.kind, choices=" or ".join(ACTIONS[p.kind]), action=action
            )
        )
    if action in ("theirs", "accept"):
        _apply_theirs(session, p)
    if action == "accept":
        session.execute(
            update(Decision)
            .where(Decision.candidature_id == p.candidature_id, Decision.round == p.round)
            .values(needs_review=True)
        )
    p.resolution, p.resolved_by, p.resolved_at = action, actor, datetime.now(UTC)
    audit.record(
        session,
        actor,
        f"return_{action}",
        "score",
        f"{p.juror_id}/{p.candidature_id}/{p.round}/{p.criterion or 'evaluation'}",
        p.ours,
        {**p.theirs, "reason": reason} if reason and isinstance(p.theirs, dict) else p.theirs,
    )
