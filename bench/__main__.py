"""`make bench`: measure, then write the figures and the commands to BENCHMARKS.md."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.children import json_child, time_to_paint
from bench.floors import ratio, raw_import
from bench.generate import CANDIDATURES, REGIONS, candidature_workbook, generate

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7


def _timed_child(*args: str) -> float:
    return time_to_paint([sys.executable, "-m", "bench.first_paint", *args])


def _median(samples: list[float]) -> str:
    return f"{statistics.median(samples):.3f} s (min {min(samples):.3f}, max {max(samples):.3f})"


def _scoring(flanders: Path) -> list[tuple[str, str, str]]:
    """Jury and scores onto the Flanders-scale database, measured in a child process."""
    import json

    output = subprocess.run(
        [sys.executable, "-m", "bench.scoring_child", str(flanders)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=900,
    )
    m = json.loads(output.stdout.strip().splitlines()[-1])
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


def _region_id(store, slug: str) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from jurydesk.store.models import Region

    with store.reader() as session:
        return int(session.scalar(select(Region.id).where(Region.slug == slug)))


def _mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f} MB"


def _floor_workbook(db: Path, out: Path) -> dict:  # type: ignore[type-arg]
    return json_child("bench.floors", "workbook", str(db), str(out))


def _child(*args: str) -> dict:  # type: ignore[type-arg]
    return json_child("bench.exports_child", *args)


def _packs(flanders: Path) -> list[tuple[str, str, str]]:
    """Offline jurors: every juror's return merged into the secretariat's database."""
    import json

    out = subprocess.run(
        [sys.executable, "-m", "bench.packs_child", str(flanders)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=1200,
    )
    m = json.loads(out.stdout.strip().splitlines()[-1])
    return [
        (
            f"merge the round 1 returns of all {m['returns']} jurors ({m['scores']:,} scores, "
            "every one new; HMAC, validation, one transaction per return)",
            f"{m['merge_s']:.2f} s; floor (zipfile, json, hmac, sqlite3 executemany) "
            f"{m['floor_merge_s']:.2f} s: " + ratio(m["merge_s"], m["floor_merge_s"], 2),
            "< 10 s; <= 2x floor",
        ),
        (
            "import the same returns again (each recognised as imported before)",
            f"{m['repeat_s']:.2f} s",
            "< 2 s",
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


def _portfolio() -> tuple[str, str, str]:
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
        _median(samples),
        "< 1 s",
    )


def _gui(two_thousand: Path, flanders: Path) -> list[tuple[str, str, str]]:
    """Search as you type over 2,000 candidatures; switching candidature while scoring."""
    import json

    def child(*args: str) -> dict:  # type: ignore[type-arg]
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        out = subprocess.run(
            [sys.executable, "-m", "bench.gui_child", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
            env=env,
        )
        return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]

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


def _exports(flanders: Path, tmp: Path) -> list[tuple[str, str, str]]:
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
    big = _child("workbook", str(flanders), str(tmp / "flanders.xlsx"))
    floor = _floor_workbook(flanders, tmp / "floor.xlsx")
    peak = "n/a" if big["peak_mb"] is None else f"{big['peak_mb']:.0f} MB"
    floor_peak = "n/a" if floor["peak_mb"] is None else f"{floor['peak_mb']:.0f} MB"
    letters = _child("letters")
    office = letters["office_letters_per_s"]
    office_text = (
        f"{office:.0f} letters/s measured here (LibreOffice headless, HTML letters to PDF); "
        f"JuryDesk {letters['letters_per_s'] / office:.1f}x, and "
        f"{letters['letters_per_s'] / 26:.1f}x the issue's 26 letters/s (.docx route)"
        if office
        else "LibreOffice not installed here"
    )
    return [
        ("results workbook of one region (demo Leuven, all sheets)", _median(one), "< 1 s"),
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
            f"{peak} ({_mb(big.get('baseline_mb'))}); floor {floor_peak} "
            f"({_mb(floor.get('baseline_mb'))})",
            "< 80 MB",
        ),
        (
            f"decision letters merged into one PDF ({letters['letters']} letters, "
            f"{letters['pages']} pages, scores shown), second-best of 3",
            f"{letters['pages_per_s']:.0f} pages/s ({letters['letters_per_s']:.0f} letters/s)",
            ">= 150 pages/s",
        ),
        (
            "the same letters on a raw reportlab canvas (floor): the same regular and bold "
            "faces, text wrapped to the same width, headings, the reference table",
            f"{letters['raw_pages_per_s']:.0f} pages/s; the letters reach "
            + ratio(letters["pages_per_s"], letters["raw_pages_per_s"], 0.5, higher=True),
            ">= 0.5x floor",
        ),
        ("the office-suite route", office_text, ">= 10x"),
    ]


def core(write: bool) -> str:
    """The main table: import, scoring, exports, GUI, portfolio, packs, first paint."""
    from jurydesk.candidatures.service import import_candidatures
    from jurydesk.setup import initialise
    from jurydesk.store import open_store

    results: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        flanders = Path(tmp, "flanders.sqlite")
        store = open_store(f"sqlite:///{flanders.as_posix()}")
        t = time.perf_counter()
        generate(store)
        results.append(
            (
                f"generate {REGIONS} regions and {CANDIDATURES} candidatures (bulk)",
                f"{time.perf_counter() - t:.3f} s",
                "—",
            )
        )
        store.close()

        workbook = candidature_workbook(Path(tmp, "kandidaturen.xlsx"))
        import_samples = []
        for run in range(5):  # both about 0.5 s and noisy here: five of each
            target = Path(tmp, f"import-{run}.sqlite")
            s = open_store(f"sqlite:///{target.as_posix()}")
            initialise(s, demo=False)
            t = time.perf_counter()
            report = import_candidatures(s, workbook, "leuven", dry_run=False)
            import_samples.append(time.perf_counter() - t)
            assert report.written == CANDIDATURES, report.validation.problems[:3]
            s.close()
        floor_samples = []
        for run in range(5):
            target = Path(tmp, f"import-floor-{run}.sqlite")
            s = open_store(f"sqlite:///{target.as_posix()}")
            initialise(s, demo=False)
            region_id = _region_id(s, "leuven")
            s.close()
            floor_samples.append(raw_import(workbook, target, region_id))
        results.append(
            (
                f"import a {CANDIDATURES}-row candidature workbook (validate + write, "
                "backup included); floor: openpyxl read-only and one sqlite3 executemany",
                f"{_median(import_samples)}; floor {_median(floor_samples)}: "
                + ratio(statistics.median(import_samples), statistics.median(floor_samples), 2),
                "< 2 s; <= 2x floor",
            )
        )

        scoring = _scoring(flanders)
        results.extend(scoring)
        results.extend(_exports(flanders, Path(tmp)))
        results.extend(_gui(Path(tmp, "import-0.sqlite"), flanders))
        results.append(_portfolio())
        results.extend(_packs(flanders))

        # An installed app has its bytecode compiled (pip and PyInstaller do it), whatever
        # PYTHONDONTWRITEBYTECODE says in this shell: compile it, as the floors' libraries are.
        import compileall

        compileall.compile_dir(ROOT / "jurydesk", quiet=1)
        _timed_child("floor")  # warm the file cache once for all of them
        _timed_child("floor-db", str(flanders))
        _timed_child("floor-orm", str(flanders))
        _timed_child("app", str(flanders))
        floor = [_timed_child("floor") for _ in range(RUNS)]
        floor_db = [_timed_child("floor-db", str(flanders)) for _ in range(RUNS)]
        floor_orm = [_timed_child("floor-orm", str(flanders)) for _ in range(RUNS)]
        app = [_timed_child("app", str(flanders)) for _ in range(RUNS)]
        results.append(
            (
                "process start to first paint, bare PySide6 window with a 2,000-row table (floor)",
                _median(floor),
                "—",
            )
        )
        results.append(
            (
                "the same, importing SQLAlchemy and reading 2,000 candidatures from the "
                "Flanders-scale database (floor)",
                _median(floor_db),
                "—",
            )
        )
        results.append(
            (
                "the same, the rows read through SQLAlchemy's ORM and JuryDesk's mapped models "
                "(what the typed-ORM architecture costs before any of JuryDesk's own work)",
                f"{_median(floor_orm)}: "
                + ratio(statistics.median(floor_orm), statistics.median(floor_db), 1.2),
                "—",
            )
        )
        results.append(
            (
                "process start to first paint of JuryDesk's main window on the "
                "Flanders-scale database",
                f"{_median(app)}: "
                + ratio(statistics.median(app), statistics.median(floor_db), 1.2),
                "< 1.0 s; <= 1.2x floor",
            )
        )
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m bench`); medians of repeated runs on a shared, noisy",
        f"machine ({platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, QT_QPA_PLATFORM=offscreen). Targets are checked here, "
        "never in timed tests.",
        "",
        "| what | measured | target |",
        "|---|---|---|",
        *[f"| {what} | {value} | {target} |" for what, value, target in results],
        "",
    ]
    text = "\n".join(lines)
    if write:
        file = ROOT / "BENCHMARKS.md"
        old = file.read_text("utf-8") if file.exists() else ""
        rest = old[old.index("\n## ") :] if "\n## " in old else ""  # the other sections
        file.write_text(text.rstrip() + "\n" + rest, "utf-8")
    return text


def _documents(write: bool) -> str:
    from bench import documents

    return documents.write_section(documents.rows(), write=write)


def _mail(write: bool) -> str:
    from bench import mail

    return mail.write_section(mail.rows(), write=write)


def _bundle(write: bool) -> str:
    from bench import bundle

    return bundle.write_section(bundle.rows(), write=write)


SUITES = {
    "core": (core, "import, scoring, results, exports, GUI, portfolio, packs, first paint"),
    "documents": (_documents, "first page, search, adding proposals, reader memory"),
    "mail": (_mail, "mailbox intake and sending through a local SMTP server"),
    "bundle": (_bundle, "the frozen build: build time, size, first paint beside make run"),
}


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Measure JuryDesk beside its floors. Prints the figures; BENCHMARKS.md is "
        "only rewritten with --write (make bench does).",
    )
    parser.add_argument(
        "--only",
        nargs="+",
        choices=list(SUITES),
        metavar="NAME",
        help="run only these suites (see --list)",
    )
    parser.add_argument("--list", action="store_true", help="list the suites and stop")
    parser.add_argument(
        "--write",
        action="store_true",
        help="write the figures of the suites run into BENCHMARKS.md",
    )
    args = parser.parse_args(argv)
    if args.list:
        for name, (_run, text) in SUITES.items():
            print(f"{name:10} {text}")
        return 0
    for name in args.only or list(SUITES):
        print(SUITES[name][0](args.write))
    return 0


if __name__ == "__main__":
    sys.exit(main())
