"""Stories across the whole store: after new articles come in, the reports of one real
event, old and new, are given one story id by accords.link.stories, the same linking the
batch job uses, so that the same articles make the same stories whatever the route.

Each report is known by its article's hash, so a story's id is that of its first report
however the article came in and whatever row id it was given; a story that holds the
same reports as before keeps the id it had (one a batch gave it, say). Linking is due when the
mark of accords.store.pending is set (by the write that stored articles with events) or an
event has no story (a store an older version left half-linked); relink clears the mark.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Connection, bindparam, distinct, func, select, update

from accords import faults
from accords.link.stories import link, report_of
from accords.store import followups, pending, summaries
from accords.store.rebuild import StoredArticle, report_key, stored_articles
from accords.store.schema import events

SET_STORY = (
    update(events).where(events.c.id == bindparam("event_id")).values(story=bindparam("new_story"))
)
_UNLINKED = select(events.c.id).where(events.c.story.is_(None)).limit(1)
LEFT_UNLINKED = (
    "stories of stored articles are not linked yet (a run stopped before it linked them, "
    "another is storing them now, or an older version left them so); linking them now"
)


def due(connection: Connection) -> bool:
    """Whether the stories are to be linked: marked so, or an event has none."""
    return pending.marked(connection, pending.STORIES) or (connection.scalar(_UNLINKED) is not None)


def relink(connection: Connection) -> int:
    """Recompute every event's story; returns how many events changed story."""
    pending.clear(connection, pending.STORIES)  # first: see pending.clear
    stored = list(stored_articles(connection))  # with commitments: follow-up reads them too
    linked = link(r for a in stored if (r := report_of(a.extraction, a.key)))
    had, held = holdings(stored)
    stories = keep_ids(linked, had, held)
    changes = [
        {"event_id": event_id, "new_story": story}
        for article in stored
        for story in [stories.get(article.key)]
        for event_id, event in zip(article.event_ids, article.extraction.events, strict=True)
        if story != event.story
    ]
    if changes:  # one statement for them all: a round trip each would cost more than linking
        connection.execute(SET_STORY, changes)
    for article in stored:  # as now stored, for the follow-up
        for event in article.extraction.events:
            event.story = stories.get(article.key)
    summaries.recount(connection)  # counted again whole: a relink repairs them too
    followups.refollow(connection, stored)
    faults.point("store:linking")
    return len(changes)


Held = dict[str, set[str]]  # story id as stored: the keys of its reports
Had = dict[str, set[str | None]]  # report key: its events' stories as stored


def holdings(stored: Iterable[StoredArticle]) -> tuple[Had, Held]:
    """What keep_ids needs to know of the stored stories."""
    held: Held = defaultdict(set)
    had: Had = defaultdict(set)
    for article in stored:
        for event in article.extraction.events:
            had[article.key].add(event.story)
            if event.story:
                held[event.story].add(article.key)
    return had, held


def keep_ids(stories: dict[str, str], had: Had, held: Held) -> dict[str, str]:
    """The stories, each under the id it had when it holds just the reports it held:
    a batch loaded with the batch's own story ids keeps them, and a relink that finds
    the same stories changes nothing. A story that gained or lost a report takes the id
    linking gives it, that of its first report."""
    members: dict[str, set[str]] = defaultdict(set)  # story id as linked: its reports
    for key, story in stories.items():
        members[story].add(key)
    renamed = {}
    for story, reports in members.items():
        before = set().union(*(had[key] for key in reports))
        if len(before) == 1 and (old := before.pop()) and held[old] == reports:
            renamed[story] = old
    return {key: renamed.get(story, story) for key, story in stories.items()}


def iter_stories(connection: Connection) -> Iterator[dict[str, Any]]:
    """One row per story: its sides, types, dates and the reports of it, with their
    languages, in the order of each story's first report."""
    stories: dict[str, dict[str, Any]] = {}
    for article in stored_articles(connection, with_commitments=False):
        for event in article.extraction.events:
            if not event.story:
                continue
            story = stories.setdefault(event.story, {
                "story": event.story, "countries": [], "types": [], "domains": [],
                "dates": [], "people": [], "reports": [], "languages": [],
            })  # fmt: skip
            _add(story["countries"], event.countries)
            _add(story["types"], [str(event.type)])
            _add(story["domains"], event.domains)
            _add(story["dates"], [event.date] if event.date else [])
            _add(story["people"], [a.name_latn for a in event.actors])
            _add(story["reports"], [article.source or report_key(article.id)])
            _add(story["languages"], [article.lang])
    for story in stories.values():
        story["first_date"] = min(story["dates"], default=None)
        yield story


def _add(values: list[str], more: list[str]) -> None:
    values.extend(v for v in more if v not in values)


def story_sizes(connection: Connection) -> dict[str, int]:
    """How many reports (articles) each story has."""
    statement = select(events.c.story, func.count(distinct(events.c.article_id))).group_by(
        events.c.story
    )
    return {story: count for story, count in connection.execute(statement) if story}


def one_per_story(
    rows: Iterable[dict[str, Any]], sizes: dict[str, int]
) -> Iterator[dict[str, Any]]:
    """The first report's event of each story (rows come oldest first), with the number of
    reports: counts of these rows are counts of real events, not of articles."""
    seen: set[str] = set()
    for row in rows:
        story = row.get("story")
        if story:
            if story in seen:
                continue
            seen.add(story)
        yield {**row, "reports": sizes.get(story, 1) if story else 1}
