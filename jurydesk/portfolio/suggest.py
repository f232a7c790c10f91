"""The suggested selection, solved exactly as a mixed-integer programme (HiGHS via SciPy).

Choose x_i in {0, 1} per candidature and y_c in {0, 1} per challenge (covered or not):

    maximise  M * sum(y_c) + sum(score_i * x_i)
    such that y_c <= sum(x_i for i addressing c)       (a challenge counts only when covered)
              sum(budget_i * x_i) <= budget            (when the region has a budget)
              sum(x_i) <= max_partners                 (when it has a maximum)

M is larger than any possible total score, so the solver first covers as many challenges as
can be covered at all, then maximises the total score. The suggestion is advice only: it is
never written as a decision.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jurydesk.i18n import _, format_number
from jurydesk.portfolio.coverage import Member


@dataclass(frozen=True)
class Reason:
    candidature: int
    chosen: bool
    text: str


@dataclass
class Suggestion:
    chosen: list[int]
    total_score: float
    budget_used: Decimal
    budget: Decimal | None
    max_partners: int | None
    covered: dict[int, list[int]]  # challenge -> chosen candidatures that address it
    uncoverable: list[int]  # challenges no allowed combination can cover
    best_score_without_coverage: float
    coverage_cost: dict[int, float] = field(default_factory=dict)  # challenge -> score given up
    reasons: list[Reason] = field(default_factory=list)
    excluded_without_score: list[int] = field(default_factory=list)


def _solve(
    pool: list[Member],
    challenges: list[int],
    budget: Decimal | None,
    max_partners: int | None,
    required: set[int] | None,
) -> tuple[list[int], set[int]]:
    """The chosen members and the covered challenges; ``required=None`` maximises coverage
    first, an explicit set requires exactly those challenges (and ignores the others)."""
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp

    n, k = len(pool), len(challenges)
    scores = np.array([m.score or 0.0 for m in pool])
    big = float(scores.sum()) + 1.0
    weights = [0.0 if required is not None else big] * k
    cost = -np.concatenate([scores, np.array(weights)])
    rows, lower, upper = [], [], []
    for j, c in enumerate(challenges):
        row = np.zeros(n + k)
        row[n + j] = 1.0
        for i, m in enumerate(pool):
            if c in m.challenges:
                row[i] = -1.0
        rows.append(row)
        lower.append(-np.inf)
        upper.append(0.0)
    if budget is not None:
        row = np.zeros(n + k)
        row[:n] = [float(m.budget or 0) for m in pool]
        rows.append(row)
        lower.append(-np.inf)
        upper.append(float(budget))
    if max_partners is not None:
        row = np.zeros(n + k)
        row[:n] = 1.0
        rows.append(row)
        lower.append(-np.inf)
        upper.append(float(max_partners))
    low = np.zeros(n + k)
    high = np.ones(n + k)
    if required is not None:
        for j, c in enumerate(challenges):
            low[n + j] = high[n + j] = 1.0 if c in required else 0.0
    constraints = [LinearConstraint(np.array(rows), lower, upper)] if rows else []
    result = milp(
        cost, integrality=np.ones(n + k), bounds=Bounds(low, high), constraints=constraints
    )
    if result.status != 0 or result.x is None:
        return [], set()
    x = np.round(result.x).astype(int)
    chosen = [pool[i].candidature for i in range(n) if x[i]]
    covered = {c for c in challenges if any(c in pool[i].challenges for i in range(n) if x[i])}
    return chosen, covered


def suggest(
    pool: list[Member],
    challenges: list[int],
    budget: Decimal | None = None,
    max_partners: int | None = None,
) -> Suggestion:
    """The best selection from ``pool`` (members without a score are left out)."""
    scored = [m for m in pool if m.score is not None]
    by_id = {m.candidature: m for m in scored}
    chosen, covered = _solve(scored, challenges, budget, max_partners, None)
    total = sum(by_id[c].score or 0.0 for c in chosen)
    free_chosen, _free_covered = _solve(scored, challenges, budget, max_partners, set())
    free_total = sum(by_id[c].score or 0.0 for c in free_chosen)
    suggestion = Suggestion(
        chosen=sorted(chosen, key=lambda c: -(by_id[c].score or 0.0)),
        total_score=total,
        budget_used=sum((by_id[c].budget or Decimal(0) for c in chosen), Decimal(0)),
        budget=budget,
        max_partners=max_partners,
        covered={c: [i for i in chosen if c in by_id[i].challenges] for c in sorted(covered)},
        uncoverable=[c for c in challenges if c not in covered],
        best_score_without_coverage=free_total,
        excluded_without_score=[m.candidature for m in pool if m.score is None],
    )
    for c in sorted(covered):
        relaxed, _ = _solve(scored, challenges, budget, max_partners, covered - {c})
        relaxed_total = sum(by_id[i].score or 0.0 for i in relaxed)
        suggestion.coverage_cost[c] = max(0.0, relaxed_total - total)
    suggestion.reasons = _reasons(suggestion, scored, by_id)
    return suggestion


def summary(s: Suggestion) -> list[tuple[str, bool]]:
    """The sentences that explain a suggestion, as (text, is_a_warning): the total score and
    budget, what cannot be covered within the limits, and what covering the challenges costs."""
    lines = [
        (
            _("Total score {total}; budget used {used}{of}").format(
                total=format_number(s.total_score),
                used=euro(s.budget_used),
                of=f" / {euro(s.budget)}" if s.budget is not None else "",
            ),
            False,
        )
    ]
    if s.uncoverable:
        lines.append(
            (
                _("Cannot be covered within the limits: challenge {list}").format(
                    list=", ".join(map(str, s.uncoverable))
                ),
                True,
            )
        )
    lines.append(
        (
            _("Covering the challenges costs {cost} points of total score.").format(
                cost=format_number(s.best_score_without_coverage - s.total_score)
            ),
            False,
        )
    )
    return lines


def _reasons(s: Suggestion, pool: list[Member], by_id: dict[int, Member]) -> list[Reason]:
    out = []
    chosen = set(s.chosen)
    remaining = (s.budget - s.budget_used) if s.budget is not None else None
    lowest = min((by_id[c].score or 0.0 for c in chosen), default=0.0)
    for m in sorted(pool, key=lambda m: -(m.score or 0.0)):
        if m.candidature in chosen:
            only = [c for c, who in s.covered.items() if who == [m.candidature]]
            text = _("score {score}").format(score=format_number(m.score or 0.0))
            if only:
                text += "; " + _("the only one in this selection for challenge {list}").format(
                    list=", ".join(map(str, only))
                )
            out.append(Reason(m.candidature, True, text))
            continue
        need = m.budget or Decimal(0)
        if remaining is not None and need > remaining:
            text = _("does not fit in the budget left ({need} asked, {left} left)").format(
                need=euro(need), left=euro(remaining)
            )
        elif (
            s.max_partners is not None
            and len(chosen) >= s.max_partners
            and ((m.score or 0.0) > lowest)
        ):
            text = _(
                "the maximum of {n} partners is reached and the chosen ones together "
                "cover more challenges or score higher"
            ).format(n=s.max_partners)
        elif s.max_partners is not None and len(chosen) >= s.max_partners:
            text = _("the maximum of {n} partners is reached; its score {score} is lower").format(
                n=s.max_partners, score=format_number(m.score or 0.0)
            )
        else:
            text = _(
                "taking it would exceed the budget or the maximum with the others; the "
                "chosen combination scores higher"
            )
        out.append(Reason(m.candidature, False, text))
    return out


def euro(amount: Decimal) -> str:
    return f"€ {amount:,.0f}".replace(",", ".")
