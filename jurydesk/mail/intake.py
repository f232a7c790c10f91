"""Candidatures from the submission mailbox: every message whose subject carries the region's
submission subject becomes a candidature (or a new version of the sender's one), dated by the
moment it reached the receiving server; everything else is listed as skipped with the reason.
The whole mailbox is checked first and written in one transaction; importing it again adds
nothing (Message-ID)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.audit.chain import record
from jurydesk.candidatures.rules import normalise, region_rules
from jurydesk.documents.errors import DocumentError
from jurydesk.documents.service import Prepared, add_documents, max_document_bytes, prepare
from jurydesk.i18n import _
from jurydesk.mail.guess import guess_organisation, guess_title
from jurydesk.mail.read import DATE, RECEIVED, Mail, matches, read_spooled
from jurydesk.mail.spool import Spool, Spooled
from jurydesk.store import Store
from jurydesk.store.models import Candidature, MailMessage, Region
from jurydesk.timeutil import iso, to_brussels

CREATED, UPDATED, SKIPPED = "created", "updated", "skipped"


@dataclass
class IntakeItem:
    message_id: str
    subject: str
    sender: str
    status: str
    reason: str = ""
    candidature: int | None = None
    organisation: str = ""
    title: str = ""
    received_at: datetime | None = None
    received_from: str = ""
    late: bool = False
    round: int = 0  # the decision a weerwoord answers
    documents: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    mail: Mail | None = field(default=None, repr=False)
    prepared: list[Prepared] = field(default_factory=list, repr=False)
    # With a spool: where each prepared file's bytes are (the Prepared itself holds none).
    spooled: list[Spooled] = field(default_factory=list, repr=False)

    def received_text(self) -> str:
        """'09/06/2023 23:59 (received)': the Belgian time and the header it came from."""
        if self.received_at is None:
            return ""
        where = {RECEIVED: _("receiving server"), DATE: _("Date header")}
        label = where.get(self.received_from, self.received_from)
        return f"{to_brussels(self.received_at):%d/%m/%Y %H:%M} ({label})"

    def note(self) -> str:
        return self.reason or "; ".join([*self.documents, *self.problems])

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "message_id": self.message_id,
            "subject": self.subject,
            "sender": self.sender,
        }
        if self.status == SKIPPED:
            return {**data, "reason": self.reason}
        extra = {"round": self.round} if self.round else {}
        return {
            **data,
            **extra,
            "candidature": self.candidature,
            "organisation": self.organisation,
            "title": self.title,
            "received_at": iso(to_brussels(self.received_at)) if self.received_at else None,
            "received_from_header": self.received_from,
            "late": self.late,
            "documents": self.documents,
            "problems": self.problems,
        }


@dataclass
class IntakeReport:
    region: str
    dry_run: bool
    items: list[IntakeItem]

    def by(self, status: str) -> list[IntakeItem]:
        return [i for i in self.items if i.status == status]

    def to_json(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "dry_run": self.dry_run,
            "created": [i.to_json() for i in self.by(CREATED)],
            "updated": [i.to_json() for i in self.by(UPDATED)],
            "skipped": [i.to_json() for i in self.by(SKIPPED)],
        }


def take_attachments(item: IntakeItem, mail: Mail, limit: int, spool: Spool | None = None) -> None:
    """Check and prepare the message's attachments for the store (refusals become problems
    of the item); the message lets go of its copy, so each file is held in memory once (with
    a spool: not at all, its bytes stay in the spool until the write)."""
    item.problems = list(mail.problems)
    for name, data in mail.attachments:
        try:
            item.prepared.append(prepare(name, data, limit))
        except DocumentError as exc:
            item.problems.append(str(exc))
    for name, where in mail.spooled:
        assert spool is not None, "spooled attachments need their spool"
        try:
            item.prepared.append(replace(prepare(name, spool.get(where), limit), data=b""))
        except DocumentError as exc:
            item.problems.append(str(exc))
        else:
            item.spooled.append(where)
    mail.attachments, mail.spooled = [], []
    item.documents = [p.name for p in item.prepared]


def _files(item: IntakeItem, spool: Spool | None) -> list[Prepared]:
    """The item's files with their bytes (read back from the spool one message at a time)."""
    if not item.spooled:
        return item.prepared
    assert spool is not None and len(item.spooled) == len(item.prepared)
    return [replace(p, data=spool.get(w)) for p, w in zip(item.prepared, item.spooled, strict=True)]


def keep_message(
    session: Session,
    actor: str,
    item: IntakeItem,
    region_id: int,
    kind: str,
    now: datetime,
    spool: Spool | None = None,
) -> None:
    """Store the item's attachments as its candidature's documents and remember the message,
    so that the same mailbox taken in again adds nothing."""
    mail = item.mail
    assert mail is not None and item.candidature is not None and item.received_at is not None
    if item.prepared:
        add_documents(session, actor, item.candidature, _files(item, spool))
    session.add(
        MailMessage(
            message_id=mail.message_id,  # at most 500 characters: see read.message_key
            region_id=region_id,
            candidature_id=item.candidature,
            kind=kind,
            sender=mail.sender[:320],
            subject=mail.subject,
            received_at=item.received_at,
            received_from=item.received_from,
            imported_at=now,
        )
    )


def _plan(
    session: Session, slug: str, mails: list[Mail], spool: Spool | None = None
) -> list[IntakeItem]:
    region = session.scalar(select(Region).where(Region.slug == slug))
    rules = region_rules(session, slug)
    assert region is not None
    limit = max_document_bytes(session)
    known = set(session.scalars(select(MailMessage.message_id)))
    by_sender = {
        c.email.lower(): c
        for c in session.scalars(select(Candidature).where(Candidature.region_id == region.id))
    }
    items: list[IntakeItem] = []
    planned: dict[str, IntakeItem] = {}
    for mail in sorted(mails, key=lambda m: m.received_at or datetime.max.replace(tzinfo=UTC)):
        item = IntakeItem(mail.message_id, mail.subject, mail.sender, SKIPPED, mail=mail)
        items.append(item)
        if not region.submission_subject:
            item.reason = _("this region takes candidatures through a web form, not by e-mail")
        elif mail.problems and mail.received_at is None:
            item.reason = "; ".join(mail.problems)
        elif mail.keys & known:
            item.reason = _("already imported")
        elif not matches(mail.subject, region.submission_subject):
            item.reason = _("the subject does not carry '{rule}'").format(
                rule=region.submission_subject
            )
        elif not mail.sender:
            item.reason = _("no sender address")
        if item.reason:
            mail.attachments, mail.spooled = [], []
            continue
        known.update(mail.keys)
        take_attachments(item, mail, limit, spool)
        item.received_at, item.received_from = mail.received_at, mail.received_from
        assert mail.received_at is not None
        item.late = rules.is_late(mail.received_at)
        if rules.is_before_launch(mail.received_at) and rules.launch is not None:
            item.problems.append(
                _(
                    "dated {date}, before the call's launch on {launch}: check the message's "
                    "date (the candidature is flagged)"
                ).format(
                    date=f"{to_brussels(mail.received_at):%d/%m/%Y}",
                    launch=f"{rules.launch:%d/%m/%Y}",
                )
            )
        earlier = by_sender.get(mail.sender) or planned.get(mail.sender)
        if earlier is not None:
            item.status = UPDATED
            item.organisation = earlier.organisation
            item.title = earlier.title
            item.candidature = earlier.id if isinstance(earlier, Candidature) else None
        else:
            item.status = CREATED
            item.organisation = guess_organisation(mail, item.prepared)
            item.title = guess_title(
                mail, region.submission_subject or "", item.prepared, item.organisation
            )
            planned[mail.sender] = item
    return items


def import_mailbox(
    store: Store,
    paths: list[Path],
    slug: str,
    *,
    dry_run: bool,
    actor: str = "secretariaat",
    corrections: dict[str, tuple[str, str]] | None = None,
) -> IntakeReport:
    """``corrections``: message id -> (organisation, title) confirmed by the secretariat for a
    new candidature, instead of the guesses."""
    with Spool() as spool:
        return _import(store, paths, slug, spool, dry_run, actor, corrections)


def _import(
    store: Store,
    paths: list[Path],
    slug: str,
    spool: Spool,
    dry_run: bool,
    actor: str,
    corrections: dict[str, tuple[str, str]] | None,
) -> IntakeReport:
    mails = read_spooled(paths, spool)
    with store.reader() as session:
        items = _plan(session, slug, mails, spool)
    for item in items:
        if item.status == CREATED and corrections and item.message_id in corrections:
            organisation, title = corrections[item.message_id]
            item.organisation = organisation.strip() or item.organisation
            item.title = title.strip() or item.title
    report = IntakeReport(slug, dry_run, items)
    if dry_run or not (report.by(CREATED) or report.by(UPDATED)):
        return report
    store.backup("before-mail-import")
    with store.session() as session:
        _write(session, slug, report, actor, spool)
    return report


def _write(session: Session, slug: str, report: IntakeReport, actor: str, spool: Spool) -> None:
    rules = region_rules(session, slug)
    now = datetime.now(UTC)
    created: dict[str, Candidature] = {}
    for item in report.items:
        if item.status == SKIPPED:
            continue
        mail = item.mail
        assert mail is not None and item.received_at is not None
        cand = session.get(Candidature, item.candidature) if item.candidature else None
        if cand is None:
            cand = created.get(mail.sender)
        if cand is None:
            name, key = item.organisation, normalise(item.organisation)
            taken = session.scalar(
                select(Candidature.id).where(
                    Candidature.region_id == rules.region_id, Candidature.organisation_key == key
                )
            )
            if taken is not None:
                name = f"{name} ({mail.sender})"
                key = normalise(name)
            cand = Candidature(
                region_id=rules.region_id,
                organisation=name[:300],
                organisation_key=key[:300],
                contact=(mail.sender_name or mail.sender)[:200],
                email=mail.sender,
                title=item.title,
                summary=mail.body[:20000],
                received_at=item.received_at,
                channel="e-mail",
                challenges=[],
                services=[],
                attachments=[],
                status="received",
            )
            session.add(cand)
            session.flush()
            created[mail.sender] = cand
            record(
                session,
                actor,
                "create",
                "candidature",
                str(cand.id),
                None,
                {
                    "organisation": cand.organisation,
                    "message_id": mail.message_id,
                    "received_at": cand.received_at.isoformat(),
                },
            )
        else:
            # A new version: the latest message before the deadline decides the date.
            if not item.late or rules.is_late(cand.received_at):
                before = cand.received_at
                cand.received_at = max(cand.received_at, item.received_at)
                if cand.received_at != before:
                    record(
                        session,
                        actor,
                        "edit",
                        "candidature",
                        str(cand.id),
                        {"received_at": before.isoformat()},
                        {"received_at": cand.received_at.isoformat()},
                    )
            cand.summary = mail.body[:20000] or cand.summary
        item.candidature = cand.id
        keep_message(session, actor, item, rules.region_id, "candidature", now, spool)
    session.flush()
