"""The sides and domains of events as rows of their own (event_sides, event_domains), with
an index each, filled from the events already stored: filters on them then read an index
instead of testing every event's space-separated codes (see store/schema.py).

Revision ID: 0005
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from accords.store.write import add_codes

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None

BATCH = 10_000  # events read and written at a time


def upgrade() -> None:
    for table, column, width in (("event_sides", "country", 16), ("event_domains", "domain", 64)):
        op.create_table(
            table,
            sa.Column("event_id", sa.Integer, nullable=False),
            sa.Column(column, sa.String(width), nullable=False),
            sa.PrimaryKeyConstraint("event_id", column, name=f"pk_{table}"),
            sa.ForeignKeyConstraint(
                ["event_id"], ["events.id"], ondelete="CASCADE", name=f"fk_{table}_event_id_events"
            ),
        )
    connection = op.get_bind()
    stored = sa.table("events", sa.column("id"), sa.column("countries"), sa.column("domains"))
    last = 0
    while True:  # by id, a batch at a time: a million events fit in no one statement
        rows = connection.execute(
            sa.select(stored.c.id, stored.c.countries, stored.c.domains)
            .where(stored.c.id > last)
            .order_by(stored.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            break
        add_codes(connection, [(row.id, row.countries, row.domains) for row in rows])
        last = rows[-1].id
    # the indexes after the rows: built once rather than kept up row by row
    op.create_index("ix_event_sides_country_event_id", "event_sides", ["country", "event_id"])
    op.create_index("ix_event_domains_domain_event_id", "event_domains", ["domain", "event_id"])


def downgrade() -> None:
    op.drop_table("event_domains")
    op.drop_table("event_sides")
