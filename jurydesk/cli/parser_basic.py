"""The arguments of the set-up, region, candidature-list, import and portfolio commands. One
function per command (see cli/commands.py); the commands' functions are named, not imported."""

from __future__ import annotations

import argparse

from jurydesk.cli.modes import NONE, READ, WRITE, Maker


def init(commands: argparse._SubParsersAction, command: Maker) -> None:
    p = command(
        commands, "init", "setup:cmd_init", WRITE, "create the database with the bundled regions"
    )
    p.add_argument("--demo", action="store_true", help="add the demo candidatures")


def passphrase(commands: argparse._SubParsersAction, command: Maker) -> None:
    p = command(
        commands,
        "passphrase",
        "setup:cmd_passphrase",
        WRITE,
        "set or change the secretariat's passphrase",
    )
    p.add_argument("--old-file", help="a file with the current passphrase")
    p.add_argument("--new-file", help="a file with the new passphrase")


def regions(commands: argparse._SubParsersAction, command: Maker) -> None:
    command(commands, "regions", "regions:cmd_regions", READ, "list the regions")


def region(commands: argparse._SubParsersAction, command: Maker) -> None:
    group = commands.add_parser("region", help="show or add a region")
    region_sub = group.add_subparsers(dest="region_command", metavar="ACTION", required=True)
    p = command(region_sub, "show", "regions:cmd_region_show", READ, "show a region in full")
    p.add_argument("slug")
    p = command(region_sub, "add", "regions:cmd_region_add", WRITE, "add a region from its file")
    p.add_argument("file")
    p.add_argument(
        "--replace",
        action="store_true",
        help="update the region if it exists (its candidatures are kept)",
    )


def template(commands: argparse._SubParsersAction, command: Maker) -> None:
    group = commands.add_parser("template", help="write an empty import template")
    template_sub = group.add_subparsers(dest="template_command", metavar="KIND", required=True)
    p = command(
        template_sub,
        "candidatures",
        "candidatures:cmd_template_candidatures",
        NONE,
        "write an empty candidature workbook with its headers and a hint row",
    )
    p.add_argument("out")


def imports(commands: argparse._SubParsersAction, command: Maker) -> None:
    imp = commands.add_parser("import", help="import data from a file")
    imp_sub = imp.add_subparsers(dest="import_command", metavar="KIND", required=True)
    p = command(
        imp_sub,
        "candidatures",
        "candidatures:cmd_import_candidatures",
        WRITE,
        "import candidatures from .xlsx or .csv, all or nothing",
    )
    p.add_argument("file")
    p.add_argument("--region", required=True)
    p.add_argument("--dry-run", action="store_true", help="print the report, write nothing")
    p.add_argument(
        "--encoding",
        help="a CSV's text encoding, when it is not UTF-8 (the refusal names the one detected)",
    )

    p = command(
        imp_sub,
        "mailbox",
        "mail:cmd_import_mailbox",
        WRITE,
        "candidatures from a mailbox export (.eml files, folders of them, mbox)",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--region", required=True)
    p.add_argument(
        "--weerwoorden",
        action="store_true",
        help="the messages are weerwoorden (rebuttals) replying to decisions, not candidatures",
    )
    p.add_argument("--dry-run", action="store_true", help="print the report, write nothing")
    p.add_argument("--actor", help="who does this, for the audit log")


def candidatures(commands: argparse._SubParsersAction, command: Maker) -> None:
    p = command(
        commands,
        "candidatures",
        "candidatures:cmd_candidatures",
        READ,
        "list a region's candidatures",
    )
    p.add_argument("--region", required=True)


def portfolio(commands: argparse._SubParsersAction, command: Maker) -> None:
    p = command(
        commands,
        "portfolio",
        "portfolio:cmd_portfolio",
        READ,
        "coverage of the region's challenges and needs; a suggested selection",
    )
    p.add_argument("--region", required=True)
    p.add_argument(
        "--scope",
        choices=("selected", "pitch", "all"),
        default="pitch",
        help="which candidatures the matrix shows (default: those at the pitch)",
    )
    p.add_argument(
        "--suggest",
        action="store_true",
        help="the selection with the highest total score that covers every "
        "challenge it can, within the budget and the maximum number of partners",
    )
    p.add_argument("--budget", help="euro (default: the region's budget)")
    p.add_argument("--max-partners", type=int, help="(default: the region's maximum)")


def portfolio_limits(commands: argparse._SubParsersAction, command: Maker) -> None:
    p = command(
        commands,
        "portfolio-limits",
        "portfolio:cmd_portfolio_limits",
        WRITE,
        "set a region's budget and maximum number of partners",
    )
    p.add_argument("--region", required=True)
    p.add_argument("--budget", help="euro; 'none' clears it")
    p.add_argument("--max-partners", type=int, help="0 clears it")
