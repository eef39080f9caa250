"""The generation of the follow-up (store/schema.py `follow_ups_generation`): one row, that
every write of follow_ups bumps, so that the web's cache of them sees a relink that only
moved stories; then the follow-up worked out from what is stored, as a full relink does
(v0008 made its tables, and a store older than it has none yet).

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from accords.store.followups import refollow

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table("follow_ups_generation", sa.Column("value", sa.Integer, nullable=False))
    op.bulk_insert(table, [{"value": 0}])
    refollow(op.get_bind())


def downgrade() -> None:
    op.drop_table("follow_ups_generation")
