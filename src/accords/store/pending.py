"""Work a write leaves to be done after it (see schema.pending): marked in the write's own
transaction, cleared in the transaction that does the work."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from accords.store.schema import pending

STORIES = "stories"  # link the stories again: articles with events came or changed


def mark(connection: Connection, task: str) -> None:
    """Note that `task` is to be done. Call it last in the transaction: on PostgreSQL it
    holds the mark's row until the commit, so that a linking that started meanwhile, and
    cleared the mark, waits for these articles and sees them, or leaves the mark to them."""
    now = datetime.now(UTC)
    # an update, not DO NOTHING: only an update takes the row when the mark is there
    statement = upsert(connection)(pending).values(task=task, marked_at=now)
    connection.execute(
        statement.on_conflict_do_update(index_elements=["task"], set_={"marked_at": now})
    )


def upsert(connection: Connection) -> Any:
    """The dialect's INSERT, which has ON CONFLICT (SQLite and PostgreSQL alike)."""
    return postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert


def clear(connection: Connection, task: str) -> None:
    """Take `task` as being done. Call it first in the transaction that does it: a write
    that marks it meanwhile then waits for this one to end, and its mark stays."""
    connection.execute(delete(pending).where(pending.c.task == task))


def marked(connection: Connection, task: str) -> bool:
    return connection.scalar(select(pending.c.task).where(pending.c.task == task)) is not None
