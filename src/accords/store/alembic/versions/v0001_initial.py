"""The first schema: articles, events, actors, event_actors, commitments, quantities,
evidence, and the full-text index of each database.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("raw_hash", sa.String(64)),
        sa.Column("source", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("lang", sa.String(8)),
        sa.Column("published", sa.Date),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("extractor_version", sa.String(32), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("hash", name="uq_articles_hash"),
    )
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_index("ix_articles_extractor_version", "articles", ["extractor_version"])
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("article_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(32), nullable=False),
        sa.Column("countries", sa.Text, nullable=False),
        sa.Column("orgs", sa.Text, nullable=False),
        sa.Column("domains", sa.Text, nullable=False),
        sa.Column("location_id", sa.String(64)),
        sa.Column("location_name", sa.Text),
        sa.Column("location_name_latn", sa.Text),
        sa.Column("location_country", sa.String(3)),
        sa.Column("date", sa.String(10)),
        sa.Column("day", sa.String(10)),
        sa.Column("gist", sa.Text, nullable=False),
        sa.Column("story", sa.String(16)),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            ondelete="CASCADE",
            name="fk_events_article_id_articles",
        ),
    )
    op.create_index("ix_events_article_id", "events", ["article_id"])
    op.create_index("ix_events_day", "events", ["day"])
    op.create_index("ix_events_story", "events", ["story"])
    op.create_table(
        "actors",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_latn", sa.Text, nullable=False),
        sa.Column("country", sa.String(3)),
        sa.Column("gazetteer_id", sa.String(64)),
        sa.PrimaryKeyConstraint("id", name="pk_actors"),
        sa.UniqueConstraint("key", name="uq_actors_key"),
    )
    op.create_table(
        "event_actors",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("event_id", sa.Integer, nullable=False),
        sa.Column("actor_id", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("role", sa.Text),
        sa.Column("org", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_event_actors"),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], ondelete="CASCADE", name="fk_event_actors_event_id_events"
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actors.id"], name="fk_event_actors_actor_id_actors"
        ),
    )
    op.create_index("ix_event_actors_event_id", "event_actors", ["event_id"])
    op.create_index("ix_event_actors_actor_id", "event_actors", ["actor_id"])
    op.create_table(
        "commitments",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("article_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("by_countries", sa.Text, nullable=False),
        sa.Column("to_countries", sa.Text, nullable=False),
        sa.Column("domains", sa.Text, nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("sentence", sa.Integer),
        sa.PrimaryKeyConstraint("id", name="pk_commitments"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            ondelete="CASCADE",
            name="fk_commitments_article_id_articles",
        ),
    )
    op.create_index("ix_commitments_article_id", "commitments", ["article_id"])
    op.create_table(
        "quantities",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("article_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("unit", sa.String(32), nullable=False),
        sa.Column("what", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_quantities"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            ondelete="CASCADE",
            name="fk_quantities_article_id_articles",
        ),
    )
    op.create_index("ix_quantities_article_id", "quantities", ["article_id"])
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("article_id", sa.Integer, nullable=False),
        sa.Column("event_id", sa.Integer),
        sa.Column("commitment_id", sa.Integer),
        sa.Column("quantity_id", sa.Integer),
        sa.Column("event_actor_id", sa.Integer),
        sa.Column("start_char", sa.Integer, nullable=False),
        sa.Column("end_char", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_evidence"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            ondelete="CASCADE",
            name="fk_evidence_article_id_articles",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], ondelete="CASCADE", name="fk_evidence_event_id_events"
        ),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitments.id"],
            ondelete="CASCADE",
            name="fk_evidence_commitment_id_commitments",
        ),
        sa.ForeignKeyConstraint(
            ["quantity_id"],
            ["quantities.id"],
            ondelete="CASCADE",
            name="fk_evidence_quantity_id_quantities",
        ),
        sa.ForeignKeyConstraint(
            ["event_actor_id"],
            ["event_actors.id"],
            ondelete="CASCADE",
            name="fk_evidence_event_actor_id_event_actors",
        ),
    )
    op.create_index("ix_evidence_article_id", "evidence", ["article_id"])
    op.create_index("ix_evidence_event_id", "evidence", ["event_id"])
    op.create_index("ix_evidence_commitment_id", "evidence", ["commitment_id"])
    _create_search()


def _create_search() -> None:
    """The full-text index over folded titles and texts (see accords.store.search)."""
    if op.get_context().dialect.name == "postgresql":
        op.execute("""
            CREATE TABLE article_search (
                article_id INTEGER PRIMARY KEY
                    REFERENCES articles (id) ON DELETE CASCADE,
                document TSVECTOR NOT NULL
            )""")
        op.execute("CREATE INDEX ix_article_search_document ON article_search USING GIN (document)")
    else:
        # the folded text differs from articles.text, so the index keeps its own copy
        # (an external-content table would index the unfolded text)
        op.execute(
            "CREATE VIRTUAL TABLE article_search USING fts5("
            "title, body, joined, tokenize = 'unicode61')"
        )


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS article_search")
    for table in (
        "evidence",
        "quantities",
        "commitments",
        "event_actors",
        "actors",
        "events",
        "articles",
    ):
        op.drop_table(table)
