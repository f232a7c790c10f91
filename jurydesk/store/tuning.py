"""Keeping the query planner's statistics current.

SQLite's planner picks among the indexes with the statistics in ``sqlite_stat1``. They are
refreshed at close and after bulk writes (candidature import, generated or merged scores).
``PRAGMA optimize`` alone only looks at tables this connection queried, and the SQLite
bundled with Python 3.11 (3.40) has no flag to widen that, so the statistics come from a
bounded ``ANALYZE`` (``analysis_limit``: a few milliseconds at Flanders scale) followed by
``PRAGMA optimize``. PostgreSQL keeps its own statistics (autovacuum); a bulk write asks it to
analyse the tables written.
"""

from __future__ import annotations

from sqlalchemy import Connection

ANALYSIS_LIMIT = 1000  # rows sampled per index: enough for the planner, bounded in time


def optimize(connection: Connection, *tables: str) -> None:
    """Refresh the planner's statistics (``tables``: the ones a bulk write just filled)."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        connection.exec_driver_sql("ANALYZE")
        connection.exec_driver_sql("PRAGMA optimize")
    elif connection.dialect.name == "postgresql":
        for table in tables:
            connection.exec_driver_sql(f'ANALYZE "{table}"')
