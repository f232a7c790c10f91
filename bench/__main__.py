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
            f"max {m['results_max_s']:.3f}; cold: {m['results_cold_s']:.3f})",
            "< 0.3 s",
        ),
        (
            f"one score edit committed (synchronous=FULL, audited), {m['edits']} edits",
            f"p50 {m['edit_p50_ms']:.2f} ms, p99 {m['edit_p99_ms']:.2f} ms",
            "p99 < 10 ms",
        ),
        ("peak memory of the scoring process (generation, results, edits)", peak, "< 300 MB"),
        ("database size at Flanders scale", f"{m['db_mb']:.0f} MB", "—"),
    ]


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

        scoring = _scoring(flanders)
        results.extend(scoring)

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
