"""`jurydesk print ranking|quality|order|sheet|minutes … OUT.pdf`: the printable documents as
PDF."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from jurydesk.cli.modes import READ
from jurydesk.i18n import _
from jurydesk.store import Store


def cmd_print(store: Store, args: argparse.Namespace) -> int:
    from jurydesk.prints.jury_papers import ranking_pdf, running_order_pdf, score_sheet_pdf

    out = Path(args.out)
    if args.print_command == "minutes":
        from jurydesk.prints.minutes import minutes_pdf

        minutes_pdf(store, args.meeting, out)
    elif args.print_command == "ranking":
        ranking_pdf(store, args.region, args.round, out)
    elif args.print_command == "quality":
        from jurydesk.prints.quality_report import quality_pdf

        quality_pdf(store, args.region, args.round, out)
    elif args.print_command == "order":
        running_order_pdf(store, args.region, out)
    else:
        score_sheet_pdf(store, args.region, args.candidature, args.round, out, args.juror)
    print(_("Written: {file}").format(file=out))
    return 0


def add_print_commands(
    commands: argparse._SubParsersAction,
    command: Callable[..., argparse.ArgumentParser],
) -> None:
    read = READ
    group = commands.add_parser("print", help="printable documents as PDF")
    sub = group.add_subparsers(dest="print_command", metavar="WHAT", required=True)
    p = command(sub, "ranking", cmd_print, read, "a round's ranking under every method")
    p.add_argument("--region", required=True)
    p.add_argument("--round", type=int, choices=(1, 2), required=True)
    p.add_argument("out")
    p = command(sub, "quality", cmd_print, read, "the one-page jury-quality report of a round")
    p.add_argument("--region", required=True)
    p.add_argument("--round", type=int, choices=(1, 2), required=True)
    p.add_argument("out")
    p = command(sub, "order", cmd_print, read, "the pitch running order")
    p.add_argument("--region", required=True)
    p.add_argument("out")
    p = command(sub, "sheet", cmd_print, read, "a juror's paper score sheet (pitch day fallback)")
    p.add_argument("--region", required=True)
    p.add_argument("--candidature", type=int, required=True)
    p.add_argument("--round", type=int, choices=(1, 2), default=2)
    p.add_argument("--juror", type=int, help="print the juror's name on it")
    p.add_argument("out")
    p = command(sub, "minutes", cmd_print, read, "the minutes (proces-verbaal) of a closed meeting")
    p.add_argument("--meeting", type=int, required=True)
    p.add_argument("out")
