"""Bring a database to the latest schema with Alembic, run from code when a store opens.

The whole upgrade runs in one transaction that first takes a lock (SQLite's write lock,
PostgreSQL's advisory lock), so that of two processes opening a new database at the same
moment, one creates the tables and the other then finds them there.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

SCRIPTS = Path(__file__).resolve().parent / "alembic"
_LOCK_ID = 0x616363  # any number shared by all accords processes: "acc"


def config() -> Config:
    settings = Config()
    settings.set_main_option("script_location", str(SCRIPTS))
    return settings


def head() -> str | None:
    return ScriptDirectory.from_config(config()).get_current_head()


def current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    target = head()
    with engine.connect() as probe:
        if current(probe) == target:
            return  # the common case: no lock, no Alembic machinery
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _LOCK_ID})
        settings = config()
        settings.attributes["connection"] = connection
        command.upgrade(settings, "head")
