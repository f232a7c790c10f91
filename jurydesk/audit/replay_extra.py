"""The replay's second pass: the columns a decision also depends on, beyond the scores,
evaluations, decisions, conflicts and documents that `replay.compare` checks.

* a stored file's bytes against their SHA-256 (recomputed), a document's name;
* a decision's communication date (it starts the weerwoord window) and its review flag;
* a score's version (a bumped version lets a stale laptop edit win a merge);
* a juror's PIN (by a fingerprint of its salted hash) and panel memberships;
* a document's page text (a digest), a candidature's time of receipt (the late flag), a
  juror's pack signing secret (by fingerprint);
* the settings of ``replay_settings`` (letters, weerwoord, decision quality) and
  ``replay_tracked`` (SMTP defaults, pitch timer, rubrics, limits, jury settings), the
  consensus and meetings, the jurors and the jury's notes (``replay_jury_rows``), the
  weerwoorden and the declarations on honour (``replay_rows``), fed the same events in the
  same pass.

Events from before a column was logged do not carry it: such a row is compared on what the
log knows (an older database stays verifiable; its older rows are covered where they can be).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.audit.replay import Difference
from jurydesk.audit.replay_consensus import ConsensusLog, replay_consensus
from jurydesk.audit.replay_jury_rows import JuryRowsLog, replay_jury_rows
from jurydesk.audit.replay_meeting import MeetingLog, replay_meetings
from jurydesk.audit.replay_rows import RowsLog, replay_rows
from jurydesk.audit.replay_settings import SettingsLog, replay_settings
from jurydesk.audit.replay_tracked import TrackedLog, replay_tracked
from jurydesk.passphrase import fingerprint
from jurydesk.store.models import (
    Candidature,
    Decision,
    Document,
    DocumentBlob,
    DocumentPage,
    PanelMember,
    Region,
    Score,
    Setting,
)

UNKNOWN = object()
PIN_PREFIX = "juror_pin:"
PACK_SECRET_PREFIX = "pack_secret:"


def text_digest(texts: Iterable[str]) -> str:
    """One digest of a document's extracted page texts, in page order (its audit event)."""
    digest = hashlib.sha256()
    for text in texts:
        data = text.encode("utf-8")
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def moment(value: Any) -> str | None:
    """A moment (a datetime, or its ISO text from an event) in one form: UTC, ISO."""
    if value is None:
        return None
    when = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat()


def _score_key(key: str) -> tuple[Any, ...]:
    juror, candidature, round_, criterion = key.split("/", 3)
    try:
        return (int(juror), int(candidature), int(round_), criterion)
    except ValueError:
        return (juror, candidature, round_, criterion)


def _label(key: Any) -> str:
    return "/".join(str(part) for part in key) if isinstance(key, tuple) else str(key)


class Log:
    def __init__(self) -> None:
        # by (juror, candidature, round, criterion): 224,000 of them at Flanders scale
        self.versions: dict[tuple[Any, ...], Any] = {}
        self.communicated: dict[str, Any] = {}
        self.review: dict[str, Any] = {}
        self.names: dict[str, Any] = {}
        self.pins: dict[str, Any] = {}
        self.panels: set[tuple[int, str, int]] = set()
        self.texts: dict[str, Any] = {}
        self.received: dict[str, Any] = {}
        self.secrets: dict[str, Any] = {}
        self.juror_database = False  # a pack's snapshot: its panels came with the pack
        self.settings = SettingsLog()  # a region's letter, window and quality settings
        self.tracked = TrackedLog()  # SMTP, pitch timer, rubrics, limits, jury settings
        self.consensus = ConsensusLog()  # the jury's agreed scores, texts and approvals
        self.meetings = MeetingLog()  # what the minutes print of each meeting
        self.jury_rows = JuryRowsLog()  # jurors' names, roles, addresses; the jury's notes
        self.rows = RowsLog()  # the weerwoorden and the declarations on honour

    def event(self, action: str, key: str, old: Any, new: Any) -> None:
        self.settings.event(action, key, new)
        self.tracked.event(action, key, new)
        self.consensus.event(action, key, new)
        self.meetings.event(action, key, new)
        self.jury_rows.event(action, key, new)
        self.rows.event(action, key, new)
        new = (old if action == "panel_remove" else new) or {}
        new = new if isinstance(new, dict) else {}
        if action == "pack_open":
            self.juror_database = True
        elif action == "score":
            self.versions[_score_key(key)] = new.get("version", UNKNOWN)
        elif action in ("bulk_scores", "pack_import", "baseline"):
            for row in new.get("scores", []):
                known = len(row) > 6 and row[6] is not None
                self.versions[tuple(row[:4])] = row[6] if known else UNKNOWN
        elif action == "return_theirs":
            self.versions[_score_key(key)] = UNKNOWN
        elif action == "return_accept":
            self.versions[_score_key(key)] = UNKNOWN
            self.review["/".join(key.split("/")[1:3])] = True
        elif action == "decide":
            self.communicated[key] = new.get("communicated_on", UNKNOWN)
            self.review[key] = False
        elif action == "mail-sent" and "decision" in new:
            self.communicated[new["decision"]] = new.get("communicated_on")
        elif action == "add" and "sha256" in new and "name" in new:
            self.names[key] = new["name"]
            self.texts[key] = new.get("text_sha256", UNKNOWN)
        elif action in ("create", "edit") and "received_at" in new:
            self.received[key] = moment(new["received_at"])
        elif action == "candidatures_add":
            for candidature, received in new.get("received_at", []):
                self.received[str(candidature)] = moment(received)
        elif action == "pack_secret":
            self.secrets[key] = new.get("fingerprint", UNKNOWN)
        elif action == "pin_set":
            self.pins[key] = new.get("fingerprint", UNKNOWN)
        elif action == "panel_add":
            self.panels.add((int(key), new.get("region", ""), int(new.get("round", 0))))
        elif action == "panel_remove":  # the removed membership: in ``old``
            self.panels.discard((int(key), new.get("region", ""), int(new.get("round", 0))))
        elif action == "juror_remove":
            self.panels = {p for p in self.panels if p[0] != int(key)}
            self.pins.pop(key, None)


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
            out(Difference(entity, _label(key), "no event", value, None))
            continue
        theirs = logged.get(key, UNKNOWN)
        if theirs is not UNKNOWN and theirs != value:
            out(Difference(entity, _label(key), "differs", value, theirs))
    if missing:
        for key in logged.keys() - table.keys():
            if logged[key] is not UNKNOWN:
                out(Difference(entity, _label(key), "missing", None, logged[key]))
    return len(table)


def replay_extras(session: Session, log: Log, out: Callable[[Difference], None]) -> int:
    """Compare the extra columns with what ``log`` (fed every event, in order) holds; ``out``
    gets each difference; returns the rows compared."""
    compared = replay_settings(session, log.settings, out, log.juror_database)
    if not log.juror_database:  # a pack's settings came with the pack
        compared += replay_tracked(session, log.tracked, out)
        compared += replay_consensus(session, log.consensus, out)
        compared += replay_meetings(session, log.meetings, out)
        compared += replay_jury_rows(session, log.jury_rows, out)
        compared += replay_rows(session, log.rows, out)
    versions = {
        (j, c, r, k): v
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
    pages: dict[str, list[str]] = {}
    query = select(DocumentPage.document_id, DocumentPage.text).order_by(
        DocumentPage.document_id, DocumentPage.page
    )
    for document, text in session.execute(query):
        pages.setdefault(str(document), []).append(text)
    texts = {key: text_digest(pages.get(key, [])) for key in names}
    _compare(out, "page text", texts, log.texts, missing=False)
    received = {
        str(i): moment(at)
        for i, at in session.execute(select(Candidature.id, Candidature.received_at))
    }
    compared += _compare(out, "received", received, log.received, missing=False)
    secrets = {
        key.removeprefix(PACK_SECRET_PREFIX): fingerprint(value)
        for key, value in session.execute(
            select(Setting.key, Setting.value).where(Setting.key.like(PACK_SECRET_PREFIX + "%"))
        )
    }
    compared += _compare(out, "pack secret", secrets, log.secrets)
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
