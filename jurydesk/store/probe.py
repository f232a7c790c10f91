"""Is a file a JuryDesk database? Asked before a file the user picked is opened for writing,
so that opening another program's SQLite file never adds JuryDesk's tables to it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from jurydesk.i18n import _
from jurydesk.store.errors import StoreError

SQLITE_MAGIC = b"SQLite format 3\x00"


def check_database_file(file: Path) -> None:
    """Raise StoreError naming ``file`` unless it is a JuryDesk database (SQLite, with the
    schema version table JuryDesk keeps). Reads only."""
    if not file.is_file():
        raise StoreError(_("no database at {file}").format(file=file))
    try:
        with file.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(
            _("{file} cannot be read ({error})").format(file=file, error=exc.strerror or exc)
        ) from None
    refused = StoreError(_("{file} is not a JuryDesk database").format(file=file))
    if head != SQLITE_MAGIC:
        raise refused
    try:
        connection = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)
        try:
            names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        finally:
            connection.close()
    except sqlite3.Error:
        raise refused from None
    if "alembic_version" not in names or "regions" not in names:
        raise refused
