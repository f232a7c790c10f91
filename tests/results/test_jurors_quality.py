"""Leniency, spread and halo: a hand-made jury and a planted lenient juror."""

from __future__ import annotations

import numpy as np
import pytest

from jurydesk.results.jurors_quality import juror_figures

NA = np.nan


def test_hand_computed_figures():
    totals = np.array([[50.0, 70.0, NA], [60.0, 70.0, 40.0], [70.0, NA, 50.0]])
    criteria = np.zeros((2, 3, 3))
    a, b, c = juror_figures(totals, criteria)
    # juror a: (50 - 65) on the first, (70 - 70) on the second -> -7.5
    assert a.leniency == pytest.approx(-7.5)
    # juror b: (60 - 60) + (70 - 70) + (40 - 50) over 3 -> -10/3
    assert b.leniency == pytest.approx(-10 / 3)
    assert c.leniency == pytest.approx((15 + 10) / 2)  # 70 - 55, 50 - 40
    every = np.array([50, 70, 60, 70, 40, 70, 50], dtype=float)
    assert a.spread == pytest.approx(np.std([50, 70], ddof=1) / np.std(every, ddof=1))
    assert (a.n, b.n, c.n) == (2, 3, 2)
    assert a.halo is None  # too few candidatures


def test_halo_of_criteria_that_move_together():
    totals = np.array([[10.0, 20.0, 30.0, 40.0]])
    together = np.array([[[1, 2, 3, 4]], [[2, 4, 6, 8]], [[1, 2, 3, 5]]], dtype=float)
    (figures,) = juror_figures(totals, together)
    assert figures.halo > 0.95 and "halo" in figures.flags
    apart = np.array([[[1, 2, 3, 4]], [[4, 3, 2, 1]]], dtype=float)
    assert juror_figures(totals, apart)[0].halo == pytest.approx(-1.0)


def test_a_planted_lenient_juror():
    rng = np.random.default_rng(11)
    truth = rng.uniform(30, 80, 20)
    totals = truth[None, :] + rng.normal(0, 4, (6, 20))
    totals[2] += 15  # juror 2 is 15 points milder
    figures = juror_figures(totals, np.zeros((0, 6, 20)))
    assert figures[2].leniency == pytest.approx(15, abs=3)
    assert "milder" in figures[2].flags
    assert all(f.leniency < 0 and not f.flags for i, f in enumerate(figures) if i != 2)
    # leniency is relative: the jury's leniencies sum to zero when every juror scores all
    assert sum(f.leniency for f in figures) == pytest.approx(0, abs=1e-9)
