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

from bench.generate import CANDIDATURES, REGIONS, candidature_workbook, generate

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7


def _timed_child(*args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.first_paint", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - started
    process.wait(timeout=60)
    if line.strip() != "painted":
        raise RuntimeError(f"the child did not paint: {args}")
    return elapsed


def _median(samples: list[float]) -> str:
    return f"{statistics.median(samples):.3f} s (min {min(samples):.3f}, max {max(samples):.3f})"


def main() -> int:
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
        for run in range(3):
            target = Path(tmp, f"import-{run}.sqlite")
            s = open_store(f"sqlite:///{target.as_posix()}")
            initialise(s, demo=False)
            t = time.perf_counter()
            report = import_candidatures(s, workbook, "leuven", dry_run=False)
            import_samples.append(time.perf_counter() - t)
            assert report.written == CANDIDATURES, report.validation.problems[:3]
            s.close()
        results.append(
            (
                f"import a {CANDIDATURES}-row candidature workbook (validate + write, "
                "backup included)",
                _median(import_samples),
                "< 2 s",
            )
        )

        _timed_child("floor")  # warm the file cache once for both
        _timed_child("app", str(flanders))
        floor = [_timed_child("floor") for _ in range(RUNS)]
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
                "process start to first paint of JuryDesk's main window on the "
                "Flanders-scale database",
                _median(app),
                "< 1.0 s",
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
    (ROOT / "BENCHMARKS.md").write_text("\n".join(lines), "utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
