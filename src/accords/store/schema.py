"""The tables, in SQLAlchemy Core, for SQLite and PostgreSQL alike.

Lists of short codes (countries, organisations, domains) are kept as space-separated text
("IRN RUS"): the codes hold no spaces, and no JSON operators differ between the databases.
The sides and domains of events are kept a second time as rows of their own
(event_sides, event_domains), written with the events by the same writers: a filter on a
side or a domain reads them through their index instead of testing every event's text.
The full-text index is not here: it is a different kind of object on each database (see
search.py and the migrations).

What a page would otherwise recompute over every event on each request is kept as
summaries (store/summaries.py says which page reads which, and what stays a query):
`tallies`, counts of real events (stories, and events of no story) overall and by side,
by sides, language, first day and domain, and venue; and `events.lead`, the event a list of
one row a story shows for its story, with an index that pages walk. The writers keep
them with the events (add, replace, link a few new reports) and a full relink counts them
all again.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True),
    # sha256 of the normalised text: the same article from any source is stored once
    Column("hash", String(64), nullable=False, unique=True),
    Column("raw_hash", String(64)),  # sha256 of the bytes as read
    Column("source", Text),  # where it was read: file, file:line, feed#item, crawl#url
    Column("title", Text),
    Column("url", Text),
    Column("outlet", Text),
    Column("lang", String(8)),
    Column("published", Date),
    Column("text", Text, nullable=False),
    Column("extractor_version", String(32), nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Index(None, "published"),
    Index(None, "extractor_version"),
    Index(None, "lang"),  # the home page counts them by language: the index alone is read
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),  # order within the article
    Column("type", String(16), nullable=False),
    Column("mode", String(32), nullable=False),
    Column("countries", Text, nullable=False),
    Column("orgs", Text, nullable=False),
    Column("domains", Text, nullable=False),
    Column("location_id", String(64)),
    Column("location_name", Text),
    Column("location_name_latn", Text),
    Column("location_country", String(3)),
    Column("date", String(10)),  # as extracted: "2024-01-18", "2024-01", "--01-18"
    # a sortable day for filters: the date, completed from the publication date
    Column("day", String(10)),
    Column("gist", Text, nullable=False),
    Column("story", String(16)),
    # the first event of its story (the oldest day, undated last, then the lowest id), or
    # an event of no story: the one row a story has in a list of real events
    Column("lead", Boolean, nullable=False, server_default=false(), info={"summary": True}),
    Index(None, "article_id"),
    Index(None, "day"),
    Index(None, "story"),
    Index(None, "lead", "day", "id"),
)

# each side and each domain of an event, a row each, for filters (see the docstring): the
# primary key finds an event's codes, the index the events of a code
event_sides = Table(
    "event_sides",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("country", String(16), primary_key=True),
    Index(None, "country", "event_id"),
)

event_domains = Table(
    "event_domains",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("domain", String(64), primary_key=True),
    Index(None, "domain", "event_id"),
)

actors = Table(
    "actors",
    metadata,
    Column("id", Integer, primary_key=True),
    # the gazetteer id when the person is known, else country and folded Latin name
    Column("key", String(200), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("name_latn", Text, nullable=False),
    Column("country", String(3)),
    Column("gazetteer_id", String(64)),
)

event_actors = Table(
    "event_actors",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("actor_id", Integer, ForeignKey("actors.id"), nullable=False),
    Column("name", Text, nullable=False),  # as this article writes it
    Column("role", Text),  # roles change over time, so they belong to the event
    Column("org", Text),
    Index(None, "event_id"),
    # a person's events read from the index alone: /actors counts everyone's (v0010)
    Index(None, "actor_id", "event_id"),
)

commitments = Table(
    "commitments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("by_countries", Text, nullable=False),
    Column("to_countries", Text, nullable=False),
    Column("domains", Text, nullable=False),
    Column("action", Text, nullable=False),
    Column("sentence", Integer),
    Index(None, "article_id"),
)

quantities = Table(
    "quantities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("value", Float, nullable=False),
    Column("unit", String(32), nullable=False),
    Column("what", Text, nullable=False),
    Index(None, "article_id"),
)

# offsets into articles.text, in code points; each row belongs to exactly one owner
evidence = Table(
    "evidence",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE")),
    Column("commitment_id", Integer, ForeignKey("commitments.id", ondelete="CASCADE")),
    Column("quantity_id", Integer, ForeignKey("quantities.id", ondelete="CASCADE")),
    Column("event_actor_id", Integer, ForeignKey("event_actors.id", ondelete="CASCADE")),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    # of an event's row, the field its words say (accords.model.Field: sides, type, domain,
    # place, date); none: the sentences that report the event, or what the owner is
    Column("field", String(16)),
    Index(None, "article_id"),
    Index(None, "event_id"),
    Index(None, "commitment_id"),
)

# how many real events (stories, and events of no story) have a fact, over the whole store
# (scope "") and over the events of each side (scope "IRN": as a filter on that country
# counts them); what the facts are and who keeps them: store/summaries.py
tallies = Table(
    "tallies",
    metadata,
    Column("fact", String(16), primary_key=True),  # stories, sides, lang, day, venue, ...
    Column("scope", String(16), primary_key=True),
    Column("key", String(300), primary_key=True),  # "IRN OMN", "fa", "2024-01-15 terrorism"
    Column("n", Integer, nullable=False),
)

# what became of each commitment (repeats merged), as store/followups.py works it out where
# stories are linked: its row as `accords commitments` prints it, with the earliest event
# that keeps it however late; the status is the stale rule's, applied as it is read
follow_ups = Table(
    "follow_ups",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sides", String(300), nullable=False),  # those that committed: "IRN", "IRN OMN"
    Column("ordering", String(300), nullable=False),  # the order of first mention
    Column("first_day", Date),
    Column("last_day", Date),
    Column("kept_day", Date),
    Column("row", Text, nullable=False),  # JSON
    Index(None, "sides"),
    Index(None, "ordering"),
)

# the newest report's day, follow-up's today (zero rows or one)
newest_report = Table("newest_report", metadata, Column("day", Date, primary_key=True))
# one row, bumped by every write of follow_ups and newest_report: what a cache of them (the
# web's) keys on, since a relink that only moves stories changes no count
follow_ups_generation = Table(
    "follow_ups_generation", metadata, Column("value", Integer, nullable=False)
)

# work that a write leaves to be done after it, one row per task ("stories": link them
# again): marked in the transaction that stores the articles, removed in the one that does
# the work, so that a process stopped between the two leaves the mark for the next one
pending = Table(
    "pending",
    metadata,
    Column("task", String(32), primary_key=True),
    Column("marked_at", DateTime(timezone=True), nullable=False),
)

# `accords watch`: what each source answered last, and when to ask it again
watch_sources = Table(
    "watch_sources",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("address", Text, nullable=False),
    Column("etag", Text),  # validators for the next conditional request
    Column("last_modified", Text),
    Column("last_poll", DateTime(timezone=True)),
    Column("last_success", DateTime(timezone=True)),
    Column("last_error", Text),
    Column("failures", Integer, nullable=False),  # in a row: the backoff grows with them
    Column("next_poll", DateTime(timezone=True)),
)

# the items a source has given (by a hash of their address or id), so none is read twice
watch_seen = Table(
    "watch_seen",
    metadata,
    Column("source", String(200), primary_key=True),
    Column("item", String(64), primary_key=True),
    Column("seen_at", DateTime(timezone=True), nullable=False),
)

# marks of how far `accords watch` got: "alerts", the newest article the alert rules were
# checked on, so that articles a stopped round stored are checked by the next one
watch_marks = Table(
    "watch_marks",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("value", Integer, nullable=False),
)

# each match of an alert rule, once per rule and subject (an event, a commitment turning
# kept, a story's new language): the Atom feed reads them, the webhook is sent them
alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("rule", String(64), nullable=False),
    Column("subject", String(200), nullable=False),
    Column("title", Text, nullable=False),
    Column("payload", Text, nullable=False),  # the JSON line written on stdout
    Column("fired_at", DateTime(timezone=True), nullable=False),
    Column("delivered_at", DateTime(timezone=True)),  # by the webhook; None: not yet
    Column("attempts", Integer, nullable=False),
    UniqueConstraint("rule", "subject"),
    Index(None, "rule", "fired_at"),
)

# the order in which exports write them, and in which a parent precedes its children
TABLES = (articles, events, actors, event_actors, commitments, quantities, evidence)
