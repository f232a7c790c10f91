"""Schema versioning: compare the database's Alembic revision with this app's, migrate.

The current head is a constant so that a start-up on an up-to-date database reads one row
and never imports Alembic; a test keeps the constant equal to the migrations' real head.
"""

from __future__ import annotations

from sqlalchemy import Connection, inspect, text

from jurydesk.paths import migrations_dir
from jurydesk.store.errors import StoreError

SCHEMA_HEAD = "0017"


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _alembic_config(connection: Connection):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["connection"] = connection
    return config


def known_revisions() -> set[str]:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}


def ensure_schema(connection: Connection, *, allow_migrate: bool) -> None:
    """Bring the schema to this app's head, or refuse a database newer than the app."""
    revision = current_revision(connection)
    if revision == SCHEMA_HEAD:
        return
    if revision is not None and revision not in known_revisions():
        raise StoreError(
            f"this database has schema version {revision}, newer than this JuryDesk "
            f"understands ({SCHEMA_HEAD}); update JuryDesk. The database was not touched."
        )
    if not allow_migrate:
        raise StoreError(
            f"this database has schema version {revision or 'none'}; open it once with "
            "write access to upgrade it"
        )
    from alembic import command

    command.upgrade(_alembic_config(connection), "head")


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    """Alembic comparisons skip SQLite's full-text table and its shadow tables."""
    return not (type_ == "table" and name is not None and name.startswith("document_fts"))
