"""Writing articles and what was extracted from them; the caller holds the transaction,
so that an article is never stored without its extraction, nor the other way round."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from accords.model import Actor, Article, Extraction
from accords.store import pending, search, summaries
from accords.store.engine import bound_chunks
from accords.store.schema import (
    actors,
    articles,
    commitments,
    event_actors,
    event_domains,
    event_sides,
    events,
    evidence,
    quantities,
)
from accords.text.normalise import ZWNJ, fold_letters

_FULL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_MONTH_DAY = re.compile(r"^--(\d{2})-(\d{2})$")


def article_hash(text: str) -> str:
    """The key of an article: its text folded (letter variants, digits, case), ZWNJ and
    runs of white space made one space, so that the same article read from a page, a feed
    or a JSONL file is stored once."""
    folded = " ".join(fold_letters(text).replace(ZWNJ, " ").split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def codes(values: Sequence[str]) -> str:
    return " ".join(dict.fromkeys(values))


def add_codes(connection: Connection, stored: Iterable[tuple[int, str, str]]) -> None:
    """The rows of event_sides and event_domains for events stored as (id, countries,
    domains), both space-separated as in the events table (see schema.py)."""
    sides, domains = [], []
    for event_id, countries, topics in stored:
        sides += [{"event_id": event_id, "country": c} for c in dict.fromkeys(countries.split())]
        domains += [{"event_id": event_id, "domain": d} for d in dict.fromkeys(topics.split())]
    for table, rows in ((event_sides, sides), (event_domains, domains)):
        if rows:  # no ids wanted: one plain insert for them all
            connection.execute(insert(table), rows)


# built once: find runs twice for every article an ingest reads
_FIND = select(articles.c.id).where(articles.c.hash == bindparam("key"))


def find(connection: Connection, key: str) -> int | None:
    found: int | None = connection.scalar(_FIND, {"key": key})
    return found


def find_many(connection: Connection, keys: set[str]) -> set[str]:
    return {
        found
        for chunk in bound_chunks(keys)
        for found in connection.scalars(select(articles.c.hash).where(articles.c.hash.in_(chunk)))
    }


@dataclass(frozen=True, slots=True)
class Entry:
    """One article to store, with its extraction and its key."""

    article: Article
    extraction: Extraction
    key: str


def add_article(
    connection: Connection, article: Article, extraction: Extraction, *, key: str, version: str
) -> int:
    """Insert the article and its extraction; raises IntegrityError when an article with
    the same key is there already (another process may have stored it a moment ago)."""
    return add_articles(connection, [Entry(article, extraction, key)], version=version)[0]


def add_articles(connection: Connection, entries: Sequence[Entry], *, version: str) -> list[int]:
    """Insert articles with their extractions, one statement per table for them all: each
    statement costs as much as a short extraction in SQLAlchemy and a round trip to a
    PostgreSQL server. Keys must differ; IntegrityError when one is stored already."""
    now = datetime.now(UTC)
    article_ids = _insert_returning(
        connection, articles, [article_row(e, version, now) for e in entries]
    )
    add_extractions(
        connection,
        [(i, e.extraction, e.article.published) for i, e in zip(article_ids, entries, strict=True)],
    )
    search.add_many(connection, search_entries(article_ids, entries))
    if linking_wanted(entry.extraction for entry in entries):
        pending.mark(connection, pending.STORIES)  # last: see pending.mark
    return article_ids


def linking_wanted(extractions: Iterable[Extraction]) -> bool:
    """Whether stored extractions want the stories linked: they have events, or
    commitments (whose follow-up is worked out where stories are linked)."""
    return any(e.events or e.commitments for e in extractions)


def article_row(entry: Entry, version: str, now: datetime) -> dict[str, Any]:
    """The row of an article in `articles`, without its id."""
    article, extraction = entry.article, entry.extraction
    return {
        "hash": entry.key, "raw_hash": article.raw_hash, "source": article.doc,
        "title": article.title or extraction.title, "url": article.url,
        "outlet": article.outlet, "lang": article.lang or extraction.lang,
        "published": article.published, "text": article.text,
        "extractor_version": version, "ingested_at": now,
    }  # fmt: skip


def search_entries(
    article_ids: Sequence[int], entries: Sequence[Entry]
) -> list[tuple[int, str | None, str]]:
    """What the full-text index is given of each article: (id, title, text)."""
    return [(i, e.article.title or e.extraction.title, e.article.text)
            for i, e in zip(article_ids, entries, strict=True)]  # fmt: skip


def replace_extraction(
    connection: Connection, article_id: int, extraction: Extraction, *, version: str
) -> None:
    """Swap an article's extraction for a new one (after the extractor changed)."""
    row = connection.execute(
        select(articles.c.title, articles.c.text, articles.c.published).where(
            articles.c.id == article_id
        )
    ).one()
    remove_extraction(connection, article_id)
    add_extraction(connection, article_id, extraction, row.published)
    # the index is built by the normaliser, which may have changed along with the extractor
    search.remove(connection, article_id)
    search.add(connection, article_id, row.title or extraction.title, row.text)
    connection.execute(
        update(articles).where(articles.c.id == article_id).values(extractor_version=version)
    )
    pending.mark(connection, pending.STORIES)  # its events changed: last, see pending.mark


def remove_extraction(connection: Connection, article_id: int) -> None:
    event_ids = select(events.c.id).where(events.c.article_id == article_id)
    held = connection.execute(select(events.c.id, events.c.story).where(
        events.c.article_id == article_id)).all()  # fmt: skip
    stories = {row.story for row in held if row.story}
    with summaries.changing(connection, stories, [row.id for row in held if not row.story]):
        connection.execute(delete(evidence).where(evidence.c.article_id == article_id))
        for linked in (event_actors, event_sides, event_domains):
            connection.execute(delete(linked).where(linked.c.event_id.in_(event_ids)))
        for owned in (events, commitments, quantities):
            connection.execute(delete(owned).where(owned.c.article_id == article_id))


def add_extraction(
    connection: Connection, article_id: int, extraction: Extraction, published: date | None
) -> None:
    add_extractions(connection, [(article_id, extraction, published)])


# How rows go into a table: their new ids, in the order of the rows. INSERT ... RETURNING
# by default; the batch loader copies them into PostgreSQL (accords.store.copy).
Insert = Callable[[Connection, Table, list[dict[str, Any]]], list[int]]


def add_extractions(
    connection: Connection,
    found: Sequence[tuple[int, Extraction, date | None]],
    *,
    insert_rows: Insert | None = None,
) -> None:
    """Insert the rows of extractions (article id, extraction, publication date)."""
    into = insert_rows or _insert_returning
    placed = [
        (article_id, position, event, published)
        for article_id, extraction, published in found
        for position, event in enumerate(extraction.events)
    ]
    # the summaries of the stories these events join (an ingest's have none yet: each is
    # a real event of its own), counted again around their insert
    joined = {event.story for _, _, event, _ in placed if event.story}
    with summaries.changing(connection, joined) as after:
        event_ids = into(connection, events, [
            {
                "article_id": article_id, "position": position, "type": str(event.type),
                "mode": event.mode, "countries": codes(event.countries), "orgs": codes(event.orgs),
                "domains": codes(event.domains),
                "location_id": event.location.id if event.location else None,
                "location_name": event.location.name if event.location else None,
                "location_name_latn": event.location.name_latn if event.location else None,
                "location_country": event.location.country if event.location else None,
                "date": event.date, "day": day_of(event.date, published), "gist": event.gist,
                "story": event.story, "lead": not event.story,
            }
            for article_id, position, event, published in placed
        ])  # fmt: skip
        after["loose"].update(
            i for i, (_, _, event, _) in zip(event_ids, placed, strict=True) if not event.story
        )
    add_codes(connection, (
        (event_id, codes(event.countries), codes(event.domains))
        for event_id, (_, _, event, _) in zip(event_ids, placed, strict=True)
    ))  # fmt: skip
    taking_part = [
        (event_id, article_id, actor)
        for event_id, (article_id, _, event, _) in zip(event_ids, placed, strict=True)
        for actor in event.actors
    ]
    people = actor_ids(connection, [actor for _, _, actor in taking_part])
    link_ids = into(connection, event_actors, [
        {"event_id": event_id, "actor_id": people[actor_key(actor)], "name": actor.name,
         "role": actor.role, "org": actor.org}
        for event_id, _, actor in taking_part
    ])  # fmt: skip
    promised = [
        (article_id, position, commitment)
        for article_id, extraction, _ in found
        for position, commitment in enumerate(extraction.commitments)
    ]
    commitment_ids = into(connection, commitments, [
        {
            "article_id": article_id, "position": position, "kind": str(commitment.kind),
            "by_countries": codes(commitment.by), "to_countries": codes(commitment.to),
            "domains": codes(commitment.domains), "action": commitment.action,
            "sentence": commitment.sentence,
        }
        for article_id, position, commitment in promised
    ])  # fmt: skip
    counted = [
        (article_id, position, quantity)
        for article_id, extraction, _ in found
        for position, quantity in enumerate(extraction.quantities)
    ]
    quantity_ids = into(connection, quantities, [
        {"article_id": article_id, "position": position, "value": quantity.value,
         "unit": quantity.unit, "what": quantity.what}
        for article_id, position, quantity in counted
    ])  # fmt: skip
    # (owner column, owner id, article id, spans, the event's field the spans say)
    owners: list[tuple[str, int, int, Sequence[tuple[int, int]], str | None]] = [
        *(("event_id", i, a, e.evidence, None)
          for i, (a, _, e, _) in zip(event_ids, placed, strict=True)),
        *(("event_id", i, a, [(mark.start, mark.end)], str(mark.field))
          for i, (a, _, e, _) in zip(event_ids, placed, strict=True) for mark in e.marks),
        *(("event_actor_id", i, a, actor.evidence, None)
          for i, (_, a, actor) in zip(link_ids, taking_part, strict=True)),
        *(("commitment_id", i, a, c.evidence, None)
          for i, (a, _, c) in zip(commitment_ids, promised, strict=True)),
        *(("quantity_id", i, a, [q.evidence], None)
          for i, (a, _, q) in zip(quantity_ids, counted, strict=True)),
    ]  # fmt: skip
    proofs = [
        {"article_id": article_id, "event_id": None, "commitment_id": None,
         "quantity_id": None, "event_actor_id": None, owner: owner_id,
         "start_char": start, "end_char": end, "field": field}
        for owner, owner_id, article_id, spans, field in owners for start, end in spans
    ]  # fmt: skip
    if proofs and insert_rows is not None:
        insert_rows(connection, evidence, proofs)
    elif proofs:  # no ids wanted: a plain insert is cheaper than one returning them
        connection.execute(insert(evidence), proofs)


def _insert_returning(
    connection: Connection, table: Table, rows: list[dict[str, Any]]
) -> list[int]:
    """Insert the rows in one statement; their new ids, in the order of the rows."""
    if not rows:
        return []
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(connection.execute(statement, rows).scalars())


def actor_key(actor: Actor) -> str:
    if actor.id:
        return actor.id
    name = " ".join(fold_letters(actor.name_latn or actor.name).split())
    return f"{actor.country or '-'}:{name}"[:200]


def actor_ids(connection: Connection, people: Sequence[Actor]) -> dict[str, int]:
    """The id of each person by key, those not seen before added. Read, insert the missing
    ones or nothing (another process may add the same person meanwhile), read again: both
    processes end up with the one row."""
    first = {actor_key(actor): actor for actor in reversed(people)}  # first mention wins
    if not first:
        return {}
    found = _actors_by_key(connection, list(first))
    absent = [key for key in first if key not in found]
    if absent:
        dialect = connection.dialect.name
        statement = (
            postgresql.insert(actors) if dialect == "postgresql" else sqlite.insert(actors)
        ).on_conflict_do_nothing(index_elements=["key"])
        connection.execute(statement, [
            {"key": key, "name": first[key].name, "name_latn": first[key].name_latn,
             "country": first[key].country, "gazetteer_id": first[key].id}
            for key in absent
        ])  # fmt: skip
        found |= _actors_by_key(connection, absent)
    return found


def _actors_by_key(connection: Connection, keys: list[str]) -> dict[str, int]:
    return {
        row.key: row.id
        for chunk in bound_chunks(keys)
        for row in connection.execute(
            select(actors.c.key, actors.c.id).where(actors.c.key.in_(chunk))
        )
    }


def day_of(value: str | None, published: date | None) -> str | None:
    """A sortable day for an event date: the date itself when it has a year; a month and
    day without one take the publication's year (the year before, if that would put the
    event after its report); no date at all takes the publication date."""
    if value and _FULL_DATE.match(value):
        return value
    found = _MONTH_DAY.match(value or "")
    if found and published:
        month, day = int(found.group(1)), int(found.group(2))
        for year in (published.year, published.year - 1):
            try:
                candidate = date(year, month, day)
            except ValueError:  # 29 February of a common year, or no such day
                continue
            if candidate <= published:
                return candidate.isoformat()
        return published.isoformat()
    return published.isoformat() if published else None
