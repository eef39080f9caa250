"""Where the database is and how to talk to it: a SQLite file by default, PostgreSQL by URL.

SQLite is set up for several writers at once: WAL (readers never wait for a writer), a
busy timeout (a writer waits for another instead of failing), and every write transaction
opened with BEGIN IMMEDIATE, which takes the write lock at the start. With SQLite's default
deferred BEGIN, two transactions that both read and then write deadlock, and one of them
fails at once whatever the timeout.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from accords.errors import StoreError

DEFAULT_FILE = "accords.db"
ENVIRONMENT = "ACCORDS_DB"
BUSY_SECONDS = 60
READ_ONLY = "accords_read_only"  # execution option: open a deferred (shared) transaction
# values bound in one IN (...): SQLite refuses more than its limit (250,000 in Debian's
# build, 32,766 in others), and a store of a million reports has more ids than that
BOUND_AT_ONCE = 500

Key = TypeVar("Key", int, str)  # row ids and story ids


def database_url(db: str | None = None) -> str:
    """The SQLAlchemy URL for `--db`, else $ACCORDS_DB, else accords.db here. A plain path
    is a SQLite file; postgresql:// goes through psycopg 3."""
    value = db or os.environ.get(ENVIRONMENT) or DEFAULT_FILE
    if value.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    if "://" in value:
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def shown(url: str) -> str:
    """The URL as it may be printed: without its password."""
    try:
        parsed = make_url(url)
    except ArgumentError:  # an unparsable URL has no password we could hide
        return url
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def missing_file(url: str) -> str | None:
    """The path of a SQLite database file that does not exist, else None."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    name = parsed.database
    if parsed.get_backend_name() != "sqlite" or not name or name == ":memory:":
        return None
    return None if Path(name).exists() else name


def create(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(
            f"not a database URL: {url!r} (try a file name or postgresql://user@host/db)"
        ) from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            folder = Path(parsed.database).parent
            if not folder.is_dir():
                raise StoreError(f"no folder {folder} for the database; create it first")
        engine = create_engine(url, connect_args={"timeout": BUSY_SECONDS})
        _set_up_sqlite(engine)
        return engine
    if backend == "postgresql":
        # statements differ with the number of rows they insert: preparing them server-side
        # (psycopg does after five runs) costs more than it saves
        return create_engine(url, connect_args={"prepare_threshold": None})
    raise StoreError(f"accords stores in SQLite or PostgreSQL, not {backend}")


def _write_ahead(cursor: Any) -> None:
    """Put the file in WAL mode (it stays so). The switch needs the file to itself, and
    SQLite refuses it at once, without the busy timeout, while another connection opens
    the same new file: try again for as long as a writer would wait."""
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _set_up_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        # autocommit at the driver level: pysqlite's own implicit BEGIN would come before
        # ours and be deferred; we say BEGIN ourselves in _begin
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_SECONDS * 1000}")
        if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            _write_ahead(cursor)
        # in WAL mode NORMAL survives a killed process; only a power cut may lose the
        # last transactions, never consistency
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN DEFERRED" if read_only else "BEGIN IMMEDIATE")


def bound_chunks(values: Iterable[Key]) -> Iterator[list[Key]]:
    """The values in sorted chunks small enough to bind in one statement on any database."""
    ordered = sorted(set(values))
    for start in range(0, len(ordered), BOUND_AT_ONCE):
        yield ordered[start : start + BOUND_AT_ONCE]
