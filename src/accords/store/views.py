"""Read-only queries behind the web pages and the JSON API: pages of events newest first,
one event with its article and every piece of evidence, stories, actors, counts, country
pairs, months and full-text search (the follow-up of commitments is store.followups').
Rows are plain dicts in the shape of `queries.iter_events`, with the article's title, outlet
and publication date.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, case, false, func, select, true

from accords.ingest.fetch import is_address
from accords.store import search
from accords.store.queries import (
    EventFilter,
    actors_of,
    actors_statement,
    event_row,
    evidence_of,
    has_code,
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


def count_events(connection: Connection, where: EventFilter = ANY) -> int:
    statement: Select[Any] = select(func.count()).select_from(events)
    if reads_articles(where):
        statement = statement.join(articles, articles.c.id == events.c.article_id)
    dialect = connection.dialect.name
    filtered = _filtered(statement, where, scan=dialect == "sqlite", dialect=dialect)
    return int(connection.scalar(filtered) or 0)


def events_page(
    connection: Connection, where: EventFilter = ANY, *, offset: int = 0, limit: int = 50
) -> list[dict[str, Any]]:
    """Events matching the filter, newest first (undated ones last)."""
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
        base = _filtered(base, where, scan=scan, dialect=connection.dialect.name)
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
    if not ids:
        return []
    statement = (
        select(*_EVENT_COLUMNS)
        .join(articles, articles.c.id == events.c.article_id)
        .where(events.c.id.in_(ids))
    )
    rows = {row.id: row for row in connection.execute(statement)}
    return _event_dicts(connection, [rows[i] for i in ids])


def _narrowing(where: EventFilter) -> bool:
    """Whether the filter tests more than the day, which only a scan of the rows can do."""
    return any(
        (where.sides, where.domain, where.type, where.lang, where.outlet, where.person, where.text)
    )


def _opaque(statement: Select[Any], where: EventFilter) -> Select[Any]:
    """`statement` narrowed as queries.iter_events narrows, for a page on PostgreSQL: its
    planner reckons that each LIKE on a list of codes keeps one row in two hundred, so with
    two of them it expects no row at all, and sorts a scan of the whole table rather than
    walk the day index from the newest. The same tests as one CASE are reckoned to keep
    half the rows, and the walk stops at the page's last row. The bounds on the day stay
    outside, where the index can use them."""
    tests = narrow(
        select(events.c.id),
        dataclasses.replace(where, since=None, until=None),
        dialect="postgresql",
    )
    assert tests.whereclause is not None
    statement = statement.where(case((tests.whereclause, true()), else_=false()))
    return narrow(statement, EventFilter(since=where.since, until=where.until))


def _filtered(
    statement: Select[Any], where: EventFilter, *, scan: bool, dialect: str
) -> Select[Any]:
    """`statement` narrowed as queries.iter_events narrows, with the same rows but cheaper
    tests in front: a plain LIKE on the codes before the padded one (which must build a
    string for every row). With `scan`, a lower bound on the day does not make SQLite walk
    its day index: without statistics its planner takes the index for any bound, and
    looking up half the table row by row costs more than reading it through once."""
    for code in where.sides:
        statement = statement.where(events.c.countries.like(f"%{code}%"))
    if where.domain:
        statement = statement.where(events.c.domains.like(f"%{where.domain}%"))
    if scan and _narrowing(where) and where.since:
        statement = statement.where(events.c.day.concat("") >= where.since)
        where = dataclasses.replace(where, since=None)
    return narrow(statement, where, dialect=dialect)


def _selected(connection: Connection, column: Any, where: EventFilter) -> Select[Any]:
    """`column` of the events the filter selects, for a subquery."""
    statement: Select[Any] = select(column)
    if reads_articles(where):
        statement = statement.join(articles, articles.c.id == events.c.article_id)
    return narrow(statement, where, dialect=connection.dialect.name)


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
    """Every piece of evidence in the article: offsets, what it proves (an event, a person
    taking part, a commitment, a quantity) and the event or commitment it belongs to."""
    statement = (
        select(
            evidence.c.start_char,
            evidence.c.end_char,
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
    for row in connection.execute(statement):
        if row.event_id is not None:
            kind, event_id = "event", row.event_id
        elif row.event_actor_id is not None:
            kind, event_id = "actor", row.actor_event_id
        elif row.commitment_id is not None:
            kind, event_id = "commitment", None
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
    return found


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
    inner = _story_groups(connection, where, min_reports).subquery()
    return int(connection.scalar(select(func.count()).select_from(inner)) or 0)


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
    groups = _story_groups(connection, where, min_reports)
    latest = func.max(events.c.day)
    postgres = connection.dialect.name == "postgresql"
    ordered = latest.desc().nulls_last() if postgres else latest.desc()
    groups = groups.order_by(ordered, events.c.story).offset(offset).limit(limit)
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
        for row in connection.execute(groups)
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
    connection: Connection, *, country: str | None = None, name: str | None = None
) -> int:
    statement = _actor_filter(select(func.count()).select_from(actors), country, name)
    return int(connection.scalar(statement) or 0)


def actors_page(
    connection: Connection,
    *,
    offset: int = 0,
    limit: int = 50,
    country: str | None = None,
    name: str | None = None,
) -> list[dict[str, Any]]:
    """People, the busiest first, with the number of events they took part in."""
    statement = _actor_filter(actors_statement(), country, name).offset(offset).limit(limit)
    return [
        dict(row._mapping)  # the columns of actors_statement, by name
        for row in connection.execute(statement)
    ]


def _actor_filter(statement: Select[Any], country: str | None, name: str | None) -> Select[Any]:
    if country:
        statement = statement.where(actors.c.country == country)
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
        "events": int(connection.scalar(select(func.count()).select_from(events)) or 0),
        "stories": int(connection.scalar(select(func.count(func.distinct(events.c.story)))) or 0),
        "actors": int(connection.scalar(select(func.count()).select_from(actors)) or 0),
        "commitments": int(connection.scalar(select(func.count()).select_from(commitments)) or 0),
        "languages": languages,
    }


def country_sets(
    connection: Connection, *, domain: str | None = None
) -> list[tuple[tuple[str, ...], int]]:
    """The sides of events, as sets, with the number of events that had them."""
    statement = select(events.c.countries, func.count().label("n")).group_by(events.c.countries)
    if domain:
        statement = statement.where(has_code(events.c.domains, domain))
    return [(tuple(row.countries.split()), row.n) for row in connection.execute(statement)]


def country_pairs(
    connection: Connection, *, domain: str | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """Pairs of countries on the sides of the same event, the busiest first."""
    pairs: Counter[tuple[str, str]] = Counter()
    for sides, count in country_sets(connection, domain=domain):
        for pair in itertools.combinations(sorted(set(sides)), 2):
            pairs[pair] += count
    ranked = sorted(pairs.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [{"countries": list(pair), "events": count} for pair, count in ranked]


def country_events(connection: Connection, *, domain: str | None = None) -> dict[str, int]:
    """The number of events each country was a side of."""
    found: Counter[str] = Counter()
    for sides, count in country_sets(connection, domain=domain):
        for country in set(sides):
            found[country] += count
    return dict(found.most_common())


def months(connection: Connection, *, country: str | None = None) -> dict[str, dict[str, int]]:
    """Events per month ("2024-01") and domain, for the months with any; an event with
    several domains counts once in each."""
    month = func.substr(events.c.day, 1, 7).label("month")
    statement = (
        select(month, events.c.domains, func.count().label("n"))
        .where(events.c.day.is_not(None))
        .group_by(month, events.c.domains)
    )
    if country:
        statement = statement.where(has_code(events.c.countries, country))
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for row in connection.execute(statement):
        for domain in row.domains.split() or ["none"]:
            found[row.month][domain] += row.n
    return {key: dict(found[key]) for key in sorted(found)}


def count_search(connection: Connection, query: str) -> int:
    statement = search.matching(select(articles.c.id), query, connection.dialect.name)
    inner = statement.order_by(None).subquery()
    return int(connection.scalar(select(func.count()).select_from(inner)) or 0)


def search_page(
    connection: Connection, query: str, *, offset: int = 0, limit: int = 20
) -> list[dict[str, Any]]:
    """Articles matching a full-text query, best first, each with its text and the ids of
    its events."""
    statement = search.matching(select(articles), query, connection.dialect.name)
    rows = connection.execute(statement.offset(offset).limit(limit)).all()
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


def fingerprint(connection: Connection) -> tuple[int, ...]:
    """Numbers that change whenever articles, events or commitments are added or replaced:
    a key for caching what is computed over the whole store."""
    values: list[int] = []
    for table in (articles, events, commitments):
        counted = connection.execute(
            select(func.count(), func.coalesce(func.max(table.c.id), 0)).select_from(table)
        ).one()
        values.extend((int(counted[0]), int(counted[1])))
    return tuple(values)


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
