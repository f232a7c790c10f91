"""Krippendorff's alpha (interval) against a hand-worked example and the published one."""

from __future__ import annotations

import math

import numpy as np
import pytest

from jurydesk.results.agreement import interval_alpha, reading

NA = np.nan
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the 4 observers x 12 units
# reliability data with missing values; published: nominal 0.743, interval 0.849.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, NA, NA, NA],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NA, 3],
    [NA, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NA],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NA],
]


def test_the_published_example():
    result = interval_alpha(KRIPPENDORFF_2011)
    assert round(result.alpha, 3) == 0.849
    # unit 12 has a single value: left out; 40 pairable values in 11 units
    assert (result.units, result.values) == (11, 40)


def test_a_hand_worked_example():
    # Two coders, three units: (1, 2), (3, 3), (2, 4); n = 6.
    # D_o = [2*(1-2)^2/1 + 0 + 2*(2-4)^2/1] / 6 = 10/6
    # values 1,2,3,3,2,4: sum 15, sum of squares 43; sum over ordered pairs of squared
    # differences = 2*(6*43 - 15^2) = 66; D_e = 66 / (6*5) = 2.2
    # alpha = 1 - (10/6)/2.2 = 8/33
    result = interval_alpha([[1, 3, 2], [2, 3, 4]])
    assert math.isclose(result.alpha, 8 / 33, rel_tol=1e-12)


def test_perfect_agreement_and_a_unit_with_one_value():
    assert interval_alpha([[1, 2, 3], [1, 2, 3]]).alpha == pytest.approx(1.0)
    with_single = interval_alpha([[1, 3, 2, 4], [2, 3, 4, NA]])
    assert with_single.alpha == pytest.approx(8 / 33)  # the lone 4 does not count


def test_undefined_cases():
    assert interval_alpha([[1, NA], [NA, 2]]).alpha is None  # nothing pairable
    assert interval_alpha([[2, 2], [2, 2]]).alpha is None  # no variation at all
    assert reading(None) == "none"
    assert [reading(a) for a in (0.9, 0.7, 0.3)] == ["good", "fair", "weak"]


def test_independent_of_coder_and_unit_order():
    data = np.array(KRIPPENDORFF_2011)
    rng = np.random.default_rng(4)
    shuffled = data[rng.permutation(4)][:, rng.permutation(12)]
    assert interval_alpha(shuffled).alpha == pytest.approx(interval_alpha(data).alpha)


def test_systematic_disagreement_is_below_zero():
    assert interval_alpha([[1, 2, 3, 4], [4, 3, 2, 1]]).alpha < 0
