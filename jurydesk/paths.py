"""Every location JuryDesk reads or writes comes from this module.

The database lives in the user's data directory (platformdirs) unless ``--db`` or the
``JURYDESK_DB`` environment variable names another file or a SQLAlchemy URL. Bundled
resources (region files, locale catalogues) and the Alembic migrations are found both in a
source checkout (``resources/``, ``db/`` beside the package) and in an installed wheel
(``jurydesk/_resources``, ``jurydesk/_migrations``).
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

APP_NAME = "JuryDesk"
ENV_DB = "JURYDESK_DB"
DEFAULT_DB_NAME = "jurydesk.sqlite"

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The per-user data directory (created on demand)."""
    from platformdirs import user_data_path

    path = user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _bundled(installed_name: str, source_name: str) -> Path:
    installed = Path(str(files("jurydesk") / installed_name))
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / source_name


def resources_dir() -> Path:
    """The folder with region files, rubrics and locale catalogues."""
    return _bundled("_resources", "resources")


def migrations_dir() -> Path:
    """The Alembic script folder."""
    return _bundled("_migrations", "db")


def is_url(target: str) -> bool:
    return "://" in target


def default_db() -> Path:
    """The database a start opens when neither ``--db`` nor ``JURYDESK_DB`` names one."""
    return data_dir() / DEFAULT_DB_NAME


def resolve_db(arg: str | None) -> str:
    """Turn ``--db`` / ``JURYDESK_DB`` / the default into a SQLAlchemy URL."""
    target = arg or os.environ.get(ENV_DB) or str(default_db())
    if is_url(target):
        return target
    return sqlite_url(Path(target))


def sqlite_url(file: Path) -> str:
    """The SQLAlchemy URL of a SQLite file (absolute, forward slashes, also on Windows)."""
    return f"sqlite:///{file.expanduser().resolve().as_posix()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for another backend or an in-memory database."""
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        return None
    rest = url[len(prefix) :]
    if not rest or rest == ":memory:":
        return None
    return Path(rest.split("?", 1)[0])
