"""The suggested selection against brute force over every subset; coverage of the demo."""

from __future__ import annotations

import itertools
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jurydesk.portfolio.coverage import Member, coverage, set_limits
from jurydesk.portfolio.suggest import suggest

CHALLENGES = [1, 2, 3, 4]


@st.composite
def regions(draw):  # type: ignore[no-untyped-def]
    n = draw(st.integers(min_value=1, max_value=9))
    members = []
    for i in range(1, n + 1):
        members.append(
            Member(
                candidature=i,
                organisation=f"Org {i}",
                state="",
                score=float(draw(st.integers(min_value=0, max_value=100))),
                budget=Decimal(draw(st.integers(min_value=0, max_value=10)) * 10_000),
                challenges=frozenset(draw(st.sets(st.sampled_from(CHALLENGES), max_size=3))),
                needs=frozenset(),
                expertise=frozenset(),
            )
        )
    budget = draw(
        st.one_of(
            st.none(), st.integers(min_value=0, max_value=60).map(lambda k: Decimal(k * 5_000))
        )
    )
    partners = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=5)))
    return members, budget, partners


def _brute(members, budget, partners):  # type: ignore[no-untyped-def]
    best = (-1, -1.0)
    for size in range(len(members) + 1):
        if partners is not None and size > partners:
            break
        for subset in itertools.combinations(members, size):
            cost = sum((m.budget or 0) for m in subset)
            if budget is not None and cost > budget:
                continue
            covered = len({c for m in subset for c in m.challenges})
            total = sum(m.score or 0 for m in subset)
            best = max(best, (covered, total))
    return best


@settings(max_examples=120, deadline=None)
@given(regions())
def test_solver_matches_brute_force(region):  # type: ignore[no-untyped-def]
    members, budget, partners = region
    result = suggest(members, CHALLENGES, budget, partners)
    chosen = [m for m in members if m.candidature in result.chosen]
    covered = {c for m in chosen for c in m.challenges}
    best_covered, best_total = _brute(members, budget, partners)
    assert len(covered) == best_covered
    assert abs(result.total_score - best_total) < 1e-6
    if budget is not None:
        assert result.budget_used <= budget
    if partners is not None:
        assert len(result.chosen) <= partners
    assert set(result.uncoverable) == set(CHALLENGES) - covered
    assert result.best_score_without_coverage >= result.total_score - 1e-6
    assert {r.candidature for r in result.reasons} == {m.candidature for m in members}
    assert {r.candidature for r in result.reasons if r.chosen} == set(result.chosen)


def test_demo_coverage_and_a_suggestion_within_limits(demo_store):
    with demo_store.session() as session:
        set_limits(session, "dijleland-plus", Decimal(250000), 4)
    with demo_store.reader() as session:
        cov = coverage(session, "dijleland-plus", "all")
    assert cov.budget == Decimal(250000) and cov.max_partners == 4
    picked = [m for m in cov.members if m.candidature in cov.selection]
    for need, _label in cov.needs:
        assert (need in cov.uncovered_needs) == (not any(need in m.needs for m in picked))
    assert [n for n, _l in cov.expertise] == [1, 2, 3]
    result = suggest(cov.members, [n for n, _l in cov.challenges], cov.budget, cov.max_partners)
    assert len(result.chosen) <= 4 and result.budget_used <= Decimal(250000)
    assert result.uncoverable == []
    assert set(result.covered) == {1, 2, 3}
