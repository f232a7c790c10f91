"""Writing one section of BENCHMARKS.md, leaving the others as they are."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write_section(
    heading: str,
    command: str,
    results: list[tuple[str, str, str]],
    write: bool = True,
    note: str = "",
) -> str:
    """The section (a table, then ``note`` when given), written in place of its old one."""
    section = "\n".join(
        [
            heading,
            "",
            f"Written by `{command}` (also part of `make bench`).",
            "",
            "| what | measured | target |",
            "|---|---|---|",
            *[f"| {what} | {value} | {target} |" for what, value, target in results],
            "",
            *([note, ""] if note else []),
        ]
    )
    if not write:
        return section
    file = ROOT / "BENCHMARKS.md"
    text = file.read_text("utf-8") if file.exists() else "# Benchmarks\n"
    pattern = r"\n" + re.escape(heading) + r"\n.*?(?=\n## |\Z)"
    text = re.sub(pattern, "", text, flags=re.S).rstrip() + "\n"
    file.write_text(text + "\n" + section, "utf-8")
    return section
