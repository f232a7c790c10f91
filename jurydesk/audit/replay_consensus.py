"""Replaying the jury's consensus: per criterion the agreed score, the reason for a score other
than the jurors' aggregate and the consensus text (what the minutes and the motivation
quote), and per report the approved version, against the `consensus` and
`consensus_approve` events that every change records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.audit.replay import Difference
from jurydesk.store.meeting_models import ConsensusItem, ConsensusReport


def _score(value: Any) -> Any:
    """A number as a number; anything else (edited in the file) as the text that names it."""
    if value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return f"not a number: {value!r}"


def _item(score: Any, reason: Any, text: Any) -> list[Any]:
    return [_score(score), reason or "", text or ""]


class ConsensusLog:
    def __init__(self) -> None:
        self.items: dict[str, list[Any]] = {}  # "candidature/round/criterion"
        self.approved: dict[str, Any] = {}  # "candidature/round": the approved version

    def event(self, action: str, key: str, new: Any) -> None:
        if not isinstance(new, dict):
            return
        if action == "consensus":
            self.items[key] = _item(new.get("score"), new.get("reason"), new.get("text"))
        elif action == "consensus_approve":
            self.approved[key] = new.get("version")


def _compare(
    out: Callable[[Difference], None], entity: str, table: dict[str, Any], logged: dict[str, Any]
) -> int:
    for key, value in table.items():
        if key not in logged:
            out(Difference(entity, key, "no event", value, None))
        elif logged[key] != value:
            out(Difference(entity, key, "differs", value, logged[key]))
    for key in logged.keys() - table.keys():
        out(Difference(entity, key, "missing", None, logged[key]))
    return len(table)


def replay_consensus(session: Session, log: ConsensusLog, out: Callable[[Difference], None]) -> int:
    """Compare the consensus tables with the log; returns the rows compared."""
    report = ConsensusReport
    items = select(
        report.candidature_id,
        report.round,
        ConsensusItem.criterion,
        ConsensusItem.score,
        ConsensusItem.reason,
        ConsensusItem.text,
    ).join(ConsensusItem, ConsensusItem.report_id == report.id)
    table = {
        f"{c}/{r}/{criterion}": _item(score, reason, text)
        for c, r, criterion, score, reason, text in session.execute(items)
    }
    approvals = select(report.candidature_id, report.round, report.approved_version).where(
        report.approved_version.is_not(None)
    )
    approved = {f"{c}/{r}": version for c, r, version in session.execute(approvals)}
    return _compare(out, "consensus", table, log.items) + _compare(
        out, "consensus approval", approved, log.approved
    )
