"""The core runs headless: nothing outside jurydesk/ui imports PySide6."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "jurydesk"


def test_only_the_ui_package_imports_pyside6():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "ui" in path.relative_to(PACKAGE).parts[:1]:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] == "PySide6" for n in names):
                offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_cli_commands_never_load_qt_or_export_libraries(tmp_path):
    code = (
        "import sys\n"
        "from jurydesk.__main__ import main\n"
        f"main(['init', '--db', {str(tmp_path / 'x.sqlite')!r}])\n"
        f"main(['regions', '--db', {str(tmp_path / 'x.sqlite')!r}])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'openpyxl', 'reportlab')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_regions_do_not_depend_on_rebuttals():
    """The region's data is below the weerwoord rules: the arrow runs one way."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "jurydesk" / "regions"
    imports = re.compile(r"^\s*(from|import) jurydesk\.rebuttals", re.MULTILINE)
    offenders = [p.name for p in root.glob("*.py") if imports.search(p.read_text("utf-8"))]
    assert offenders == []
