"""The query plans of the hot queries, on SQLite and PostgreSQL (tests/store, tests/pg).

The statements are the ones the services really send (caught on the engine while they run),
explained with their own parameters; each must read the scores through the index made for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from jurydesk.store import Store
from jurydesk.store.models import Juror, PanelMember, Region


@contextmanager
def caught(store: Store) -> Iterator[list[tuple[str, Any]]]:
    statements: list[tuple[str, Any]] = []

    def before(_conn, _cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
        statements.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(store.engine, "before_cursor_execute", before)


def plan(session: Session, statement: str, parameters: Any) -> str:
    """The plan as one text: SQLite's EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
        return "\n".join(str(r[-1]) for r in rows)
    rows = connection.exec_driver_sql("EXPLAIN " + statement, parameters)
    return "\n".join(str(r[0]) for r in rows)


def hot_queries(
    session: Session,
) -> dict[str, tuple[Callable[[], object], str, str | tuple[str, ...]]]:
    """name: (the service call, a text only its scores statement holds, the index it must
    use, or the indexes it may use)."""
    from jurydesk.letters.content import decision_letters
    from jurydesk.results.ranking import compute_results
    from jurydesk.scoring.scores import list_scores
    from jurydesk.scoring.worklist import worklist

    region_id, slug = session.execute(
        select(Region.id, Region.slug).where(Region.slug == "leuven")
    ).one()
    juror = session.scalar(
        select(Juror.id)
        .join(PanelMember, PanelMember.juror_id == Juror.id)
        .where(PanelMember.region_id == region_id, PanelMember.round == 1)
        .limit(1)
    )
    assert juror is not None, "the demo has a panel in Leuven"
    return {
        "worklist": (
            lambda: worklist(session, juror, slug, 1),
            "count(*)",
            # A juror's scores of one candidature in a round: SQLite takes the covering
            # index made for it; PostgreSQL (no statistics yet on the small demo) bounds the
            # same count by the candidature's index, or by the scores' natural key.
            "ix_scores_juror_round"
            if session.get_bind().dialect.name == "sqlite"
            else ("ix_scores_juror_round", "ix_scores_candidature", "uq_scores_juror_id"),
        ),
        "letters": (
            lambda: decision_letters(session, slug, 1, "nl", with_scores=True),
            "avg(scores.value)",
            "ix_scores_candidature",
        ),
        "results": (
            lambda: compute_results(session, slug, 1),
            "sum(",
            "ix_scores_candidature",
        ),
        "list_scores": (
            lambda: list_scores(session, region_id, 1),
            "scores.version",
            "ix_scores_candidature",
        ),
    }


def check_plans(store: Store) -> dict[str, str]:
    """Run each hot query, explain its scores statement; returns name -> plan."""
    plans: dict[str, str] = {}
    with store.reader() as session:
        for name, (call, marker, index) in hot_queries(session).items():
            with caught(store) as statements:
                call()
            mine = [
                (s, p)
                for s, p in statements
                if "FROM scores" in s
                and marker in s
                and not s.lstrip().upper().startswith("EXPLAIN")
            ]
            assert mine, f"{name}: no statement on scores holding {marker!r} was sent"
            for statement, parameters in mine:
                text = plan(session, statement, parameters)
                allowed = (index,) if isinstance(index, str) else index
                assert any(i in text for i in allowed), (
                    f"{name} does not use {index}:\n{statement}\n{text}"
                )
                # never a walk over the scores: no round-first index, no sequential scan
                assert "ix_scores_results" not in text and "Seq Scan on scores" not in text
                plans[name] = text
    return plans
