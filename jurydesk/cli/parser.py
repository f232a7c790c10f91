"""The argument parser: every command takes --db and --json."""

from __future__ import annotations

import argparse

from jurydesk import __version__
from jurydesk.cli import candidatures, regions, setup

READ, WRITE, NONE = "read", "write", "none"


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        help="database file or SQLAlchemy URL (default: JURYDESK_DB or the user's data directory)",
    )
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="write JSON to stdout"
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(
        prog="jurydesk",
        parents=[common],
        description="JuryDesk: jury scoring for 'Capacity Building Lokale Partnerschappen'. "
        "Without a command, the desktop app opens.",
    )
    parser.add_argument("--version", action="version", version=f"JuryDesk {__version__}")
    parser.add_argument("--lang", choices=("nl", "en"), help="language (default nl)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more to stderr")
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

    p = command(
        commands,
        "candidatures",
        candidatures.cmd_candidatures,
        READ,
        "list a region's candidatures",
    )
    p.add_argument("--region", required=True)
    return parser
