"""Properties of the aggregation, checked with hypothesis."""

from __future__ import annotations

import math
import statistics

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from jurydesk.results import aggregate

totals = st.floats(min_value=0, max_value=100, allow_nan=False)
juror_totals = st.lists(totals, min_size=1, max_size=12)


@given(juror_totals, st.randoms())
def test_permutation_invariance(values, rng):
    shuffled = list(values)
    rng.shuffle(shuffled)
    for f in (aggregate.mean, aggregate.median, aggregate.trimmed_mean, aggregate.stdev):
        assert math.isclose(f(values), f(shuffled), abs_tol=1e-9)


@given(juror_totals)
def test_bounds(values):
    low, high = min(values), max(values)
    for f in (aggregate.mean, aggregate.median, aggregate.trimmed_mean):
        assert low - 1e-9 <= f(values) <= high + 1e-9


@given(totals, st.integers(min_value=1, max_value=12))
def test_equal_scores_give_equal_results_under_every_method(value, n):
    values = [value] * n
    assert math.isclose(aggregate.mean(values), value, abs_tol=1e-9)
    assert aggregate.median(values) == value
    assert math.isclose(aggregate.trimmed_mean(values), value, abs_tol=1e-9)
    assert aggregate.stdev(values) < 1e-9
    z = aggregate.zscores({(j, 1): value for j in range(n)}, min_count=1)
    assert all(math.isclose(v, value) for v in z.normalised.values())


@given(st.lists(totals, min_size=4, max_size=10))
def test_trimmed_mean_ignores_one_extreme_juror(values):
    pool = [*values, 50.0]
    base = aggregate.trimmed_mean(pool)
    for extreme in (1e6, -1e6):
        trimmed = aggregate.trimmed_mean([*pool, extreme])
        # One wild juror is trimmed away: the result stays within the others' range ...
        assert min(pool) - 1e-9 <= trimmed <= max(pool) + 1e-9
        # ... and moves far less than the plain mean does.
        assert abs(aggregate.mean([*pool, extreme]) - base) > abs(trimmed - base)


def test_trimmed_mean_drops_only_from_five_jurors():
    assert aggregate.trimmed_mean([0, 50, 100, 100]) == aggregate.mean([0, 50, 100, 100])
    assert aggregate.trimmed_mean([0, 50, 60, 70, 100]) == 60


@given(st.lists(totals, min_size=1, max_size=9))
def test_median_and_stdev_agree_with_the_standard_library(values):
    assert math.isclose(aggregate.median(values), statistics.median(values), abs_tol=1e-9)
    expected = statistics.stdev(values) if len(values) > 1 else 0.0
    assert math.isclose(aggregate.stdev(values), expected, rel_tol=1e-9, abs_tol=1e-9)


@settings(max_examples=200)
@given(
    st.lists(st.lists(totals, min_size=8, max_size=8), min_size=3, max_size=5),
    st.floats(min_value=0.1, max_value=5),
    st.floats(min_value=-50, max_value=50),
)
def test_zscores_invariant_to_a_jurors_shift_and_scale(table, scale, shift):
    """Juror j's totals t become scale*t + shift: every z-score stays the same."""
    assume(all(statistics.pstdev(row) > 1e-3 for row in table))
    before = {(j, c): t for j, row in enumerate(table) for c, t in enumerate(row)}
    after = dict(before)
    for c in range(8):
        after[(0, c)] = scale * before[(0, c)] + shift
    z1 = aggregate.zscores(before, min_count=8)
    z2 = aggregate.zscores(after, min_count=8)
    assert set(z1.z) == set(z2.z) == set(before)
    for key in before:
        assert math.isclose(z1.z[key], z2.z[key], rel_tol=1e-6, abs_tol=1e-6)


def test_zscore_falls_back_for_a_juror_with_too_few_candidatures():
    totals_ = {(1, c): float(10 * c) for c in range(8)} | {(2, 0): 40.0, (2, 1): 60.0}
    z = aggregate.zscores(totals_, min_count=8)
    assert z.fallback == {2}
    assert z.normalised[(2, 0)] == 40.0
    assert (1, 3) in z.z


@given(st.lists(st.tuples(st.integers(0, 4), st.floats(0.5, 5)), min_size=1, max_size=8))
def test_juror_total_is_on_0_100_and_matches_the_formula(parts):
    full = [(v, w, 0, 4) for v, w in parts]
    total = aggregate.juror_total(full)
    assert -1e-9 <= total <= 100 + 1e-9
    expected = 100 * sum(w * v / 4 for v, w in parts) / sum(w for _v, w in parts)
    assert math.isclose(total, expected, rel_tol=1e-9, abs_tol=1e-9)
