"""The desktop app starts without building the commands' parsers: the same arguments as the
full parser reads, and none of the command modules (nor the services behind them) loaded."""

from __future__ import annotations

import subprocess
import sys

import pytest

from jurydesk.cli.parser import build_parser, gui_arguments


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--db", "x.sqlite"],
        ["--lang", "en", "-v"],
        ["--quit-after-paint", "--db", "y.sqlite", "--json"],
        ["--passphrase-file", "p.txt"],
    ],
)
def test_gui_arguments_are_what_the_full_parser_reads(argv: list[str]) -> None:
    quick = gui_arguments(argv)
    assert quick is not None and quick.command is None
    assert vars(quick) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [["regions"], ["--help"], ["--version"], ["--lang", "xx"], ["--db"], ["--bogus"], ["-h"]],
)
def test_commands_help_and_errors_go_to_the_full_parser(argv: list[str]) -> None:
    assert gui_arguments(argv) is None


def test_the_gui_path_loads_no_command_module() -> None:
    code = (
        "import sys\n"
        "import jurydesk.__main__\n"
        "from jurydesk.cli.parser import gui_arguments\n"
        "assert gui_arguments(['--db', 'x.sqlite']) is not None\n"
        "mine = ('jurydesk.cli.', 'jurydesk.scoring')\n"
        "print(sorted(m for m in sys.modules if m.startswith(mine)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    loaded = eval(out)  # a printed list of module names
    assert "jurydesk.cli.parser" in loaded
    assert not [m for m in loaded if m.startswith("jurydesk.scoring")], loaded
    assert "jurydesk.cli.candidatures" not in loaded and "jurydesk.cli.packs" not in loaded
