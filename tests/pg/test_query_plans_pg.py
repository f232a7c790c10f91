"""The hot queries' plans on PostgreSQL: with sequential scans ruled out (the demo is too small
for the planner to want an index), each reads the scores through the index made for it, not
through another one; and the migration to 0013 leaves exactly those indexes on scores."""

from __future__ import annotations

from sqlalchemy import event, inspect

from jurydesk.setup import initialise
from jurydesk.store import open_store
from tests.plans import check_plans


def test_hot_queries_use_their_index_on_postgresql(pg_url: str) -> None:
    store = open_store(pg_url)
    try:
        initialise(store, demo=True)
        with store.engine.connect() as connection:
            indexes = {i["name"] for i in inspect(connection).get_indexes("scores")}
        assert {"ix_scores_candidature", "ix_scores_juror_round"} <= indexes
        assert not indexes & {"ix_scores_results", "ix_scores_candidature_round"}

        @event.listens_for(store.engine, "connect")
        def _no_seqscan(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            with dbapi_connection.cursor() as cursor:
                cursor.execute("SET enable_seqscan = off")
            dbapi_connection.commit()

        store.engine.dispose()  # new connections: sequential scans off
        plans = check_plans(store)
        assert set(plans) == {"worklist", "letters", "results", "list_scores"}
    finally:
        store.close()
