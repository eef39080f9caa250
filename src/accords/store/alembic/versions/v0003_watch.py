"""The tables of `accords watch`: each source's state (validators, last poll, errors, next
poll), the items each source has given, the matches of alert rules, and how far the
checking of the rules got.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watch_sources",
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("address", sa.Text, nullable=False),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("last_poll", sa.DateTime(timezone=True)),
        sa.Column("last_success", sa.DateTime(timezone=True)),
        sa.Column("last_error", sa.Text),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("next_poll", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("name", name="pk_watch_sources"),
    )
    op.create_table(
        "watch_seen",
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("item", sa.String(64), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("source", "item", name="pk_watch_seen"),
    )
    op.create_table(
        "watch_marks",
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("value", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_watch_marks"),
    )
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("rule", sa.String(64), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("fired_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True)),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_alerts"),
        sa.UniqueConstraint("rule", "subject", name="uq_alerts_rule_subject"),
    )
    op.create_index("ix_alerts_rule_fired_at", "alerts", ["rule", "fired_at"])


def downgrade() -> None:
    op.drop_table("alerts")
    op.drop_table("watch_marks")
    op.drop_table("watch_seen")
    op.drop_table("watch_sources")
