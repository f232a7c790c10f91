"""Child processes of the benchmarks: a JSON result, or the time until a window paints."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def time_to_paint(command: list[str], env: dict[str, str] | None = None) -> float:
    """From process start to its "painted" line (the quitting afterwards is not counted)."""
    if env is None:
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - started
    process.wait(timeout=120)
    if line.strip() != "painted":
        raise RuntimeError(f"{command} did not paint")
    return elapsed


def json_child(
    module: str, *args: str, timeout: float = 1800, env: dict[str, str] | None = None
) -> dict:  # type: ignore[type-arg]
    """Run ``python -m module args`` and read the JSON object it prints last."""
    import json

    output = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=timeout,
        env=env,
    )
    return json.loads(output.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def peak_mb() -> float | None:
    """This process's own peak resident memory in MB. On Linux VmHWM: ru_maxrss keeps the
    parent's peak across exec, so a child started by a big parent would report the parent's."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / (1024 if sys.platform == "darwin" else 1)
