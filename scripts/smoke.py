"""The main job of JuryDesk, run as a user runs it: the installed `jurydesk` commands only.

    ENV/bin/python scripts/smoke.py        # ENV: the environment JuryDesk is installed in
    .venv/bin/python scripts/smoke.py --runtime-only   # hide what only the extras brought

Run it with the python of the environment under test: it calls the `jurydesk-cli` beside that
python (never this checkout's source), and reads the results back with that environment's
runtime dependencies only (openpyxl, pypdfium2, reportlab). Everything happens in a temporary
data directory (XDG_DATA_HOME, LOCALAPPDATA, HOME, no JURYDESK_DB), so a user's own database
is never touched. `.ci/run` runs it in a clean environment that holds the wheel alone;
tests/test_smoke.py runs it against `make run`'s environment: `.venv`, where `make test` has
added the test extras on top, so `--runtime-only` hides every module that no runtime
dependency of JuryDesk (followed through their own dependencies) provides, in the smoke's
processes and their children alike (a `sitecustomize` on PYTHONPATH).

Exit status 0 when every step passed; otherwise the failing step and its output.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TIMEOUT_S = 300
# Present in every environment pip made; never imported by JuryDesk, so never hidden.
INSTALLER = {"pip", "setuptools", "wheel"}
_HIDER = """import sys

HIDDEN = {hidden!r}


class _Hidden:
    \"\"\"Modules that the environment under test would not have.\"\"\"

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name.split(".")[0] in HIDDEN:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None


sys.meta_path.insert(0, _Hidden)
"""


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_closure(root: str = "jurydesk") -> set[str]:
    """The distributions a plain `pip install jurydesk` brings: its dependencies without
    extras, followed through theirs (markers other than extras are taken as true)."""
    from importlib.metadata import PackageNotFoundError, distribution

    names: set[str] = set()
    done: set[tuple[str, frozenset[str]]] = set()
    todo: list[tuple[str, frozenset[str]]] = [(_normal(root), frozenset())]
    while todo:
        key = todo.pop()
        if key in done:
            continue
        done.add(key)
        name, extras = key
        names.add(name)
        try:
            requires = distribution(name).requires or []
        except PackageNotFoundError:
            continue
        for requirement in requires:
            spec, _sep, marker = requirement.partition(";")
            wanted = re.findall(r"extra\s*==\s*[\"']([^\"']+)[\"']", marker)
            if wanted and not {_normal(w) for w in wanted} & extras:
                continue
            head = re.match(r"\s*([A-Za-z0-9._-]+)\s*(?:\[([^\]]*)\])?", spec)
            if head:
                inner = {_normal(e) for e in (head.group(2) or "").split(",") if e.strip()}
                todo.append((_normal(head.group(1)), frozenset(inner)))
    return names


def hidden_modules() -> set[str]:
    """Top-level modules of this environment that only the extras (or nothing JuryDesk
    depends on) brought: what `make run`'s environment would not have."""
    from importlib.metadata import packages_distributions

    keep = runtime_closure() | INSTALLER
    hidden, kept = set(), set()
    for module, owners in packages_distributions().items():
        (kept if any(_normal(o) in keep for o in owners) else hidden).add(module)
    return hidden - kept


def hiding_env(folder: Path, hidden: set[str]) -> dict[str, str]:
    """Environment variables under which every Python process started hides ``hidden``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitecustomize.py").write_text(_HIDER.format(hidden=sorted(hidden)), "utf-8")
    return {"PYTHONPATH": str(folder)}


class SmokeError(Exception):
    """A step failed; the message says which and why."""


class Smoke:
    def __init__(self, work: Path, extra_env: dict[str, str] | None = None) -> None:
        scripts = Path(sys.executable).parent
        self.cli = scripts / ("jurydesk-cli.exe" if os.name == "nt" else "jurydesk-cli")
        if not self.cli.exists():
            raise SmokeError(f"no jurydesk-cli beside {sys.executable}: is JuryDesk installed?")
        self.work = work
        self.db = str(work / "secretariaat.sqlite")
        env = {k: v for k, v in os.environ.items() if not k.startswith("JURYDESK_")}
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "LOCALAPPDATA", "APPDATA", "HOME"):
            folder = work / name.lower()
            folder.mkdir()
            env[name] = str(folder)
        env["USERPROFILE"] = env["HOME"]
        env.update(JURYDESK_PASSPHRASE="demo", QT_QPA_PLATFORM="offscreen", PYTHONUTF8="1")
        env.update(extra_env or {})
        self.env = env

    def run(self, *args: str) -> str:
        done = subprocess.run(
            [str(self.cli), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=self.env,
            cwd=self.work,
            timeout=TIMEOUT_S,
        )
        if done.returncode != 0 or "Traceback" in done.stderr:
            raise SmokeError(
                f"jurydesk {' '.join(args)} exited {done.returncode}:\n{done.stderr.strip()}"
            )
        return done.stdout

    def json(self, *args: str):  # type: ignore[no-untyped-def]
        return json.loads(self.run(*args, "--json", "--db", self.db))


def _check(condition: bool, what: str) -> None:
    if not condition:
        raise SmokeError(what)


def version(s: Smoke) -> None:
    out = s.run("--version")
    _check(any(ch.isdigit() for ch in out), f"--version printed {out!r}")


def init_demo(s: Smoke) -> None:
    s.run("init", "--demo", "--db", s.db)
    regions = {r["slug"] for r in s.json("regions")}
    _check({"leuven", "dijleland-plus"} <= regions, f"regions after init --demo: {regions}")


def results(s: Smoke) -> None:
    rows = s.json("results", "--region", "leuven", "--round", "1")
    _check(bool(rows) and all("final" in r for r in rows), "results of leuven round 1: none")


def pack(s: Smoke) -> None:
    juror = s.json("jurors", "--region", "leuven")[0]["id"]
    target = s.work / "pakket.jurypack"
    code = s.json("pack", "export", "--juror", str(juror), str(target))["code"]
    mine = str(s.work / "jurylid.sqlite")
    opened = json.loads(s.run("pack", "open", str(target), "--db", mine, "--code", code, "--json"))
    _check(opened["juror"] == juror, f"the pack opened for juror {opened['juror']}")
    # What the juror reads on their laptop: the candidatures of their region.
    rows = json.loads(s.run("candidatures", "--region", "leuven", "--db", mine, "--json"))
    _check(len(rows) == opened["candidatures"] > 0, f"the juror's database lists {len(rows)}")


def document_page(s: Smoke) -> None:
    from reportlab.pdfgen.canvas import Canvas

    proposal = s.work / "voorstel.pdf"
    canvas = Canvas(str(proposal))
    canvas.drawString(72, 720, "Voorstel: buurtwerking rond schuldhulpverlening in Kessel-Lo")
    canvas.showPage()
    canvas.save()
    candidature = s.json("results", "--region", "leuven", "--round", "1")[0]["candidature"]
    s.run("documents", "add", "--candidature", str(candidature), str(proposal), "--db", s.db)
    hits = s.json("search", "schuldhulpverlening", "--region", "leuven")
    _check(bool(hits), "the stored PDF's text is not found by search")
    png = s.work / "pagina.png"
    page = s.json("documents", "page", str(hits[0]["document"]), str(png))
    _check(page["width"] > 500, f"documents page: {page}")
    _check(png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", "documents page wrote no PNG")


def workbook(s: Smoke) -> None:
    from openpyxl import load_workbook

    book = s.work / "resultaten.xlsx"
    s.run("export", "excel", str(book), "--region", "leuven", "--db", s.db)
    read = load_workbook(book, read_only=True)
    _check(len(read.sheetnames) >= 3, f"the workbook has sheets {read.sheetnames}")
    read.close()


def letters(s: Smoke) -> None:
    import pypdfium2 as pdfium

    folder = s.work / "brieven"
    s.run("export", "letters", str(folder), "--region", "leuven", "--round", "1", "--db", s.db)
    pdfs = sorted(folder.glob("*.pdf"))
    _check(bool(pdfs), "no letters written")
    pdf = pdfium.PdfDocument(str(pdfs[0]))
    text = pdf[0].get_textpage().get_text_range()
    pdf.close()
    _check("Leuven" in text, f"{pdfs[0].name} does not name Leuven: {text[:200]!r}")


def gui(s: Smoke) -> None:
    """What `make run` does on a first start: the default database, made with the demo."""
    out = s.run("--quit-after-paint")
    _check("painted" in out, f"--quit-after-paint printed {out!r}")
    made = list((s.work / "xdg_data_home").rglob("jurydesk.sqlite")) + list(
        (s.work / "localappdata").rglob("jurydesk.sqlite")
    )
    _check(bool(made), "the first start made no database in the temporary data directory")


STEPS: list[tuple[str, Callable[[Smoke], None]]] = [
    ("jurydesk --version", version),
    ("init --demo", init_demo),
    ("results", results),
    ("a pack exported and opened with its code", pack),
    ("documents page of a stored PDF", document_page),
    ("the results workbook", workbook),
    ("the decision letters", letters),
    ("the window painted offscreen", gui),
]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    with tempfile.TemporaryDirectory(prefix="jurydesk-smoke-") as folder:
        extra = None
        if "--runtime-only" in args:
            hidden = hidden_modules()
            extra = hiding_env(Path(folder) / "hide", hidden)
            print(f"smoke: hiding {len(hidden)} module(s) the extras brought", flush=True)
        try:
            smoke = Smoke(Path(folder), extra)
            for name, step in STEPS:
                started = time.perf_counter()
                step(smoke)
                print(f"smoke: ok  {name} ({time.perf_counter() - started:.1f} s)", flush=True)
        except (SmokeError, subprocess.TimeoutExpired) as exc:
            print(f"smoke: FAILED {exc}", file=sys.stderr)
            return 1
    print("smoke: every step passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
