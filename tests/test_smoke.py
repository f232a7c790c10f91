"""The smoke of `.ci/run` (scripts/smoke.py) against `make run`'s environment, locally.

`make run` installs the runtime dependencies into `.venv` (stamp `.installed-run`); `make test`
adds the test extras to the same `.venv`. So the smoke runs with `--runtime-only`: every
module that only the extras brought is hidden from the smoke's processes, which then see what
a `make run` before any `make test` sees. (CI also runs it in a clean environment that holds
the wheel alone, before the suite.) A missing runtime dependency is one clear line.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
CLI = VENV / ("Scripts/jurydesk-cli.exe" if os.name == "nt" else "bin/jurydesk-cli")
needs_run_env = pytest.mark.skipif(
    not (VENV / ".installed-run").exists() or not CLI.exists(),
    reason="no `make run` environment here (.venv/.installed-run): run `make run` first",
)


def _smoke_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("smoke", ROOT / "scripts" / "smoke.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _env(tmp_path: Path, hidden: set[str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JURYDESK_", "PYTHON"))}
    env.update(_smoke_module().hiding_env(tmp_path / "hide", hidden))
    env.update(XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    return env


@needs_run_env
def test_the_main_job_runs_in_make_runs_environment():
    done = subprocess.run(
        [str(PYTHON), str(ROOT / "scripts" / "smoke.py"), "--runtime-only"],
        capture_output=True,
        text=True,
        cwd=ROOT.parent,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "smoke: every step passed" in done.stdout
    assert done.stdout.count("smoke: ok") == 8


def test_runtime_only_hides_the_extras_and_keeps_the_runtime_dependencies(tmp_path):
    smoke = _smoke_module()
    closure = smoke.runtime_closure()
    assert {"cryptography", "numpy", "charset-normalizer", "pyside6-essentials"} <= closure
    assert {"pytest", "aiosmtpd", "pypdf", "hypothesis"}.isdisjoint(closure)
    hidden = smoke.hidden_modules()
    assert {"pytest", "aiosmtpd", "pypdf"} <= hidden
    assert {"cryptography", "numpy", "charset_normalizer", "PySide6", "jurydesk"}.isdisjoint(hidden)
    code = (
        "import importlib\n"
        "for name in ('pytest', 'aiosmtpd', 'cryptography', 'jurydesk.packs.seal'):\n"
        "    try:\n"
        "        importlib.import_module(name); print(name, 'ok')\n"
        "    except ModuleNotFoundError:\n"
        "        print(name, 'hidden')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=_env(tmp_path, hidden),
        timeout=120,
    )
    assert done.stdout.split("\n")[:4] == [
        "pytest hidden",
        "aiosmtpd hidden",
        "cryptography ok",
        "jurydesk.packs.seal ok",
    ], done.stderr


# Commands that need cryptography (the packs' seal): a command's module is imported when the
# command runs, and the app's start imports the packs' seal (whose database it is).
NEEDS_CRYPTOGRAPHY = [["pack", "open", "x.jurypack"], ["--quit-after-paint"]]


@needs_run_env
@pytest.mark.parametrize("args", NEEDS_CRYPTOGRAPHY)
def test_a_missing_runtime_dependency_is_one_dutch_line(tmp_path, args):
    """What the issue met (cryptography only in the test extra), simulated by hiding it."""
    env = _env(tmp_path, {"cryptography"})
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run([str(CLI), *args], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "jurydesk: het pakket cryptography ontbreekt; installeer het met: pip install cryptography"
    ]
    assert "Traceback" not in done.stderr


@needs_run_env
@pytest.mark.parametrize("args", [["--help"], ["--version"], ["regions", "--help"]])
def test_help_and_version_load_no_command_and_need_no_cryptography(tmp_path, args):
    """Only the given command's module is imported: help and version need none of them."""
    done = subprocess.run(
        [str(CLI), *args],
        capture_output=True,
        text=True,
        env=_env(tmp_path, {"cryptography"}),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout and not done.stderr


@needs_run_env
def test_the_app_without_qt_says_so_in_one_line(tmp_path):
    env = _env(tmp_path, {"PySide6", "shiboken6"})
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run(
        [str(CLI), "--quit-after-paint"], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "jurydesk: het pakket PySide6-Essentials ontbreekt; installeer het met: "
        "pip install PySide6-Essentials"
    ]


@needs_run_env
def test_a_dependency_that_cannot_load_names_itself_and_verbose_shows_why(tmp_path):
    """A broken install (a library raising ImportError from its own code) is one line; the
    traceback is there with -v only."""
    broken = tmp_path / "hide" / "cryptography"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text(
        "raise ImportError('libssl.so.3: cannot open shared object file')\n"
    )
    env = _env(tmp_path, set())
    done = subprocess.run(
        [str(CLI), *NEEDS_CRYPTOGRAPHY[0]], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "jurydesk: het pakket cryptography is geïnstalleerd maar kan niet geladen worden; "
        "installeer het opnieuw met: pip install --force-reinstall cryptography"
    ]
    verbose = subprocess.run(
        [str(CLI), "-v", *NEEDS_CRYPTOGRAPHY[0]],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert "libssl.so.3" in verbose.stderr and verbose.stderr.count("\njurydesk: ") == 1
