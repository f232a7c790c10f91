"""The juror's declaration (verklaring op eer) on its way through a pack: out with the pack
when signed at the secretariat, back with the return when signed on the laptop, together with
the conflicts of interest the juror declared while signing."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.audit import chain as audit
from jurydesk.audit.replay_rows import text_sha256
from jurydesk.i18n import _
from jurydesk.packs.archive import PackError
from jurydesk.packs.fields import Row, check_int, check_moment, check_text
from jurydesk.packs.signed_events import SignedLog
from jurydesk.store.meeting_models import Declaration
from jurydesk.store.models import Candidature, Conflict, Region


def _when(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value else None


def outgoing(session: Session, juror: int) -> dict[str, list[dict[str, Any]]]:
    """The juror's declarations and conflicts, as a return carries them."""
    declarations = [
        {
            "region": slug,
            "how": d.how,
            "typed_name": d.typed_name,
            "text": d.text,
            "signed_at": _when(d.signed_at),
        }
        for d, slug in session.execute(
            select(Declaration, Region.slug)
            .join(Region, Region.id == Declaration.region_id)
            .where(Declaration.juror_id == juror)
            .order_by(Declaration.id)
        ).all()
    ]
    conflicts = [
        {"candidature": c.candidature_id, "reason": c.reason, "declared_at": _when(c.declared_at)}
        for c in session.scalars(
            select(Conflict).where(Conflict.juror_id == juror).order_by(Conflict.id)
        )
    ]
    return {"declarations": declarations, "conflicts": conflicts}


def merge(
    session: Session,
    juror: int,
    payload: dict[str, Any],
    apply: bool,
    actor: str,
    log: SignedLog | None = None,
) -> set[str]:
    """Take a return's declarations and conflicts in (with ``apply``); the region slugs the
    juror has signed for, here or in the return. With ``log`` (the laptop's signed events)
    each new one must be one the juror signed."""
    incoming = payload.get("declarations", [])
    conflicts = payload.get("conflicts", [])
    if not isinstance(incoming, list) or not isinstance(conflicts, list):
        raise PackError(_("the return's declarations are not a list"))
    slugs = dict(session.execute(select(Region.slug, Region.id)).all())
    signed = {
        slug
        for (slug,) in session.execute(
            select(Region.slug)
            .join(Declaration, Declaration.region_id == Region.id)
            .where(Declaration.juror_id == juror)
        ).all()
    }
    what_n = _("declaration {n}")
    for index, item in enumerate(incoming, start=1):
        what = Row(what_n, index)
        if type(item) is not dict:
            raise PackError(_("{what} is not an object").format(what=what))
        slug = check_text(item.get("region"), what, "region", 64)
        if slug not in slugs:
            raise PackError(_("{what}: no region '{slug}'").format(what=what, slug=slug))
        how = check_text(item.get("how"), what, "how", 10)
        typed = check_text(item.get("typed_name", ""), what, "typed_name", 200)
        text = check_text(item.get("text"), what, "text")
        at = check_moment(item.get("signed_at"), what, "signed_at")
        if at is None:
            raise PackError(_("{what} has no signing time").format(what=what))
        if slug in signed:
            continue
        if log is not None:
            log.check_declaration(what, slug, typed, at)
        signed.add(slug)
        if apply:
            session.add(
                Declaration(
                    juror_id=juror,
                    region_id=slugs[slug],
                    how=how,
                    typed_name=typed,
                    text=text,
                    signed_at=at,
                    recorded_by=actor,
                )
            )
            audit.record(
                session,
                actor,
                "declaration",
                "juror",
                f"{juror}/{slug}",
                None,
                {
                    "how": how,
                    "signed_at": at.isoformat(),
                    "typed_name": typed,
                    "text_sha256": text_sha256(text),
                    "from": "return",
                },
            )
    known = set(session.scalars(select(Conflict.candidature_id).where(Conflict.juror_id == juror)))
    regions_of = dict(session.execute(select(Candidature.id, Candidature.region_id)).all())
    conflict_n = _("conflict {n}")
    for index, item in enumerate(conflicts, start=1):
        what = Row(conflict_n, index)
        if type(item) is not dict:
            raise PackError(_("{what} is not an object").format(what=what))
        cand = check_int(item.get("candidature"), what, "candidature")
        reason = check_text(item.get("reason"), what, "reason").strip()
        at = check_moment(item.get("declared_at"), what, "declared_at") or datetime.now(UTC)
        if cand not in regions_of or not reason:
            raise PackError(_("{what} names no candidature or no reason").format(what=what))
        if cand in known:
            continue
        if log is not None:
            log.check_conflict(what, cand, reason)
        known.add(cand)
        if apply:
            session.add(
                Conflict(
                    juror_id=juror,
                    candidature_id=cand,
                    reason=reason,
                    declared_by=actor,
                    declared_at=at,
                )
            )
            audit.record(
                session,
                actor,
                "conflict_add",
                "conflict",
                f"{juror}/{cand}",
                None,
                {"reason": reason, "from": "return"},
            )
    if apply:
        session.flush()
    return signed
