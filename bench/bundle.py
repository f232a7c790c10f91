"""The frozen build: how long it takes to build, its size, and its start beside `make run`'s.

python -m bench.bundle   # builds the bundle into a temporary folder with PyInstaller
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import sections
from bench.children import time_to_paint

HEADING = "## Frozen build"
ROOT = Path(__file__).resolve().parent.parent
RUNS = 7
EXE = ".exe" if sys.platform == "win32" else ""


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _median(samples: list[float]) -> str:
    return f"{statistics.median(samples):.2f} s (min {min(samples):.2f}, max {max(samples):.2f})"


def rows() -> list[tuple[str, str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        dist, work = Path(tmp, "dist"), Path(tmp, "work")
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "PyInstaller",
                str(ROOT / "packaging" / "jurydesk.spec"),
                "--noconfirm",
                "--distpath",
                str(dist),
                "--workpath",
                str(work),
                "--log-level",
                "ERROR",
            ],
            check=True,
            cwd=ROOT,
        )
        build = time.perf_counter() - started
        bundle = dist / "JuryDesk"
        size = _size(bundle)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", JURYDESK_PASSPHRASE="demo")
        db = str(Path(tmp, "demo.sqlite"))
        subprocess.run(
            [str(bundle / f"jurydesk-cli{EXE}"), "init", "--demo", "--db", db],
            check=True,
            env=env,
            capture_output=True,
        )
        frozen = [str(bundle / f"JuryDesk{EXE}"), "--db", db, "--quit-after-paint"]
        source = [sys.executable, "-m", "jurydesk", "--db", db, "--quit-after-paint"]
        time_to_paint(frozen, env)  # warm the file cache once for both
        time_to_paint(source, env)
        frozen_times = [time_to_paint(frozen, env) for _ in range(RUNS)]
        source_times = [time_to_paint(source, env) for _ in range(RUNS)]
        shutil.rmtree(work, ignore_errors=True)
    ratio = statistics.median(frozen_times) / statistics.median(source_times)
    return [
        ("build `dist/JuryDesk` from a clean work folder (PyInstaller)", f"{build:.0f} s", "—"),
        ("size of the one-folder bundle on disk", f"{size / 2**20:.0f} MB", "—"),
        (
            "process start to first paint, `make run`'s path (`python -m jurydesk`), demo data",
            _median(source_times),
            "—",
        ),
        (
            "process start to first paint, the frozen `JuryDesk`, same database",
            f"{_median(frozen_times)}; {ratio:.2f}x `make run`",
            "< 2 s",
        ),
    ]


def write_section(results: list[tuple[str, str, str]], write: bool = True) -> str:
    return sections.write_section(HEADING, "python -m bench.bundle", results, write)


def main() -> int:
    print(write_section(rows()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
