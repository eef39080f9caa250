"""The people's events counted from an index: event_actors is indexed on (actor_id,
event_id) instead of actor_id alone, so that /actors and its export, which count every
person's distinct events to order them, read the index alone instead of looking each row
up in the table and sorting its events (0.15 s of CPU at 100,000 events on SQLite, then
0.015 s). The index serves every lookup by actor the old one did.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_event_actors_actor_id_event_id", "event_actors", ["actor_id", "event_id"])
    op.drop_index("ix_event_actors_actor_id", "event_actors")


def downgrade() -> None:
    op.create_index("ix_event_actors_actor_id", "event_actors", ["actor_id"])
    op.drop_index("ix_event_actors_actor_id_event_id", "event_actors")
