"""Printing for the CLI: JSON to stdout only, human text to stdout, errors to stderr."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import textwrap
from collections.abc import Sequence
from datetime import date
from typing import Any


class CliError(Exception):
    """Ends a command with a one-line reason and a non-zero exit code."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def _width(columns: int) -> int:
    """The terminal's width; to a file or a pipe the lines are as long as they need to be
    (one row per line, for tools that read them)."""
    return shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 10_000


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Columns as wide as their longest word allows; long text wraps between words inside
    its column instead of being cut."""
    cells = [[str(h) for h in headers]] + [["" if v is None else str(v) for v in r] for r in rows]
    count = len(headers)
    natural = [max(len(row[i]) for row in cells) for i in range(count)]
    # a column is never narrower than its longest word (an address, a file name)
    longest = [max([4, *(len(w) for row in cells for w in row[i].split())]) for i in range(count)]
    widths = list(natural)
    room = _width(count) - 2 * (count - 1)
    while sum(widths) > room:
        shrinkable = [i for i in range(count) if widths[i] > longest[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
    for index, row in enumerate(cells):
        wrapped = [
            textwrap.wrap(value, width, break_long_words=False, break_on_hyphens=False) or [""]
            for value, width in zip(row, widths, strict=True)
        ]
        for line in range(max(len(w) for w in wrapped)):
            parts = [
                (w[line] if line < len(w) else "").ljust(width)
                for w, width in zip(wrapped, widths, strict=True)
            ]
            print("  ".join(parts).rstrip())
        if index == 0:
            print("  ".join("-" * w for w in widths))


def actor(args: argparse.Namespace) -> str:
    """Who does it, for the audit log: --actor, else the secretariat's user."""
    from jurydesk.audit.chain import secretariat_actor

    return getattr(args, "actor", None) or secretariat_actor()


def date_option(text: str | None, option: str) -> date:
    """A YYYY-MM-DD option's date (today when not given)."""
    from jurydesk.i18n import _

    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(
            _("{option}: '{value}' is not a date (YYYY-MM-DD)").format(option=option, value=text)
        ) from None
