"""The decision-quality commands' arguments."""

from __future__ import annotations

from jurydesk.cli import quality
from jurydesk.cli.modes import READ, WRITE


def quality_commands(commands, command) -> None:  # type: ignore[no-untyped-def]
    def region_round(p, required: bool = True) -> None:  # type: ignore[no-untyped-def]
        p.add_argument("--region", required=True)
        if required:
            p.add_argument("--round", type=int, required=True, choices=(1, 2))
        else:
            p.add_argument("--round", type=int, default=1, choices=(1, 2))

    p = command(
        commands,
        "jury-quality",
        quality.cmd_jury_quality,
        READ,
        "agreement per criterion, leniency, spread and halo per juror, the funding line",
    )
    region_round(p)
    p = command(
        commands,
        "thresholds",
        quality.cmd_thresholds,
        WRITE,
        "show or set a round's minimum total and minimum per criterion",
    )
    region_round(p)
    p.add_argument("--total", type=float, help="the minimum total on 100")
    p.add_argument(
        "--criterion", action="append", metavar="KEY=MINIMUM", help="a criterion's minimum mean"
    )
    p.add_argument("--clear", action="store_true", help="remove the round's thresholds")
    p.add_argument("--actor", help="who does this, for the audit log")
    p = command(
        commands,
        "tie-breaks",
        quality.cmd_tie_breaks,
        WRITE,
        "show or set the ordered tie-break rules (criterion:KEY ..., lottery last)",
    )
    p.add_argument("--region", required=True)
    p.add_argument("--rules", nargs="*", metavar="RULE", help="no rules: the built-in order")
    p.add_argument("--actor", help="who does this, for the audit log")
    p = command(
        commands,
        "draw-lots",
        quality.cmd_draw_lots,
        WRITE,
        "draw the region's lottery once, recorded in the audit log",
    )
    p.add_argument("--region", required=True)
    p.add_argument("--actor", help="who does this, for the audit log")
    p = command(
        commands,
        "calibration",
        quality.cmd_calibration,
        WRITE,
        "show the anchors' spread per criterion, or set the anchor candidatures",
    )
    region_round(p, required=False)
    p.add_argument("--set", type=int, nargs="*", metavar="ID", help="one or two candidatures")
    p.add_argument("--actor", help="who does this, for the audit log")
