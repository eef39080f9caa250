"""Stored rows back into the data model: each article's events (with their story ids and
people) and commitments as an Extraction, for the cross-document work that needs them,
stories and follow-up, without re-reading the texts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, or_, select

from accords.model import Actor, Commitment, CommitmentKind, Event, EventType, Extraction, Place
from accords.store.engine import bound_chunks
from accords.store.schema import actors, articles, commitments, event_actors, events


@dataclass(frozen=True, slots=True)
class StoredArticle:
    id: int
    source: str
    lang: str
    published: date | None
    extraction: Extraction
    event_ids: list[int]  # the row id of each of extraction.events, in order
    key: str = ""  # the hash of its text: the same whatever the route or the row id


def stored_articles(
    connection: Connection,
    *,
    with_commitments: bool = True,
    article_ids: Collection[int] | None = None,
) -> Iterator[StoredArticle]:
    """Every article that has events or commitments (or those of `article_ids`), in
    article order."""
    if article_ids is not None:
        for chunk in bound_chunks(article_ids):
            yield from _stored(connection, with_commitments, chunk)
        return
    yield from _stored(connection, with_commitments, None)


def _stored(
    connection: Connection, with_commitments: bool, only: list[int] | None
) -> Iterator[StoredArticle]:
    people = _people(connection, only)
    by_article: dict[int, list[tuple[int, Event]]] = defaultdict(list)
    chosen = select(events).order_by(events.c.article_id, events.c.position)
    if only is not None:
        chosen = chosen.where(events.c.article_id.in_(only))
    for row in connection.execute(chosen):
        place = (
            Place(row.location_id, row.location_name or "", row.location_name_latn or "",
                  row.location_country)
            if row.location_id
            else None
        )  # fmt: skip
        event = Event(
            EventType(row.type), row.mode, row.countries.split(), row.orgs.split(),
            people[row.id], row.domains.split(), place, row.date, [], [],
            gist=row.gist, story=row.story,
        )  # fmt: skip
        by_article[row.article_id].append((row.id, event))
    promised: dict[int, list[Commitment]] = defaultdict(list)
    if with_commitments:
        statement = select(commitments).order_by(commitments.c.article_id, commitments.c.position)
        if only is not None:
            statement = statement.where(commitments.c.article_id.in_(only))
        for row in connection.execute(statement):
            promised[row.article_id].append(Commitment(
                CommitmentKind(row.kind), row.by_countries.split(), row.to_countries.split(),
                row.domains.split(), row.action, row.sentence or 0, [],
            ))  # fmt: skip
    if not by_article and not promised:
        return
    statement = select(
        articles.c.id, articles.c.source, articles.c.lang, articles.c.published, articles.c.hash
    ).order_by(articles.c.id)
    if only is not None:
        statement = statement.where(articles.c.id.in_(only))
    else:
        # the articles with events or commitments, asked of the database rather than named:
        # a million bound ids are more than SQLite takes in one statement, and most of a
        # store's articles have none, so reading them all to skip them costs more
        having = [articles.c.id.in_(select(events.c.article_id))]
        if with_commitments:
            having.append(articles.c.id.in_(select(commitments.c.article_id)))
        statement = statement.where(or_(*having))
    for row in connection.execute(statement):
        if row.id not in by_article and row.id not in promised:
            continue  # one of `only` with nothing to link or follow
        found = by_article.get(row.id, [])
        extraction = Extraction(
            row.source or str(row.id), row.lang or "und", None,
            row.published.isoformat() if row.published else None,
            [event for _, event in found], promised.get(row.id, []), [], [],
        )  # fmt: skip
        yield StoredArticle(
            row.id,
            row.source or "",
            row.lang or "und",
            row.published,
            extraction,
            [event_id for event_id, _ in found],
            row.hash,
        )


def report_key(article_id: int) -> str:
    """The key of a stored article as cross-document work knows it."""
    return f"a{article_id}"


def article_id(key: str) -> int:
    """The row id of the article a report key names."""
    return int(key.removeprefix("a"))


def _people(connection: Connection, only: list[int] | None) -> dict[int, list[Actor]]:
    found: dict[int, list[Actor]] = defaultdict(list)
    statement = (
        select(event_actors.c.event_id, event_actors.c.name, event_actors.c.role,
               event_actors.c.org, actors.c.name_latn, actors.c.country, actors.c.gazetteer_id)
        .join(actors, actors.c.id == event_actors.c.actor_id)
        .order_by(event_actors.c.id)
    )  # fmt: skip
    if only is not None:
        statement = statement.join(events, events.c.id == event_actors.c.event_id).where(
            events.c.article_id.in_(only)
        )
    for row in connection.execute(statement):
        found[row.event_id].append(
            Actor(row.name, row.name_latn, row.country, row.role, row.org, (), id=row.gazetteer_id)
        )
    return found
