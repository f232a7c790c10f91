"""The hot queries read the scores through their own index (SQLite's EXPLAIN QUERY PLAN); the
planner's statistics are kept at close. PostgreSQL: tests/pg/test_query_plans_pg.py."""

from __future__ import annotations

import sqlite3

from jurydesk.paths import sqlite_path
from jurydesk.store import Store, open_store
from tests.plans import check_plans


def test_hot_queries_use_their_index(demo_store: Store) -> None:
    plans = check_plans(demo_store)
    assert set(plans) == {"worklist", "letters", "results", "list_scores"}
    # No walk over every score of a round: the juror's (or the candidature's) scores only.
    for text in plans.values():
        assert "ix_scores_results" not in text and "SCAN scores" not in text, text


def test_plans_hold_with_statistics(demo_store: Store) -> None:
    """After the statistics are refreshed (close), the planner still picks the same indexes."""
    file = sqlite_path(demo_store.url)
    demo_store.close()
    with sqlite3.connect(file) as connection:
        stats = {t for (t,) in connection.execute("SELECT tbl FROM sqlite_stat1")}
    assert {"scores", "candidatures", "evaluations"} <= stats
    again = open_store(demo_store.url)
    try:
        check_plans(again)
    finally:
        again.close()
