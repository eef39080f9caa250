"""The table of pending work: story linking that a stopped ingest left undone. A store
that an older version left half-linked (events stored without a story) is marked here,
so that the next ingest links it.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pending = op.create_table(
        "pending",
        sa.Column("task", sa.String(32), nullable=False),
        sa.Column("marked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("task", name="pk_pending"),
    )
    unlinked = op.get_bind().scalar(sa.text("SELECT 1 FROM events WHERE story IS NULL LIMIT 1"))
    if unlinked:
        op.bulk_insert(pending, [{"task": "stories", "marked_at": datetime.now(UTC)}])


def downgrade() -> None:
    op.drop_table("pending")
