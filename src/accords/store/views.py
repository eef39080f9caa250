"""Read-only queries behind the web pages and the JSON API: pages of events newest first,
one event with its article and every piece of evidence, stories, actors, counts, country
pairs, months and full-text search (the follow-up of commitments is store.followups').
Rows are plain dicts in the shape of `queries.iter_events`, with the article's title, outlet
and publication date.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    String,
    and_,
    case,
    cast,
    false,
    func,
    literal,
    or_,
    select,
    true,
)

from accords.ingest.fetch import is_address
from accords.model import Field
from accords.store import search, summaries
from accords.store.queries import (
    EventFilter,
    actors_of,
    actors_statement,
    event_row,
    evidence_of,
    in_batches,
    narrow,
    person_ids,
    reads_articles,
)
from accords.store.schema import (
    actors,
    articles,
    commitments,
    event_actors,
    events,
    evidence,
    quantities,
)

ANY = EventFilter()
_LINE = re.compile(r"^(.*?)(:\d+)?$", re.DOTALL)  # a file, and a line of it
TIMELINE_EVENTS = 500  # an actor's timeline shows this many events at most
DEEP_OFFSET = 1_000  # past this many rows, a narrowed list is sorted rather than walked

_EVENT_COLUMNS = (
    events,
    articles.c.source,
    articles.c.lang,
    articles.c.title,
    articles.c.outlet,
    articles.c.published,
)


def _scope(where: EventFilter) -> str | None:
    """The scope of the summaries (store.summaries) that counts what the filter selects:
    the whole store, or one side; None when the filter asks for more (a query then)."""
    if where == ANY:
        return summaries.WHOLE
    if where.country and where == EventFilter(country=where.country):
        return where.country
    return None


def count_events(connection: Connection, where: EventFilter = ANY) -> int:
    statement: Select[Any] = select(func.count()).select_from(events)
    if reads_articles(where):
        statement = statement.join(articles, articles.c.id == events.c.article_id)
    dialect = connection.dialect.name
    filtered = _filtered(statement, where, scan=dialect == "sqlite", dialect=dialect)
    return int(connection.scalar(filtered) or 0)


def events_page(
    connection: Connection,
    where: EventFilter = ANY,
    *,
    offset: int = 0,
    limit: int = 50,
    per_story: bool = False,
) -> list[dict[str, Any]]:
    """Events matching the filter, newest first (undated ones last); with `per_story`,
    only the first report's of each story (see `_first_of_story`), with `reports`."""
    # The ids first, from the events table (and its day index) alone, so that a deep page
    # skips index entries, not joined rows. The dated events and the undated are read
    # apart: `day DESC NULLS LAST` is an order no index of ours has on PostgreSQL (it would
    # sort the whole table for each page), while `day DESC` over the dated is a backward
    # walk of the day index on both databases.
    base: Select[Any] = select(events.c.id)
    if reads_articles(where):
        base = base.join(articles, articles.c.id == events.c.article_id)
    # deep into a narrowed list on SQLite, walking the day index would look up row after
    # row that does not match: read the table once and sort what matches instead
    scan = connection.dialect.name == "sqlite" and _narrowing(where) and offset >= DEEP_OFFSET
    if connection.dialect.name == "postgresql" and _narrowing(where):
        base = _opaque(base, where)
    else:
        base = _filtered(base, where, scan=scan, dialect=connection.dialect.name, walking=not scan)
    if per_story:
        base = base.where(_first_of_story(connection, where))
    day = events.c.day.concat("") if scan else events.c.day  # an expression takes no index
    dated = base.where(day.is_not(None)).order_by(day.desc(), events.c.id.desc())
    ids = list(connection.scalars(dated.offset(offset).limit(limit)))
    if len(ids) < limit:  # the last page of the dated ones, or past it
        skipped = 0
        if offset:
            counted = select(func.count()).select_from(base.where(day.is_not(None)).subquery())
            skipped = max(0, offset - int(connection.scalar(counted) or 0))
        undated = base.where(events.c.day.is_(None)).order_by(events.c.id.desc())
        ids += connection.scalars(undated.offset(skipped).limit(limit - len(ids)))
    return _listed_events(connection, ids, sized=per_story)


def event_list(
    connection: Connection,
    where: EventFilter = ANY,
    *,
    offset: int = 0,
    limit: int = 50,
    every_report: bool = False,
) -> tuple[int, list[dict[str, Any]]]:
    """How many rows a list of events has, and one page of it: one row a story (as
    `accords events` lists them), or one a report with `every_report`."""
    if every_report:
        total = count_events(connection, where)
    else:
        total = count_stories_of_events(connection, where)
    found = events_page(connection, where, offset=offset, limit=limit, per_story=not every_report)
    return total, found


def _first_of_story(connection: Connection, where: EventFilter) -> ColumnElement[bool]:
    """True for an event no other event of its story the filter selects comes before
    (the oldest day first, undated last, then the lowest id): the row `accords events`
    prints for the story. Unfiltered, it is the story's lead, kept by the writers (see
    store.summaries), which a page walks in its own index by day: a deep page skips index
    entries. Filtered, a list walking the day index from the newest checks each event it
    meets through the story index, and stops at its page's last row."""
    if where == ANY:
        return events.c.lead == true()
    return _first_among(connection, where)


def _first_among(connection: Connection, where: EventFilter) -> ColumnElement[bool]:
    """`_first_of_story` as a query: no other event of the story the filter selects comes
    before."""
    other = events.alias("other")
    earlier = or_(
        other.c.day < events.c.day,
        and_(other.c.day == events.c.day, other.c.id < events.c.id),
        and_(events.c.day.is_(None), other.c.day.is_not(None)),
        and_(events.c.day.is_(None), other.c.day.is_(None), other.c.id < events.c.id),
    )
    before = select(other.c.id).where(other.c.story == events.c.story, earlier)
    if where != ANY:
        # each of the story's few other events tested itself, found by its id (and its
        # codes by theirs): a list of what the filter selects would be read whole on each
        # request, every event of a side
        selected = _selected(connection, events.c.id, where, walking=True)
        before = before.where(selected.where(events.c.id == other.c.id).correlate(other).exists())
    return or_(events.c.story.is_(None), ~before.exists())


def _story_key() -> ColumnElement[str]:
    """What makes one real event: its story, or the event itself when it has none."""
    return func.coalesce(events.c.story, literal("#", String) + cast(events.c.id, String))


def _count_stories() -> ColumnElement[int]:
    """How many distinct `_story_key`s the rows have, without building a key for each
    row: the stories, and each event of none."""
    return func.count(func.distinct(events.c.story)) + func.count(
        case((events.c.story.is_(None), 1))
    )


def count_stories_of_events(connection: Connection, where: EventFilter = ANY) -> int:
    """How many real events (stories, and events of no story) the filter selects: the
    number of rows `accords events` prints for it."""
    scope = _scope(where)
    if scope is not None:
        return summaries.one(connection, "stories", scope)
    domain = _scope(dataclasses.replace(where, domain=None))
    if domain is not None and where.domain:
        return summaries.one(connection, "domain", domain, where.domain)
    statement = select(_count_stories())
    if reads_articles(where):
        statement = statement.select_from(
            events.join(articles, articles.c.id == events.c.article_id)
        )
    return int(connection.scalar(narrow(statement, where, dialect=connection.dialect.name)) or 0)


def iter_events_listed(
    connection: Connection, where: EventFilter = ANY, *, every_report: bool = False
) -> Iterator[dict[str, Any]]:
    """Every row of `events_page` (one a story, or with `every_report` one a report), in
    its order, a batch at a time."""
    if every_report:
        ordered = _selected(connection, events.c.id, where).order_by(
            events.c.day.is_(None), events.c.day.desc(), events.c.id.desc()
        )
    else:
        ordered = (
            _selected(connection, events.c.id, where)
            .where(_first_of_story(connection, where))
            .order_by(events.c.day.is_(None), events.c.day.desc(), events.c.id.desc())
        )
    for rows in in_batches(connection, ordered):
        yield from _listed_events(connection, [row.id for row in rows], sized=not every_report)


def _listed_events(
    connection: Connection, ids: list[int], *, sized: bool = True
) -> list[dict[str, Any]]:
    """The events of `ids`, in that order, as lists show them; `sized`: with `reports`."""
    if not ids:
        return []
    statement = (
        select(*_EVENT_COLUMNS)
        .join(articles, articles.c.id == events.c.article_id)
        .where(events.c.id.in_(ids))
    )
    rows = {row.id: row for row in connection.execute(statement)}
    found = _event_dicts(connection, [rows[i] for i in ids])
    if sized:
        sizes = _report_counts(connection, [e["story"] for e in found if e["story"]])
        for event in found:
            event["reports"] = sizes.get(event["story"], 1) if event["story"] else 1
    return found


def _report_counts(connection: Connection, stories: list[str]) -> dict[str, int]:
    if not stories:
        return {}
    statement = (
        select(events.c.story, func.count(func.distinct(events.c.article_id)))
        .where(events.c.story.in_(stories))
        .group_by(events.c.story)
    )
    return {story: int(count) for story, count in connection.execute(statement)}


def story_domains(
    connection: Connection, where: EventFilter = ANY
) -> Iterator[tuple[str | None, set[str]]]:
    """For each real event (story) the filter selects: its first day and the domains of
    its events, for the timeline to count what `accords events` lists."""
    key = _story_key().label("key")
    statement = (
        _selected(connection, key, where)
        .add_columns(events.c.domains, func.min(events.c.day).label("day"))
        .group_by(key, events.c.domains)
        .order_by(key)
    )
    result = connection.execution_options(yield_per=2_000).execute(statement)
    for _, rows in itertools.groupby(result, key=lambda row: row.key):
        first: str | None = None
        domains: set[str] = set()
        for row in rows:
            domains.update(row.domains.split())
            if row.day and (first is None or row.day < first):
                first = row.day
        yield first, domains


def _narrowing(where: EventFilter) -> bool:
    """Whether the filter tests more than the day, which only a scan of the rows can do."""
    return any(
        (
            where.sides,
            where.domain,
            where.type,
            where.lang,
            where.outlet,
            where.person,
            where.text,
            where.place,
        )
    )


def _opaque(statement: Select[Any], where: EventFilter) -> Select[Any]:
    """`statement` narrowed as queries.iter_events narrows, for a page on PostgreSQL: its
    planner, given tests it reckons keep few rows (a LIKE on a text, or two sides), expects
    none at all and sorts what matches rather than walk the day index from the newest. The
    same tests as one CASE are reckoned to keep half the rows, the walk stops at the page's
    last row, and each side or domain is tested against its codes' rows read once. The
    bounds on the day stay outside, where the index can use them."""
    tests = narrow(
        select(events.c.id),
        dataclasses.replace(where, since=None, until=None),
        dialect="postgresql",
    )
    assert tests.whereclause is not None
    statement = statement.where(case((tests.whereclause, true()), else_=false()))
    return narrow(statement, EventFilter(since=where.since, until=where.until))


def _filtered(
    statement: Select[Any], where: EventFilter, *, scan: bool, dialect: str, walking: bool = False
) -> Select[Any]:
    """`statement` narrowed as queries.iter_events narrows (`walking`: see `narrow`). With
    `scan`, a lower bound on the day does not make SQLite walk its day index: without
    statistics its planner takes the index for any bound, and looking up half the table
    row by row costs more than reading the events of the codes through once."""
    if scan and _narrowing(where) and where.since:
        statement = statement.where(events.c.day.concat("") >= where.since)
        where = dataclasses.replace(where, since=None)
    return narrow(statement, where, dialect=dialect, walking=walking)


def _selected(
    connection: Connection, column: Any, where: EventFilter, *, walking: bool = False
) -> Select[Any]:
    """`column` of the events the filter selects, for a subquery (`walking`: see narrow)."""
    statement: Select[Any] = select(column)
    if reads_articles(where):
        statement = statement.join(articles, articles.c.id == events.c.article_id)
    return narrow(statement, where, dialect=connection.dialect.name, walking=walking)


def event_detail(connection: Connection, event_id: int) -> dict[str, Any] | None:
    """One event with its article (the whole text), the article's commitments and
    quantities, every piece of evidence in the article, and the other reports of its story."""
    statement = (
        select(*_EVENT_COLUMNS, articles.c.url, articles.c.text)
        .join(articles, articles.c.id == events.c.article_id)
        .where(events.c.id == event_id)
    )
    row = connection.execute(statement).one_or_none()
    if row is None:
        return None
    found = _event_dicts(connection, [row])[0]
    found["article"] = _article_dict(row, row.article_id)
    found["article_events"] = _article_events(connection, row.article_id)
    found["commitments"] = article_commitments(connection, row.article_id)
    found["quantities"] = article_quantities(connection, row.article_id)
    found["highlights"] = article_evidence(connection, row.article_id)
    found["story_reports"] = other_reports(connection, row.story, row.article_id)
    return found


def other_reports(
    connection: Connection, story: str | None, article_id: int
) -> list[dict[str, Any]]:
    """The other reports of a story: one event of each other article (an article may tell
    the story in several events), never the article itself."""
    if not story:
        return []
    first: dict[int, dict[str, Any]] = {}
    for event in story_events(connection, story):
        if event["article_id"] != article_id:
            first.setdefault(event["article_id"], event)
    return list(first.values())


def article_detail(connection: Connection, article_id: int) -> dict[str, Any] | None:
    """One article with its events, commitments, quantities and every piece of evidence."""
    row = connection.execute(select(articles).where(articles.c.id == article_id)).one_or_none()
    if row is None:
        return None
    found = _article_dict(row, article_id)
    found["events"] = _article_events(connection, article_id)
    found["commitments"] = article_commitments(connection, article_id)
    found["quantities"] = article_quantities(connection, article_id)
    found["highlights"] = article_evidence(connection, article_id)
    return found


def article_evidence(connection: Connection, article_id: int) -> list[dict[str, Any]]:
    """Every piece of evidence in the article: offsets, what it proves and the event it
    belongs to. `kind` is the field of the event its words say (sides, type, domain,
    place, date, person, commitment), "event" for the sentences that report an event (or
    any evidence a store of an older version has), or "quantity". A commitment belongs to
    the event whose sentences stand nearest its own: the store links it to its article."""
    statement = (
        select(
            evidence.c.start_char,
            evidence.c.end_char,
            evidence.c.field,
            evidence.c.event_id,
            evidence.c.commitment_id,
            evidence.c.quantity_id,
            evidence.c.event_actor_id,
            event_actors.c.event_id.label("actor_event_id"),
        )
        .outerjoin(event_actors, event_actors.c.id == evidence.c.event_actor_id)
        .where(evidence.c.article_id == article_id)
        .order_by(evidence.c.start_char, evidence.c.id)
    )
    found = []
    for row in connection.execute(statement).all():
        if row.event_id is not None:
            kind, event_id = row.field or "event", row.event_id
        elif row.event_actor_id is not None:
            kind, event_id = str(Field.PERSON), row.actor_event_id
        elif row.commitment_id is not None:
            kind, event_id = str(Field.COMMITMENT), None
        else:
            kind, event_id = "quantity", None
        found.append(
            {
                "start": row.start_char,
                "end": row.end_char,
                "kind": kind,
                "event_id": event_id,
                "commitment_id": row.commitment_id,
            }
        )
    sentences = [span for span in found if span["kind"] == "event"]
    for span in found:
        if span["kind"] == Field.COMMITMENT and sentences:
            nearest = min(sentences, key=lambda other: _distance(other, span))
            span["event_id"] = nearest["event_id"]
    return found


def _distance(one: dict[str, Any], other: dict[str, Any]) -> int:
    """Characters between two spans; none when they overlap."""
    return max(0, int(one["start"]) - int(other["end"]), int(other["start"]) - int(one["end"]))


def article_commitments(connection: Connection, article_id: int) -> list[dict[str, Any]]:
    rows = connection.execute(
        select(commitments)
        .where(commitments.c.article_id == article_id)
        .order_by(commitments.c.position)
    ).all()
    spans = _owned_evidence(connection, evidence.c.commitment_id, [row.id for row in rows])
    return [
        {
            "id": row.id,
            "article_id": row.article_id,
            "kind": row.kind,
            "by": row.by_countries.split(),
            "to": row.to_countries.split(),
            "domains": row.domains.split(),
            "action": row.action,
            "evidence": spans.get(row.id, []),
        }
        for row in rows
    ]


def article_quantities(connection: Connection, article_id: int) -> list[dict[str, Any]]:
    rows = connection.execute(
        select(quantities)
        .where(quantities.c.article_id == article_id)
        .order_by(quantities.c.position)
    ).all()
    spans = _owned_evidence(connection, evidence.c.quantity_id, [row.id for row in rows])
    return [
        {
            "value": row.value,
            "unit": row.unit,
            "what": row.what,
            "evidence": spans.get(row.id, []),
        }
        for row in rows
    ]


def story_events(connection: Connection, story: str) -> list[dict[str, Any]]:
    """The events of one story, oldest report first."""
    statement = (
        select(*_EVENT_COLUMNS)
        .join(articles, articles.c.id == events.c.article_id)
        .where(events.c.story == story)
        .order_by(articles.c.published.nulls_last(), events.c.article_id, events.c.position)
    )
    return _event_dicts(connection, connection.execute(statement))


def count_stories(connection: Connection, where: EventFilter = ANY, *, min_reports: int = 1) -> int:
    if where == ANY and min_reports == 1:
        return summaries.one(connection, "linked")
    if min_reports == 1:
        # the distinct stories of the events selected, without grouping every event of
        # each of them as the list does (for their days and reports): a quarter of the time
        selected = _selected(connection, events.c.story, where).subquery()
        return int(connection.scalar(select(func.count(func.distinct(selected.c.story)))) or 0)
    inner = _story_groups(connection, where, min_reports).subquery()
    return int(connection.scalar(select(func.count()).select_from(inner)) or 0)


def story_list(
    connection: Connection,
    where: EventFilter = ANY,
    *,
    offset: int = 0,
    limit: int = 50,
    min_reports: int = 1,
) -> tuple[int, list[dict[str, Any]]]:
    """How many stories the filters select, and one page of them (the API and the page
    of stories alike, as event_list serves both lists of events)."""
    total = count_stories(connection, where, min_reports=min_reports)
    found = stories_page(connection, where, offset=offset, limit=limit, min_reports=min_reports)
    return total, found


def stories_page(
    connection: Connection,
    where: EventFilter = ANY,
    *,
    offset: int = 0,
    limit: int = 50,
    min_reports: int = 1,
) -> list[dict[str, Any]]:
    """Stories with an event the filter selects, the latest first: how many reports, in
    which languages and outlets, the sides, the days, and the gist of the first report."""
    if where == ANY and min_reports == 1:
        chosen = _latest_stories(connection, offset + limit)[offset:]
        if len(chosen) == limit:  # else the last page, which may hold stories of no day
            rows = connection.execute(
                _story_groups(connection, ANY, 1).where(events.c.story.in_(chosen))
            )
            by_story = {row.story: row for row in rows}
            return _story_summaries(connection, [by_story[story] for story in chosen])
    ordered = _stories_ordered(connection, where, min_reports)
    return _story_summaries(connection, connection.execute(ordered.offset(offset).limit(limit)))


def _latest_stories(connection: Connection, wanted: int) -> list[str]:
    """The first `wanted` stories in the order of `_stories_ordered` (the latest last day
    first, then by id) among those with a day, found by walking the day index from the
    newest event rather than grouping every event of the store: a story is met first at
    its last day. The walk goes on to the end of the last story's day, for the ties."""
    statement = (
        select(events.c.story, events.c.day)
        .where(events.c.story.is_not(None), events.c.day.is_not(None))
        .order_by(events.c.day.desc())
    )
    met: dict[str, str] = {}
    for rows in in_batches(connection, statement):
        for story, day in rows:
            if len(met) >= wanted and day != met[next(reversed(met))]:
                return _by_last_day(met)[:wanted]
            met.setdefault(story, day)
    return _by_last_day(met)[:wanted]


def _by_last_day(met: dict[str, str]) -> list[str]:
    """The stories by their last day, the latest first, then by id (a stable sort)."""
    return sorted(sorted(met), key=lambda story: met[story], reverse=True)


def iter_stories_listed(
    connection: Connection, where: EventFilter = ANY, *, min_reports: int = 1
) -> Iterator[dict[str, Any]]:
    """Every story of `stories_page`, in its order, a batch at a time."""
    for rows in in_batches(connection, _stories_ordered(connection, where, min_reports)):
        yield from _story_summaries(connection, rows)


def _stories_ordered(connection: Connection, where: EventFilter, min_reports: int) -> Select[Any]:
    latest = func.max(events.c.day)
    postgres = connection.dialect.name == "postgresql"
    ordered = latest.desc().nulls_last() if postgres else latest.desc()
    return _story_groups(connection, where, min_reports).order_by(ordered, events.c.story)


def _story_summaries(connection: Connection, rows: Iterable[Any]) -> list[dict[str, Any]]:
    summaries = {
        row.story: {
            "id": row.story,
            "reports": row.reports,
            "events": row.events,
            "first_day": row.first_day,
            "last_day": row.last_day,
            "languages": [],
            "outlets": [],
            "countries": [],
            "types": [],
            "gist": "",
            "event_ids": [],
        }
        for row in rows
    }
    if not summaries:
        return []
    statement = (
        select(
            events.c.id,
            events.c.story,
            events.c.type,
            events.c.countries,
            events.c.gist,
            articles.c.lang,
            articles.c.outlet,
        )
        .join(articles, articles.c.id == events.c.article_id)
        .where(events.c.story.in_(list(summaries)))
        .order_by(articles.c.published.nulls_last(), events.c.id)
    )
    for row in connection.execute(statement):
        story = summaries[row.story]
        story["event_ids"].append(row.id)
        story["gist"] = story["gist"] or row.gist
        for key, values in (
            ("languages", [row.lang]),
            ("outlets", [row.outlet]),
            ("countries", row.countries.split()),
            ("types", [row.type]),
        ):
            for value in values:
                if value and value not in story[key]:
                    story[key].append(value)
    return list(summaries.values())


def _story_groups(connection: Connection, where: EventFilter, min_reports: int) -> Select[Any]:
    reports = func.count(func.distinct(events.c.article_id))
    statement = (
        select(
            events.c.story,
            reports.label("reports"),
            func.count().label("events"),
            func.min(events.c.day).label("first_day"),
            func.max(events.c.day).label("last_day"),
        )
        .where(events.c.story.is_not(None))
        .group_by(events.c.story)
    )
    if where != ANY:
        statement = statement.where(
            events.c.story.in_(_selected(connection, events.c.story, where))
        )
    return statement.having(reports >= min_reports) if min_reports > 1 else statement


def story_detail(connection: Connection, story: str) -> dict[str, Any] | None:
    """All reports of one story, each with its article's text and the evidence of the
    story's events in it."""
    found = story_events(connection, story)
    if not found:
        return None
    by_article: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for event in found:
        by_article[event["article_id"]].append(event)
    texts = {
        row.id: row
        for row in connection.execute(select(articles).where(articles.c.id.in_(list(by_article))))
    }
    reports = []
    for article_id, reported in by_article.items():
        report = _article_dict(texts[article_id], article_id)
        report["events"] = reported
        ids = {event["id"] for event in reported}
        report["highlights"] = [
            span
            for span in article_evidence(connection, article_id)
            if span["event_id"] in ids or span["kind"] in ("commitment", "quantity")
        ]
        report["commitments"] = article_commitments(connection, article_id)
        reports.append(report)
    days = sorted(d for e in found if (d := e["day"]))
    return {
        "id": story,
        "countries": list(dict.fromkeys(c for e in found for c in e["countries"])),
        "domains": list(dict.fromkeys(d for e in found for d in e["domains"])),
        "languages": list(dict.fromkeys(r["lang"] for r in reports if r["lang"])),
        "first_day": days[0] if days else None,
        "last_day": days[-1] if days else None,
        "reports": reports,
    }


def count_actors(
    connection: Connection, where: EventFilter = ANY, *, name: str | None = None
) -> int:
    statement = _actor_filter(connection, select(func.count()).select_from(actors), where, name)
    return int(connection.scalar(statement) or 0)


def actors_page(
    connection: Connection,
    where: EventFilter = ANY,
    *,
    offset: int = 0,
    limit: int = 50,
    name: str | None = None,
) -> list[dict[str, Any]]:
    """People who took part in an event the filter selects, the busiest first, with the
    number of events they took part in."""
    statement = _actor_filter(connection, actors_statement(), where, name)
    return [
        dict(row._mapping)  # the columns of actors_statement, by name
        for row in connection.execute(statement.offset(offset).limit(limit))
    ]


def iter_actors_listed(
    connection: Connection, where: EventFilter = ANY, *, name: str | None = None
) -> Iterator[dict[str, Any]]:
    """Every row of `actors_page`, in its order, a batch at a time."""
    statement = _actor_filter(connection, actors_statement(), where, name)
    for rows in in_batches(connection, statement):
        yield from (dict(row._mapping) for row in rows)


def _actor_filter(
    connection: Connection, statement: Select[Any], where: EventFilter, name: str | None
) -> Select[Any]:
    if where != ANY:
        taking_part = select(event_actors.c.actor_id).where(
            event_actors.c.event_id.in_(_selected(connection, events.c.id, where))
        )
        statement = statement.where(actors.c.id.in_(taking_part))
    if name:
        statement = statement.where(actors.c.id.in_(person_ids(name)))
    return statement


def actor_detail(connection: Connection, actor_id: int) -> dict[str, Any] | None:
    """One person: the names reports gave them in every script, the offices they held, and
    a timeline of the events they took part in."""
    row = connection.execute(select(actors).where(actors.c.id == actor_id)).one_or_none()
    if row is None:
        return None
    names: Counter[tuple[str, str | None]] = Counter()
    offices: dict[tuple[str | None, str | None], dict[str, Any]] = {}
    timeline: list[dict[str, Any]] = []
    statement = (
        select(
            event_actors.c.name.label("written"),
            event_actors.c.role,
            event_actors.c.org,
            events.c.id,
            events.c.article_id,
            events.c.type,
            events.c.mode,
            events.c.countries,
            events.c.day,
            events.c.gist,
            events.c.story,
            articles.c.lang,
            articles.c.title,
            articles.c.outlet,
        )
        .join(events, events.c.id == event_actors.c.event_id)
        .join(articles, articles.c.id == events.c.article_id)
        .where(event_actors.c.actor_id == actor_id)
        .order_by(*_oldest_first(connection.dialect.name))
    )
    for link in connection.execute(statement):
        names[(link.written, link.lang)] += 1
        office = offices.setdefault(
            (link.role, link.org),
            {"role": link.role, "org": link.org, "events": 0, "first_day": None, "last_day": None},
        )
        office["events"] += 1
        if link.day:
            office["first_day"] = min(filter(None, (office["first_day"], link.day)))
            office["last_day"] = max(filter(None, (office["last_day"], link.day)))
        if len(timeline) < TIMELINE_EVENTS:
            timeline.append(
                {
                    "id": link.id,
                    "article_id": link.article_id,
                    "day": link.day,
                    "type": link.type,
                    "mode": link.mode,
                    "countries": link.countries.split(),
                    "gist": link.gist,
                    "story": link.story,
                    "role": link.role,
                    "org": link.org,
                    "lang": link.lang,
                    "title": link.title,
                    "outlet": link.outlet,
                }
            )
    written = [
        {"name": name, "lang": lang, "script": script_of(name), "reports": count}
        for (name, lang), count in names.most_common()
    ]
    for name in (row.name, row.name_latn):
        if name and all(w["name"] != name for w in written):
            written.append({"name": name, "lang": None, "script": script_of(name), "reports": 0})
    return {
        "id": row.id,
        "name": row.name,
        "name_latn": row.name_latn,
        "country": row.country,
        "gazetteer_id": row.gazetteer_id,
        "events": sum(o["events"] for o in offices.values()),
        "names": written,
        "offices": sorted(offices.values(), key=lambda o: (o["first_day"] or "9999", -o["events"])),
        "timeline": timeline,
    }


def _oldest_first(dialect: str) -> list[ColumnElement[Any]]:
    if dialect == "postgresql":
        return [events.c.day.asc().nulls_last(), events.c.id]
    return [events.c.day.is_(None), events.c.day, events.c.id]


def script_of(name: str) -> str:
    """The writing system of a name, from its first letter: Latin, Arabic, Cyrillic, Han…"""
    import unicodedata

    for char in name:
        if char.isalpha():
            try:
                first_word = unicodedata.name(char).split()[0]
            except ValueError:
                return "other"
            return {"CJK": "Han", "HANGUL": "Hangul"}.get(first_word, first_word.title())
    return "other"


def counts(connection: Connection) -> dict[str, Any]:
    """How much the store holds: articles (and by language), events, stories, people,
    commitments."""
    languages = {
        row.lang or "und": row.n
        for row in connection.execute(
            select(articles.c.lang, func.count().label("n"))
            .group_by(articles.c.lang)
            .order_by(func.count().desc())
        )
    }
    return {
        "articles": sum(languages.values()),
        "events": summaries.one(connection, "events"),
        "stories": summaries.one(connection, "linked"),
        "actors": int(connection.scalar(select(func.count()).select_from(actors)) or 0),
        "commitments": int(connection.scalar(select(func.count()).select_from(commitments)) or 0),
        "languages": languages,
    }


def country_pairs(
    connection: Connection, where: EventFilter = ANY, *, limit: int | None = None
) -> list[dict[str, Any]]:
    """Pairs of countries on the sides of one real event, the busiest first: `events` is
    the number of stories (as `accords events --country A --with B` counts them)."""
    pairs: Counter[tuple[str, str]] = Counter()
    scope = _scope(where)
    if scope is not None:  # the summaries' pairs
        for key, stories in summaries.read(connection, "pair", scope).items():
            first, second = key.split()
            pairs[first, second] = stories
    else:
        for sides, stories in story_sides(connection, where):
            for pair in itertools.combinations(sorted(sides), 2):
                pairs[pair] += stories
    ranked = sorted(pairs.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [{"countries": list(pair), "events": count} for pair, count in ranked]


def country_events(connection: Connection, where: EventFilter = ANY) -> dict[str, int]:
    """The number of real events (stories) each country was a side of."""
    scope = _scope(where)
    if scope is not None:  # the summaries' sides, the busiest first, then by code
        summed = summaries.read(connection, "side", scope)
        return dict(sorted(summed.items(), key=lambda item: (-item[1], item[0])))
    found: Counter[str] = Counter()
    for sides, stories in story_sides(connection, where):
        for country in sides:
            found[country] += stories
    return dict(found.most_common())


def story_sides(connection: Connection, where: EventFilter = ANY) -> Iterator[tuple[set[str], int]]:
    """The sides of the real events the filter selects, as (sides, how many stories had
    them): a story's sides are those of all its events. Counted in the database by each
    event's sides, which is exact for a story whose events all have the same; the few
    stories told with different sides are read and joined here."""
    mixed = (
        _selected(connection, events.c.story, where)
        .where(events.c.story.is_not(None))
        .group_by(events.c.story)
        .having(func.count(func.distinct(events.c.countries)) > 1)
    )
    plain = (
        _selected(connection, events.c.countries, where)
        .add_columns(_count_stories().label("n"))
        .where(or_(events.c.story.is_(None), events.c.story.not_in(mixed)))
        .group_by(events.c.countries)
    )
    for row in connection.execute(plain):
        yield set(row.countries.split()), int(row.n)
    told = (
        _selected(connection, events.c.story, where)
        .add_columns(events.c.countries)
        .where(events.c.story.in_(mixed))
        .order_by(events.c.story)
    )
    for _, rows in itertools.groupby(connection.execute(told), key=lambda row: row.story):
        yield {code for row in rows for code in row.countries.split()}, 1


def venues(connection: Connection, where: EventFilter = ANY) -> list[dict[str, Any]]:
    """The venues of the real events the filter selects, the busiest first: `events` is
    the number of stories placed there (a story whose reports name two venues counts at
    each), with the venue's id, English name and country."""
    scope = _scope(where)
    if scope is not None:
        return _venues_summed(connection, scope)
    statement = _placed(
        connection,
        where,
        events.c.location_id,
        func.min(events.c.location_name_latn).label("name"),
        func.min(events.c.location_country).label("country"),
        _count_stories().label("n"),
    ).group_by(events.c.location_id)
    found = [
        {"id": row.location_id, "name": row.name, "country": row.country, "events": int(row.n)}
        for row in connection.execute(statement)
    ]
    return sorted(found, key=lambda place: (-place["events"], place["id"]))


def _venues_summed(connection: Connection, scope: str) -> list[dict[str, Any]]:
    """`venues` from the summaries: the least name and country its events give a venue."""
    named: dict[str, list[Any]] = {}
    for key in summaries.read(connection, "venue_as", scope):
        venue, name, country = json.loads(key)
        least = named.setdefault(venue, [None, None])
        for index, value in enumerate((name, country)):
            if value is not None and (least[index] is None or value < least[index]):
                least[index] = value
    found = [
        {"id": venue, "name": named[venue][0], "country": named[venue][1], "events": n}
        for venue, n in summaries.read(connection, "venue", scope).items()
    ]
    return sorted(found, key=lambda place: (-place["events"], place["id"]))


def count_stories_placed(connection: Connection, where: EventFilter = ANY) -> int:
    """How many real events the filter selects have a venue in any of their reports."""
    scope = _scope(where)
    if scope is not None:
        return summaries.one(connection, "placed", scope)
    statement = _placed(connection, where, _count_stories())
    return int(connection.scalar(statement) or 0)


def _placed(connection: Connection, where: EventFilter, *columns: Any) -> Select[Any]:
    """`columns` of the events the filter selects that have a venue, read through once
    (see `_filtered`): every venue's count needs every row that matches."""
    statement: Select[Any] = select(*columns).where(events.c.location_id.is_not(None))
    if reads_articles(where):
        statement = statement.select_from(
            events.join(articles, articles.c.id == events.c.article_id)
        )
    dialect = connection.dialect.name
    return _filtered(statement, where, scan=dialect == "sqlite", dialect=dialect)


def days(connection: Connection, where: EventFilter = ANY) -> dict[str, dict[str, int]]:
    """Real events (stories) per first day ("2024-01-15") and domain, for the days with
    any; a story on several domains counts once in each ("none" for none)."""
    found: dict[str, Counter[str]] = defaultdict(Counter)
    scope = _scope(where)
    if scope is not None:
        for key, stories in summaries.read(connection, "day", scope).items():
            day, domain = key.split(" ", 1)
            found[day][domain] += stories
        return {key: dict(found[key]) for key in sorted(found)}
    for first_day, domains in story_domains(connection, where):
        if first_day:
            found[summaries.whole_day(first_day)].update(domains or ["none"])
    return {key: dict(found[key]) for key in sorted(found)}


def months(connection: Connection, where: EventFilter = ANY) -> dict[str, dict[str, int]]:
    """`days`, counted by month ("2024-01")."""
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for day, counts in days(connection, where).items():
        found[day[:7]].update(counts)
    return {key: dict(found[key]) for key in sorted(found)}


def stories_by_language(connection: Connection) -> dict[str, int]:
    """Real events (stories) reported in each language, the most first: what /events
    lists for ?lang=."""
    found = summaries.read(connection, "lang")
    return dict(sorted(found.items(), key=lambda item: (-item[1], item[0])))


def count_search(
    connection: Connection, query: str, where: EventFilter = ANY, names: Sequence[str] = ()
) -> int:
    statement = _search(connection, select(articles.c.id), query, where, names)
    inner = statement.order_by(None).subquery()
    return int(connection.scalar(select(func.count()).select_from(inner)) or 0)


def search_page(
    connection: Connection,
    query: str,
    where: EventFilter = ANY,
    *,
    offset: int = 0,
    limit: int = 20,
    names: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """Articles matching a full-text query, or one of `names` (the person's it names in
    other scripts), and with an event the filter selects when it selects any; best first,
    each with its text and the ids of its events."""
    statement = _search(connection, select(articles), query, where, names)
    return _hits(connection, connection.execute(statement.offset(offset).limit(limit)).all())


def iter_search_listed(
    connection: Connection, query: str, where: EventFilter = ANY, names: Sequence[str] = ()
) -> Iterator[dict[str, Any]]:
    """Every hit of `search_page`, in its order, a batch at a time."""
    statement = _search(connection, select(articles), query, where, names)
    for rows in in_batches(connection, statement):
        yield from _hits(connection, rows)


def person_names(connection: Connection, written: str) -> list[str]:
    """Every name the store knows for the people named `written` (in any script, any
    case): the names reports gave them and the ones stored with them."""
    wanted = written.strip().lower()
    if not wanted:
        return []
    named = select(event_actors.c.actor_id).where(func.lower(event_actors.c.name) == wanted)
    ids = select(actors.c.id).where(
        or_(
            func.lower(actors.c.name) == wanted,
            func.lower(actors.c.name_latn) == wanted,
            actors.c.id.in_(named),
        )
    )
    found = [
        name
        for row in connection.execute(select(actors.c.name, actors.c.name_latn).where(
            actors.c.id.in_(ids)))
        for name in row
    ]  # fmt: skip
    found += connection.scalars(
        select(event_actors.c.name).where(event_actors.c.actor_id.in_(ids)).distinct()
    )
    return [n for n in dict.fromkeys(found) if n and n.lower() != wanted]


def _search(
    connection: Connection,
    statement: Select[Any],
    query: str,
    where: EventFilter,
    names: Sequence[str] = (),
) -> Select[Any]:
    also = list(dict.fromkeys([*names, *person_names(connection, query)]))
    statement = search.matching(statement, query, connection.dialect.name, also)
    if where != ANY:
        statement = statement.where(
            articles.c.id.in_(_selected(connection, events.c.article_id, where))
        )
    return statement


def _hits(connection: Connection, rows: Sequence[Any]) -> list[dict[str, Any]]:
    found = [_article_dict(row, row.id) for row in rows]
    owned: dict[int, list[int]] = defaultdict(list)
    if found:
        for event_id, article_id in connection.execute(
            select(events.c.id, events.c.article_id)
            .where(events.c.article_id.in_([a["id"] for a in found]))
            .order_by(events.c.position)
        ):
            owned[article_id].append(event_id)
    for article in found:
        article["event_ids"] = owned.get(article["id"], [])
    return found


def narrow_follow_ups(
    connection: Connection, found: list[dict[str, Any]], where: EventFilter
) -> list[dict[str, Any]]:
    """The commitments of `found` (rows of `follow_ups`) the filter selects: each side it
    names among the commitment's, its domain among theirs, first stated within its days,
    and, for the rest of the filter, stated in a report with an event it selects."""
    if where == ANY:
        return found
    rest = dataclasses.replace(
        where, country=None, partners=(), domain=None, since=None, until=None
    )
    reported: set[int] | None = None
    if rest != ANY:
        reported = set(connection.scalars(_selected(connection, events.c.article_id, rest)))

    def kept(row: dict[str, Any]) -> bool:
        day = row["first_day"]
        return (
            set(where.sides) <= {*row["by"], *row["to"]}
            and (not where.domain or where.domain in row["domains"])
            and (not where.since or (day is not None and day >= where.since))
            and (not where.until or (day is not None and day[: len(where.until)] <= where.until))
            and (reported is None or not reported.isdisjoint(r["id"] for r in row["reports"]))
        )

    return [row for row in found if kept(row)]


def shown_source(source: str | None) -> str | None:
    """Where an article was read, as the web shows it: an address whole, a file by its
    name only (with its line or item), never the server's directories."""
    if not source or is_address(source):
        return source
    path, mark, item = source.partition("#")
    found = _LINE.match(path)
    assert found is not None  # the pattern matches any string
    name = re.split(r"[/\\]", found.group(1))[-1] or found.group(1)
    return name + (found.group(2) or "") + mark + item


def _article_dict(row: Any, article_id: int) -> dict[str, Any]:
    return {
        "id": article_id,
        "title": row.title,
        "url": row.url,
        "outlet": row.outlet,
        "lang": row.lang,
        "published": row.published.isoformat() if row.published else None,
        "source": shown_source(row.source),
        "text": row.text,
    }


def _article_events(connection: Connection, article_id: int) -> list[dict[str, Any]]:
    statement = (
        select(*_EVENT_COLUMNS)
        .join(articles, articles.c.id == events.c.article_id)
        .where(events.c.article_id == article_id)
        .order_by(events.c.position)
    )
    return _event_dicts(connection, connection.execute(statement))


def _owned_evidence(
    connection: Connection, owner: ColumnElement[Any], ids: Sequence[int]
) -> dict[int, list[dict[str, int]]]:
    found: dict[int, list[dict[str, int]]] = defaultdict(list)
    if not ids:
        return found
    statement = (
        select(owner.label("owner"), evidence.c.start_char, evidence.c.end_char)
        .where(owner.in_(list(ids)))
        .order_by(evidence.c.id)
    )
    for row in connection.execute(statement):
        found[row.owner].append({"start": row.start_char, "end": row.end_char})
    return found


def _event_dicts(connection: Connection, rows: Iterable[Any]) -> list[dict[str, Any]]:
    rows = list(rows)
    ids = [row.id for row in rows]
    people = actors_of(connection, ids) if ids else {}
    proofs = evidence_of(connection, ids) if ids else {}
    return [
        {
            **event_row(row, people, proofs),
            "doc": shown_source(row.source),
            "title": row.title,
            "outlet": row.outlet,
            "published": row.published.isoformat() if row.published else None,
        }
        for row in rows
    ]
