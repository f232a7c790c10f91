"""Aggregation arithmetic, free of the database: totals, statistics across jurors, z-scores.

- A juror's total on 0-100 is the weighted mean of each criterion's position on its scale:
  ``100 * sum(w * (v - min) / (max - min)) / sum(w)``.
- The trimmed mean drops the single highest and lowest total once at least 5 jurors scored.
- Z-scores standardise each juror's totals over the candidatures they scored in the round,
  then map back onto 0-100 with the mean and standard deviation of all totals of the round.
  A juror with fewer than the minimum number of scored candidatures, or who gave every one
  the same total, keeps their raw totals (a fall-back that the results report).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

TRIM_FROM = 5


def juror_total(parts: Iterable[tuple[float, float, float, float]]) -> float:
    """Parts are (value, weight, min, max) per criterion."""
    weighted = total_weight = 0.0
    for value, weight, low, high in parts:
        weighted += weight * (value - low) / (high - low)
        total_weight += weight
    return 100.0 * weighted / total_weight


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def trimmed_mean(values: Sequence[float]) -> float | None:
    if len(values) < TRIM_FROM:
        return mean(values)
    ordered = sorted(values)
    return mean(ordered[1:-1])


def stdev(values: Sequence[float]) -> float:
    """The sample standard deviation (0 for fewer than two values)."""
    if len(values) < 2:
        return 0.0
    m = sum(values) / len(values)
    return math.sqrt(sum((v - m) ** 2 for v in values) / (len(values) - 1))


def _pstdev(values: Sequence[float]) -> float:
    m = sum(values) / len(values)
    return math.sqrt(sum((v - m) ** 2 for v in values) / len(values))


@dataclass(frozen=True)
class ZScores:
    z: dict[tuple[int, int], float]  # (juror, candidature) -> z, for standardised jurors
    normalised: dict[tuple[int, int], float]  # (juror, candidature) -> 0-100
    fallback: frozenset[int]  # jurors whose raw totals were kept


def zscores(totals: Mapping[tuple[int, int], float], min_count: int) -> ZScores:
    by_juror: dict[int, list[tuple[int, float]]] = {}
    for (juror, candidature), total in totals.items():
        by_juror.setdefault(juror, []).append((candidature, total))
    every = list(totals.values())
    if not every:
        return ZScores({}, {}, frozenset())
    centre, spread = sum(every) / len(every), _pstdev(every)
    z: dict[tuple[int, int], float] = {}
    normalised: dict[tuple[int, int], float] = {}
    fallback = set()
    for juror, items in by_juror.items():
        values = [t for _c, t in items]
        sd = _pstdev(values)
        if len(values) < min_count or sd == 0 or spread == 0:
            fallback.add(juror)
            for candidature, total in items:
                normalised[(juror, candidature)] = total
            continue
        m = sum(values) / len(values)
        for candidature, total in items:
            zj = (total - m) / sd
            z[(juror, candidature)] = zj
            normalised[(juror, candidature)] = min(100.0, max(0.0, centre + zj * spread))
    return ZScores(z, normalised, frozenset(fallback))
