"""The arguments of the decision-quality commands. One function per command (see
cli/commands.py); the commands' functions are named, not imported."""

from __future__ import annotations

import argparse

from jurydesk.cli.modes import READ, WRITE, Maker


def region_round(p: argparse.ArgumentParser, required: bool = True) -> None:
    p.add_argument("--region", required=True)
    if required:
        p.add_argument("--round", type=int, required=True, choices=(1, 2))
    else:
        p.add_argument("--round", type=int, default=1, choices=(1, 2))


def jury_quality(commands: argparse._SubParsersAction, command: Maker) -> None:
    p = command(
        commands,
        "jury-quality",
        "quality:cmd_jury_quality",
        READ,
        "agreement per criterion, leniency, spread and halo per juror, the funding line",
    )
    region_round(p)


def thresholds(commands: argparse._SubParsersAction, command: Maker) -> None:
    p = command(
        commands,
        "thresholds",
        "quality:cmd_thresholds",
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


def tie_breaks(commands: argparse._SubParsersAction, command: Maker) -> None:
    p = command(
        commands,
        "tie-breaks",
        "quality:cmd_tie_breaks",
        WRITE,
        "show or set the ordered tie-break rules (criterion:KEY ..., lottery last)",
    )
    p.add_argument("--region", required=True)
    p.add_argument("--rules", nargs="*", metavar="RULE", help="no rules: the built-in order")
    p.add_argument("--actor", help="who does this, for the audit log")


def draw_lots(commands: argparse._SubParsersAction, command: Maker) -> None:
    p = command(
        commands,
        "draw-lots",
        "quality:cmd_draw_lots",
        WRITE,
        "draw the region's lottery once, recorded in the audit log",
    )
    p.add_argument("--region", required=True)
    p.add_argument("--actor", help="who does this, for the audit log")


def calibration(commands: argparse._SubParsersAction, command: Maker) -> None:
    p = command(
        commands,
        "calibration",
        "quality:cmd_calibration",
        WRITE,
        "show the anchors' spread per criterion, or set the anchor candidatures",
    )
    region_round(p, required=False)
    p.add_argument("--set", type=int, nargs="*", metavar="ID", help="one or two candidatures")
    p.add_argument("--actor", help="who does this, for the audit log")
