"""Ordering a round's candidatures and proposing outcomes: knock-outs, thresholds, tie-breaks.

The order: ranked candidatures (with a score) first; one that fails a knock-out after one that
does not; the higher score under the method; then the region's tie-break rules
(``results.thresholds``) or, without rules, the higher median, the higher mean and the smaller
spread; then the earlier receipt and the lower number. A candidature below a threshold keeps its
place in the order but is proposed out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from jurydesk.results.thresholds import Thresholds, tie_key

if TYPE_CHECKING:
    from jurydesk.results.ranking import CandidatureResult
    from jurydesk.scoring.rubric import Rubric

SHORTLISTED, SELECTED, NOT_SELECTED, RESERVE = "shortlisted", "selected", "not_selected", "reserve"


def order(
    results: list[CandidatureResult],
    key: Mapping[int, float | None],
    rules: Sequence[str] = (),
    lots: Mapping[str, int] | None = None,
) -> list[CandidatureResult]:
    lots = lots or {}

    def sort_key(r: CandidatureResult) -> tuple:  # type: ignore[type-arg]
        score = key[r.candidature]
        ties = (
            tie_key(rules, r.criterion_means, lots.get(str(r.candidature)))
            if rules
            else (-(r.median or 0.0), -(r.mean or 0.0), r.stdev)
        )
        return (
            score is None,
            bool(r.knockout),
            -(score or 0.0),
            *ties,
            r.received_at,
            r.candidature,
        )

    return sorted(results, key=sort_key)


def propose(
    ordered: list[CandidatureResult],
    key: Mapping[int, float | None],
    round_: int,
    rubric: Rubric,
    thresholds: Thresholds,
) -> dict[int, str]:
    """Each candidature's proposed outcome; the region's thresholds rule out whatever the rank."""
    rules = rubric.selection
    outcome: dict[int, str] = {}
    passed = reserves = 0
    for r in ordered:
        score = key[r.candidature]
        below = bool(thresholds.failures(score, r.criterion_means, {}))
        if round_ == 1:
            ok = (
                score is not None
                and not r.knockout
                and not below
                and (rules.pitch_min_total is None or score >= rules.pitch_min_total)
                and (rules.pitch_top is None or passed < rules.pitch_top)
            )
            outcome[r.candidature] = SHORTLISTED if ok else NOT_SELECTED
            passed += ok
            continue
        eligible = (
            score is not None
            and not r.knockout
            and not below
            and (rules.select_min_total is None or score >= rules.select_min_total)
        )
        if eligible and (rules.select_top is None or passed < rules.select_top):
            outcome[r.candidature] = SELECTED
            passed += 1
        elif eligible and reserves < rules.reserve_count:
            outcome[r.candidature] = RESERVE
            reserves += 1
        else:
            outcome[r.candidature] = NOT_SELECTED
    return outcome
