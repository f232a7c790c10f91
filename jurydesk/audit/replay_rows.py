"""Replaying the weerwoorden and the declarations on honour against their events.

* a weerwoord (``rebuttal`` c/r): its time of receipt (the late flag and the letter's date of
  receipt), text and file from the ``rebuttal`` event; its re-assessment (outcome, motivation,
  and since this version the moment, the final letter's date) from the latest ``reassess``;
* a declaration (``declaration`` juror/region): how and when it was signed, the name typed and
  (since this version) a digest of the text signed, from its ``declaration`` event; a juror's
  removal takes their declarations with them.

A field an event does not carry (one from before it was logged) is not compared, and a row
without any event (a database from before these events) is taken as given, as the other
extra replays do, and so is what a baseline found; a row the log holds that the table lost is
reported missing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.audit.replay import SNAPSHOTS, Difference
from jurydesk.store.meeting_models import Declaration
from jurydesk.store.models import Rebuttal, Region


def text_sha256(text: str) -> str:
    """The digest of a declaration's signed text, as its event carries it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _when(value: Any) -> Any:
    """A moment (a datetime, or its ISO text from an event) as UTC ISO text."""
    if value is None:
        return None
    try:
        when = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except (TypeError, ValueError):
        return f"not a moment: {value!r}"
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat()


class RowsLog:
    def __init__(self) -> None:
        self.rebuttals: dict[str, dict[str, Any]] = {}  # "candidature/round"
        self.declarations: dict[str, dict[str, Any]] = {}  # "juror/region"

    def event(self, action: str, key: str, new: Any) -> None:
        if action in SNAPSHOTS:  # what the database held then is taken as given
            self.__init__()  # type: ignore[misc]
        if action == "juror_remove":
            prefix = f"{key}/"
            for k in [k for k in self.declarations if k.startswith(prefix)]:
                del self.declarations[k]
        if not isinstance(new, dict):
            return
        if action == "rebuttal":
            self.rebuttals[key] = {
                "received_at": _when(new.get("received_at")),
                "text": (new.get("text") or "").strip(),
                "file": (new.get("file") or "").strip(),
                "outcome": None,
                "motivation": "",
                "decided_at": None,
            }
        elif action == "reassess":
            fields = self.rebuttals.setdefault(key, {})
            fields["outcome"] = new.get("outcome")
            fields["motivation"] = new.get("motivation") or ""
            if "decided_at" in new:
                fields["decided_at"] = _when(new["decided_at"])
            else:  # from before the event carried it
                fields.pop("decided_at", None)
        elif action == "declaration":
            fields = {
                "how": new.get("how"),
                "signed_at": _when(new.get("signed_at")),
                "typed_name": new.get("typed_name") or "",
            }
            if "text_sha256" in new:
                fields["text"] = new["text_sha256"]
            self.declarations[key] = fields


def _compare(
    out: Callable[[Difference], None],
    entity: str,
    table: dict[str, dict[str, Any]],
    logged: dict[str, dict[str, Any]],
) -> int:
    for key, row in table.items():
        theirs = logged.get(key)
        if theirs is None:
            continue  # from before its events: taken as given
        for name, value in theirs.items():
            if row.get(name) != value:
                out(Difference(entity, f"{key}/{name}", "differs", row.get(name), value))
    for key in logged.keys() - table.keys():
        out(Difference(entity, key, "missing", None, logged[key]))
    return len(table)


def replay_rows(session: Session, log: RowsLog, out: Callable[[Difference], None]) -> int:
    """Compare the weerwoorden and declarations with the log; returns the rows compared."""
    rebuttals = {
        f"{r.candidature_id}/{r.round}": {
            "received_at": _when(r.received_at),
            "text": (r.text or "").strip(),
            "file": (r.file or "").strip(),
            "outcome": r.outcome,
            "motivation": r.outcome_motivation or "",
            "decided_at": _when(r.decided_at),
        }
        for r in session.scalars(select(Rebuttal))
    }
    query = select(Declaration, Region.slug).join(Region, Region.id == Declaration.region_id)
    declarations = {
        f"{d.juror_id}/{slug}": {
            "how": d.how,
            "signed_at": _when(d.signed_at),
            "typed_name": d.typed_name or "",
            "text": text_sha256(d.text or ""),
        }
        for d, slug in session.execute(query)
    }
    return _compare(out, "rebuttal", rebuttals, log.rebuttals) + _compare(
        out, "declaration", declarations, log.declarations
    )
