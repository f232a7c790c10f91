"""Replaying the jurors and the jury's notes: a juror's name, role, organisation and e-mail
address (the proces-verbaal, the declarations and the reminders print or use them) against
their latest ``juror_add`` or ``juror_edit`` event, and each deliberation note's text against
its latest ``note`` event.

Both were audited from the first version of the log, so a row without any event was written
behind the log's back. A field an older event did not carry (``juror_add`` recorded no e-mail
address before issue 29) is taken as given until the next edit records it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.audit.replay import Difference
from jurydesk.store.models import Juror, Note

UNKNOWN = object()
FIELDS = (("name", "juror name"), ("role", "juror role"))
FIELDS += (("organisation", "juror organisation"), ("email", "juror e-mail"))


class JuryRowsLog:
    def __init__(self) -> None:
        self.jurors: dict[str, dict[str, Any]] = {}  # juror id: field -> value (or UNKNOWN)
        self.notes: dict[str, Any] = {}  # candidature id: the note's text

    def event(self, action: str, key: str, new: Any) -> None:
        if action == "juror_remove":
            self.jurors.pop(key, None)
            return
        if not isinstance(new, dict):
            return
        if action in ("juror_add", "juror_edit"):
            self.jurors[key] = {name: new.get(name, UNKNOWN) for name, _entity in FIELDS}
        elif action == "note":
            self.notes[key] = new.get("text") or ""


def replay_jury_rows(session: Session, log: JuryRowsLog, out: Callable[[Difference], None]) -> int:
    """Compare the jurors and notes with the log; returns the rows compared."""
    jurors = {
        str(j.id): {
            "name": j.name,
            "role": j.role,
            "organisation": j.organisation or "",
            "email": j.email or "",
        }
        for j in session.execute(
            select(Juror.id, Juror.name, Juror.role, Juror.organisation, Juror.email)
        )
    }
    for key in sorted(jurors, key=_order):
        row, logged = jurors[key], log.jurors.get(key)
        if logged is None:
            out(Difference("juror", key, "no event", row["name"], None))
            continue
        for name, entity in FIELDS:
            theirs = logged[name]
            if name in ("organisation", "email") and theirs is not UNKNOWN:
                theirs = theirs or ""
            if theirs is not UNKNOWN and theirs != row[name]:
                out(Difference(entity, key, "differs", row[name], theirs))
    for key in sorted(log.jurors.keys() - jurors.keys(), key=_order):
        name = log.jurors[key]["name"]
        out(Difference("juror", key, "missing", None, None if name is UNKNOWN else name))
    notes = {
        str(c): text or "" for c, text in session.execute(select(Note.candidature_id, Note.text))
    }
    for key in sorted(notes, key=_order):
        if key not in log.notes:
            out(Difference("note", key, "no event", notes[key], None))
        elif log.notes[key] != notes[key]:
            out(Difference("note", key, "differs", notes[key], log.notes[key]))
    for key in sorted(log.notes.keys() - notes.keys(), key=_order):
        out(Difference("note", key, "missing", None, log.notes[key]))
    return len(jurors) + len(notes)


def _order(key: str) -> tuple[int, str]:
    return (int(key), key) if key.isdigit() else (0, key)
