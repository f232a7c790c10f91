"""Opening a pack into a new juror database, all or nothing, and the packs' file names.

Packs and returns have their own extensions so that an installer can register them (a
double-click on a pack opens JuryDesk) without capturing every ``.zip``. Files named ``.zip``
by older versions are still read: the content, not the name, decides what a file is.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from jurydesk.i18n import _
from jurydesk.packs.archive import PackError
from jurydesk.packs.pack import open_pack
from jurydesk.paths import sqlite_path, sqlite_url
from jurydesk.store import StoreError, open_store

PACK_SUFFIX = ".jurypack"
RETURN_SUFFIX = ".juryreturn"
OLD_SUFFIX = ".zip"
SIDECARS = ("-wal", "-shm", "-journal", ".lock")  # SQLite and the writer lock


def is_pack_name(name: str) -> bool:
    """A file name that a double-click (or ``jurydesk FILE``) opens as a juror pack."""
    return name.lower().endswith((PACK_SUFFIX, OLD_SUFFIX))


def is_return_name(name: str) -> bool:
    return name.lower().endswith(RETURN_SUFFIX)


def remove_database_files(file: Path) -> None:
    """A SQLite file that was not finished, with its journal, WAL and lock files."""
    for path in (file, *(file.with_name(file.name + s) for s in SIDECARS)):
        with contextlib.suppress(OSError):  # no such folder: nothing to remove
            path.unlink(missing_ok=True)


def _why(exc: BaseException) -> str:
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or "disk is full" in str(exc):
        return _("the disk is full")  # SQLite says "database or disk is full"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return " ".join(str(exc).split())


def open_pack_into(pack: Path, url: str, code: str | None) -> dict[str, Any]:
    """Make the new juror database ``url`` from ``pack``, opened with the juror's ``code``.

    A SQLite file is built under a temporary name beside the target and renamed only once
    complete: a wrong code, a damaged pack, a read-only folder or a full disk leaves no file
    behind, and an existing database (the juror's scores) is never touched.
    """
    if not Path(pack).is_file():
        raise PackError(_("{file}: no such pack").format(file=pack))
    target = sqlite_path(url)
    if target is None:  # a server database: open_pack writes in one transaction
        store = open_store(url, write=True)
        try:
            return open_pack(store, Path(pack), code)
        finally:
            store.close()
    if target.exists():
        raise PackError(_("{file} exists already; choose a new file").format(file=target))
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_database_files(partial)
        store = open_store(sqlite_url(partial), write=True)
        try:
            manifest = open_pack(store, Path(pack), code)
        finally:
            store.close()
        os.replace(partial, target)
        remove_database_files(partial)  # the writer lock's file
    except PackError:
        remove_database_files(partial)
        raise
    except (OSError, StoreError, SQLAlchemyError) as exc:
        remove_database_files(partial)
        raise PackError(
            _("could not write the juror database in {folder}: {error}").format(
                folder=target.parent, error=_why(exc)
            )
        ) from None
    return manifest
