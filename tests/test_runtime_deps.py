"""Every third-party module that jurydesk/ imports is a RUNTIME dependency.

`make run` and `pip install .` install [project].dependencies only; a module that arrives
through an extra (`test`, `bundle`) or through another package's dependencies works on a
developer's machine and fails on a user's. The imports are read from the source (ast), so a
module imported lazily inside a function counts too.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# PySide6-Essentials provides these modules; the wheel's metadata names them so, but an
# environment with the full PySide6 would map them to another distribution.
PROVIDED_BY = {"PySide6": "pyside6-essentials", "shiboken6": "pyside6-essentials"}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_dependencies(pyproject: Path) -> set[str]:
    """The distributions in [project].dependencies (extras do not count)."""
    deps = tomllib.loads(pyproject.read_text("utf-8"))["project"].get("dependencies", [])
    return {_normal(re.split(r"[\s<>=!~\[;(]", d, maxsplit=1)[0]) for d in deps}


def imported_modules(package: Path) -> dict[str, set[str]]:
    """Top-level module name -> the files under ``package`` that import it (absolute imports)."""
    found: dict[str, set[str]] = {}
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(path.name)
    return found


def undeclared(package: Path, pyproject: Path) -> dict[str, str]:
    """Third-party modules no runtime dependency provides, with the reason."""
    declared = runtime_dependencies(pyproject)
    owners_of = packages_distributions()
    problems = {}
    for top, files in sorted(imported_modules(package).items()):
        if top in sys.stdlib_module_names or top in (package.name, "__future__"):
            continue
        owners = (
            {PROVIDED_BY[top]}
            if top in PROVIDED_BY
            else {_normal(d) for d in owners_of.get(top, [])}
        )
        where = ", ".join(sorted(files)[:3])
        if not owners:
            problems[top] = f"no installed distribution provides it (imported in {where})"
        elif not owners & declared:
            problems[top] = (
                f"provided by {', '.join(sorted(owners))}, which is not in "
                f"[project].dependencies (imported in {where})"
            )
    return problems


def test_every_imported_third_party_module_is_a_runtime_dependency():
    assert undeclared(ROOT / "jurydesk", ROOT / "pyproject.toml") == {}


def test_the_walk_finds_a_module_that_only_an_extra_or_a_dependency_provides(tmp_path):
    """What the issue met: cryptography in the test extra only, numpy only through scipy."""
    package = tmp_path / "app"
    package.mkdir()
    (package / "seal.py").write_text(
        "def seal():\n    from cryptography.hazmat.primitives.ciphers.aead import AESGCM\n"
    )
    (package / "suggest.py").write_text("import numpy as np\nimport scipy\nimport json\n")
    (package / "inner.py").write_text("from app import seal\nfrom . import suggest\n")
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[project]\nname = "app"\ndependencies = ["scipy>=1.9"]\n'
        '[project.optional-dependencies]\ntest = ["cryptography>=42"]\n'
    )
    problems = undeclared(package, pyproject)
    assert set(problems) == {"cryptography", "numpy"}
    assert "seal.py" in problems["cryptography"]
