"""The frozen build, run as a juror's and a secretariat's laptop would: `make bundle-check`.

Skipped unless JURYDESK_BUNDLE names a built dist/JuryDesk folder (make bundle-check builds
it and sets it). Every step runs the frozen executables, never this Python: a resource that
PyInstaller left behind (a region file, a migration, babel's Dutch, tzdata, HiGHS, PDFium)
fails here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

BUNDLE = (
    str(Path(os.environ["JURYDESK_BUNDLE"]).resolve())
    if os.environ.get("JURYDESK_BUNDLE")
    else None
)
pytestmark = pytest.mark.skipif(not BUNDLE, reason="no frozen build (make bundle-check)")
EXE = ".exe" if sys.platform == "win32" else ""
# The offscreen platform's own note about window hints; anything else on stderr is an error.
QT_NOTES = ("This plugin does not support propagateSizeHints()",)


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(
        JURYDESK_PASSPHRASE="demo",
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        HOME=str(tmp_path / "home"),
    )
    env.pop("JURYDESK_DB", None)
    return env


def _cli(tmp_path: Path, *args: str) -> str:
    done = subprocess.run(
        [str(Path(BUNDLE or "") / f"jurydesk-cli{EXE}"), *args],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        cwd=tmp_path,
        timeout=300,
    )
    assert done.returncode == 0, f"{args}: {done.stderr}"
    assert "Traceback" not in done.stderr
    return done.stdout


def _json(tmp_path: Path, *args: str):  # type: ignore[no-untyped-def]
    return json.loads(_cli(tmp_path, *args, "--json"))


def _proposal(path: Path) -> Path:
    canvas = Canvas(str(path))
    canvas.drawString(72, 720, "Voorstel: buurtwerking rond schuldhulpverlening in Kessel-Lo")
    canvas.showPage()
    canvas.save()
    return path


def test_the_frozen_cli_runs_a_whole_call(tmp_path):  # type: ignore[no-untyped-def]
    home = str(tmp_path / "secretariaat.sqlite")
    db = ("--db", home)
    assert "leuven" in _cli(tmp_path, "init", "--demo", *db)
    results = _json(tmp_path, "results", "--region", "leuven", "--round", "1", *db)
    assert results and all("final" in row for row in results)
    book = tmp_path / "resultaten.xlsx"
    _cli(tmp_path, "export", "excel", str(book), "--region", "leuven", *db)
    sheets = load_workbook(book, read_only=True).sheetnames
    assert len(sheets) >= 3
    letters = tmp_path / "brieven"
    _cli(tmp_path, "export", "letters", str(letters), "--region", "leuven", "--round", "1", *db)
    pdfs = sorted(letters.glob("*.pdf"))
    assert pdfs
    text = PdfReader(pdfs[0]).pages[0].extract_text()
    assert "Leuven" in text and "2023" in text  # a Dutch date, from babel's data in the build
    candidature = str(results[0]["candidature"])
    _cli(
        tmp_path,
        "documents",
        "add",
        "--candidature",
        candidature,
        str(_proposal(tmp_path / "v.pdf")),
        *db,
    )
    hits = _json(tmp_path, "search", "schuldhulpverlening", "--region", "leuven", *db)
    assert [str(h["candidature"]) for h in hits] == [candidature]  # PDFium's text, FTS5
    # The reader's renderer: a child process started through the frozen executable.
    document = str(hits[0]["document"])
    page = _json(tmp_path, "documents", "page", document, str(tmp_path / "p.png"), *db)
    assert page["width"] > 800 and (tmp_path / "p.png").stat().st_size > 1000
    suggestion = _json(tmp_path, "portfolio", "--region", "leuven", "--suggest", *db)
    assert suggestion["suggestion"]["candidatures"]  # HiGHS through scipy chose
    windows = _json(tmp_path, "rebuttals", "--region", "leuven", *db)
    # Belgian holidays and Europe/Brussels (tzdata) in the windows' bounds
    assert windows and all(w["opens"].endswith(("+02:00", "+01:00")) for w in windows)


def test_a_juror_pack_travels_through_the_frozen_build(tmp_path):  # type: ignore[no-untyped-def]
    home = str(tmp_path / "secretariaat.sqlite")
    _cli(tmp_path, "init", "--demo", "--db", home)
    juror = _json(
        tmp_path,
        "juror",
        "add",
        "--name",
        "Laptop Jurylid",
        "--role",
        "expert",
        "--region",
        "leuven",
        "--db",
        home,
    )["id"]
    # No juror scores before a signed declaration (verklaring op eer): here one on paper.
    _cli(
        tmp_path,
        "declaration",
        "sign",
        "--region",
        "leuven",
        "--juror",
        str(juror),
        "--on-paper",
        "--date",
        "2023-06-12",
        "--db",
        home,
    )
    pack = tmp_path / "pakket.jurypack"
    code = _json(tmp_path, "pack", "export", "--juror", str(juror), str(pack), "--db", home)["code"]
    mine = str(tmp_path / "jurylid.sqlite")
    _json(tmp_path, "pack", "open", str(pack), "--db", mine, "--code", code)
    rubric = _json(tmp_path, "rubric", "show", "--region", "leuven", "--db", mine)
    for criterion in rubric["rounds"][0]["criteria"]:
        _cli(
            tmp_path,
            "score",
            "--juror",
            str(juror),
            "--candidature",
            "14",
            "--round",
            "1",
            "--criterion",
            criterion["key"],
            "--value",
            "2",
            "--motivation",
            "ok",
            "--db",
            mine,
        )
    _cli(
        tmp_path,
        "finalize",
        "--juror",
        str(juror),
        "--candidature",
        "14",
        "--round",
        "1",
        "--db",
        mine,
    )
    back = tmp_path / "terug.juryreturn"
    assert _json(tmp_path, "pack", "return", str(back), "--db", mine)["sequence"] == 1
    merged = _json(tmp_path, "pack", "import", str(back), "--db", home)[0]
    assert merged["written"]


def _gui(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(Path(BUNDLE or "") / f"JuryDesk{EXE}"), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(tmp_path),
        cwd=tmp_path,
    )


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip() and line not in QT_NOTES]


def test_the_frozen_app_paints_and_runs_without_errors(tmp_path):  # type: ignore[no-untyped-def]
    home = str(tmp_path / "secretariaat.sqlite")
    _cli(tmp_path, "init", "--demo", "--db", home)
    started = time.perf_counter()
    painted = _gui(tmp_path, "--db", home, "--quit-after-paint")
    out, err = painted.communicate(timeout=120)
    elapsed = time.perf_counter() - started
    assert painted.returncode == 0 and out.strip() == "painted", err
    assert _errors(err) == []
    print(f"frozen start to first paint: {elapsed:.2f} s")
    running = _gui(tmp_path, "--db", home)
    time.sleep(5)
    assert running.poll() is None, running.communicate()[1]  # still up after five seconds
    running.terminate()
    _out, err = running.communicate(timeout=30)
    assert _errors(err) == []
