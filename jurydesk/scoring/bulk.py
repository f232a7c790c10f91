"""The bulk path for scores: many rows in one transaction, audit events that carry them.

Used where scores arrive by the thousand (merging juror returns, synthetic data sets); a
single edit goes through ``scores.set_score``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from jurydesk.audit import chain as audit
from jurydesk.audit.replay import evaluation_rows, score_rows
from jurydesk.store.bulk import insert_many
from jurydesk.store.models import Evaluation, Score
from jurydesk.store.tuning import optimize


@dataclass(frozen=True)
class BulkScore:
    juror: int
    candidature: int
    round: int
    criterion: str
    value: float | None
    motivation: str = ""
    version: int = 1


def insert_scores(
    session: Session,
    actor: str,
    scores: Iterable[BulkScore],
    finalized: bool = False,
    batch: int = 20_000,
    comments: dict[tuple[int, int, int], str] | None = None,
) -> int:
    """Insert new scores (and their evaluations) in the caller's transaction, streaming.

    Memory stays flat: rows go to the database in batches, each batch with an audit event
    that carries its rows (so that ``audit verify`` can replay them), and the payload hash of
    the whole is computed on the way.
    """
    now = datetime.now(UTC)
    digest = hashlib.sha256()
    evaluations: set[tuple[int, int, int]] = set()
    count = 0
    table = Score.__table__
    for chunk in _batches(scores, batch):
        rows = []
        for s in chunk:
            rows.append(
                {
                    "juror_id": s.juror,
                    "candidature_id": s.candidature,
                    "round": s.round,
                    "criterion": s.criterion,
                    "value": s.value,
                    "motivation": s.motivation,
                    "version": s.version,
                    "updated_at": now,
                }
            )
            evaluations.add((s.juror, s.candidature, s.round))
            digest.update(
                json.dumps(
                    [s.juror, s.candidature, s.round, s.criterion, s.value, s.motivation],
                    ensure_ascii=False,
                ).encode("utf-8")
            )
        insert_many(session.connection(), table, rows)
        count += len(rows)
        audit.record(
            session,
            actor,
            "bulk_scores",
            "scores",
            f"batch/{count}",
            None,
            {"count": len(rows), "scores": score_rows(rows)},
        )
    evaluation_list = [
        {
            "juror_id": j,
            "candidature_id": c,
            "round": r,
            "comment": (comments or {}).get((j, c, r), ""),
            "version": 1,
            "updated_at": now,
            "finalized_at": now if finalized else None,
        }
        for j, c, r in sorted(evaluations)
    ]
    insert_many(session.connection(), Evaluation.__table__, evaluation_list)
    audit.record(
        session,
        actor,
        "bulk_scores",
        "scores",
        digest.hexdigest(),
        None,
        {
            "count": count,
            "sha256": digest.hexdigest(),
            "finalized": finalized,
            "evaluations": evaluation_rows(evaluation_list),
        },
    )
    optimize(session.connection(), "scores", "evaluations")  # the planner sees the new rows
    return count


def _batches(items: Iterable[BulkScore], size: int) -> Iterator[list[BulkScore]]:
    chunk: list[BulkScore] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
