"""The argument parser: every command takes --db and --json. The commands are listed from
cli/commands.py; only the given command's parser is built (cli/parser_*.py and the builders in
a few command modules add their arguments)."""

from __future__ import annotations

import argparse
import importlib
from typing import Any

from jurydesk import __version__
from jurydesk.cli.commands import COMMANDS
from jurydesk.cli.help_i18n import Parser
from jurydesk.cli.modes import Maker, make_command


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
    """The arguments when they open the desktop app (no command, no help): read by the
    top-level options alone, without the command table or any command's parser. None when
    the full parser must read them (a command, help, an error)."""
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


class _Commands(argparse._SubParsersAction):
    """The commands: each listed (name and help) from the table in cli/commands.py; a
    command's parser is built, its builder's module imported, only when it is given."""

    def __init__(self, *args: Any, command: Maker, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._command = command
        self._builders: dict[str, str] = {}
        for entry in COMMANDS:
            self._builders[entry.name] = entry.builder
            self._name_parser_map[entry.name] = None  # type: ignore[assignment]
            self._choices_actions.append(self._ChoicesPseudoAction(entry.name, (), entry.help))

    def build(self, name: str) -> argparse.ArgumentParser:
        """The parser of the command ``name`` (built once)."""
        built = self._name_parser_map[name]
        if built is None:
            module, function = self._builders[name].split(":")
            builder = getattr(importlib.import_module(f"jurydesk.cli.{module}"), function)
            alone = argparse._SubParsersAction(
                option_strings=[],
                prog=self._prog_prefix,
                parser_class=self._parser_class,
                dest=argparse.SUPPRESS,
            )
            builder(alone, self._command)
            built = self._name_parser_map[name] = alone._name_parser_map[name]
        return built

    def __call__(  # type: ignore[no-untyped-def]
        self, parser, namespace, values, option_string=None
    ) -> None:
        if values and values[0] in self._builders:
            self.build(values[0])
        super().__call__(parser, namespace, values, option_string)


def commands_of(parser: argparse.ArgumentParser) -> _Commands:
    """The top-level parser's commands (to build one of them by name)."""
    return next(a for a in parser._actions if isinstance(a, _Commands))


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = Parser(
        prog="jurydesk",
        parents=[common],
        description="JuryDesk: jury scoring for 'Capacity Building Lokale Partnerschappen'. "
        "Without a command, the desktop app opens.",
    )
    parser.add_argument("--version", action="version", version=f"JuryDesk {__version__}")
    _top_options(parser)
    parser.add_subparsers(
        action=_Commands, dest="command", metavar="COMMAND", command=make_command(common)
    )
    return parser
