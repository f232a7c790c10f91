"""Replaying the audit log: the scores, evaluations, decisions, conflicts of interest,
documents and the secretariat's passphrase its events describe, compared with the tables.

The hash chain proves that the events were not changed; the replay proves that the tables
were not changed behind the events' back (a score edited in the database file, a decision
turned around, a row added without an event). Every path that writes these rows records
what it wrote: one event per edit, and the rows themselves for the bulk paths (demo data and
bulk scores, merged returns, a juror's pack, the baseline of a database that had rows before
its events carried them).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.passphrase import KEY as PASSPHRASE_KEY
from jurydesk.passphrase import fingerprint
from jurydesk.store.models import (
    AuditEvent,
    Conflict,
    Decision,
    Document,
    Evaluation,
    Score,
    Setting,
)

# Events whose ``new`` holds rows: {"scores": [[juror, candidature, round, criterion, value,
# motivation, version]], "evaluations": [[juror, candidature, round, comment, finalized]],
# "decisions": [[candidature, round, outcome, motivation]], "conflicts": [[juror, candidature,
# reason]], "documents": [[id, candidature, sha256]], "settings": [[key, fingerprint]]}.
# A snapshot replaces everything
# replayed so far; the others add or update rows.
SNAPSHOTS = {"baseline", "pack_open"}
ROW_EVENTS = {"bulk_scores", "pack_import"} | SNAPSHOTS
APPLY_THEIRS = {"return_theirs", "return_accept"}
SHOWN = 50  # differences listed by name; the rest are counted


@dataclass(frozen=True)
class Difference:
    entity: str  # score | evaluation | decision | conflict | document | setting
    key: str
    problem: str  # differs | missing | no event
    table: Any = None
    log: Any = None


@dataclass
class ReplayReport:
    compared: int = 0
    differences: list[Difference] = field(default_factory=list)
    total: int = 0

    @property
    def ok(self) -> bool:
        return self.total == 0


def _value(value: Any) -> float | str | None:
    """A score's value as a number; a value that is no number (edited in the file) as the
    text that names it, so that the row is reported rather than the check crashing."""
    if value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return f"not a number: {value!r}"


def _pick(rows: Iterable[Any], columns: tuple[tuple[str, Any], ...]) -> list[list[Any]]:
    """Rows as an event holds them: each named column, passed through its conversion."""
    names = [name for name, _convert in columns]
    converted = [(i, convert) for i, (_name, convert) in enumerate(columns) if convert is not _same]
    fetch = itemgetter(*names)  # a merged return brings thousands of mappings
    out = []
    for r in rows:
        if isinstance(r, Mapping):
            try:
                row = list(fetch(r))
            except KeyError:  # a column the mapping leaves out reads as None
                row = [r.get(n) for n in names]
        else:
            row = [getattr(r, n) for n in names]
        for i, convert in converted:
            row[i] = convert(row[i])
        out.append(row)
    return out


def _same(value: Any) -> Any:
    return value


def _text(value: Any) -> str:
    return value or ""


def _set(value: Any) -> bool:
    return value is not None


SCORE = (
    ("juror_id", _same),
    ("candidature_id", _same),
    ("round", _same),
    ("criterion", _same),
    ("value", _value),
    ("motivation", _text),
    ("version", _same),  # since 0014: older events' rows stop at the motivation
)
EVALUATION = (
    ("juror_id", _same),
    ("candidature_id", _same),
    ("round", _same),
    ("comment", _text),
    ("finalized_at", _set),
)
DECISION = (("candidature_id", _same), ("round", _same), ("outcome", _same), ("motivation", _text))
CONFLICT = (("juror_id", _same), ("candidature_id", _same), ("reason", _text))


def score_rows(rows: Iterable[Any]) -> list[list[Any]]:
    """Score rows (ORM objects, or mappings with the table's column names) for an event."""
    return _pick(rows, SCORE)


def evaluation_rows(rows: Iterable[Any]) -> list[list[Any]]:
    return _pick(rows, EVALUATION)


def decision_rows(rows: Iterable[Any]) -> list[list[Any]]:
    return _pick(rows, DECISION)


def conflict_rows(rows: Iterable[Any]) -> list[list[Any]]:
    return _pick(rows, CONFLICT)


def setting_rows(rows: Iterable[Any]) -> list[list[Any]]:
    """The replayed settings (the passphrase) by fingerprint, never by value."""
    return [[r.key, fingerprint(r.value)] for r in rows]


class _State:
    def __init__(self) -> None:
        self.scores: dict[str, tuple[float | str | None, str]] = {}
        self.evaluations: dict[str, tuple[str, bool]] = {}
        self.decisions: dict[str, tuple[str, str]] = {}
        self.conflicts: dict[str, str] = {}
        self.documents: dict[str, tuple[int, str]] = {}
        self.settings: dict[str, str | None] = {}

    def rows(self, new: dict[str, Any], snapshot: bool) -> None:
        if snapshot:
            self.__init__()  # type: ignore[misc]
        for j, c, r, k, value, motivation, *_version in new.get("scores", []):
            self.scores[f"{j}/{c}/{r}/{k}"] = (_value(value), motivation or "")
        for j, c, r, comment, finalized in new.get("evaluations", []):
            self.evaluations[f"{j}/{c}/{r}"] = (comment or "", bool(finalized))
        for c, r, outcome, motivation in new.get("decisions", []):
            self.decisions[f"{c}/{r}"] = (outcome, motivation or "")
        for j, c, reason in new.get("conflicts", []):
            self.conflicts[f"{j}/{c}"] = reason or ""
        for document, c, sha in new.get("documents", []):
            self.documents[str(document)] = (c, sha)
        for key, value in new.get("settings", []):
            self.settings[key] = value

    def event(self, action: str, entity: str, key: str, new: Any) -> None:
        if action in ROW_EVENTS and isinstance(new, dict):
            self.rows(new, action in SNAPSHOTS)
        elif action == "score" and entity == "score":
            self.scores[key] = (_value(new["value"]), new.get("motivation") or "")
        elif action == "comment":
            _comment, finalized = self.evaluations.get(key, ("", False))
            self.evaluations[key] = (new.get("comment") or "", finalized)
        elif action in ("finalize", "reopen"):
            comment, _final = self.evaluations.get(key, ("", False))
            self.evaluations[key] = (comment, action == "finalize")
        elif action in APPLY_THEIRS and isinstance(new, dict):
            if key.endswith("/evaluation"):
                self.evaluations[key.rsplit("/", 1)[0]] = (
                    new.get("comment") or "",
                    new.get("finalized_at") is not None,
                )
            else:
                self.scores[key] = (_value(new.get("value")), new.get("motivation") or "")
        elif action == "decide":
            self.decisions[key] = (new["outcome"], new.get("motivation") or "")
        elif entity == "document" and action == "add":
            self.documents[key] = (new["candidature"], new["sha256"])
        elif entity == "document" and action == "remove":
            self.documents.pop(key, None)
        elif action == "passphrase":
            self.settings[key] = new.get("fingerprint")
        elif action == "conflict_add":
            self.conflicts[key] = new.get("reason") or ""
        elif action == "conflict_lift":
            self.conflicts.pop(key, None)
        elif action == "juror_remove":
            prefix = f"{key}/"
            for rows in (self.evaluations, self.conflicts):
                for k in [k for k in rows if k.startswith(prefix)]:
                    del rows[k]


def _events(session: Session) -> Iterator[tuple[str, str, str, Any, Any]]:
    query = (
        select(
            AuditEvent.action,
            AuditEvent.entity,
            AuditEvent.entity_key,
            AuditEvent.old,
            AuditEvent.new,
        )
        .order_by(AuditEvent.id)
        .execution_options(yield_per=2000)
    )
    for row in session.execute(query):
        yield row[0], row[1], row[2], row[3], row[4]


def replayed(session: Session, also: Any = None) -> _State:
    """The state the events describe; ``also`` (the extra columns' log) sees every event too,
    in the same pass: the events' JSON is read once."""
    state = _State()
    for action, entity, key, old, new in _events(session):
        state.event(action, entity, key, new)
        if also is not None:
            also.event(action, key, old, new)
    return state


def _mappings(session: Session, model: Any, columns: tuple[tuple[str, Any], ...]) -> Any:
    table = model.__table__
    return session.execute(select(*(table.c[name] for name, _convert in columns))).mappings()


def current(session: Session) -> dict[str, list[list[Any]]]:
    """What the tables hold, as rows of an event (the baseline's content)."""
    return {  # plain rows, not ORM objects: 224,000 scores load in a tenth of the time
        "scores": score_rows(_mappings(session, Score, SCORE)),
        "evaluations": evaluation_rows(_mappings(session, Evaluation, EVALUATION)),
        "decisions": decision_rows(_mappings(session, Decision, DECISION)),
        "conflicts": conflict_rows(_mappings(session, Conflict, CONFLICT)),
        "documents": [
            [d.id, d.candidature_id, d.sha256] for d in session.scalars(select(Document))
        ],
        "settings": setting_rows(
            session.scalars(select(Setting).where(Setting.key == PASSPHRASE_KEY))
        ),
    }


def compare(session: Session) -> ReplayReport:
    """Every score, evaluation and decision row against the replayed events, by name."""
    from jurydesk.audit.replay_extra import Log, replay_extras

    extra = Log()
    state = replayed(session, extra)
    tables = _State()
    tables.rows(current(session), snapshot=True)
    report = ReplayReport()
    for entity, ours, logged in (
        ("score", tables.scores, state.scores),
        ("evaluation", tables.evaluations, state.evaluations),
        ("decision", tables.decisions, state.decisions),
        ("conflict", tables.conflicts, state.conflicts),
        ("document", tables.documents, state.documents),
        ("setting", tables.settings, state.settings),
    ):
        # An evaluation is made, empty, by a juror's first score: only a comment or a
        # finalisation is an event of its own.
        blank = ("", False) if entity == "evaluation" else None
        report.compared += len(ours)
        for key, row in ours.items():
            theirs = logged.get(key, blank)
            if theirs is None:
                _add(report, Difference(entity, key, "no event", row, None))
            elif theirs != row:
                _add(report, Difference(entity, key, "differs", row, theirs))
        for key in logged.keys() - ours.keys():
            if logged[key] != blank:
                _add(report, Difference(entity, key, "missing", None, logged[key]))
    report.compared += replay_extras(session, extra, lambda d: _add(report, d))
    return report


def _add(report: ReplayReport, difference: Difference) -> None:
    report.total += 1
    if len(report.differences) < SHOWN:
        report.differences.append(difference)
