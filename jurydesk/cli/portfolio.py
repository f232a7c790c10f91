"""`jurydesk portfolio`: coverage of the region's needs, and a suggested selection."""

from __future__ import annotations

import argparse
from decimal import Decimal, InvalidOperation

from jurydesk.audit.chain import secretariat_actor
from jurydesk.candidatures.validate import parse_budget
from jurydesk.cli.output import CliError, emit_json, print_table
from jurydesk.i18n import _, format_number
from jurydesk.portfolio.coverage import Coverage, coverage, save_limits
from jurydesk.portfolio.suggest import Suggestion, suggest, summary
from jurydesk.store import Store


def _budget(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        return parse_budget(text)
    except (ValueError, InvalidOperation) as exc:
        raise CliError(_("--budget: {problem}").format(problem=exc)) from None


def coverage_json(cov: Coverage) -> dict[str, object]:
    return {
        "region": cov.region,
        "scope": cov.scope,
        "challenges": [{"number": n, "label": label} for n, label in cov.challenges],
        "needs": [{"key": k, "label": label} for k, label in cov.needs],
        "expertise": [{"number": n, "label": label} for n, label in cov.expertise],
        "candidatures": [
            {
                "candidature": m.candidature,
                "organisation": m.organisation,
                "state": m.state,
                "score": m.score,
                "requested_budget": str(m.budget) if m.budget else None,
                "challenges": sorted(m.challenges),
                "needs": sorted(m.needs),
                "expertise": sorted(m.expertise),
            }
            for m in cov.members
        ],
        "selection": cov.selection,
        "uncovered": {
            "challenges": cov.uncovered_challenges,
            "needs": cov.uncovered_needs,
            "expertise": cov.uncovered_expertise,
        },
        "budget": str(cov.budget) if cov.budget is not None else None,
        "max_partners": cov.max_partners,
    }


def suggestion_json(s: Suggestion) -> dict[str, object]:
    return {
        "candidatures": s.chosen,
        "total_score": s.total_score,
        "budget_used": str(s.budget_used),
        "budget": str(s.budget) if s.budget is not None else None,
        "max_partners": s.max_partners,
        "coverage": {str(c): who for c, who in s.covered.items()},
        "uncoverable": s.uncoverable,
        "best_score_without_coverage": s.best_score_without_coverage,
        "coverage_cost": {str(c): v for c, v in s.coverage_cost.items()},
        "reasons": [
            {"candidature": r.candidature, "chosen": r.chosen, "reason": r.text} for r in s.reasons
        ],
        "left_out_without_score": s.excluded_without_score,
    }


def cmd_portfolio(store: Store, args: argparse.Namespace) -> int:
    with store.reader() as session:
        try:
            cov = coverage(session, args.region, args.scope)
        except ValueError as exc:
            raise CliError(str(exc)) from None
    result: dict[str, object] = {"coverage": coverage_json(cov)}
    sug = None
    if args.suggest:
        budget = _budget(args.budget) if args.budget is not None else cov.budget
        partners = args.max_partners if args.max_partners is not None else cov.max_partners
        sug = suggest(cov.members, [n for n, _l in cov.challenges], budget, partners)
        result["suggestion"] = suggestion_json(sug)
    if args.json:
        emit_json(result)
        return 0
    _print_coverage(cov)
    if sug is not None:
        _print_suggestion(sug, cov)
    return 0


def _print_coverage(cov: Coverage) -> None:
    heads = (
        [_("No."), _("Organisation"), _("Score")]
        + [f"U{n}" for n, _l in cov.challenges]
        + [f"D{i}" for i, _need in enumerate(cov.needs, 1)]
        + [f"E{n}" for n, _l in cov.expertise]
    )
    rows = []
    for m in cov.members:
        mark = "*" if m.candidature in cov.selection else ""
        rows.append(
            [
                f"{m.candidature}{mark}",
                m.organisation,
                "—" if m.score is None else format_number(m.score),
            ]
            + ["x" if n in m.challenges else "" for n, _l in cov.challenges]
            + ["x" if k in m.needs else "" for k, _l in cov.needs]
            + ["x" if n in m.expertise else "" for n, _l in cov.expertise]
        )
    print_table(heads, rows)
    print()
    for i, (_key, label) in enumerate(cov.needs, 1):
        print(f"D{i} = {label}")
    print(_("* = current selection. Not covered by it:"))
    print(
        "  "
        + _("challenges: {list}").format(
            list=", ".join(
                f"{n} ({label})" for n, label in cov.challenges if n in cov.uncovered_challenges
            )
            or "—"
        )
    )
    labels = dict(cov.needs)
    uncovered = ", ".join(labels.get(k, k) for k in cov.uncovered_needs)
    print("  " + _("needs: {list}").format(list=uncovered or "—"))
    if cov.expertise:
        print(
            "  "
            + _("sought expertise: {list}").format(
                list=", ".join(label for n, label in cov.expertise if n in cov.uncovered_expertise)
                or "—"
            )
        )


def _print_suggestion(s: Suggestion, cov: Coverage) -> None:
    names = {m.candidature: m.organisation for m in cov.members}
    print()
    print(
        _("Suggested selection (advice; the jury decides): {list}").format(
            list=", ".join(f"{c} {names[c]}" for c in s.chosen) or "—"
        )
    )
    for text, _warning in summary(s):
        print(text)
    for r in s.reasons:
        print(f"  {'+' if r.chosen else '-'} {r.candidature} {names[r.candidature]}: {r.text}")


def cmd_portfolio_limits(store: Store, args: argparse.Namespace) -> int:
    budget: Decimal | str | None = "keep"
    if args.budget is not None:
        budget = None if args.budget.lower() in ("", "none", "geen") else _budget(args.budget)
    partners: int | str | None = "keep"
    if args.max_partners is not None:
        partners = None if args.max_partners == 0 else args.max_partners
    with store.session() as session:
        try:
            actor = getattr(args, "actor", None) or secretariat_actor()
            save_limits(session, actor, args.region, budget, partners)
        except ValueError as exc:
            raise CliError(str(exc)) from None
    return 0
