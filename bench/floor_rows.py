"""The "Closer to the floor" section of BENCHMARKS.md (`python -m bench --only floors`): the
paths of issue 28, each beside its floor measured in the same run.

* the juror's worklist after every autosave at 500, 2,000 and 8,000 candidatures (regions of
  40, a jury growing with them): it must stay flat in the database's size;
* one autosaved score edit with both databases on tmpfs (bench.edit_child);
* the letters of a region collected from the database, and the scores query they wait on;
* returns imported again, recognised by their hash (the packs child on the 2,000 database);
* the mail intake's time and peak memory (bench.mail's children);
* the start to first paint beside the SQLAlchemy Core floor.
"""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path

from bench import sections
from bench.children import json_child
from bench.floors import ratio

HEADING = "## Closer to the floor"
SIZES = (500, 2_000, 8_000)


def worklist_rows(tmp: Path) -> tuple[list[tuple[str, str, str]], Path]:
    rows, measured = [], {}
    for size in SIZES:
        m = json_child("bench.worklist_child", str(size), str(tmp / f"w{size}.sqlite"))
        measured[size] = m
        rows.append(
            (
                f"the juror's worklist refreshed after each of 300 autosaved edits, "
                f"{size:,} candidatures ({m['regions']} regions, {m['scores']:,} scores); "
                "floor: the same three questions on raw sqlite3",
                f"p50 {m['p50_ms']:.2f} ms, p99 {m['p99_ms']:.2f} ms; floor p50 "
                f"{m['floor_p50_ms']:.2f} ms, p99 {m['floor_p99_ms']:.2f} ms: "
                + ratio(m["p50_ms"], m["floor_p50_ms"], 3),
                "<= 3x floor, flat in database size",
            )
        )
    small, big = measured[SIZES[0]], measured[SIZES[-1]]
    rows.append(
        (
            f"the worklist from {SIZES[0]:,} to {SIZES[-1]:,} candidatures (16x the scores)",
            f"p50 {small['p50_ms']:.2f} -> {big['p50_ms']:.2f} ms "
            f"({big['p50_ms'] / small['p50_ms']:.2f}x); floor "
            f"{small['floor_p50_ms']:.2f} -> {big['floor_p50_ms']:.2f} ms",
            "flat",
        )
    )
    for size in SIZES:
        m = measured[size]
        rows.append(
            (
                f"the letters' scores of one region ({m['letters_per_region']} letters, round 1, "
                f"{size:,} candidatures): the query JuryDesk sends, through SQLAlchemy; floor: "
                "the same query on raw sqlite3",
                f"{m['query_ms']:.2f} ms; floor {m['letters_floor_ms']:.2f} ms: "
                + ratio(m["query_ms"], m["letters_floor_ms"], 2)
                + f" (the whole collection, texts and results included: {m['letters_ms']:.0f} ms)",
                "<= 2x floor",
            )
        )
    return rows, tmp / "w2000.sqlite"


def edit_rows() -> list[tuple[str, str, str]]:
    """One autosaved score edit with both databases on tmpfs (no fsync): bench.edit_child."""
    shm = Path("/dev/shm")
    if not shm.is_dir():
        return [("one autosaved score edit, both on tmpfs", "no tmpfs on this machine", "<= 4x")]
    with tempfile.TemporaryDirectory(dir=shm) as tmp:
        m = json_child("bench.edit_child", tmp, timeout=900)
    return [
        (
            f"one autosaved score edit (`set_score` in one session, as the scoring tab saves "
            f"it), {m['edits']} edits on the Flanders-scale database ({m['scores']:,} scores), "
            "both on tmpfs (no fsync); floor: raw sqlite3, same pragmas, the same checks, "
            "look-up, write, audit event and head, interleaved in batches of 100",
            f"p50 {m['p50_ms']:.2f} ms, p99 {m['p99_ms']:.2f} ms; floor p50 "
            f"{m['floor_p50_ms']:.2f} ms, p99 {m['floor_p99_ms']:.2f} ms: "
            + ratio(m["p50_ms"], m["floor_p50_ms"], 4),
            "<= 4x floor",
        )
    ]


def returns_rows(db: Path) -> list[tuple[str, str, str]]:
    m = json_child("bench.packs_child", str(db), timeout=1200)
    return [
        (
            f"import {m['returns']} returns again (each recognised as imported before, "
            f"{m['scores']:,} scores); floor: read each file, SHA-256, one look-up of the hash",
            f"{m['repeat_s']:.3f} s; floor {m['floor_repeat_s']:.3f} s: "
            + ratio(m["repeat_s"], m["floor_repeat_s"], 5),
            "<= 5x floor",
        )
    ]


def first_paint_rows(db: Path) -> list[tuple[str, str, str]]:
    import sys

    from bench import core_rows
    from bench.children import time_to_paint

    def entry() -> float:  # what the user starts: `jurydesk` (python -m jurydesk), arguments
        command = [sys.executable, "-m", "jurydesk", "--db", str(db), "--quit-after-paint"]
        return time_to_paint(command)

    core_rows.timed_child("floor-db", str(db))  # warm the file cache
    entry()
    floor, app = [], []
    for _ in range(core_rows.RUNS):  # interleaved: the machine's noise falls on both
        floor.append(core_rows.timed_child("floor-db", str(db)))
        app.append(entry())
    return [
        (
            "process start to first paint of JuryDesk's main window (`python -m jurydesk --db "
            "DB`, 2,000 candidatures and their scores); floor: a window reading the same rows "
            "through SQLAlchemy Core",
            f"{core_rows.median(app)}; floor {core_rows.median(floor)}: "
            + ratio(statistics.median(app), statistics.median(floor), 1.3),
            "<= 1.3x floor",
        )
    ]


def rows() -> list[tuple[str, str, str]]:
    from bench.mail import intake_rows

    out: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        worklist, db = worklist_rows(Path(tmp))
        out.extend(worklist)
        out.extend(edit_rows())
        out.extend(returns_rows(db))
        import compileall

        from bench.children import ROOT

        compileall.compile_dir(ROOT / "jurydesk", quiet=1)  # as an installed app has it
        out.extend(first_paint_rows(db))
    with tempfile.TemporaryDirectory() as tmp:
        out.extend(intake_rows(Path(tmp)))
    return out


def write_section(results: list[tuple[str, str, str]], write: bool = True) -> str:
    return sections.write_section(HEADING, "python -m bench --only floors", results, write)
