"""The argument parser: every command takes --db and --json."""

from __future__ import annotations

import argparse

from jurydesk import __version__
from jurydesk.cli.help_i18n import Parser
from jurydesk.cli.modes import NONE, READ, WRITE


def _common() -> argparse.ArgumentParser:
    common = Parser(add_help=False)
    common.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        help="database file or SQLAlchemy URL (default: JURYDESK_DB or the user's data directory)",
    )
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="write JSON to stdout"
    )
    common.add_argument(
        "--passphrase-file",
        default=argparse.SUPPRESS,
        help="a file with the secretariat's passphrase (or JURYDESK_PASSPHRASE; else it is "
        "asked); the secretariat's commands need it, 'init' sets it",
    )
    return common


def _top_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("nl", "en"), help="language (default nl)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more to stderr")
    parser.add_argument(
        "--quit-after-paint",
        action="store_true",
        help="open the window, print 'painted' once it is drawn, and quit (checks an installation)",
    )


class _Refused(Exception):
    pass


class _GuiParser(argparse.ArgumentParser):
    def error(self, message: str):  # type: ignore[no-untyped-def]
        raise _Refused(message)


def gui_arguments(argv: list[str]) -> argparse.Namespace | None:
    """The arguments when they open the desktop app (no command, no help): read without
    building the commands' parsers, which import every command module and through them
    every service. None when the full parser must read them (a command, help, an error)."""
    if any(a in ("-h", "--help", "--version") for a in argv):
        return None
    parser = _GuiParser(add_help=False, parents=[_common()], allow_abbrev=False)
    _top_options(parser)
    try:
        args, rest = parser.parse_known_args(argv)
    except _Refused:
        return None
    if rest:
        return None
    args.command = None
    return args


def build_parser() -> argparse.ArgumentParser:
    from jurydesk.cli import (
        candidatures,
        mail,
        parser_groups,
        parser_quality,
        portfolio,
        prints,
        regions,
        setup,
    )

    common = _common()
    parser = Parser(
        prog="jurydesk",
        parents=[common],
        description="JuryDesk: jury scoring for 'Capacity Building Lokale Partnerschappen'. "
        "Without a command, the desktop app opens.",
    )
    parser.add_argument("--version", action="version", version=f"JuryDesk {__version__}")
    _top_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(
        sub: argparse._SubParsersAction, name: str, func: object, store: str, help_text: str
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(func=func, store=store)
        return p

    p = command(
        commands, "init", setup.cmd_init, WRITE, "create the database with the bundled regions"
    )
    p.add_argument("--demo", action="store_true", help="add the demo candidatures")
    p = command(
        commands,
        "passphrase",
        setup.cmd_passphrase,
        WRITE,
        "set or change the secretariat's passphrase",
    )
    p.add_argument("--old-file", help="a file with the current passphrase")
    p.add_argument("--new-file", help="a file with the new passphrase")

    command(commands, "regions", regions.cmd_regions, READ, "list the regions")

    region = commands.add_parser("region", help="show or add a region")
    region_sub = region.add_subparsers(dest="region_command", metavar="ACTION", required=True)
    p = command(region_sub, "show", regions.cmd_region_show, READ, "show a region in full")
    p.add_argument("slug")
    p = command(region_sub, "add", regions.cmd_region_add, WRITE, "add a region from its file")
    p.add_argument("file")
    p.add_argument(
        "--replace",
        action="store_true",
        help="update the region if it exists (its candidatures are kept)",
    )

    template = commands.add_parser("template", help="write an empty import template")
    template_sub = template.add_subparsers(dest="template_command", metavar="KIND", required=True)
    p = command(
        template_sub,
        "candidatures",
        candidatures.cmd_template_candidatures,
        NONE,
        "write an empty candidature workbook with its headers and a hint row",
    )
    p.add_argument("out")

    imp = commands.add_parser("import", help="import data from a file")
    imp_sub = imp.add_subparsers(dest="import_command", metavar="KIND", required=True)
    p = command(
        imp_sub,
        "candidatures",
        candidatures.cmd_import_candidatures,
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
        mail.cmd_import_mailbox,
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

    p = command(
        commands,
        "candidatures",
        candidatures.cmd_candidatures,
        READ,
        "list a region's candidatures",
    )
    p.add_argument("--region", required=True)
    candidatures.add_candidature_commands(commands, command, WRITE)
    parser_groups.document_commands(commands, command)
    mail.add_mail_commands(commands, command, WRITE)
    prints.add_print_commands(commands, command, READ)
    parser_groups.scoring_commands(commands, command)
    parser_groups.export_commands(commands, command)
    parser_groups.pack_commands(commands, command)
    parser_quality.quality_commands(commands, command)
    p = command(
        commands,
        "portfolio",
        portfolio.cmd_portfolio,
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
    p = command(
        commands,
        "portfolio-limits",
        portfolio.cmd_portfolio_limits,
        WRITE,
        "set a region's budget and maximum number of partners",
    )
    p.add_argument("--region", required=True)
    p.add_argument("--budget", help="euro; 'none' clears it")
    p.add_argument("--max-partners", type=int, help="0 clears it")
    return parser
