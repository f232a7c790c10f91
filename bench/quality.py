"""Decision quality at Flanders scale beside a numpy floor (`python -m bench --only quality`)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from bench import sections
from bench.children import json_child
from bench.floors import ratio

HEADING = "## Decision quality"


def rows() -> list[tuple[str, str, str]]:
    from bench.generate import generate
    from jurydesk.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp, "flanders.sqlite")
        store = open_store(f"sqlite:///{db.as_posix()}")
        generate(store)
        store.close()
        m = json_child("bench.quality_child", str(db), timeout=1800)
    return [
        (
            f"jury quality of one region-round ({m['scores']:,} scores in the database): "
            "results, alpha per criterion and total, leniency/spread/halo, 1,000 resamplings "
            "of the jurors, the funding line; median of 7 after a first run; floor: raw sqlite3 "
            "and numpy doing the same arithmetic and resampling",
            f"{m['one_s'] * 1000:.0f} ms; floor {m['floor_one_s'] * 1000:.0f} ms: "
            + ratio(m["one_s"], m["floor_one_s"]),
            "< 200 ms",
        ),
        (
            f"jury quality of all {m['region_rounds']} region-rounds from one read of the "
            "results and the scores (median of 3); the floor likewise reads every score once",
            f"{m['all_s']:.2f} s; floor {m['floor_all_s']:.2f} s: "
            + ratio(m["all_s"], m["floor_all_s"]),
            "< 10 s",
        ),
        (
            "peak memory of the quality process",
            "n/a" if m["peak_mb"] is None else f"{m['peak_mb']:.0f} MB",
            "—",
        ),
    ]


def write_section(results: list[tuple[str, str, str]], write: bool = True) -> str:
    return sections.write_section(HEADING, "python -m bench --only quality", results, write)


def main() -> int:
    print(write_section(rows()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
