"""How each juror scores beside the others: leniency, spread, halo (pure numpy).

Inputs are a round's complete juror totals (jurors x candidatures, 0-100, NaN where a juror has
no complete total) and, for the same cells, the criterion scores (criteria x jurors x
candidatures).

- **leniency** of juror j: the mean, over the candidatures j scored that at least one other
  juror scored too, of ``T[j, c] - mean(T[k, c] for the other jurors k)``, in points of the
  100-point total (positive: milder than the others);
- **spread**: the sample standard deviation of j's totals divided by that of all totals of the
  round (1: as spread as the jury; below 1: j separates the candidatures less);
- **halo**: the mean Pearson correlation over all pairs of criteria of j's criterion scores
  across the candidatures j scored (pairs with a constant criterion left out; at least three
  candidatures);
- **n**: the number of candidatures j scored.

Flags are readings for the chair, never a verdict on a person; they need at least
``MIN_FLAG_N`` candidatures.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

LENIENT_POINTS = 10.0  # |leniency| from which it is flagged
SPREAD_LOW, SPREAD_HIGH = 0.5, 1.5
HALO_HIGH = 0.8
MIN_FLAG_N = 3


@dataclass(frozen=True)
class JurorFigures:
    leniency: float | None
    spread: float | None
    halo: float | None
    n: int

    @property
    def flags(self) -> list[str]:
        """Keys: "milder", "stricter", "narrow", "wide", "halo"."""
        if self.n < MIN_FLAG_N:
            return []
        out = []
        if self.leniency is not None and self.leniency >= LENIENT_POINTS:
            out.append("milder")
        if self.leniency is not None and self.leniency <= -LENIENT_POINTS:
            out.append("stricter")
        if self.spread is not None and self.spread < SPREAD_LOW:
            out.append("narrow")
        if self.spread is not None and self.spread > SPREAD_HIGH:
            out.append("wide")
        if self.halo is not None and self.halo >= HALO_HIGH:
            out.append("halo")
        return out


def _halo(scores: NDArray[np.float64]) -> float | None:
    """Mean pairwise correlation of the columns (criteria) of candidatures x criteria."""
    if scores.shape[0] < 3 or scores.shape[1] < 2:
        return None
    centred = scores - scores.mean(axis=0)
    norms = np.sqrt((centred * centred).sum(axis=0))
    keep = norms > 1e-12
    if keep.sum() < 2:
        return None
    centred, norms = centred[:, keep], norms[keep]
    corr = (centred.T @ centred) / np.outer(norms, norms)
    upper = corr[np.triu_indices(corr.shape[0], k=1)]
    return float(upper.mean())


def juror_figures(totals: NDArray[np.float64], criteria: NDArray[np.float64]) -> list[JurorFigures]:
    """One entry per row (juror) of ``totals``."""
    present = ~np.isnan(totals)
    values = np.where(present, totals, 0.0)
    count = present.sum(axis=0)  # jurors per candidature
    sums = values.sum(axis=0)
    every = totals[present]
    overall = float(np.std(every, ddof=1)) if every.size >= 2 else 0.0
    out = []
    for j in range(totals.shape[0]):
        mine = present[j]
        shared = mine & (count >= 2)
        leniency = None
        if shared.any():
            others = (sums[shared] - values[j, shared]) / (count[shared] - 1)
            leniency = float((values[j, shared] - others).mean())
        own = totals[j, mine]
        spread = float(np.std(own, ddof=1)) / overall if own.size >= 2 and overall > 1e-12 else None
        halo = _halo(criteria[:, j, mine].T) if criteria.size else None
        out.append(JurorFigures(leniency, spread, halo, int(mine.sum())))
    return out
