"""Printing for the CLI: JSON to stdout only, human text to stdout, errors to stderr."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any


class CliError(Exception):
    """Ends a command with a one-line reason and a non-zero exit code."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    cells = [[str(h) for h in headers]] + [["" if v is None else str(v) for v in r] for r in rows]
    widths = [min(60, max(len(row[i]) for row in cells)) for i in range(len(headers))]
    for index, row in enumerate(cells):
        line = "  ".join(value[:60].ljust(width) for value, width in zip(row, widths, strict=True))
        print(line.rstrip())
        if index == 0:
            print("  ".join("-" * w for w in widths))
