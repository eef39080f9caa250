"""Stories across the whole store: after new articles come in, the reports of one real
event, old and new, are given one story id by accords.link.stories.

The linker is fed the stored events rebuilt as Extractions, in article order, so that the
stories of older articles come out as they were and each story keeps the id of its first
article as later reports join it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import Connection, bindparam, select, update

from accords.link.stories import link, report_of
from accords.model import Actor, Event, EventType, Extraction, Place
from accords.store.schema import actors, articles, event_actors, events

_SET_STORY = (
    update(events).where(events.c.id == bindparam("event_id")).values(story=bindparam("new_story"))
)


def relink(connection: Connection) -> int:
    """Recompute every event's story; returns how many events changed story."""
    people = _people(connection)
    by_article: dict[int, list[tuple[int, str | None, Event]]] = defaultdict(list)
    published: dict[int, date | None] = {}
    rows = connection.execute(
        select(events, articles.c.published)
        .join(articles, articles.c.id == events.c.article_id)
        .order_by(events.c.article_id, events.c.position)
    )
    for row in rows:
        place = (
            Place(row.location_id, row.location_name or "", row.location_name_latn or "",
                  row.location_country)
            if row.location_id
            else None
        )  # fmt: skip
        event = Event(
            EventType(row.type), row.mode, row.countries.split(), row.orgs.split(),
            people[row.id], row.domains.split(), place, row.date, [], [],
        )  # fmt: skip
        by_article[row.article_id].append((row.id, row.story, event))
        published[row.article_id] = row.published
    reports = []
    for article_id, reported in by_article.items():
        day = published[article_id]
        extraction = Extraction(
            str(article_id), "", None, day.isoformat() if day else None,
            [event for _, _, event in reported], [], [], [],
        )  # fmt: skip
        report = report_of(extraction, _key(article_id))
        if report:
            reports.append(report)
    stories = link(reports)
    changes = [
        {"event_id": event_id, "new_story": story}
        for article_id, reported in by_article.items()
        for story in [stories.get(_key(article_id))]
        for event_id, old, _ in reported
        if story != old
    ]
    if changes:  # one statement for them all: a round trip each would cost more than linking
        connection.execute(_SET_STORY, changes)
    return len(changes)


def _people(connection: Connection) -> dict[int, list[Actor]]:
    found: dict[int, list[Actor]] = defaultdict(list)
    rows = connection.execute(
        select(event_actors.c.event_id, event_actors.c.name, event_actors.c.role,
               event_actors.c.org, actors.c.name_latn, actors.c.country, actors.c.gazetteer_id)
        .join(actors, actors.c.id == event_actors.c.actor_id)
        .order_by(event_actors.c.id)
    )  # fmt: skip
    for row in rows:
        found[row.event_id].append(
            Actor(row.name, row.name_latn, row.country, row.role, row.org, (), id=row.gazetteer_id)
        )
    return found


def _key(article_id: int) -> str:
    return f"a{article_id}"
