"""Scoring commands: rubric, jurors, conflicts, scores, finalisation, results, decisions, audit."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from jurydesk.cli.output import CliError, actor, emit_json, print_table
from jurydesk.decisions.service import decide, outcome_label, set_note
from jurydesk.i18n import _
from jurydesk.jury.service import add_conflict, add_juror, list_jurors, role_label
from jurydesk.labels import method_label
from jurydesk.rebuttals.service import communication_warning
from jurydesk.regions.service import get_region, region_detail
from jurydesk.results.ranking import RoundResults, compute_results
from jurydesk.scoring.rubrics import add_rubric_file, rubric_for
from jurydesk.scoring.scores import finalize, list_scores, reopen, set_comment, set_score
from jurydesk.store import Store
from jurydesk.store.models import Candidature
from jurydesk.timeutil import DateParseError, parse_moment


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def cmd_rubric_show(store: Store, args: argparse.Namespace) -> int:
    with store.reader() as session:
        rubric = rubric_for(session, args.region)
    data = {
        "key": rubric.key,
        "name": rubric.name,
        "aggregation": asdict(rubric.aggregation),
        "selection": asdict(rubric.selection),
        "rounds": [
            {
                "number": r.number,
                "name": r.name,
                "criteria": [
                    {
                        "key": c.key,
                        "label": c.label,
                        "guidance": c.guidance,
                        "weight": c.weight,
                        "min": c.min,
                        "max": c.max,
                        "half_points": c.half_points,
                        "labels": {str(k): v for k, v in c.labels.items()},
                        "knockout": c.knockout,
                        "shows": list(c.shows),
                    }
                    for c in r.criteria
                ],
            }
            for r in rubric.rounds
        ],
    }
    if args.json:
        emit_json(data)
        return 0
    print(rubric.name)
    for r in rubric.rounds:
        print(f"\n{r.name}")
        print_table(
            [_("Key"), _("Criterion"), _("Weight"), _("Scale"), _("Knock-out")],
            [
                (
                    c.key,
                    c.label,
                    f"{c.weight:g}",
                    f"{c.min}-{c.max}" + (" (½)" if c.half_points else ""),
                    "" if c.knockout is None else f"< {c.knockout:g}",
                )
                for c in r.criteria
            ],
        )
    return 0


def cmd_rubric_add(store: Store, args: argparse.Namespace) -> int:
    with store.session() as session:
        rubric, outcome = add_rubric_file(session, Path(args.file), replace=args.replace)
    if args.json:
        emit_json({"key": rubric.key, "outcome": outcome})
    else:
        print(_("Rubric {key}: {outcome}").format(key=rubric.key, outcome=outcome))
    return 0


def cmd_jurors(store: Store, args: argparse.Namespace) -> int:
    from jurydesk.jury.pins import NO_KEY, NO_PIN, SIGNS, no_key_advice, signing, signing_label

    with store.reader() as session:
        jurors = list_jurors(session, args.region)
        keys = signing(session, [j.id for j in jurors])
    if args.json:
        emit_json(
            [
                {
                    "id": j.id,
                    "name": j.name,
                    "organisation": j.organisation,
                    "role": j.role,
                    "rounds": j.rounds,
                    "conflicts": sorted(j.conflicts),
                    "conflict_reasons": {str(k): v for k, v in j.conflicts.items()},
                    "pin": keys[j.id] != NO_PIN,
                    # False with a PIN: set before the audit log's MACs; a new PIN gives one
                    "signing_key": keys[j.id] == SIGNS,
                }
                for j in jurors
            ]
        )
    else:
        print_table(
            [
                "Id",
                _("Name"),
                _("Organisation"),
                _("Role"),
                _("Rounds"),
                _("Conflicts of interest"),
                _("Signing key"),
            ],
            [
                (
                    j.id,
                    j.name,
                    j.organisation,
                    role_label(j.role),
                    ", ".join(map(str, j.rounds)),
                    ", ".join(map(str, sorted(j.conflicts))),
                    signing_label(keys[j.id]),
                )
                for j in jurors
            ],
        )
        keyless = [str(j.id) for j in jurors if keys[j.id] == NO_KEY]
        if keyless:
            print(no_key_advice(keyless))
    return 0


def cmd_juror_add(store: Store, args: argparse.Namespace) -> int:
    rounds = args.round or [1, 2]
    with store.session() as session:
        juror_id = add_juror(
            session,
            actor(args),
            args.name,
            args.role,
            args.organisation or "",
            args.email or "",
            [(args.region, r) for r in rounds],
        )
    if args.json:
        emit_json({"id": juror_id})
    else:
        print(_("Juror {id} added.").format(id=juror_id))
    return 0


def cmd_conflict_add(store: Store, args: argparse.Namespace) -> int:
    with store.session() as session:
        add_conflict(session, actor(args), args.juror, args.candidature, args.reason)
    if not args.json:
        print(_("Conflict of interest recorded."))
    else:
        emit_json({"juror": args.juror, "candidature": args.candidature})
    return 0


def cmd_score(store: Store, args: argparse.Namespace) -> int:
    with store.session() as session:
        saved = set_score(
            session,
            actor(args),
            args.juror,
            args.candidature,
            args.round,
            args.criterion,
            args.value,
            args.motivation,
        )
    if args.json:
        emit_json({"version": saved.version, "value": saved.value, "changed": saved.changed})
    return 0


def cmd_comment(store: Store, args: argparse.Namespace) -> int:
    with store.session() as session:
        set_comment(session, actor(args), args.juror, args.candidature, args.round, args.text)
    return 0


def cmd_finalize(store: Store, args: argparse.Namespace) -> int:
    with store.session() as session:
        finalize(session, actor(args), args.juror, args.candidature, args.round)
    return 0


def cmd_reopen(store: Store, args: argparse.Namespace) -> int:
    with store.session() as session:
        reopen(session, actor(args), args.juror, args.candidature, args.round, args.reason)
    return 0


def cmd_scores(store: Store, args: argparse.Namespace) -> int:
    with store.reader() as session:
        rows = list_scores(session, get_region(session, args.region).id, args.round)
    if args.json:
        emit_json(
            [
                {
                    "juror": r.juror,
                    "candidature": r.candidature,
                    "round": r.round,
                    "criterion": r.criterion,
                    "value": r.value,
                    "motivation": r.motivation,
                    "version": r.version,
                    "finalized": r.finalized,
                }
                for r in rows
            ]
        )
    else:
        print_table(
            [
                _("Juror"),
                _("Candidature"),
                _("Criterion"),
                _("Value"),
                _("Finalised"),
                _("Motivation"),
            ],
            [
                (
                    r.juror,
                    r.candidature,
                    r.criterion,
                    "" if r.value is None else r.value,
                    "✓" if r.finalized else "",
                    r.motivation,
                )
                for r in rows
            ],
        )
    return 0


def results_json(results: RoundResults) -> list[dict[str, Any]]:
    return [
        {
            "candidature": r.candidature,
            "organisation": r.organisation,
            "rank": r.rank,
            "jurors": r.jurors,
            "juror_totals": {str(j): t for j, t in r.juror_totals.items()},
            "mean": r.mean,
            "median": r.median,
            "trimmed_mean": r.trimmed_mean,
            "zscore": r.zscore,
            "stdev": r.stdev,
            "range": r.range,
            "disagreement": r.disagreement,
            "knockout": r.knockout,
            "missing": r.missing,
            "conflicts": r.conflicts,
            "final": r.final[results.method],
            "round1": r.round1.get(results.method),
            "proposed": r.proposed,
            "proposed_by_method": r.proposed_by_method,
            "decision": r.decision,
            "method": results.method,
            "sensitive": r.candidature in results.sensitivity,
            "below": r.below,
            "rank_low": r.rank_low,
            "rank_high": r.rank_high,
            "at_funding_line": r.at_funding_line,
        }
        for r in results.results
    ]


def cmd_results(store: Store, args: argparse.Namespace) -> int:
    from jurydesk.results.quality import add_intervals  # numpy: loaded when used

    with store.reader() as session:
        results = compute_results(session, args.region, args.round, args.method)
        add_intervals(session, results)
    if args.json:
        emit_json(results_json(results))
        return 0
    print(_("Method: {method}").format(method=method_label(results.method)))
    print_table(
        [
            "#",
            _("Interval"),
            "Id",
            _("Organisation"),
            _("Mean"),
            _("Median"),
            _("Trimmed"),
            "Z",
            _("Final"),
            _("Spread"),
            _("Flags"),
            _("Proposed"),
            _("Decision"),
        ],
        [
            (
                r.rank or "",
                f"{r.rank_low}–{r.rank_high}" if r.rank_low is not None else "",
                r.candidature,
                r.organisation,
                _fmt(r.mean),
                _fmt(r.median),
                _fmt(r.trimmed_mean),
                _fmt(r.zscore),
                _fmt(r.final[results.method]),
                f"{r.stdev:.1f}",
                " ".join(
                    filter(
                        None,
                        [
                            _("disagreement") if r.disagreement else "",
                            _("knock-out") if r.knockout else "",
                            _("missing") + f" {r.missing}" if r.missing else "",
                            _("sensitive") if r.candidature in results.sensitivity else "",
                            _("at the funding line") if r.at_funding_line else "",
                            "; ".join(r.below),
                        ],
                    )
                ),
                outcome_label(r.proposed),
                outcome_label(r.decision) if r.decision else "",
            )
            for r in results.results
        ],
    )
    if results.zscore_fallback:
        print(
            _(
                "Z-scores fall back to raw totals for jurors {ids} (too few candidatures scored)."
            ).format(ids=", ".join(map(str, results.zscore_fallback)))
        )
    return 0


def cmd_decide(store: Store, args: argparse.Namespace) -> int:
    communicated: date | None = None
    if args.communicated:
        try:
            communicated = parse_moment(args.communicated).date()
        except DateParseError as exc:
            raise CliError(_("--communicated: {problem}").format(problem=exc)) from None
    texts: dict[str, str] | None = None
    if args.criterion_text:
        texts = {}
        for item in args.criterion_text:
            key, sep, text = item.partition("=")
            if not sep or not key.strip():
                raise CliError(_("--criterion-text: '{item}' is not KEY=TEXT").format(item=item))
            texts[key.strip()] = text
    with store.session() as session:
        row = decide(
            session,
            actor(args),
            args.candidature,
            args.round,
            args.outcome,
            args.motivation,
            communicated,
            texts,
            override_reason=args.override_reason,
            deviation_reason=args.deviation_reason,
            meeting_id=args.meeting,
        )
        spec = region_detail(session, session.get(Candidature, args.candidature).region.slug)
    warning = communication_warning(spec, communicated) if communicated else ""
    if args.json:
        emit_json(
            {
                "candidature": row.candidature,
                "round": row.round,
                "outcome": row.outcome,
                "communicated_on": row.communicated_on.isoformat() if row.communicated_on else None,
                "needs_review": row.needs_review,
                "criterion_texts": row.criterion_texts,
                "warning": warning or None,
            }
        )
    elif warning:
        print("⚠ " + warning)
    return 0


def cmd_note(store: Store, args: argparse.Namespace) -> int:
    with store.session() as session:
        set_note(session, actor(args), args.candidature, args.text)
    return 0
