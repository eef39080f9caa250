"""The follow-up of commitments kept where stories are linked (store/followups.py): a row
for each commitment, repeats merged, with the earliest event that keeps it, and the newest
report's day, worked out from what is stored (as a full relink does) once v0009 adds the
generation that every such write bumps.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "follow_ups",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("sides", sa.String(300), nullable=False),
        sa.Column("ordering", sa.String(300), nullable=False),
        sa.Column("first_day", sa.Date),
        sa.Column("last_day", sa.Date),
        sa.Column("kept_day", sa.Date),
        sa.Column("row", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_follow_ups"),
    )
    op.create_index("ix_follow_ups_sides", "follow_ups", ["sides"])
    op.create_index("ix_follow_ups_ordering", "follow_ups", ["ordering"])
    op.create_table(
        "newest_report",
        sa.Column("day", sa.Date, nullable=False),
        sa.PrimaryKeyConstraint("day", name="pk_newest_report"),
    )


def downgrade() -> None:
    op.drop_table("newest_report")
    op.drop_index("ix_follow_ups_ordering", "follow_ups")
    op.drop_index("ix_follow_ups_sides", "follow_ups")
    op.drop_table("follow_ups")
