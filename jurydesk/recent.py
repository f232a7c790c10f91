"""The databases this user opened in the app, most recent first (a small JSON file in the data
directory). The app's next start opens the first one that is still there, so a juror who
opened a pack finds their own database again after a restart."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from jurydesk.atomic import atomic_path
from jurydesk.paths import data_dir, is_url, sqlite_path

log = logging.getLogger(__name__)
FILE_NAME = "recent-databases.json"
KEEP = 8


def _file() -> Path:
    return data_dir() / FILE_NAME


def _target(url: str) -> str | None:
    """What is remembered of ``url``: a SQLite file's path, or a server URL that holds no
    password (a password is never written to disk); None for what cannot be reopened."""
    file = sqlite_path(url)
    if file is not None:
        return str(file)
    if not is_url(url) or url.startswith("sqlite"):
        return None
    from sqlalchemy.engine import make_url

    try:
        return None if make_url(url).password else url
    except Exception:  # not a URL SQLAlchemy can read: nothing to remember
        return None


def recent() -> list[str]:
    """File paths and server URLs, most recent first; an unreadable list is an empty one."""
    try:
        items = json.loads(_file().read_text("utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        log.info("the list of recent databases cannot be read: %s", exc)
        return []
    return [str(i) for i in items if isinstance(i, str)][:KEEP] if isinstance(items, list) else []


def _write(items: list[str]) -> None:
    try:
        with atomic_path(_file()) as tmp:
            tmp.write_text(json.dumps(items[:KEEP], indent=1), "utf-8")
    except OSError as exc:  # a read-only profile: the app works, it only forgets
        log.info("the list of recent databases cannot be written: %s", exc)


def remember(url: str) -> None:
    """``url`` was opened: first in the list from now on."""
    target = _target(url)
    if target is not None:
        _write([target, *(i for i in recent() if i != target)])


def forget(target: str) -> None:
    _write([i for i in recent() if i != target])


def exists(target: str) -> bool:
    return is_url(target) or Path(target).is_file()


def last_database() -> str | None:
    """The database the next start opens: the most recent one that still exists."""
    return next((t for t in recent() if exists(t)), None)
