"""`pip install .` gives a working `jurydesk`: resources and migrations travel in the wheel.

The wheel is built and installed (without dependencies) into a clean virtual environment that
borrows this environment's third-party packages, then run from an unrelated directory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0 and "No module named 'hatchling'" in result.stderr:
        result = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert result.returncode == 0, result.stderr
    (built,) = out.glob("jurydesk-*.whl")
    return built


def test_wheel_holds_resources_and_migrations(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "jurydesk/_resources/regions/leuven.toml" in names
    assert "jurydesk/_resources/regions/dijleland-plus.toml" in names
    assert "jurydesk/_resources/locale/nl/LC_MESSAGES/jurydesk.mo" in names
    assert "jurydesk/_resources/demo/candidatures-leuven.csv" in names
    assert "jurydesk/_migrations/env.py" in names
    assert any(n.startswith("jurydesk/_migrations/versions/0001") for n in names)


def test_installed_wheel_works_from_any_directory(wheel, tmp_path):
    env_dir = tmp_path / "clean"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # Borrow the third-party packages, but not the editable JuryDesk of this checkout.
    (Path(purelib) / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            purelib,
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    db = str(elsewhere / "w.sqlite")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "JURYDESK_DB")}

    def jurydesk(*args: str) -> str:
        result = subprocess.run(
            [str(python), "-m", "jurydesk", *args],
            capture_output=True,
            text=True,
            cwd=elsewhere,
            env=env,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    where = subprocess.run(
        [
            str(python),
            "-c",
            "import jurydesk.paths as p; print(p.resources_dir()); print(p.migrations_dir())",
        ],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        check=True,
    )
    resources, migrations = where.stdout.split()
    assert resources.startswith(purelib) and migrations.startswith(purelib)
    jurydesk("init", "--demo", "--db", db)
    regions = json.loads(jurydesk("regions", "--json", "--db", db))
    assert {r["slug"] for r in regions} == {"leuven", "dijleland-plus"}
    assert "Marlies & Jordy" in jurydesk("region", "show", "leuven", "--db", db)
    rows = json.loads(jurydesk("candidatures", "--region", "leuven", "--json", "--db", db))
    assert len(rows) == 13
