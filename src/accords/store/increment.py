"""Linking new reports into the store's stories without linking the whole store again:
the result is the one a full relink (accords.store.stories.relink) gives, at a cost that
depends on the new reports' neighbourhood, not on the store's size.

Linking (accords.link.stories) decides a report's story in its home block, the reports of
one side pair in one order, by date. So a new report can change only the stories decided
in its own blocks. Within a block, a report can join a story only when their dates span at
most WINDOW_DAYS; the block's dated reports therefore fall into runs (a report's dates
within WINDOW_DAYS of the run's) that cannot touch one another, and linking the run of the
new report alone gives its reports the stories a link of the whole block gives them. A
report with no date may join a story of any date: a block that holds one is linked whole.

The reports of a run are found by the `day` of their events (accords.store.write.day_of,
the day linking reads) and their sides, through the index on `day`; the run is widened
until no report outside what was read can be in it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date, timedelta

from sqlalchemy import ColumnElement, Connection, and_, select

from accords.link.stories import (
    WINDOW_DAYS,
    Block,
    Pair,
    Report,
    blocks,
    link_block,
    report_of,
)
from accords.store import followups, pending, summaries
from accords.store.engine import bound_chunks
from accords.store.rebuild import StoredArticle, stored_articles
from accords.store.schema import articles, events
from accords.store.stories import SET_STORY, Had, Held, keep_ids

REACH = 2 * WINDOW_DAYS + 7  # days read around the new reports at first (then twice as many)


def link_new(connection: Connection, article_ids: Collection[int]) -> int:
    """Give the events of the new articles (stored, not yet linked) their stories, and
    change the stories the new reports change; returns how many events changed story."""
    pending.clear(connection, pending.STORIES)  # first: see pending.clear
    new = list(stored_articles(connection, with_commitments=False, article_ids=article_ids))
    reports = {a.key: r for a in new if (r := report_of(a.extraction, a.key))}
    neighbours: dict[str, StoredArticle] = {a.key: a for a in new}
    linked: dict[str, str] = {}
    for block in sorted({block for report in reports.values() for block in blocks(report)}):
        mine = [r for r in reports.values() if block in blocks(r)]
        if block.startswith("solo|"):
            linked.update(link_block(block, mine))
            continue
        members = _run(connection, _pair(block), mine, neighbours)
        linked.update(link_block(block, members))
    stories = keep_ids(linked, *_holdings(connection, [neighbours[key] for key in linked]))
    moved = [
        (event_id, event.story, story)
        for key, story in stories.items()
        for event_id, event in zip(
            neighbours[key].event_ids, neighbours[key].extraction.events, strict=True
        )
        if story != event.story
    ]
    if moved:  # the summaries of the stories they leave and join, counted again around it
        touched = {story for _, old, new in moved for story in (old, new) if story}
        with summaries.changing(connection, touched, [i for i, old, _ in moved if not old]):
            connection.execute(SET_STORY, [{"event_id": i, "new_story": s} for i, _, s in moved])
    # the commitments the new reports, and the reports that changed story, can change
    restoried = {
        neighbours[key].id
        for key, story in stories.items()
        if any(story != event.story for event in neighbours[key].extraction.events)
    }
    followups.refollow_changed(connection, {*article_ids, *restoried})
    return len(moved)


def _holdings(connection: Connection, linked: list[StoredArticle]) -> tuple[Had, Held]:
    """keep_ids' knowledge of the stories the linked reports had: held whole, as a full
    relink sees them, though most of their reports were not read."""
    had: Had = defaultdict(set)
    for article in linked:
        had[article.key] = {event.story for event in article.extraction.events}
    old = {story for stories in had.values() for story in stories if story}
    held: Held = defaultdict(set)
    for chunk in bound_chunks(old):
        rows = connection.execute(
            select(events.c.story, articles.c.hash)
            .join(articles, articles.c.id == events.c.article_id)
            .where(events.c.story.in_(chunk))
        )
        for story, key in rows:
            held[story].add(key)
    return had, held


def _pair(block: Block) -> Pair:
    _, first, second = block.split("|", 2)
    return first, second


def _run(
    connection: Connection,
    pair: Pair,
    new: list[Report],
    neighbours: dict[str, StoredArticle],
) -> list[Report]:
    """The reports of the side pair that link together with the new ones."""
    undated = _reports(connection, pair, None, neighbours)
    if any(not r.days for r in [*new, *undated.values()]):
        return _whole(connection, pair, neighbours)
    days = [day.toordinal() for report in new for day in report.days]
    reach = REACH
    while True:
        # day numbers, not dates: a report dated 9999-12-31 has no date a week later
        low, high = min(days) - reach, max(days) + reach
        if low < 1 or high > date.max.toordinal():
            return _whole(connection, pair, neighbours)
        span = (date.fromordinal(low), date.fromordinal(high))
        found = _reports(connection, pair, span, neighbours)
        found.update({r.key: r for r in new})
        if any(not r.days for r in found.values()):
            return _whole(connection, pair, neighbours)
        run = _connected(list(found.values()), new)
        first = min(min(r.days) for r in run).toordinal()
        last = max(max(r.days) for r in run).toordinal()
        # a report not read has no day in [low, high]: it is in the run only if it comes
        # within the window of it
        if first - WINDOW_DAYS >= low and last + WINDOW_DAYS <= high:
            return run
        reach *= 2


def _whole(
    connection: Connection, pair: Pair, neighbours: dict[str, StoredArticle]
) -> list[Report]:
    return list(_reports(connection, pair, (date.min, date.max), neighbours).values())


def _connected(reports: list[Report], new: list[Report]) -> list[Report]:
    """The runs (see the module doc) that hold a new report, together."""
    ordered = sorted(reports, key=lambda r: min(r.days))
    wanted = {r.key for r in new}
    chosen: list[Report] = []
    run: list[Report] = []
    end: date | None = None
    for report in ordered:
        if end is not None and min(report.days) > end + timedelta(days=WINDOW_DAYS):
            if any(r.key in wanted for r in run):
                chosen.extend(run)
            run, end = [], None
        run.append(report)
        end = max(report.days) if end is None else max(end, max(report.days))
    if any(r.key in wanted for r in run):
        chosen.extend(run)
    return chosen


def _reports(
    connection: Connection,
    pair: Pair,
    days: tuple[date, date] | None,
    neighbours: dict[str, StoredArticle],
) -> dict[str, Report]:
    """The stored reports of the pair with an event on a day in `days` (None: with an
    event of no day), by key; their articles go into `neighbours`."""
    sides = [_side_filter(side) for side in pair]
    chosen = select(events.c.article_id).distinct().where(and_(*sides))
    if days is None:
        chosen = chosen.where(events.c.day.is_(None))
    elif days != (date.min, date.max):
        chosen = chosen.where(events.c.day.between(days[0].isoformat(), days[1].isoformat()))
    ids = connection.scalars(chosen).all()
    found: dict[str, Report] = {}
    for article in stored_articles(connection, with_commitments=False, article_ids=ids):
        report = report_of(article.extraction, article.key)
        if report is not None and pair in set(report.pairs()):
            neighbours.setdefault(article.key, article)
            found[report.key] = report
    return found


def _side_filter(side: str) -> ColumnElement[bool]:
    # codes are kept space-separated (schema.py): a LIKE finds the events that may have
    # the side; the reports built from them say for sure
    if side.startswith("org:"):
        return (" " + events.c.orgs + " ").like(f"% {side[4:]} %")
    return (" " + events.c.countries + " ").like(f"% {side} %")
