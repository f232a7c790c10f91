"""One writer per database file: a second JuryDesk on the same file is refused."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from jurydesk.i18n import _
from jurydesk.store.errors import StoreError


class WriterLock:
    """An exclusive lock beside the database file, held while this process may write."""

    def __init__(self, db_file: Path) -> None:
        self.path = db_file.with_name(db_file.name + ".lock")
        self._lock = FileLock(str(self.path))

    def acquire(self) -> None:
        try:
            self._lock.acquire(timeout=0.5)
        except Timeout:
            raise StoreError(
                _("the database {file} is in use by another JuryDesk; close it there first").format(
                    file=self.path.with_suffix("")
                )
            ) from None

    def release(self) -> None:
        self._lock.release()
