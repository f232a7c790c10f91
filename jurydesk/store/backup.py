"""Rotating backups of a SQLite database with SQLite's online backup API."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

KEEP = 10


def backups_dir(db_file: Path) -> Path:
    return db_file.parent / "backups"


def backup_sqlite(db_file: Path, reason: str, keep: int = KEEP) -> Path | None:
    """Copy a consistent snapshot of ``db_file``; keep the newest ``keep`` per database."""
    if not db_file.exists() or db_file.stat().st_size == 0:
        return None
    folder = backups_dir(db_file)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{db_file.stem}-{stamp}-{reason}.sqlite"
    source = sqlite3.connect(db_file)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    old = sorted(folder.glob(f"{db_file.stem}-*.sqlite"))
    for stale in old[:-keep] if keep > 0 else old:
        stale.unlink(missing_ok=True)
    return target
