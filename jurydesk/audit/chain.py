"""The audit log: append-only events in a hash chain, and its verification.

Each event's hash covers its content and the previous event's hash, so an edit, a deletion
or a reordering anywhere breaks the chain from that point on. The chain head is kept in the
settings table and updated in the same transaction, which serialises writers.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import String, bindparam, func, insert, select, update
from sqlalchemy import cast as sa_cast
from sqlalchemy.orm import Session

from jurydesk.store import audit_keys
from jurydesk.store.models import AuditEvent, Setting

GENESIS = "0" * 64
HEAD_KEY = "audit_head"


def secretariat_actor() -> str:
    """Who the secretariat is in the audit log when no name is given: the logged-in user."""
    return f"secretariaat:{getpass.getuser()}"


def _canonical(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str, sort_keys=True))


def event_hash(
    prev_hash: str,
    at: datetime,
    actor: str,
    action: str,
    entity: str,
    entity_key: str,
    old: Any,
    new: Any,
) -> str:
    """The event's hash; ``old`` and ``new`` in their canonical (JSON) form, as `record`
    makes them and as they are read back from the table."""
    payload = json.dumps(
        [
            prev_hash,
            at.astimezone(UTC).isoformat(),
            actor,
            action,
            entity,
            entity_key,
            old,
            new,
        ],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


# The chain head, locked for the rest of the transaction (a row lock on PostgreSQL; SQLite has a
# single writer anyway), so that two writers never extend the chain from one head. Built once:
# every autosaved keystroke records an event.
_HEAD = select(Setting.value).where(Setting.key == HEAD_KEY).with_for_update()
_NEW_HEAD = insert(Setting).values(key=HEAD_KEY, value=bindparam("head"))
_MOVE_HEAD = update(Setting).where(Setting.key == HEAD_KEY).values(value=bindparam("head"))
_EVENT = insert(AuditEvent)


def record(
    session: Session,
    actor: str,
    action: str,
    entity: str,
    entity_key: str,
    old: Any = None,
    new: Any = None,
) -> str:
    """Append one event to the chain, in the caller's transaction; returns its hash.

    Written with plain statements on the session's connection rather than through the unit
    of work: the head is only ever read and moved here, and the event row is never changed.
    """
    connection = session.connection()
    prev = connection.execute(_HEAD).scalar()
    now = datetime.now(UTC)
    at = now.replace(microsecond=now.microsecond // 1000 * 1000)
    old_c, new_c = _canonical(old), _canonical(new)
    digest = event_hash(prev or GENESIS, at, actor, action, entity, entity_key, old_c, new_c)
    row = {
        "at": at,
        "actor": actor,
        "action": action,
        "entity": entity,
        "entity_key": entity_key,
        "old": old_c,
        "new": new_c,
        "prev_hash": prev or GENESIS,
        "hash": digest,
    }
    signed = audit_keys.sign(connection, digest, action, entity_key)
    if signed is not None:  # (a migration before 0014 writes to a table without the column)
        row["mac"] = signed
    connection.execute(_EVENT, row)
    connection.execute(_NEW_HEAD if prev is None else _MOVE_HEAD, {"head": digest})
    return digest


@dataclass(frozen=True)
class AuditReport:
    events: int
    ok: bool
    problem: str = ""
    event_id: int | None = None


def head(session: Session) -> tuple[str, int]:
    """The chain's head hash and its number of events: written down outside the database (the
    workbook, a backup's name, `jurydesk audit head`), it anchors everything before it."""
    value = session.scalar(select(Setting.value).where(Setting.key == HEAD_KEY)) or GENESIS
    count = session.scalar(select(func.count(AuditEvent.id))) or 0
    return value, int(count)


def verify(session: Session, anchor: str | None = None, key: bytes | None = None) -> AuditReport:
    """Walk the chain in id order and recompute every hash; with ``anchor`` (a head written
    down earlier) also prove that nothing up to that point was removed or rewritten; with
    ``key`` (the secretariat's, from the passphrase) check every event's MAC."""
    try:
        return _walk(session, anchor, key)
    except (TypeError, ValueError):  # a row the model cannot load: named, not a traceback
        unreadable = _unreadable(session)
        if unreadable is None:
            raise
        return AuditReport(
            0, False, "this event cannot be read: its time or content was edited", unreadable
        )


def _walk(session: Session, anchor: str | None, key: bytes | None) -> AuditReport:
    keyless = frozenset(audit_keys.jurors_without_key(session)) if key else frozenset()
    macs = audit_keys.Checker(key, keyless)
    prev = GENESIS
    count = 0
    anchored = anchor is None or anchor == GENESIS
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.id)):
        count += 1
        if event.prev_hash != prev:
            return AuditReport(
                count,
                False,
                "the chain is broken before this event (an event was removed or reordered)",
                event.id,
            )
        expected = event_hash(
            prev,
            event.at,
            event.actor,
            event.action,
            event.entity,
            event.entity_key,
            event.old,
            event.new,
        )
        if expected != event.hash:
            return AuditReport(count, False, "this event was altered", event.id)
        problem = macs.problem(event.action, event.entity_key, event.hash, event.mac)
        if problem:
            return AuditReport(count, False, problem, event.id)
        prev = event.hash
        anchored = anchored or prev == anchor
    head = session.scalar(select(Setting.value).where(Setting.key == HEAD_KEY))
    if (head is not None or count) and head != prev:
        return AuditReport(
            count,
            False,
            "the newest events were removed (the chain head does not match the last event)",
        )
    problem = macs.final(session)
    if problem:
        return AuditReport(count, False, problem)
    if not anchored:
        return AuditReport(
            count,
            False,
            "the anchored head is not in the chain: events up to it were removed or rewritten",
        )
    return AuditReport(count, True)


def _unreadable(session: Session) -> int | None:
    """The first event whose stored time or JSON no longer parses (edited in the file), read
    raw: loading it through the model would end the check in a traceback."""
    table = AuditEvent.__table__
    columns = (sa_cast(c, String) for c in (table.c.at, table.c.old, table.c.new))
    for ident, at, old, new in session.execute(select(table.c.id, *columns).order_by(table.c.id)):
        try:
            if at is not None:
                datetime.fromisoformat(at)
            for value in (old, new):
                if value is not None:
                    json.loads(value)
        except (TypeError, ValueError):
            return int(ident)
    return None
