"""`jurydesk <command>` builds that command's parser only and imports only that command's
module: the top-level help lists every command from the table without importing any of them."""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from jurydesk.cli.commands import COMMANDS
from jurydesk.cli.help_i18n import Parser
from jurydesk.cli.modes import make_command
from jurydesk.cli.parser import build_parser, commands_of

COMMAND_MODULES = {
    p.stem for p in Path(importlib.import_module("jurydesk.cli").__path__[0]).glob("*.py")
} - {"__init__", "commands", "help_i18n", "modes", "output", "roles", "parser"}
COMMAND_MODULES = {m for m in COMMAND_MODULES if not m.startswith("parser_")}


def _loaded(code: str) -> dict[str, list[str]]:
    """Run ``code`` in a fresh interpreter; the modules it then has loaded."""
    code += "\nimport json, sys\nprint(json.dumps({'modules': sorted(sys.modules)}))\n"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out.splitlines()[-1])


def _cli_commands(modules: list[str]) -> set[str]:
    return {
        m.rsplit(".", 1)[1]
        for m in modules
        if m.startswith("jurydesk.cli.") and m.rsplit(".", 1)[1] in COMMAND_MODULES
    }


def test_the_table_lists_every_command_once_in_help_order() -> None:
    names = [c.name for c in COMMANDS]
    assert len(names) == len(set(names)) == 44
    assert list(commands_of(build_parser()).choices) == names


@pytest.mark.parametrize("entry", COMMANDS, ids=[c.name for c in COMMANDS])
def test_each_builder_adds_its_command_with_the_tables_help(entry) -> None:  # type: ignore[no-untyped-def]
    module, function = entry.builder.split(":")
    builder = getattr(importlib.import_module(f"jurydesk.cli.{module}"), function)
    alone = argparse._SubParsersAction(option_strings=[], prog="jurydesk", parser_class=Parser)
    builder(alone, make_command(Parser(add_help=False)))
    assert list(alone.choices) == [entry.name]  # one command, the one the table names
    (listed,) = alone._choices_actions
    assert listed.help == entry.help
    # its builder is a parser module or the command's own module
    assert module.startswith("parser_") or module in COMMAND_MODULES


def test_top_level_help_imports_no_command_module() -> None:
    found = _loaded(
        "import contextlib, io\n"
        "from jurydesk.__main__ import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    try:\n"
        "        main(['--lang', 'en', '--help'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "assert 'portfolio-limits' in out.getvalue() and 'list the regions' in out.getvalue()\n"
    )
    assert _cli_commands(found["modules"]) == set()
    assert not [m for m in found["modules"] if m.startswith("jurydesk.cli.parser_")]
    assert "sqlalchemy" not in found["modules"]


def test_every_parser_module_builder_imports_no_command_module() -> None:
    found = _loaded(
        "from jurydesk.cli.commands import COMMANDS\n"
        "from jurydesk.cli.parser import build_parser, commands_of\n"
        "commands = commands_of(build_parser())\n"
        "for c in COMMANDS:\n"
        "    if c.builder.startswith('parser_'):\n"
        "        commands.build(c.name)\n"
    )
    assert _cli_commands(found["modules"]) == set()
    assert "sqlalchemy" not in found["modules"]


@pytest.mark.parametrize(
    ("argv", "own"),
    [
        (["regions"], {"regions"}),
        (["candidatures", "--region", "leuven"], {"candidatures"}),
        (["jurors", "--region", "leuven"], {"scoring"}),
        (["juror", "edit", "--help"], set()),
        (["meetings", "--region", "leuven"], {"meeting"}),
    ],
)
def test_a_command_imports_only_its_own_module(tmp_path, argv, own) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "jury.sqlite"
    from jurydesk.__main__ import main

    assert main(["--db", str(db), "init", "--demo"]) == 0
    found = _loaded(
        "import contextlib, io, os\n"
        "os.environ['JURYDESK_PASSPHRASE'] = 'demo'\n"
        "from jurydesk.__main__ import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        assert main(['--db', {str(db)!r}, *{argv!r}, '--json']) == 0\n"
        "    except SystemExit as stop:\n"
        "        assert stop.code == 0\n"
    )
    assert _cli_commands(found["modules"]) == own
    heavy = {"openpyxl", "reportlab", "pypdfium2", "numpy", "PySide6"}
    assert not heavy & {m.split(".")[0] for m in found["modules"]}
