"""Rank intervals by resampling jurors, and the funding line.

For each draw (``DRAWS`` = 1,000, generator ``numpy.random.default_rng(SEED)``, so the figures
repeat), every ranked candidature's jurors are drawn with replacement (as many as it has: juror
``floor(u * m)`` of its ``m``, ``u`` a 32-bit uniform draw in draw x candidature x slot order), its
score is recomputed with the region's method from the drawn jurors' totals (the z-score method
uses each juror's standardised totals of the whole round; round 2 with a combined final adds
the round-1 score, held fixed), and the round is ranked again: knocked-out candidatures after
the others, then the higher score, ties in the order of the published ranking. ``rank_low`` and
``rank_high`` are the 50th and the 950th of a candidature's 1,000 ranks sorted (its 5th and 95th
percentiles: ``ceil(0.05 * draws)`` and ``ceil(0.95 * draws)``).

A candidature is **at the funding line** when it can be proposed in (no knock-out, no
threshold below which it falls) and its interval holds both the last place in and the first
place out: ``rank_low <= K < rank_high``, ``K`` being the number of candidatures proposed in
(round 1: shortlisted; round 2: selected, within the region's budget when it is set).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

DRAWS = 1000
SEED = 20260526
TRIM_FROM = 5  # as aggregate.TRIM_FROM: the trimmed mean drops the extremes from 5 jurors on


@dataclass(frozen=True)
class Ranked:
    """One ranked candidature's inputs, in the order of the published ranking."""

    totals: Sequence[float]  # its jurors' totals (0-100; standardised ones for z-scores)
    knocked: bool
    base: float = 0.0  # final = base + factor * score (round 2 combined); else 0 and 1
    factor: float = 1.0


def _scores(
    drawn: NDArray[np.float64], valid: NDArray[np.bool_], counts: NDArray[np.int64], method: str
) -> NDArray[np.float64]:
    """Scores of draws x candidatures from drawn values (``valid``: within each count)."""
    # every candidature with the same number of jurors (the usual case): no slot to mask
    total = drawn.sum(axis=-1) if valid.all() else np.where(valid, drawn, 0.0).sum(axis=-1)
    if method in ("mean", "zscore"):
        return total / counts  # type: ignore[no-any-return]
    ordered = np.sort(np.where(valid, drawn, np.inf), axis=-1)  # padding last
    if method == "median":
        lo = np.take_along_axis(ordered, ((counts - 1) // 2)[None, :, None], axis=-1)[..., 0]
        hi = np.take_along_axis(ordered, (counts // 2)[None, :, None], axis=-1)[..., 0]
        return (lo + hi) / 2  # type: ignore[no-any-return]
    if method == "trimmed":
        first = ordered[..., 0]
        last = np.take_along_axis(ordered, (counts - 1)[None, :, None], axis=-1)[..., 0]
        trim = counts >= TRIM_FROM
        return np.where(trim, (total - first - last) / np.maximum(counts - 2, 1), total / counts)
    raise ValueError(f"unknown method {method}")


def rank_draws(
    ranked: Sequence[Ranked], method: str, draws: int = DRAWS, seed: int = SEED
) -> NDArray[np.int64]:
    """Ranks (draws x candidatures, 1 = first) of the candidatures in each resampled round."""
    n = len(ranked)
    if n == 0:
        return np.zeros((draws, 0), dtype=np.int64)
    counts = np.array([len(r.totals) for r in ranked], dtype=np.int64)
    width = int(counts.max())
    values = np.zeros((n, width))
    for i, r in enumerate(ranked):
        values[i, : counts[i]] = r.totals
    rng = np.random.default_rng(seed)
    # juror k of candidature i in a draw: floor(u * count_i), u uniform on [0, 1)
    uniform = rng.random((draws, n, width), dtype=np.float32)
    picks = (uniform * counts[None, :, None]).astype(np.int64)
    drawn = values.ravel()[picks + (np.arange(n) * width)[None, :, None]]
    valid = (np.arange(width)[None, :] < counts[:, None])[None, :, :]
    scores = _scores(drawn, valid, counts, method)
    base = np.array([r.base for r in ranked])
    factor = np.array([r.factor for r in ranked])
    knocked = np.array([r.knocked for r in ranked])
    # knocked-out ones after the rest; ties keep the published order (a stable sort)
    key = np.where(knocked, 1e9, 0.0) - (base + factor * scores)
    order = np.argsort(key, axis=1, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(1, n + 1)[None, :].repeat(draws, 0), axis=1)
    return ranks


def percentile_ranks(ranks: NDArray[np.int64]) -> tuple[list[int], list[int]]:
    """The 5th and 95th percentile of each column (see the module's docstring)."""
    draws = ranks.shape[0]
    ordered = np.sort(ranks, axis=0)
    low = ordered[math.ceil(0.05 * draws) - 1]
    high = ordered[math.ceil(0.95 * draws) - 1]
    return [int(v) for v in low], [int(v) for v in high]


def at_line(low: int, high: int, places_in: int, eligible: bool) -> bool:
    return eligible and places_in > 0 and low <= places_in < high
