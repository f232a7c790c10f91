"""Weerwoorden by mail: a reply to a decision becomes the received weerwoord of that decision,
with the time it reached the receiving server (late ones flagged, never refused) and its
attachments as the candidature's documents, ready for the re-assessment.

A message is matched to a decision by, in this order: the decision e-mail it replies to
(In-Reply-To/References carry our Message-ID), the letter's reference in its subject or text,
or its sender being the candidature's contact address (the latest communicated decision).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.documents.service import max_document_bytes
from jurydesk.i18n import _, current_language
from jurydesk.letters.content import letter_references
from jurydesk.mail.intake import (
    CREATED,
    SKIPPED,
    IntakeItem,
    IntakeReport,
    keep_message,
    take_attachments,
)
from jurydesk.mail.read import Mail, read_spooled
from jurydesk.mail.spool import Spool
from jurydesk.mail.templates import DECISION
from jurydesk.rebuttals.service import RebuttalWindow, rebuttal_windows, record_rebuttal
from jurydesk.regions.service import get_region
from jurydesk.store import Store
from jurydesk.store.models import Candidature, MailMessage, OutboxMessage


def _match(
    mail: Mail,
    windows: list[RebuttalWindow],
    by_message_id: dict[str, tuple[int, int]],
    references: dict[tuple[int, int], str],
    emails: dict[int, str],
) -> RebuttalWindow | None:
    index = {(w.candidature, w.round): w for w in windows}
    for message_id in mail.replies_to:
        if message_id in by_message_id and by_message_id[message_id] in index:
            return index[by_message_id[message_id]]
    text = f"{mail.subject}\n{mail.body}".casefold()
    for key, reference in references.items():
        if reference.casefold() in text and key in index:
            return index[key]
    own = [w for w in windows if emails.get(w.candidature) == mail.sender]
    return max(own, key=lambda w: (w.communicated, w.round)) if own else None


def _plan(session: Session, slug: str, mails: list[Mail], spool: Spool) -> list[IntakeItem]:
    region = get_region(session, slug)
    windows = rebuttal_windows(session, slug)
    emails = {
        c.id: c.email.lower()
        for c in session.scalars(select(Candidature).where(Candidature.region_id == region.id))
    }
    by_message_id = {
        r.message_id: (r.candidature_id, r.round)
        for r in session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.region_id == region.id, OutboxMessage.kind == DECISION
            )
        )
    }
    references = letter_references(
        session,
        slug,
        current_language(),
        [(w.candidature, w.round, w.communicated) for w in windows],
    )
    known = set(session.scalars(select(MailMessage.message_id)))
    limit = max_document_bytes(session)
    taken: set[tuple[int, int]] = set()
    items = []
    for mail in sorted(mails, key=lambda m: m.received_at or datetime.max.replace(tzinfo=UTC)):
        item = IntakeItem(mail.message_id, mail.subject, mail.sender, SKIPPED, mail=mail)
        items.append(item)
        w = None
        if mail.received_at is None:
            item.reason = "; ".join(mail.problems) or _("no readable Received or Date header")
        elif mail.keys & known:
            item.reason = _("already imported")
        else:
            w = _match(mail, windows, by_message_id, references, emails)
            if w is None:
                item.reason = _(
                    "names no decision of this region (no reference, not a reply to a "
                    "decision e-mail, not from a candidate's address)"
                )
            elif w.received_at is not None or (w.candidature, w.round) in taken:
                item.reason = _("a weerwoord on this decision is recorded already")
        if item.reason or w is None:
            mail.attachments, mail.spooled = [], []
            continue
        known.update(mail.keys)
        taken.add((w.candidature, w.round))
        item.status, item.candidature = CREATED, w.candidature
        item.organisation, item.title = (
            w.organisation,
            _("weerwoord round {round}").format(round=w.round),
        )
        item.received_at, item.received_from = mail.received_at, mail.received_from
        item.late = mail.received_at >= w.closes
        item.round = w.round
        take_attachments(item, mail, limit, spool)
    return items


def import_rebuttals(
    store: Store, paths: list[Path], slug: str, *, dry_run: bool, actor: str = "secretariaat"
) -> IntakeReport:
    """All or nothing: every matched reply is recorded in one transaction (the attachments
    wait in a spool file, as the candidatures' intake's do)."""
    with Spool() as spool:
        return _import(store, paths, slug, spool, dry_run, actor)


def _import(
    store: Store, paths: list[Path], slug: str, spool: Spool, dry_run: bool, actor: str
) -> IntakeReport:
    mails = read_spooled(paths, spool)
    with store.reader() as session:
        items = _plan(session, slug, mails, spool)
    report = IntakeReport(slug, dry_run, items)
    if dry_run or not report.by(CREATED):
        return report
    store.backup("before-weerwoord-import")
    with store.session() as session:
        region_id = get_region(session, slug).id
        now = datetime.now(UTC)
        for item in report.by(CREATED):
            mail = item.mail
            assert mail is not None and item.received_at and item.candidature
            files = "; ".join(item.documents)
            record_rebuttal(
                session,
                actor,
                item.candidature,
                item.round,
                item.received_at,
                text=mail.body or mail.subject,
                file=_("e-mail: {files}").format(files=files) if files else "",
            )
            keep_message(session, actor, item, region_id, "rebuttal", now, spool)
    return report
