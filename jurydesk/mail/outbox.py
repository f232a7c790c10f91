"""The outbox: every message is queued, then sent (with its Message-ID and the time the
server accepted it) or failed (with the server's reason).

A batch is a loop of short transactions: mark one message ``sending`` (its exact bytes
kept), hand it to the server, mark it ``sent``. A batch that is interrupted resumes with
what is still queued; a row found in ``sending`` (the app was killed while the server had it)
becomes ``uncertain`` and is not sent again until the secretariat resends it or marks it
sent, because the server may already have delivered it. A sent decision records the day it
was communicated, from which its weerwoord window counts.
"""

from __future__ import annotations

import contextlib
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.policy import SMTP
from typing import Any, Protocol

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from jurydesk.audit.chain import record
from jurydesk.i18n import _
from jurydesk.mail.compose import Planned, check_sender, compose, new_message_id, plan
from jurydesk.mail.smtp import ConnectionLost, SendRefused, Unanswered
from jurydesk.mail.states import FAILED, QUEUED, SENDING, SENT, UNCERTAIN, status_label
from jurydesk.mail.templates import DECISION, mail_template
from jurydesk.regions.service import get_region
from jurydesk.store import Store
from jurydesk.store.errors import StoreError
from jurydesk.store.models import Candidature, Decision, Juror, OutboxMessage
from jurydesk.timeutil import iso, to_brussels

Progress = Callable[[int, int, str], None]


class Transport(Protocol):
    def connect(self) -> None: ...

    def send(self, sender: str, recipient: str, data: bytes) -> None: ...


@dataclass(frozen=True)
class OutboxItem:
    id: int
    key: str
    kind: str
    candidature: int | None  # None: a reminder to a juror (organisation holds the name)
    organisation: str
    round: int
    recipient: str
    subject: str
    message_id: str
    status: str
    error: str
    attempts: int
    sent_at: datetime | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "key": self.key,
            "kind": self.kind,
            "candidature": self.candidature,
            "organisation": self.organisation,
            "round": self.round,
            "to": self.recipient,
            "subject": self.subject,
            "message_id": self.message_id,
            "status": self.status,
            "error": self.error,
            "attempts": self.attempts,
            "sent_at": iso(to_brussels(self.sent_at)) if self.sent_at else None,
        }


@dataclass
class SendReport:
    sent: list[OutboxItem] = field(default_factory=list)
    failed: list[OutboxItem] = field(default_factory=list)
    already_sent: list[OutboxItem] = field(default_factory=list)
    uncertain: list[OutboxItem] = field(default_factory=list)
    refused: list[tuple[int, str, str]] = field(default_factory=list)
    left: int = 0
    stopped: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "sent": [i.to_json() for i in self.sent],
            "failed": [i.to_json() for i in self.failed],
            "already_sent": [i.to_json() for i in self.already_sent],
            "uncertain": [i.to_json() for i in self.uncertain],
            "not_sendable": [
                {"candidature": c, "organisation": o, "reason": r} for c, o, r in self.refused
            ],
            "left_queued": self.left,
            "stopped": self.stopped or None,
        }


def _item(row: OutboxMessage, organisation: str) -> OutboxItem:
    return OutboxItem(
        row.id,
        row.key,
        row.kind,
        row.candidature_id,
        organisation,
        row.round,
        row.recipient,
        row.subject,
        row.message_id,
        row.status,
        row.error,
        row.attempts,
        row.sent_at,
    )


def outbox(store: Store, slug: str | None = None, kind: str | None = None) -> list[OutboxItem]:
    with store.reader() as session:
        query = (
            select(OutboxMessage, func.coalesce(Candidature.organisation, Juror.name, ""))
            .outerjoin(Candidature, Candidature.id == OutboxMessage.candidature_id)
            .outerjoin(Juror, Juror.id == OutboxMessage.juror_id)
        )
        if slug:
            query = query.where(OutboxMessage.region_id == get_region(session, slug).id)
        if kind:
            query = query.where(OutboxMessage.kind == kind)
        return [_item(r, o) for r, o in session.execute(query.order_by(OutboxMessage.id))]


def recover(session: Session) -> int:
    """Rows left in 'sending' by a process that stopped become 'uncertain'."""
    result = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == SENDING)
        .values(status=UNCERTAIN, error=_("the app stopped while the server had this message"))
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def _rows_of(session: Session, planned: list[Planned]) -> dict[str, OutboxMessage]:
    """The outbox rows of these planned messages, by key (a message never queued has none)."""
    keys = [p.key for p in planned]
    return {
        r.key: r for r in session.scalars(select(OutboxMessage).where(OutboxMessage.key.in_(keys)))
    }


def queue(
    store: Store, slug: str, kind: str, round_: int | None, sender: str, language: str
) -> tuple[list[Planned], SendReport]:
    """Queue the region's messages of one kind that are not queued or sent yet; failed ones
    are queued again. Returns the planned messages (with their letters) and the report so far."""
    check_sender(sender)
    report = SendReport()
    with store.reader() as session:
        planned, report.refused = plan(session, slug, kind, round_, language)
    if not planned:
        return planned, report
    now = datetime.now(UTC)
    with store.session() as session:
        recover(session)
        region_id = get_region(session, slug).id
        rows = _rows_of(session, planned)
        for item in planned:
            row = rows.get(item.key)
            if row is None:
                session.add(
                    OutboxMessage(
                        key=item.key,
                        kind=item.kind,
                        region_id=region_id,
                        candidature_id=item.candidature,
                        round=item.round,
                        recipient=item.recipient,
                        sender=sender,
                        subject="",
                        message_id=new_message_id(sender),
                        status=QUEUED,
                        error="",
                        attempts=0,
                        queued_at=now,
                    )
                )
            elif row.status in (QUEUED, FAILED):
                row.status, row.sender, row.recipient = QUEUED, sender, item.recipient
            elif row.status == SENT:
                report.already_sent.append(_item(row, item.organisation))
            else:
                report.uncertain.append(_item(row, item.organisation))
    return planned, report


@contextlib.contextmanager
def _one_sender(store: Store) -> Iterator[None]:
    """One sending batch per database: SQLite has its writer lock; on PostgreSQL an advisory
    lock is held on its own connection for the batch."""
    if store.engine.dialect.name != "postgresql":
        yield
        return
    key = zlib.crc32(b"jurydesk-outbox")
    with store.engine.connect() as connection:
        if not connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar():
            raise StoreError(_("another JuryDesk is sending from this database's outbox"))
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})


def _sent(session: Session, row: OutboxMessage, actor: str, at: datetime | None = None) -> None:
    now = at or datetime.now(UTC)
    row.status, row.sent_at, row.error = SENT, now, ""
    decision = None
    if row.kind == DECISION:
        decision = session.scalar(
            select(Decision).where(
                Decision.candidature_id == row.candidature_id, Decision.round == row.round
            )
        )
    logged: dict[str, object] = {
        "message_id": row.message_id,
        "to": row.recipient,
        "sent_at": now.isoformat(),
    }
    if row.kind == DECISION and decision is not None and decision.communicated_on is None:
        decision.communicated_on = to_brussels(now).date()
        # the date the weerwoord window starts from: replayed by `audit verify`
        logged["decision"] = f"{row.candidature_id}/{row.round}"
        logged["communicated_on"] = decision.communicated_on.isoformat()
    record(session, actor, "mail-sent", "outbox", row.key, None, logged)


def deliver(
    store: Store,
    transport: Transport,
    slug: str,
    kind: str,
    round_: int | None,
    sender: str,
    language: str,
    *,
    actor: str = "secretariaat",
    progress: Progress | None = None,
    stop: Callable[[], bool] | None = None,
) -> SendReport:
    """Queue, then send every queued message of the region and kind, one transaction each."""
    with _one_sender(store):
        planned, report = queue(store, slug, kind, round_, sender, language)
        by_key = {p.key: p for p in planned}
        with store.reader() as session:
            rows = session.scalars(
                select(OutboxMessage)
                .where(
                    OutboxMessage.key.in_(list(by_key)),
                    OutboxMessage.status == QUEUED,
                )
                .order_by(OutboxMessage.id)
            ).all()
        total = len(rows)
        texts = mail_template(language, slug)
        for index, row in enumerate(rows):
            item = by_key[row.key]
            if stop is not None and stop():
                report.stopped = _("stopped by the user")
                report.left = total - index
                break
            if progress is not None:
                progress(index, total, item.organisation)
            try:  # not reachable: this one stays queued, nothing was handed over
                transport.connect()
            except ConnectionLost as exc:
                report.stopped, report.left = str(exc), total - index
                break
            message = compose(item, row.sender, row.message_id, language, texts=texts)
            data = message.as_bytes(policy=SMTP)
            with store.session() as session:
                current = session.get(OutboxMessage, row.id)
                assert current is not None
                current.status, current.subject = SENDING, str(message["Subject"])
                current.attempted_at, current.data = datetime.now(UTC), data
                current.attempts += 1
            unanswered = False
            try:
                transport.send(row.sender, row.recipient, data)
            except SendRefused as exc:
                error, lost = str(exc), False
            except Unanswered as exc:
                error, lost, unanswered = str(exc), True, True
            except ConnectionLost as exc:
                error, lost = str(exc), True
            else:
                error, lost = "", False
            with store.session() as session:
                current = session.get(OutboxMessage, row.id)
                assert current is not None
                if unanswered:  # as after a kill: the server may have it; never resent alone
                    current.status, current.error = UNCERTAIN, error
                    report.uncertain.append(_item(current, item.organisation))
                elif error:
                    current.status, current.error = FAILED, error
                    report.failed.append(_item(current, item.organisation))
                else:
                    _sent(session, current, actor)
                    report.sent.append(_item(current, item.organisation))
            if lost:
                report.stopped = error
                report.left = total - index - 1
                break
        if progress is not None:
            progress(total, total, "")
    return report


def resolve(store: Store, ids: list[int], action: str, actor: str) -> list[OutboxItem]:
    """For uncertain (or failed) messages: 'resend' queues them again with the same
    Message-ID; 'sent' records that the server did take them (checked by the secretariat)."""
    out = []
    with store.session() as session:
        recover(session)
        for id_ in ids:
            row = session.get(OutboxMessage, id_)
            if row is None:
                raise StoreError(_("no outbox message with id {id}").format(id=id_))
            if row.status not in (UNCERTAIN, FAILED):
                raise StoreError(
                    _("outbox message {id} is {status}, not uncertain or failed").format(
                        id=id_, status=row.status
                    )
                )
            if action == "sent":
                _sent(session, row, actor, row.attempted_at)
            else:
                row.status, row.error = QUEUED, ""
                record(session, actor, "mail-requeue", "outbox", row.key, None, None)
            if row.candidature_id is not None:
                cand = session.get(Candidature, row.candidature_id)
                name = cand.organisation if cand else ""
            else:
                juror = session.get(Juror, row.juror_id)
                name = juror.name if juror else ""
            out.append(_item(row, name))
    return out


def pending(
    store: Store, slug: str, kind: str, round_: int | None, language: str
) -> tuple[list[tuple[Planned, OutboxItem | None]], list[tuple[int, str, str]]]:
    """The region's messages of one kind with their outbox row (None: never queued)."""
    with store.reader() as session:
        planned, refused = plan(session, slug, kind, round_, language)
        rows = _rows_of(session, planned)
        return [
            (p, _item(rows[p.key], p.organisation) if p.key in rows else None) for p in planned
        ], refused


__all__ = ["FAILED", "QUEUED", "SENDING", "SENT", "UNCERTAIN", "status_label"]
