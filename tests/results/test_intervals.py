"""Rank intervals on synthetic jurors with known noise, and the funding line."""

from __future__ import annotations

import numpy as np
import pytest

from jurydesk.results.intervals import Ranked, at_line, percentile_ranks, rank_draws


def _round(truth: list[float], noise: float, seed: int, tied: tuple[int, int] | None = None):
    rng = np.random.default_rng(seed)
    totals = [list(t + rng.normal(0, noise, 7)) for t in truth]
    if tied:  # the same jurors' totals: observed as tied as they truly are
        totals[tied[1]] = list(totals[tied[0]])
    order = sorted(range(len(truth)), key=lambda i: -np.mean(totals[i]))
    return [Ranked(totals[i], False) for i in order], order


@pytest.mark.parametrize("method", ["mean", "median", "trimmed"])
def test_far_from_the_line_never_flagged_tied_always(method):
    truth = [95, 90, 85, 80, 62, 62, 40, 35, 30, 25]
    places = 5  # the line between the fifth and the sixth
    for seed in range(12):
        ranked, order = _round(truth, 4.0, seed, tied=(4, 5))
        low, high = percentile_ranks(rank_draws(ranked, method))
        flagged = {order[i] for i in range(len(order)) if at_line(low[i], high[i], places, True)}
        assert 0 not in flagged and 9 not in flagged  # far above, far below
        assert {4, 5} <= flagged  # the tied pair straddles the line every time


def test_no_noise_no_interval():
    ranked = [Ranked([80.0 - 5 * i] * 5, False) for i in range(6)]
    low, high = percentile_ranks(rank_draws(ranked, "mean"))
    assert low == high == [1, 2, 3, 4, 5, 6]


def test_the_figures_repeat_and_knockouts_stay_after():
    ranked, _order = _round([70, 65, 60, 55], 8.0, 3)
    ranked.append(Ranked([99.0, 98.0, 97.0], True))  # knocked out: last whatever its score
    first = rank_draws(ranked, "mean")
    assert (first == rank_draws(ranked, "mean")).all()
    assert (first[:, -1] == 5).all()
    assert sorted(first[0]) == [1, 2, 3, 4, 5]


def test_combined_final_adds_the_fixed_round_one_score():
    # equal round-2 totals; the round-1 part (0.4 * score) decides
    ranked = [Ranked([60.0, 61.0], False, base=0.4 * 90, factor=0.6)]
    ranked.append(Ranked([60.0, 61.0], False, base=0.4 * 50, factor=0.6))
    low, high = percentile_ranks(rank_draws(ranked, "mean"))
    assert (low, high) == ([1, 2], [1, 2])


def test_at_line_definition():
    assert at_line(4, 6, 5, True) and at_line(5, 6, 5, True)
    assert not at_line(6, 8, 5, True)  # always out
    assert not at_line(2, 5, 5, True)  # always in
    assert not at_line(4, 6, 5, False)  # below a threshold or knocked out: never in
    assert not at_line(1, 3, 0, True)  # nobody proposed in: no line
