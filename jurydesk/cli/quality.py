"""Decision-quality commands: jury-quality, thresholds, tie-breaks, lots, calibration."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from jurydesk.cli.output import CliError, actor, emit_json, print_table
from jurydesk.i18n import _
from jurydesk.results import calibration
from jurydesk.results.labels import juror_table, reading_label
from jurydesk.results.thresholds import (
    draw_lots,
    quality_settings,
    set_thresholds,
    set_tie_breaks,
)
from jurydesk.store import Store

if TYPE_CHECKING:
    from jurydesk.results.quality import Quality


def _num(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def quality_json(q: Quality) -> dict[str, Any]:
    return {
        "region": q.region,
        "round": q.round,
        "method": q.method,
        "criteria": [
            {"criterion": a.criterion, "label": a.label, "agreement": a.agreement, "n": a.n}
            for a in q.criteria
        ],
        "total": {"agreement": q.total.agreement, "n": q.total.n},
        "jurors": [
            {
                "juror": j.juror,
                "name": j.name,
                "leniency": j.leniency,
                "spread": j.spread,
                "halo": j.halo,
                "n": j.n,
                "flags": j.flags,
            }
            for j in q.jurors
        ],
        "places_in": q.places_in,
        "at_funding_line": q.at_line,
    }


def cmd_jury_quality(store: Store, args: argparse.Namespace) -> int:
    from jurydesk.results.quality import compute_quality  # numpy: loaded when used

    with store.reader() as session:
        q = compute_quality(session, args.region, args.round)
    if args.json:
        emit_json(quality_json(q))
        return 0
    print(_("Agreement (Krippendorff's alpha, interval)"))
    print_table(
        [_("Criterion"), "alpha", "n", _("Reading")],
        [
            (a.label or a.criterion, _num(a.agreement), a.n, reading_label(a.reading))
            for a in q.criteria
        ]
        + [
            (
                _("Weighted total"),
                _num(q.total.agreement),
                q.total.n,
                reading_label(q.total.reading),
            )
        ],
    )
    print()
    print(_("Jurors (for the chair; never in letters or packs)"))
    print_table(*juror_table(q.jurors, _num))
    print()
    names = {r.candidature: r.organisation for r in q.results.results}
    print(
        _("At the funding line (after place {places}): {list}").format(
            places=q.places_in,
            list=", ".join(f"{c}. {names[c]}" for c in q.at_line) or _("none"),
        )
    )
    return 0


def cmd_thresholds(store: Store, args: argparse.Namespace) -> int:
    criteria: dict[str, float] = {}
    for item in args.criterion or []:
        key, sep, value = item.partition("=")
        try:
            if not sep:
                raise ValueError
            criteria[key.strip()] = float(value)
        except ValueError:
            raise CliError(_("--criterion {item}: write KEY=MINIMUM").format(item=item)) from None
    if args.total is not None or criteria or args.clear:
        with store.session() as session:
            set_thresholds(
                session,
                actor(args),
                args.region,
                args.round,
                None if args.clear else args.total,
                {} if args.clear else criteria,
            )
    with store.reader() as session:
        settings = quality_settings(session, args.region)
    shown = settings.thresholds.get(str(args.round), {})
    if args.json:
        emit_json(shown)
        return 0
    print(_("Minimum total: {value}").format(value=shown.get("total", "—")))
    for key, value in (shown.get("criteria") or {}).items():
        print(f"  {key}: {value:g}")
    return 0


def cmd_tie_breaks(store: Store, args: argparse.Namespace) -> int:
    if args.rules is not None:
        with store.session() as session:
            set_tie_breaks(session, actor(args), args.region, args.rules)
    with store.reader() as session:
        settings = quality_settings(session, args.region)
    if args.json:
        emit_json({"rules": settings.tie_breaks, "lots": settings.lots})
        return 0
    print(", ".join(settings.tie_breaks) or _("the built-in order (median, mean, spread)"))
    return 0


def cmd_draw_lots(store: Store, args: argparse.Namespace) -> int:
    with store.session() as session:
        lots = draw_lots(session, actor(args), args.region)
    if args.json:
        emit_json({str(c): n for c, n in lots.items()})
        return 0
    print_table([_("Candidature"), _("Lot")], sorted(lots.items(), key=lambda kv: kv[1]))
    return 0


def cmd_calibration(store: Store, args: argparse.Namespace) -> int:
    if args.set is not None:
        with store.session() as session:
            calibration.set_calibration(session, actor(args), args.region, args.set)
    with store.reader() as session:
        spread = calibration.calibration_spread(session, args.region, args.round)
    if args.json:
        emit_json(
            [
                {
                    "candidature": s.candidature,
                    "organisation": s.organisation,
                    "criterion": s.criterion,
                    "scores": s.scores,
                    "mean": s.mean,
                    "stdev": s.stdev,
                    "range": s.range,
                }
                for s in spread
            ]
        )
        return 0
    print_table(
        [_("Candidature"), _("Criterion"), _("Scores"), _("Mean"), _("Spread (sd)")],
        [
            (
                f"{s.candidature}. {s.organisation}",
                s.label,
                " ".join(f"{v:g}" for v in s.scores),
                _num(s.mean),
                _num(s.stdev),
            )
            for s in spread
        ],
    )
    return 0
