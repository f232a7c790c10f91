"""Opening the store: engine, pragmas, the writer lock, migrations, backups, sessions."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from jurydesk.i18n import _
from jurydesk.paths import sqlite_path
from jurydesk.store.backup import backup_sqlite
from jurydesk.store.errors import StoreError
from jurydesk.store.lock import WriterLock
from jurydesk.store.schema import ensure_schema
from jurydesk.store.tuning import optimize

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


@dataclass
class Store:
    """An open database: one per process, created explicitly at start-up."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    writable: bool
    lock: WriterLock | None = field(default=None, repr=False)

    @property
    def file(self) -> Path | None:
        return sqlite_path(self.url)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A short unit of work: committed when the block ends, rolled back on an error."""
        if not self.writable:
            raise StoreError("this database was opened read-only")
        with self.sessions.begin() as session:
            yield session

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A read-only unit of work."""
        with self.sessions() as session:
            yield session

    @contextmanager
    def read_connection(self) -> Iterator[Connection]:
        """A Core connection for a quick read that builds no ORM objects (the worklist after
        every autosave): taken from the pool and given back (rolled back) when the block ends,
        so no read ever sees an older snapshot than the last commit."""
        with self.engine.connect() as connection:
            yield connection

    def is_empty(self) -> bool:
        """No region yet: a database that was just created."""
        from sqlalchemy import select

        from jurydesk.store.models import Region

        with self.reader() as session:
            return session.scalar(select(Region.id).limit(1)) is None

    def backup(self, reason: str) -> Path | None:
        """A snapshot; its name carries the audit chain's head, an anchor outside the file."""
        if self.file is None:
            return None
        try:
            with self.engine.connect() as connection:
                head = connection.execute(
                    text("SELECT value FROM settings WHERE key = 'audit_head'")
                ).scalar()
        except OperationalError:
            head = None
        return backup_sqlite(self.file, f"{reason}-audit-{head[:16]}" if head else reason)

    def close(self) -> None:
        if self.writable and self.file is not None:
            try:  # planner statistics kept current (SQLite's advice: at close)
                with self.engine.begin() as connection:
                    optimize(connection)
            except OperationalError:
                pass  # busy or read-only medium: the statistics wait for the next close
        from jurydesk.store import audit_keys

        audit_keys.forget(self.engine)  # the audit keys live no longer than the store
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def _safe(url: str) -> str:
    """A server URL without its password, fit for a message."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL: show no part of it that may hold a secret
        return url.split("://", 1)[0] + "://…"


def _reason(detail: str) -> str:
    """What the driver's English detail means, in the user's language ("" when unknown)."""
    text = detail.lower()
    for marker, reason in (
        ("disk is full", _("the disk is full")),
        ("file is not a database", _("the file is not a database")),
        ("unable to open database file", _("the file cannot be opened or made there")),
        ("readonly database", _("the file is read-only")),
        ("connection refused", _("the server refuses the connection (is it running?)")),
        ("password authentication failed", _("the server refuses the user or password")),
        ("timeout expired", _("the server does not answer")),
        ("could not translate host name", _("the server's name is unknown")),
    ):
        if marker in text:
            return reason
    return ""


def open_store(url: str, *, write: bool = True, create: bool = True) -> Store:
    """Open (and if needed create and migrate) the database at ``url``.

    ``write`` takes the writer lock so that two running instances never write the same file.
    """
    file = sqlite_path(url)
    if file is not None:
        if not file.exists() and not create:
            raise StoreError(
                _("no database at {file}; create it with 'jurydesk init'").format(file=file)
            )
        file.parent.mkdir(parents=True, exist_ok=True)
    lock = WriterLock(file) if (write and file is not None) else None
    if lock is not None:
        lock.acquire()
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            ensure_schema(connection, allow_migrate=write)
    except StoreError:
        engine.dispose()
        if lock is not None:
            lock.release()
        raise
    except OperationalError as exc:
        engine.dispose()
        if lock is not None:
            lock.release()
        # The driver's own words (English, often an errno) go to the log (-v), not the message.
        log.info("opening %s failed: %s", file or _safe(url), exc.orig)
        reason = _reason(str(exc.orig))
        raise StoreError(
            _("cannot open the database {where}: {reason}").format(
                where=file or _safe(url), reason=reason
            )
            if reason
            else _("cannot open the database {where}; run with -v for the details").format(
                where=file or _safe(url)
            )
        ) from None
    sessions = sessionmaker(engine, expire_on_commit=False)
    return Store(url=url, engine=engine, sessions=sessions, writable=write, lock=lock)
