"""Results from real scores in SQLite, checked against an independent recomputation."""

from __future__ import annotations

import math
import random
from datetime import datetime, timedelta

import pytest

from jurydesk.candidatures.rules import region_rules
from jurydesk.candidatures.service import add_candidatures
from jurydesk.candidatures.validate import CandidatureInput
from jurydesk.decisions.service import decide
from jurydesk.errors import ScoringError
from jurydesk.jury.service import add_conflict
from jurydesk.results import aggregate
from jurydesk.results.ranking import compute_results
from jurydesk.scoring.rubrics import rubric_for
from jurydesk.scoring.scores import finalize, set_score
from jurydesk.timeutil import BRUSSELS
from tests.signed import add_signed_juror


@pytest.fixture
def scenario(store):
    """Leuven with 10 candidatures and 6 jurors; returns (store, candidature ids, juror ids)."""
    start = datetime(2023, 6, 1, 9, 0, tzinfo=BRUSSELS)
    with store.session() as session:
        rules = region_rules(session, "leuven")
        add_candidatures(
            session,
            rules,
            [
                CandidatureInput(
                    row=i,
                    organisation=f"Org {i}",
                    contact="C",
                    email="c@x.example",
                    phone="",
                    title="T",
                    summary="",
                    received_at=start + timedelta(hours=i),
                    channel="e-mail",
                    challenges=[1],
                    services=["taalondersteuning"],
                    requested_budget=None,
                    attachments=[],
                )
                for i in range(10)
            ],
        )
        jurors = [
            add_signed_juror(session, "t", f"J{i}", "expert", panels=[("leuven", 1), ("leuven", 2)])
            for i in range(6)
        ]
    from jurydesk.candidatures.service import list_candidatures

    with store.reader() as session:
        candidatures = [c.id for c in list_candidatures(session, "leuven")]
    return store, candidatures, jurors


def give(store, juror, candidature, values: dict[str, float], round_=1):
    with store.session() as session:
        for key, value in values.items():
            set_score(session, "t", juror, candidature, round_, key, value)


def criteria(store, round_=1):
    with store.reader() as session:
        return rubric_for(session, "leuven").round(round_).criteria


def test_results_match_an_independent_recomputation(scenario):
    store, candidatures, jurors = scenario
    rng = random.Random(5)
    crits = criteria(store)
    raw: dict[tuple[int, int], dict[str, int]] = {}
    for c in candidatures:
        for j in jurors:
            values = {k.key: rng.randint(1, 4) for k in crits}
            raw[(j, c)] = values
            give(store, j, c, values)
    with store.reader() as session:
        results = compute_results(session, "leuven", 1)
    expected_totals = {
        key: aggregate.juror_total((v[k.key], k.weight, k.min, k.max) for k in crits)
        for key, v in raw.items()
    }
    by_id = {r.candidature: r for r in results.results}
    for c in candidatures:
        r = by_id[c]
        totals = [expected_totals[(j, c)] for j in jurors]
        assert r.jurors == jurors
        for j in jurors:
            assert math.isclose(r.juror_totals[j], expected_totals[(j, c)], abs_tol=1e-3)
        assert math.isclose(r.mean, sum(totals) / 6, abs_tol=1e-9)
        ordered = sorted(totals)
        assert math.isclose(r.median, (ordered[2] + ordered[3]) / 2, abs_tol=1e-9)
        assert math.isclose(r.trimmed_mean, sum(ordered[1:-1]) / 4, abs_tol=1e-9)
        assert r.missing == [] and r.conflicts == []
    ranked = [r.candidature for r in results.results]
    means = [by_id[c].mean for c in ranked]
    assert means == sorted(means, reverse=True) or any(by_id[c].knockout for c in ranked)
    assert [r.rank for r in results.results] == list(range(1, 11))


def test_missing_scores_are_missing_not_zero(scenario):
    store, (c, *_), (a, b, *_) = scenario
    crits = criteria(store)
    give(store, a, c, {k.key: 4 for k in crits})
    give(store, b, c, {crits[0].key: 4})  # incomplete: not counted at all
    with store.reader() as session:
        r = next(r for r in compute_results(session, "leuven", 1).results if r.candidature == c)
    assert r.jurors == [a]
    assert r.mean == 100.0
    assert b in r.missing


def test_a_conflicted_juror_is_left_out_and_shown(scenario):
    store, (c, *_), (a, b, *_) = scenario
    crits = criteria(store)
    give(store, a, c, {k.key: 4 for k in crits})
    give(store, b, c, {k.key: 0 for k in crits})
    with store.session() as session:  # declared after scoring: the scores no longer count
        add_conflict(session, "secretariaat", b, c, "Familie van de coördinator")
    with store.reader() as session:
        r = next(r for r in compute_results(session, "leuven", 1).results if r.candidature == c)
    assert r.conflicts == [b] and b not in r.jurors and b not in r.missing
    assert r.mean == 100.0


def test_knockout_disagreement_and_spread(scenario):
    store, (c1, c2, *_), jurors = scenario
    crits = criteria(store)
    for j in jurors:
        give(store, j, c1, {k.key: (0 if k.key == "uitdagingen" else 4) for k in crits})
        give(store, j, c2, {k.key: (4 if j == jurors[0] else 1) for k in crits})
    with store.reader() as session:
        results = compute_results(session, "leuven", 1)
    r1 = next(r for r in results.results if r.candidature == c1)
    r2 = next(r for r in results.results if r.candidature == c2)
    assert r1.knockout == ["Aansluiting bij de regio-uitdagingen"]
    assert r1.proposed == "not_selected"
    assert r1.rank > r2.rank  # a knock-out ranks after every candidature that passes
    assert r2.knockout == []
    assert r2.disagreement and r2.range == 75.0
    assert math.isclose(r2.stdev, math.sqrt((62.5**2 + 5 * 12.5**2) / 5))
    assert r2.trimmed_mean == 25.0  # the one enthusiastic juror is trimmed away


def test_ties_break_on_median_then_mean_then_spread_then_receipt(scenario):
    store, (c1, c2, c3, *_), jurors = scenario
    crits = criteria(store)
    for c in (c1, c2, c3):
        for j in jurors:
            give(store, j, c, {k.key: 3 for k in crits})
    with store.reader() as session:
        results = compute_results(session, "leuven", 1)
    order = [r.candidature for r in results.results if r.candidature in (c1, c2, c3)]
    assert order == [c1, c2, c3]  # all else equal: the earlier receipt first


def test_proposals_follow_the_round_rules_and_sensitivity(scenario):
    store, candidatures, jurors = scenario
    crits = criteria(store)
    for i, c in enumerate(candidatures):
        for j in jurors:
            give(store, j, c, {k.key: min(4, 1 + (i + j) % 4) for k in crits})
    with store.reader() as session:
        results = compute_results(session, "leuven", 1)
        rubric = rubric_for(session, "leuven")
    shortlisted = [r for r in results.results if r.proposed == "shortlisted"]
    assert len(shortlisted) <= rubric.selection.pitch_top
    assert all(r.mean >= rubric.selection.pitch_min_total for r in shortlisted)
    for r in results.results:
        assert set(r.proposed_by_method) == {"mean", "median", "trimmed", "zscore"}
        assert (r.candidature in results.sensitivity) == (
            len(set(r.proposed_by_method.values())) > 1
        )


def test_round_two_uses_round_one_decisions_and_combines(scenario):
    store, (c1, c2, c3, *_), jurors = scenario
    crits1, crits2 = criteria(store, 1), criteria(store, 2)
    for c, v in ((c1, 4), (c2, 3), (c3, 2)):
        for j in jurors:
            give(store, j, c, {k.key: v for k in crits1})
            with store.session() as session:
                finalize(session, "t", j, c, 1)  # a decision wants finalised jurors
    deviation = "De jury trekt de grens hier"  # dropped where it is the proposal
    with store.session() as session:
        decide(session, "sec", c1, 1, "shortlisted", "Sterk", deviation_reason=deviation)
        decide(session, "sec", c2, 1, "shortlisted", "Goed", deviation_reason=deviation)
        decide(session, "sec", c3, 1, "not_selected", "Te zwak", deviation_reason=deviation)
    with pytest.raises(ScoringError, match="pitch"), store.session() as session:
        decide(session, "sec", c3, 2, "selected", "Toch")
    for c, v in ((c1, 3.5), (c2, 4)):
        for j in jurors:
            give(store, j, c, {k.key: v for k in crits2}, round_=2)
    with store.reader() as session:
        results = compute_results(session, "leuven", 2)
        weights = rubric_for(session, "leuven").selection.combined_weights
    assert {r.candidature for r in results.results} == {c1, c2}
    r1 = next(r for r in results.results if r.candidature == c1)
    assert math.isclose(r1.final["mean"], weights[0] * 100 + weights[1] * 87.5)
    assert r1.decision is None
