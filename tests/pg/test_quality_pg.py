"""Decision quality on PostgreSQL: the same figures as SQLite, and the settings' JSON rows."""

from __future__ import annotations

import pytest

from jurydesk.results.calibration import anchors, set_calibration
from jurydesk.results.quality import compute_all_quality
from jurydesk.results.ranking import compute_results
from jurydesk.results.thresholds import (
    LOTTERY,
    draw_lots,
    quality_settings,
    set_thresholds,
    set_tie_breaks,
)
from jurydesk.setup import initialise
from jurydesk.store import Store, open_store


def _figures(store: Store):  # type: ignore[no-untyped-def]
    with store.reader() as session:
        return sorted(
            (
                q.region,
                q.round,
                [round(a.agreement or 9, 9) for a in q.criteria],
                [(j.name, round(j.leniency or 0, 9)) for j in q.jurors],
                [
                    (r.candidature, r.rank_low, r.rank_high, r.at_funding_line)
                    for r in q.results.results
                ],
            )
            for q in compute_all_quality(session)
        )


def test_quality_on_postgresql(pg_url, demo_store):  # type: ignore[no-untyped-def]
    pg = open_store(pg_url)
    try:
        initialise(pg, demo=True)
        assert _figures(pg) == _figures(demo_store)
        with pg.session() as session:
            set_thresholds(session, "t", "leuven", 1, 55.0, {"bereik": 2.0})
            set_tie_breaks(session, "t", "leuven", ["criterion:bereik", LOTTERY])
            lots = draw_lots(session, "t", "leuven")
        with pg.reader() as session:
            settings = quality_settings(session, "leuven")
            results = compute_results(session, "leuven", 1).results
        assert settings.thresholds["1"] == {"total": 55.0, "criteria": {"bereik": 2.0}}
        assert settings.lots == {str(c): n for c, n in lots.items()}
        assert all(
            bool(r.below) == (r.mean < 55 or r.criterion_means["bereik"] < 2) for r in results
        )
        with pg.session() as session, pytest.raises(ValueError):
            set_calibration(session, "t", "leuven", [results[0].candidature])  # decided
        with pg.reader() as session:
            assert anchors(session, "leuven") == []
    finally:
        pg.close()
