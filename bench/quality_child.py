"""Child process for the decision-quality benchmark: prints one JSON object.

Flanders scale (bench.generate + bench.scoring: 50 regions, 2,000 candidatures, 7 jurors each,
8 criteria, two rounds). JuryDesk: ``compute_quality`` (results, Krippendorff's alpha per
criterion and on the total, leniency/spread/halo, 1,000 resamplings of the jurors, the funding
line) for one region-round, and ``compute_all_quality`` for all of them. The floor: raw
sqlite3 reads the same scores and numpy does the same arithmetic (totals, alpha per criterion
and total, the same 1,000 resamplings and rankings, the percentiles), nothing else."""

from __future__ import annotations

import json
import sqlite3
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from bench.children import peak_mb

WEIGHTS = np.array([1 + i % 3 for i in range(8)], dtype=float)  # bench.scoring's rubric


def _alpha(matrix: np.ndarray) -> float:  # type: ignore[type-arg]
    present = ~np.isnan(matrix)
    m = present.sum(axis=0).astype(float)
    keep = m >= 2
    values = np.where(present, matrix, 0.0)[:, keep]
    m = m[keep]
    s1, s2 = values.sum(axis=0), (values * values).sum(axis=0)
    n = m.sum()
    observed = (2 * (m * s2 - s1 * s1) / (m - 1)).sum() / n
    expected = 2 * (n * s2.sum() - s1.sum() ** 2) / (n * (n - 1))
    return float(1 - observed / expected)


QUERY = (
    "SELECT s.candidature_id, s.juror_id, CAST(substr(s.criterion, 2) AS INTEGER), s.value,"
    " c.region_id, s.round FROM scores s JOIN candidatures c ON c.id = s.candidature_id"
)


def floor_one(connection: sqlite3.Connection, region: int, round_: int) -> None:
    where = " WHERE c.region_id = ? AND s.round = ?"
    _arithmetic(np.array(connection.execute(QUERY + where, (region, round_)).fetchall(), float))


def floor_all(connection: sqlite3.Connection) -> None:
    """Every region-round from one read of the scores, as compute_all_quality does."""
    rows = np.array(connection.execute(QUERY).fetchall(), dtype=float)
    order = np.lexsort((rows[:, 5], rows[:, 4]))
    rows = rows[order]
    groups = rows[:, 4] * 10 + rows[:, 5]
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    for part in np.split(rows, starts[1:]):
        _arithmetic(part)


def _arithmetic(rows: np.ndarray) -> None:  # type: ignore[type-arg]
    """Totals, alpha per criterion and on the total, 1,000 resamplings, ranks, percentiles."""
    cands, ci = np.unique(rows[:, 0], return_inverse=True)
    jurors, ji = np.unique(rows[:, 1], return_inverse=True)
    cube = np.full((8, len(jurors), len(cands)), np.nan)
    cube[rows[:, 2].astype(int), ji, ci] = rows[:, 3]
    totals = 100 * np.einsum("k,kjc->jc", WEIGHTS, cube) / (4 * WEIGHTS.sum())
    for k in range(8):
        _alpha(cube[k])
    _alpha(totals)
    per = np.sort(totals.T, axis=1)  # candidatures x jurors (all complete here)
    counts = np.full(len(cands), per.shape[1])
    rng = np.random.default_rng(1)
    picks = np.floor(rng.random((1000, len(cands), per.shape[1])) * counts[None, :, None])
    drawn = per[np.arange(len(cands))[None, :, None], picks.astype(int)]
    scores = drawn.mean(axis=-1)
    order = np.argsort(-scores, axis=1, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(1, len(cands) + 1)[None, :].repeat(1000, 0), 1)
    ordered = np.sort(ranks, axis=0)
    _low, _high = ordered[49], ordered[949]


def main(db: Path) -> None:
    from sqlalchemy import select

    from bench.scoring import generate_scores
    from jurydesk.results.quality import compute_all_quality, compute_quality
    from jurydesk.store import open_store
    from jurydesk.store.models import Region

    store = open_store(f"sqlite:///{db.as_posix()}")
    scores = generate_scores(store)
    with store.reader() as session:
        regions = list(session.execute(select(Region.id, Region.slug).order_by(Region.id)))
    first_id, first = regions[0]
    one, every = [], []
    for _ in range(8):
        with store.reader() as session:
            started = time.perf_counter()
            compute_quality(session, first, 1)
            one.append(time.perf_counter() - started)
    for _ in range(3):
        with store.reader() as session:
            started = time.perf_counter()
            assert len(compute_all_quality(session)) == 2 * len(regions)
            every.append(time.perf_counter() - started)
    store.close()
    connection = sqlite3.connect(db)
    floor_one_s, floor_all_s = [], []
    for _ in range(8):
        started = time.perf_counter()
        floor_one(connection, first_id, 1)
        floor_one_s.append(time.perf_counter() - started)
    for _ in range(3):
        started = time.perf_counter()
        floor_all(connection)
        floor_all_s.append(time.perf_counter() - started)
    connection.close()
    print(
        json.dumps(
            {
                "scores": scores,
                "region_rounds": 2 * len(regions),
                "one_s": statistics.median(one[1:]),
                "all_s": statistics.median(every),
                "floor_one_s": statistics.median(floor_one_s[1:]),
                "floor_all_s": statistics.median(floor_all_s),
                "peak_mb": peak_mb(),
            }
        )
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
