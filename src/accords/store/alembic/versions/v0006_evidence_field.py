"""Evidence says which field of its event its words name (sides, type, domain, place,
date): a store of an older version keeps its rows, all of them an event's sentences (or
what their owner is), until its articles are extracted again (`accords reextract`).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("evidence") as table:
        table.add_column(sa.Column("field", sa.String(16)))


def downgrade() -> None:
    with op.batch_alter_table("evidence") as table:
        table.drop_column("field")
