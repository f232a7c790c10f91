"""Krippendorff's alpha with the interval metric, computed with numpy.

Definition (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"), for a matrix of
values with coders as rows and units as columns, missing values as NaN:

- only *pairable* values count: those of units with at least two values; ``m_u`` is the number
  of values in unit ``u`` and ``n = sum(m_u)``;
- observed disagreement ``D_o = (1/n) * sum_u sum_{i != j in u} (v_i - v_j)^2 / (m_u - 1)``;
- expected disagreement ``D_e = sum_{i != j over all n values} (v_i - v_j)^2 / (n (n - 1))``;
- ``alpha = 1 - D_o / D_e``.

With the interval metric ``(v_i - v_j)^2`` the sums over ordered pairs reduce to
``sum_{i != j} (v_i - v_j)^2 = 2 * (m * sum(v^2) - sum(v)^2)``, so everything is a few sums.
Alpha is undefined (None) with fewer than two pairable units' values or when every value is the
same (``D_e = 0``). The PyPI package ``krippendorff`` is GPL-3.0, hence this MIT implementation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True)
class Alpha:
    alpha: float | None
    units: int  # units with at least two values (the ones that count)
    values: int  # pairable values, n


def _pair_sum(count: NDArray[np.float64], s1: NDArray[np.float64], s2: NDArray[np.float64]):  # type: ignore[no-untyped-def]
    return 2.0 * (count * s2 - s1 * s1)


def interval_alpha(data: NDArray[np.float64] | list[list[float | None]]) -> Alpha:
    """Alpha of ``data`` (coders x units; NaN or None = missing)."""
    matrix = np.array(data, dtype=float)
    if matrix.ndim != 2:
        raise ValueError("reliability data must be a coders x units matrix")
    present = ~np.isnan(matrix)
    values = np.where(present, matrix, 0.0)
    m = present.sum(axis=0).astype(float)
    pairable = m >= 2
    if not pairable.any():
        return Alpha(None, 0, 0)
    m, values = m[pairable], values[:, pairable]
    s1, s2 = values.sum(axis=0), (values * values).sum(axis=0)
    n = float(m.sum())
    observed = float((_pair_sum(m, s1, s2) / (m - 1.0)).sum()) / n
    expected = float(_pair_sum(np.float64(n), s1.sum(), s2.sum())) / (n * (n - 1.0))
    if expected <= 1e-12 * max(1.0, float(s2.sum()) / n):
        return Alpha(None, int(pairable.sum()), int(n))
    return Alpha(1.0 - observed / expected, int(pairable.sum()), int(n))


# Readings of alpha (Krippendorff 2004: >= 0.8 reliable; >= 0.667 tentative conclusions).
GOOD, FAIR = 0.8, 0.667


def reading(alpha: float | None) -> str:
    """A key for the plain reading: "good", "fair", "weak" or "none" (undefined)."""
    if alpha is None:
        return "none"
    return "good" if alpha >= GOOD else "fair" if alpha >= FAIR else "weak"
