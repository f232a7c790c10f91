"""Running `jurydesk` in-process and reading what it printed."""

from __future__ import annotations

import json
from typing import Any

from jurydesk.__main__ import main


def run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv: str) -> Any:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)
