"""Alembic's entry point: migrations run on the connection that `migrate.upgrade` hands
over, inside its transaction, so that two processes opening a new database at once do
not both create the tables."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None)
with context.begin_transaction():
    context.run_migrations()
