"""The rows of BENCHMARKS.md's main table, suite by suite, each measured in a child process
beside its floor; `bench.__main__.core` runs them in order on one Flanders-scale database."""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

from bench.children import json_child, time_to_paint
from bench.floors import ratio

RUNS = 7


def timed_child(*args: str) -> float:
    return time_to_paint([sys.executable, "-m", "bench.first_paint", *args])


def median(samples: list[float]) -> str:
    return f"{statistics.median(samples):.3f} s (min {min(samples):.3f}, max {max(samples):.3f})"


def scoring(flanders: Path) -> list[tuple[str, str, str]]:
    """Jury and scores onto the Flanders-scale database, measured in a child process."""
    m = json_child("bench.scoring_child", str(flanders), timeout=900)
    peak = "n/a (no resource module)" if m["peak_mb"] is None else f"{m['peak_mb']:.0f} MB"
    return [
        (
            f"generate jury and {m['scores']:,} scores through the bulk path",
            f"{m['generate_s']:.2f} s",
            "< 5 s",
        ),
        (
            f"results of all {m['round_results']} region-rounds (every method, ranks, "
            "proposals), median of 7 after a first, cold run",
            f"{m['results_s']:.3f} s (min {m['results_min_s']:.3f}, "
            f"max {m['results_max_s']:.3f}; cold: {m['results_cold_s']:.3f}); "
            f"floor {m['floor_results_s']:.3f} s: "
            + ratio(m["results_s"], m["floor_results_s"], 2),
            "< 0.3 s; <= 2x floor",
        ),
        (
            f"one score edit committed (synchronous=FULL, audited), {m['edits']} edits; floor: "
            "raw sqlite3, same pragmas, the same checks (juror, panel, conflict, round, rubric, "
            "finalised), look-up, write, audit event and head",
            f"p50 {m['edit_p50_ms']:.2f} ms, p99 {m['edit_p99_ms']:.2f} ms; floor p50 "
            f"{m['floor_edit_p50_ms']:.2f} ms, p99 {m['floor_edit_p99_ms']:.2f} ms: "
            + ratio(m["edit_p50_ms"], m["floor_edit_p50_ms"], 2.5),
            "p99 < 5 ms; <= 2.5x floor",
        ),
        ("peak memory of the scoring process (generation, results, edits)", peak, "< 300 MB"),
        ("database size at Flanders scale", f"{m['db_mb']:.0f} MB", "—"),
    ]


def region_id(store, slug: str) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from jurydesk.store.models import Region

    with store.reader() as session:
        return int(session.scalar(select(Region.id).where(Region.slug == slug)))


def mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f} MB"


def floor_workbook(db: Path, out: Path) -> dict:  # type: ignore[type-arg]
    return json_child("bench.floors", "workbook", str(db), str(out))


def child(*args: str) -> dict:  # type: ignore[type-arg]
    return json_child("bench.exports_child", *args)


def packs(flanders: Path) -> list[tuple[str, str, str]]:
    """Offline jurors: every juror's return merged into the secretariat's database."""
    m = json_child("bench.packs_child", str(flanders), timeout=1200)
    return [
        (
            f"merge the round 1 returns of all {m['returns']} jurors ({m['scores']:,} scores, "
            "every one new; HMAC, validation, one transaction per return)",
            f"{m['merge_s']:.2f} s; floor (zipfile, json, hmac, sqlite3 executemany) "
            f"{m['floor_merge_s']:.2f} s: " + ratio(m["merge_s"], m["floor_merge_s"], 2),
            "< 10 s; <= 2x floor",
        ),
        (
            "import the same returns again (each recognised as imported before); floor: read "
            "each file, SHA-256, one look-up of the hash",
            f"{m['repeat_s']:.3f} s; floor {m['floor_repeat_s']:.3f} s: "
            + ratio(m["repeat_s"], m["floor_repeat_s"], 5),
            "< 2 s; <= 5x floor",
        ),
        (
            "import the next return of every juror with the same scores (every row compared, "
            "all unchanged)",
            f"{m['unchanged_s']:.2f} s; floor (open, check, compare every row) "
            f"{m['floor_unchanged_s']:.2f} s: " + ratio(m["unchanged_s"], m["floor_unchanged_s"]),
            "< 2 s",
        ),
        (
            "one juror pack export (median of 7)",
            f"{m['export_median_s'] * 1000:.0f} ms (max {m['export_max_s'] * 1000:.0f} ms)",
            "< 0.2 s",
        ),
    ]


def portfolio() -> tuple[str, str, str]:
    """An exact suggested selection for a region of 60 candidatures."""
    import random
    from decimal import Decimal

    from jurydesk.portfolio.coverage import Member
    from jurydesk.portfolio.suggest import suggest

    rng = random.Random(60)
    members = [
        Member(
            i,
            f"Organisatie {i}",
            "",
            rng.uniform(20, 95),
            Decimal(rng.randrange(20_000, 130_000, 1_000)),
            frozenset(rng.sample([1, 2, 3, 4], rng.randint(1, 2))),
            frozenset(),
            frozenset(),
        )
        for i in range(1, 61)
    ]
    suggest(members[:10], [1, 2, 3, 4], Decimal(300_000), 5)  # load SciPy once
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        result = suggest(members, [1, 2, 3, 4], Decimal(400_000), 6)
        samples.append(time.perf_counter() - started)
    assert result.chosen
    return (
        "suggested selection, 60 candidatures, 4 challenges, budget and maximum partners "
        "(exact MILP, with the explanation's extra solves)",
        median(samples),
        "< 1 s",
    )


def gui(two_thousand: Path, flanders: Path) -> list[tuple[str, str, str]]:
    """Search as you type over 2,000 candidatures; switching candidature while scoring."""

    def child(*args: str) -> dict:  # type: ignore[type-arg]
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        return json_child("bench.gui_child", *args, timeout=600, env=env)

    search = child("search", str(two_thousand))
    switch = child("switch", str(flanders))
    return [
        (
            f"search as you type over {search['rows']:,} candidatures, {search['n']} keystrokes "
            "(typing and erasing three queries), until the list is idle",
            f"median {search['median_ms']:.1f} ms, p95 {search['p95_ms']:.1f} ms, "
            f"max {search['max_ms']:.1f} ms",
            "< 30 ms per keystroke",
        ),
        (
            f"switch to another candidature in the scoring view (Flanders scale, "
            f"{switch['n']} switches)",
            f"median {switch['median_ms']:.1f} ms, p95 {switch['p95_ms']:.1f} ms, "
            f"max {switch['max_ms']:.1f} ms",
            "< 50 ms",
        ),
    ]


def exports(flanders: Path, tmp: Path) -> list[tuple[str, str, str]]:
    """The results workbook (one region, Flanders scale) and the decision letters."""
    from jurydesk.exports.workbook import export_workbook
    from jurydesk.setup import initialise
    from jurydesk.store import open_store

    demo = open_store(f"sqlite:///{(tmp / 'demo.sqlite').as_posix()}")
    initialise(demo, demo=True)
    export_workbook(demo, tmp / "warm.xlsx", ["leuven"])
    one = []
    for _ in range(RUNS):
        t = time.perf_counter()
        export_workbook(demo, tmp / "leuven.xlsx", ["leuven"])
        one.append(time.perf_counter() - t)
    demo.close()
    big = child("workbook", str(flanders), str(tmp / "flanders.xlsx"))
    floor = floor_workbook(flanders, tmp / "floor.xlsx")
    peak, floor_peak = mb(big["peak_mb"]), mb(floor["peak_mb"])
    letters = child("letters")
    office = letters["office_letters_per_s"]
    office_text = (
        f"{office:.0f} letters/s measured here (LibreOffice headless, HTML letters to PDF); "
        f"JuryDesk {letters['letters_per_s'] / office:.1f}x, and "
        f"{letters['letters_per_s'] / 26:.1f}x the issue's 26 letters/s (.docx route)"
        if office
        else "LibreOffice not installed here"
    )
    return [
        ("results workbook of one region (demo Leuven, all sheets)", median(one), "< 1 s"),
        (
            "results workbook at Flanders scale (50 regions, 224,000 score rows), wall time",
            f"{big['seconds']:.2f} s ({big['mb']:.1f} MB file); floor (openpyxl write-only: "
            f"the overview, raw scores and criteria means) {floor['seconds']:.2f} s: "
            + ratio(big["seconds"], floor["seconds"], 1.2),
            "< 15 s; <= 1.2x floor",
        ),
        (
            "peak memory of the Flanders-scale workbook export (in brackets: the process "
            "after its imports, before the export starts)",
            f"{peak} ({mb(big.get('baseline_mb'))}); floor {floor_peak} "
            f"({mb(floor.get('baseline_mb'))})",
            "< 80 MB",
        ),
        (
            f"decision letters merged into one PDF ({letters['letters']} letters, "
            f"{letters['pages']} pages, scores shown), best of 5 timed in turn with the floor",
            f"{letters['pages_per_s']:.0f} pages/s ({letters['letters_per_s']:.0f} letters/s)",
            ">= 150 pages/s",
        ),
        (
            "the same letters on a raw reportlab canvas (floor): the same regular and bold "
            "faces, text wrapped to the same width, headings, the reference table",
            f"{letters['raw_letters_per_s']:.0f} letters/s ({letters['raw_pages']} pages, "
            f"{letters['raw_pages_per_s']:.0f} pages/s); the same letters reach "
            + ratio(letters["letters_per_s"], letters["raw_letters_per_s"], 0.6, higher=True)
            + " (compared letter for letter: the canvas fills fewer pages)",
            ">= 0.6x floor (issue 28)",
        ),
        ("the office-suite route", office_text, ">= 10x"),
    ]
