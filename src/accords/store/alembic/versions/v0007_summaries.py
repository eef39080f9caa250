"""Summaries of the whole store for the web pages (store/summaries.py): the tallies of real
events by side, sides, language, day and domain, and venue; the lead event of each story,
with an index by day that a list of one row a story walks; an index of the articles by
language. Filled from what is stored, as a full relink counts them.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from accords.store.summaries import recount

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "events", sa.Column("lead", sa.Boolean, nullable=False, server_default=sa.false())
    )
    op.create_table(
        "tallies",
        sa.Column("fact", sa.String(16), nullable=False),
        sa.Column("scope", sa.String(16), nullable=False),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("fact", "scope", "key", name="pk_tallies"),
    )
    op.create_index("ix_articles_lang", "articles", ["lang"])
    recount(op.get_bind())
    # after the leads are marked: built once rather than kept up row by row
    op.create_index("ix_events_lead_day_id", "events", ["lead", "day", "id"])


def downgrade() -> None:
    op.drop_index("ix_events_lead_day_id", "events")
    op.drop_index("ix_articles_lang", "articles")
    op.drop_table("tallies")
    with op.batch_alter_table("events") as table:
        table.drop_column("lead")
