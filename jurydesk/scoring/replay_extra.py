"""The replay's second pass: the columns a decision also depends on, beyond the scores,
evaluations, decisions, conflicts and documents that `replay.compare` checks.

* a stored file's bytes against their SHA-256 (recomputed), a document's name;
* a decision's communication date (it starts the weerwoord window) and its review flag;
* a score's version (a bumped version lets a stale laptop edit win a merge);
* a juror's PIN (by a fingerprint of its salted hash) and panel memberships.

Events from before a column was logged do not carry it: such a row is compared on what the
log knows (an older database stays verifiable; its older rows are covered where they can be).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.passphrase import fingerprint
from jurydesk.scoring.replay import Difference
from jurydesk.store.models import (
    AuditEvent,
    Decision,
    Document,
    DocumentBlob,
    PanelMember,
    Region,
    Score,
    Setting,
)

UNKNOWN = object()
PIN_PREFIX = "juror_pin:"


class _Log:
    def __init__(self) -> None:
        self.versions: dict[str, Any] = {}
        self.communicated: dict[str, Any] = {}
        self.review: dict[str, Any] = {}
        self.names: dict[str, Any] = {}
        self.pins: dict[str, Any] = {}
        self.panels: set[tuple[int, str, int]] = set()
        self.juror_database = False  # a pack's snapshot: its panels came with the pack

    def event(self, action: str, key: str, new: Any) -> None:
        new = new if isinstance(new, dict) else {}
        if action == "pack_open":
            self.juror_database = True
        elif action == "score":
            self.versions[key] = new.get("version", UNKNOWN)
        elif action in ("bulk_scores", "pack_import", "baseline"):
            for row in new.get("scores", []):
                known = len(row) > 6 and row[6] is not None
                self.versions["/".join(str(v) for v in row[:4])] = row[6] if known else UNKNOWN
        elif action == "return_theirs":
            self.versions[key] = UNKNOWN
        elif action == "return_accept":
            self.versions[key] = UNKNOWN
            self.review["/".join(key.split("/")[1:3])] = True
        elif action == "decide":
            self.communicated[key] = new.get("communicated_on", UNKNOWN)
            self.review[key] = False
        elif action == "mail-sent" and "decision" in new:
            self.communicated[new["decision"]] = new.get("communicated_on")
        elif action == "add" and "sha256" in new and "name" in new:
            self.names[key] = new["name"]
        elif action == "pin_set":
            self.pins[key] = new.get("fingerprint", UNKNOWN)
        elif action == "panel_add":
            self.panels.add((int(key), new.get("region", ""), int(new.get("round", 0))))
        elif action == "panel_remove":
            old = new  # the removed membership is in ``old``; see `replay_extras`
            self.panels.discard((int(key), old.get("region", ""), int(old.get("round", 0))))
        elif action == "juror_remove":
            self.panels = {p for p in self.panels if p[0] != int(key)}
            self.pins.pop(key, None)


def _events(session: Session) -> _Log:
    log = _Log()
    query = (
        select(AuditEvent.action, AuditEvent.entity_key, AuditEvent.old, AuditEvent.new)
        .order_by(AuditEvent.id)
        .execution_options(yield_per=2000)
    )
    for action, key, old, new in session.execute(query):
        log.event(action, key, old if action == "panel_remove" else new)
    return log


def _compare(
    out: Callable[[Difference], None],
    entity: str,
    table: dict[str, Any],
    logged: dict[str, Any],
    missing: bool = True,
    orphans: bool = False,
) -> int:
    for key, value in table.items():
        if orphans and key not in logged:
            out(Difference(entity, key, "no event", value, None))
            continue
        theirs = logged.get(key, UNKNOWN)
        if theirs is not UNKNOWN and theirs != value:
            out(Difference(entity, key, "differs", value, theirs))
    if missing:
        for key in logged.keys() - table.keys():
            if logged[key] is not UNKNOWN:
                out(Difference(entity, key, "missing", None, logged[key]))
    return len(table)


def replay_extras(session: Session, out: Callable[[Difference], None]) -> int:
    """Compare the extra columns; ``out`` gets each difference; returns the rows compared."""
    log = _events(session)
    compared = 0
    versions = {
        f"{j}/{c}/{r}/{k}": v
        for j, c, r, k, v in session.execute(
            select(
                Score.juror_id, Score.candidature_id, Score.round, Score.criterion, Score.version
            )
        )
    }
    compared += _compare(out, "score version", versions, log.versions, missing=False)
    decisions = {
        f"{c}/{r}": (on.isoformat() if on else None, bool(review))
        for c, r, on, review in session.execute(
            select(
                Decision.candidature_id,
                Decision.round,
                Decision.communicated_on,
                Decision.needs_review,
            )
        )
    }
    _compare(
        out,
        "communication date",
        {k: v[0] for k, v in decisions.items()},
        log.communicated,
        missing=False,
    )
    compared += _compare(
        out, "review flag", {k: v[1] for k, v in decisions.items()}, log.review, missing=False
    )
    names = {str(i): n for i, n in session.execute(select(Document.id, Document.name))}
    compared += _compare(out, "document name", names, log.names, missing=False)
    for sha, data in session.execute(select(DocumentBlob.sha256, DocumentBlob.data)):
        compared += 1
        actual = hashlib.sha256(data).hexdigest()
        if actual != sha:
            out(Difference("stored file", sha, "differs", actual, sha))
    pins = {
        key.removeprefix(PIN_PREFIX): fingerprint(value)
        for key, value in session.execute(
            select(Setting.key, Setting.value).where(Setting.key.like(PIN_PREFIX + "%"))
        )
    }
    compared += _compare(out, "PIN", pins, log.pins, orphans=True)  # always had events
    panels = {
        (j, slug, r)
        for j, slug, r in session.execute(
            select(PanelMember.juror_id, Region.slug, PanelMember.round).join(
                Region, Region.id == PanelMember.region_id
            )
        )
    }
    if log.juror_database:
        return compared
    compared += len(panels)
    for j, slug, r in sorted(panels - log.panels):
        out(Difference("panel", f"{j}/{slug}/{r}", "no event", "member", None))
    for j, slug, r in sorted(log.panels - panels):
        out(Difference("panel", f"{j}/{slug}/{r}", "missing", None, "member"))
    return compared
