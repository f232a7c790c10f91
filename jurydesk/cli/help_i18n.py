"""The CLI in the chosen language: help texts, section headings, usage and argparse's own
error messages go through the app's catalogue when they are printed (so the language chosen
with --lang or JURYDESK_LANG applies to --help as well)."""

from __future__ import annotations

import argparse
import re

from jurydesk.i18n import _

# argparse's own error messages (Python 3.11–3.13), as patterns with their Dutch/English form
_ERRORS = (
    (
        re.compile(r"^the following arguments are required: (.+)$"),
        lambda m: _("the following arguments are required: {names}").format(names=m[1]),
    ),
    (
        re.compile(r"^unrecognized arguments: (.+)$"),
        lambda m: _("unknown arguments: {names}").format(names=m[1]),
    ),
    (
        re.compile(r"^argument (\S+): invalid choice: (.+?) \(choose from (.+)\)$"),
        lambda m: _("argument {name}: {value} is not a choice (choose from {choices})").format(
            name=m[1], value=m[2], choices=m[3]
        ),
    ),
    (
        re.compile(r"^argument (\S+): invalid (\w+) value: (.+)$"),
        lambda m: _("argument {name}: {value} is not a valid {kind}").format(
            name=m[1], value=m[3], kind=m[2]
        ),
    ),
    (
        re.compile(r"^argument (\S+): expected one argument$"),
        lambda m: _("argument {name}: needs a value").format(name=m[1]),
    ),
    (
        re.compile(r"^argument (\S+): not allowed with argument (\S+)$"),
        lambda m: _("argument {name}: cannot be combined with {other}").format(
            name=m[1], other=m[2]
        ),
    ),
    (
        re.compile(r"^one of the arguments (.+) is required$"),
        lambda m: _("one of these arguments is required: {names}").format(names=m[1]),
    ),
)


def translate_error(message: str) -> str:
    for pattern, text in _ERRORS:
        found = pattern.match(message)
        if found:
            return text(found)
    return message


class Formatter(argparse.HelpFormatter):
    def _get_help_string(self, action: argparse.Action) -> str | None:
        if action.help and action.help is not argparse.SUPPRESS:
            if action.help == "show this help message and exit":
                return _("show this help and stop")
            if action.help == "show program's version number and exit":
                return _("show the version and stop")
            return _(action.help)
        return action.help

    def add_text(self, text: str | None) -> None:
        super().add_text(_(text) if text and text is not argparse.SUPPRESS else text)

    def start_section(self, heading: str | None) -> None:
        headings = {
            "positional arguments": _("arguments"),
            "options": _("options"),
            "optional arguments": _("options"),
        }
        super().start_section(headings.get(heading or "", heading))

    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors speak the app's language."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def error(self, message: str):  # type: ignore[no-untyped-def]
        self.print_usage()
        self.exit(
            2,
            _("{prog}: error: {message}\n").format(
                prog=self.prog, message=translate_error(message)
            ),
        )

    def add_subparsers(self, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("parser_class", Parser)
        return super().add_subparsers(**kwargs)


def early_language(argv: list[str]) -> str | None:
    """--lang before the parser is built (its help texts are translated when printed)."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None
