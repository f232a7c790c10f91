"""The "Start to first paint" section of BENCHMARKS.md (`python -m bench --only start`):
JuryDesk's own start (`python -m jurydesk --db DB`, to the main window's first paint) beside
its floors, measured interleaved in the same run on a database of 2,000 candidatures and their
scores (50 regions of 40, a jury, every score through the bulk path: the floors suite's):

* the Core floor: a bare PySide6 window that imports SQLAlchemy and shows 2,000 candidatures
  read through SQLAlchemy Core (the floor issue 28's target is set against);
* the ORM floor: the same window, the rows read through the ORM and JuryDesk's mapped models
  (what the typed-ORM architecture costs before any of JuryDesk's own work);

and where the start's time goes: the modules it loads (`python -X importtime`), and the CLI's
start (one command builds one parser and imports one command module).
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import sections
from bench.children import ROOT, time_to_paint
from bench.floors import ratio

HEADING = "## Start to first paint"
RUNS = 9


def _env() -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))


def _app(db: Path) -> list[str]:
    return [sys.executable, "-m", "jurydesk", "--db", str(db), "--quit-after-paint"]


def _floor(kind: str, db: Path) -> list[str]:
    return [sys.executable, "-m", "bench.first_paint", kind, str(db)]


def _median(samples: list[float]) -> str:
    return f"{statistics.median(samples):.3f} s (min {min(samples):.3f}, max {max(samples):.3f})"


def import_profile(command: list[str]) -> dict[str, float]:
    """`python -X importtime` of ``command``: JuryDesk's modules loaded, and the cumulative
    import time (ms) of a few packages."""
    done = subprocess.run(
        [command[0], "-X", "importtime", *command[1:]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=_env(),
        timeout=300,
    )
    cumulative: dict[str, float] = {}
    own = 0
    for line in done.stderr.splitlines():
        found = re.match(r"import time:\s+\d+ \|\s+(\d+) \|\s*(\S+)", line)
        if found:
            name = found[2]
            cumulative[name] = max(cumulative.get(name, 0.0), int(found[1]) / 1000)
            own += name == "jurydesk" or name.startswith("jurydesk.")
    cumulative["jurydesk modules"] = own
    return cumulative


def _timed_run(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, capture_output=True, env=_env(), check=True, timeout=300)
    return time.perf_counter() - started


def _load() -> str:
    return "n/a" if not hasattr(os, "getloadavg") else f"{os.getloadavg()[0]:.1f}"


def rows() -> tuple[list[tuple[str, str, str]], str]:
    """The section's rows, and its note: the machine's load and where the start's time goes."""
    import compileall

    from bench.generate import generate
    from bench.scoring import JURORS, generate_scores
    from jurydesk.store import open_store

    out: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp, "w2000.sqlite")
        store = open_store(f"sqlite:///{db.as_posix()}")
        generate(store, regions=50, candidatures=2000)
        generate_scores(store, jurors=JURORS)
        store.close()
        compileall.compile_dir(ROOT / "jurydesk", quiet=1)  # as an installed app has it
        for command in (_floor("floor-db", db), _floor("floor-orm", db), _app(db)):
            time_to_paint(command)  # warm the file cache once for each
        load_before = _load()
        core, orm, app = [], [], []
        for _ in range(RUNS):  # interleaved: the machine's noise falls on all three
            core.append(time_to_paint(_floor("floor-db", db)))
            orm.append(time_to_paint(_floor("floor-orm", db)))
            app.append(time_to_paint(_app(db)))
        core_s, orm_s, app_s = (statistics.median(x) for x in (core, orm, app))
        load_after = _load()
        out.append(
            (
                "Core floor: a PySide6 window importing SQLAlchemy and showing 2,000 "
                "candidatures read through SQLAlchemy Core",
                _median(core),
                "—",
            )
        )
        out.append(
            (
                "ORM floor: the same, the rows read through the ORM and JuryDesk's mapped "
                "models (the architecture's own cost)",
                f"{_median(orm)}: " + ratio(orm_s, core_s),
                "—",
            )
        )
        out.append(
            (
                "process start to first paint of JuryDesk's main window (`python -m jurydesk "
                "--db DB`, 2,000 candidatures and their scores), beside the Core floor",
                f"{_median(app)}: " + ratio(app_s, core_s, 1.3),
                "<= 1.3x Core floor",
            )
        )
        out.append(
            (
                "the same, beside the ORM floor (what JuryDesk itself adds: its window, "
                "menus, tabs, queries)",
                f"{app_s / orm_s:.2f}x the ORM floor",
                "—",
            )
        )
        gui = import_profile(_app(db))
        orm_ms = gui.get("sqlalchemy.orm", 0.0) + gui.get("jurydesk.store.models", 0.0)
        out.append(
            (
                "modules loaded at first paint (`python -X importtime -m jurydesk --db DB "
                "--quit-after-paint`)",
                f"{gui['jurydesk modules']:.0f} JuryDesk modules; sqlalchemy.orm and the "
                f"mapped models {orm_ms:.0f} ms of "
                f"{gui.get('jurydesk.ui.main_window', 0) + gui.get('jurydesk.store', 0):.0f} "
                "ms importing the store and the window (one run)",
                "only the first tab's",
            )
        )
        cli = [sys.executable, "-m", "jurydesk", "--db", str(db), "regions", "--json"]
        _timed_run(cli)
        cli_runs = [_timed_run(cli) for _ in range(RUNS)]
        one = import_profile(cli)
        out.append(
            (
                "`jurydesk regions --json` (a CLI command, process start to exit; it builds "
                "its own parser and imports its own command module only)",
                f"{_median(cli_runs)}; {one['jurydesk modules']:.0f} JuryDesk modules",
                "—",
            )
        )
    window_ms = gui.get("jurydesk.ui.main_window", 0.0)
    note = (
        f"Load average {load_before} before the interleaved runs, {load_after} after (2 shared "
        "cores): compare the ratios, not the seconds. Where the start's time goes "
        "(`python -X importtime -m jurydesk --db DB --quit-after-paint` and cProfile): the ORM "
        f"floor alone is {orm_s / core_s:.2f}x the Core floor: importing sqlalchemy.orm and "
        f"mapping JuryDesk's models ({orm_ms:.0f} ms in this run's importtime), then the "
        "ORM's first query (mapper configuration, statement compilation), before any of "
        f"JuryDesk's own work. JuryDesk adds {app_s / orm_s:.2f}x on top of that: importing "
        f"the window and its first tab ({window_ms:.0f} ms: the candidature list with its "
        "document reader, the menus' actions and the services they read with), building the "
        "menus and the Candidatures tab (Qt's enums are made into Python enums on first "
        "use), and its few small queries (the regions, the region's rules and candidatures, "
        "the decisions, whose database). The other tabs, their modules and the region's full "
        "addendum are no longer part of the start."
    )
    if app_s / core_s > 1.3 >= orm_s / core_s:
        note += " The target (1.3x the Core floor) is missed by JuryDesk's own work above."
    elif app_s / core_s > 1.3:
        note += (
            " The target (1.3x the Core floor) is missed: it lies below the ORM floor itself, "
            "so it would need a first paint without the ORM (Core queries, no mapped models), "
            "which JuryDesk's rule (SQLAlchemy's typed ORM for its data) excludes; what "
            "JuryDesk adds above the ORM floor is what is left to cut."
        )
    return out, note


def write_section(results: list[tuple[str, str, str]], note: str = "", write: bool = True) -> str:
    return sections.write_section(HEADING, "python -m bench --only start", results, write, note)


if __name__ == "__main__":
    print(write_section(*rows(), write=False))
