"""Stories across the whole store: after new articles come in, the reports of one real
event, old and new, are given one story id by accords.link.stories."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Connection, select, update

from accords.link.stories import link, report_of
from accords.model import Actor, Event, EventType, Extraction, Place
from accords.store.schema import actors, event_actors, events


def relink(connection: Connection) -> int:
    """Recompute every event's story; returns how many events changed story. Reports are
    keyed by article id, so a story keeps the id of its first article as others join."""
    people: dict[int, list[Actor]] = defaultdict(list)
    for row in connection.execute(
        select(
            event_actors.c.event_id,
            actors.c.name,
            actors.c.name_latn,
            actors.c.country,
            actors.c.gazetteer_id,
        ).join(actors, actors.c.id == event_actors.c.actor_id)
    ):
        people[row.event_id].append(
            Actor(row.name, row.name_latn, row.country, None, None, (), id=row.gazetteer_id)
        )
    by_article: dict[int, list[tuple[int, str | None, Event]]] = defaultdict(list)
    for found in connection.execute(
        select(
            events.c.id,
            events.c.article_id,
            events.c.type,
            events.c.countries,
            events.c.location_id,
            events.c.location_country,
            events.c.date,
            events.c.story,
        ).order_by(events.c.article_id, events.c.position)
    ):
        place = (
            Place(found.location_id, "", "", found.location_country) if found.location_id else None
        )
        event = Event(
            EventType(found.type),
            "",
            found.countries.split(),
            [],
            people[found.id],
            [],
            place,
            found.date,
            [],
            [],
        )
        by_article[found.article_id].append((found.id, found.story, event))
    reports = []
    for article_id, reported in by_article.items():
        extraction = Extraction(
            str(article_id), "", None, None, [e for _, _, e in reported], [], [], []
        )
        report = report_of(extraction, _key(article_id))
        if report:
            reports.append(report)
    stories = link(reports)
    changed = 0
    for article_id, reported in by_article.items():
        story = stories.get(_key(article_id))
        for event_id, old, _ in reported:
            if story != old:
                connection.execute(
                    update(events).where(events.c.id == event_id).values(story=story)
                )
                changed += 1
    return changed


def _key(article_id: int) -> str:
    return f"a{article_id}"
