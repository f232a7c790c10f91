"""`make bench`: measure, then write the figures and the commands to BENCHMARKS.md."""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench import core_rows as rows
from bench.children import ROOT
from bench.floors import ratio, raw_import
from bench.generate import CANDIDATURES, REGIONS, candidature_workbook, generate

RUNS = rows.RUNS


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
        import_samples, floor_samples = [], []
        for run in range(5):  # both about 0.5 s and noisy here: five of each, interleaved
            target = Path(tmp, f"import-{run}.sqlite")
            s = open_store(f"sqlite:///{target.as_posix()}")
            initialise(s, demo=False)
            t = time.perf_counter()
            report = import_candidatures(s, workbook, "leuven", dry_run=False)
            import_samples.append(time.perf_counter() - t)
            assert report.written == CANDIDATURES, report.validation.problems[:3]
            s.close()
            target = Path(tmp, f"import-floor-{run}.sqlite")
            s = open_store(f"sqlite:///{target.as_posix()}")
            initialise(s, demo=False)
            region_id = rows.region_id(s, "leuven")
            s.close()
            floor_samples.append(raw_import(workbook, target, region_id))
        results.append(
            (
                f"import a {CANDIDATURES}-row candidature workbook (validate + write, "
                "backup included); floor: openpyxl read-only and one sqlite3 executemany",
                f"{rows.median(import_samples)}; floor {rows.median(floor_samples)}: "
                + ratio(statistics.median(import_samples), statistics.median(floor_samples), 2),
                "< 2 s; <= 2x floor",
            )
        )

        scoring = rows.scoring(flanders)
        results.extend(scoring)
        results.extend(rows.exports(flanders, Path(tmp)))
        results.extend(rows.gui(Path(tmp, "import-0.sqlite"), flanders))
        results.append(rows.portfolio())
        results.extend(rows.packs(flanders))

        # An installed app has its bytecode compiled (pip and PyInstaller do it), whatever
        # PYTHONDONTWRITEBYTECODE says in this shell: compile it, as the floors' libraries are.
        import compileall

        compileall.compile_dir(ROOT / "jurydesk", quiet=1)
        rows.timed_child("floor")  # warm the file cache once for all of them
        rows.timed_child("floor-db", str(flanders))
        rows.timed_child("floor-orm", str(flanders))
        rows.timed_child("app", str(flanders))
        floor = [rows.timed_child("floor") for _ in range(RUNS)]
        floor_db = [rows.timed_child("floor-db", str(flanders)) for _ in range(RUNS)]
        floor_orm = [rows.timed_child("floor-orm", str(flanders)) for _ in range(RUNS)]
        app = [rows.timed_child("app", str(flanders)) for _ in range(RUNS)]
        results.append(
            (
                "process start to first paint, bare PySide6 window with a 2,000-row table (floor)",
                rows.median(floor),
                "—",
            )
        )
        results.append(
            (
                "the same, importing SQLAlchemy and reading 2,000 candidatures from the "
                "Flanders-scale database (floor)",
                rows.median(floor_db),
                "—",
            )
        )
        results.append(
            (
                "the same, the rows read through SQLAlchemy's ORM and JuryDesk's mapped models "
                "(what the typed-ORM architecture costs before any of JuryDesk's own work)",
                f"{rows.median(floor_orm)}: "
                + ratio(statistics.median(floor_orm), statistics.median(floor_db), 1.2),
                "—",
            )
        )
        results.append(
            (
                "process start to first paint of JuryDesk's main window on the "
                "Flanders-scale database",
                f"{rows.median(app)}: "
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


def _floors(write: bool) -> str:
    from bench import floor_rows

    return floor_rows.write_section(floor_rows.rows(), write=write)


def _start(write: bool) -> str:
    from bench import start

    results, note = start.rows()
    return start.write_section(results, note, write=write)


def _quality(write: bool) -> str:
    from bench import quality

    return quality.write_section(quality.rows(), write=write)


def _bundle(write: bool) -> str:
    from bench import bundle

    return bundle.write_section(bundle.rows(), write=write)


def _audit(write: bool) -> str:
    from bench import audit

    return audit.write_section(audit.rows(), write=write)


SUITES = {
    "core": (core, "import, scoring, results, exports, GUI, portfolio, packs, first paint"),
    "documents": (_documents, "first page, search, adding proposals, reader memory"),
    "mail": (_mail, "mailbox intake and sending through a local SMTP server"),
    "floors": (
        _floors,
        "issue 28's paths beside their floors: worklist at 3 sizes, letters' "
        "query, returns again, first paint, intake memory",
    ),
    "start": (
        _start,
        "start to first paint beside its Core and ORM floors; modules loaded; a CLI command",
    ),
    "audit": (_audit, "audit verify (chain, MACs, replay) at Flanders scale; a MACed edit"),
    "quality": (_quality, "jury quality: agreement, jurors, rank intervals (numpy floor)"),
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
