"""Thresholds, tie-break rules and the recorded lottery, on real results in SQLite."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from jurydesk.errors import ScoringError
from jurydesk.results.ranking import NOT_SELECTED, SHORTLISTED, compute_results
from jurydesk.results.thresholds import draw_lots, set_thresholds, set_tie_breaks
from jurydesk.store.models import AuditEvent
from tests.results.conftest import put

# Leuven round 1 weights: uitdagingen 3, bereik 2, vertrouwen 2, aanpak 2, werkgevers 1,
# haalbaarheid 2. A and B tie on every total: 3*2 + 2*4 = 3*4 + 2*1.
A_PROFILE = {"uitdagingen": 2, "bereik": 4}
B_PROFILE = {"uitdagingen": 4, "bereik": 1}


def _fill(leuven, special: dict[int, dict[str, float]]) -> None:
    store, cands, jurors, keys = leuven
    rows = {}
    for i, c in enumerate(cands):
        for j in jurors:
            base = {k: (3 if i < 3 else 2) for k in keys}
            base.update(special.get(i, {}))
            rows[(j, c)] = base
    put(store, rows)


def _order(store) -> list[int]:
    with store.reader() as session:
        return [r.candidature for r in compute_results(session, "leuven", 1).results]


def test_criterion_rules_break_an_exact_tie(leuven):
    store, cands, _jurors, _keys = leuven
    _fill(leuven, {0: A_PROFILE | {"aanpak": 4}, 1: B_PROFILE | {"aanpak": 4}})
    a, b = cands[0], cands[1]
    with store.reader() as session:
        results = {r.candidature: r for r in compute_results(session, "leuven", 1).results}
    assert results[a].mean == pytest.approx(results[b].mean)
    with store.session() as session:
        set_tie_breaks(session, "t", "leuven", ["criterion:bereik"])
    assert _order(store)[:2] == [a, b]
    with store.session() as session:
        set_tie_breaks(session, "t", "leuven", ["criterion:uitdagingen", "criterion:bereik"])
    assert _order(store)[:2] == [b, a]


def test_bad_rules_are_refused(leuven):
    store, *_ = leuven
    with store.session() as session, pytest.raises(ScoringError, match=r"laatste|last"):
        set_tie_breaks(session, "t", "leuven", ["lottery", "criterion:bereik"])
    with store.session() as session, pytest.raises(ScoringError, match="nope"):
        set_tie_breaks(session, "t", "leuven", ["criterion:nope"])
    with store.session() as session, pytest.raises(ScoringError):
        draw_lots(session, "t", "leuven")  # no lottery rule yet


def test_the_lottery_is_drawn_once_recorded_and_decides_last(leuven):
    store, cands, _jurors, _keys = leuven
    _fill(leuven, {0: A_PROFILE | {"aanpak": 4}, 1: B_PROFILE | {"aanpak": 4}})
    with store.session() as session:
        set_tie_breaks(session, "t", "leuven", ["lottery"])
        lots = draw_lots(session, "t", "leuven")
    assert sorted(lots.values()) == list(range(1, len(cands) + 1))
    a, b = cands[0], cands[1]
    expected = [a, b] if lots[a] < lots[b] else [b, a]
    assert _order(store)[:2] == expected
    with store.session() as session, pytest.raises(ScoringError):
        draw_lots(session, "t", "leuven")  # never redrawn
    with store.reader() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "draw_lots")).one()
    assert event.new == {str(c): n for c, n in lots.items()}


def test_thresholds_propose_out_whatever_the_rank(leuven):
    store, cands, _jurors, _keys = leuven
    # candidature 0 is first on the total but weak on bereik (1 of 4)
    _fill(leuven, {0: {"uitdagingen": 4, "vertrouwen": 4, "aanpak": 4, "bereik": 1}})
    with store.reader() as session:
        before = compute_results(session, "leuven", 1).results
    assert before[0].candidature == cands[0] and before[0].proposed == SHORTLISTED
    with store.session() as session:
        set_thresholds(session, "t", "leuven", 1, None, {"bereik": 2})
    with store.reader() as session:
        after = compute_results(session, "leuven", 1).results
    first = after[0]
    assert first.candidature == cands[0] and first.rank == 1  # keeps its place, marked
    assert first.proposed == NOT_SELECTED and first.below
    assert all(not r.below for r in after[1:])
    with store.session() as session:
        set_thresholds(session, "t", "leuven", 1, 70.0, {})
    with store.reader() as session:
        results = compute_results(session, "leuven", 1).results
    for r in results:  # 3s on everything = 75; 2s = 50
        assert (r.proposed == SHORTLISTED) == (r.mean >= 70.0)
    with store.session() as session, pytest.raises(ScoringError):
        set_thresholds(session, "t", "leuven", 1, None, {"bereik": 9})
