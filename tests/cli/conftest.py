"""The CLI tests' database: a copy of the demo database (built once per session)."""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture
def db(tmp_path, _demo_template) -> str:  # type: ignore[no-untyped-def]
    """A copy of the demo database (made by `init --demo`, see test_init_demo)."""
    path = tmp_path / "cli.sqlite"
    shutil.copyfile(_demo_template, path)
    return str(path)
