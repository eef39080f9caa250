"""Reading the store: events with filters, articles with full-text search, actors. Each
yields plain dicts, in the shape of `accords extract`'s JSON plus the rows' ids, a batch
of rows at a time so that a large store streams out."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Column, ColumnElement, Connection, Select, exists, func, or_, select

from accords.model import DOMAINS, EVENT_TYPES, EventType
from accords.store import search
from accords.store.schema import (
    actors,
    articles,
    event_actors,
    event_domains,
    event_sides,
    events,
    evidence,
)

BATCH = 500
_CODE = re.compile(r"^[A-Z]{3}$")
_PERIOD = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_LANG = re.compile(r"^[a-z]{2,3}$")
_PAIR = re.compile(r"^\s*([A-Za-z]{3})\s*[-,/ ]\s*([A-Za-z]{3})\s*$")


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What lists of events narrow by (`accords events`, every list of the web and its
    exports); None or an empty tuple is "any". Made, it is valid: a bad value is a
    ValueError naming its parameter, which the CLI and the web say as their own errors."""

    country: str | None = None  # a side (ISO alpha-3)
    partners: tuple[str, ...] = ()  # other sides of the same event, all of them (--with)
    domain: str | None = None
    type: str | None = None
    since: str | None = None  # "2023", "2023-01" or "2023-01-15", inclusive
    until: str | None = None  # inclusive: --until 2023-06 takes all of June
    lang: str | None = None
    person: str | None = None  # an actor's id, or a part of any name a report gave them
    outlet: str | None = None  # a part of the outlet's name
    text: str | None = None  # a full-text search of the report (see search.py)
    place: str | None = None  # the venue, by its id in the lexicon's cities: tehran

    def __post_init__(self) -> None:
        for name, value in (("country", self.country), *(("with", p) for p in self.partners)):
            if value is not None and not _CODE.match(value):
                raise ValueError(f"{name}: {value!r} is not a country code like IRN")
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None:
                check_period(value, name)
        if self.domain is not None and self.domain not in DOMAINS:
            raise ValueError(
                f"domain: {self.domain!r} is not a domain; try one of {', '.join(DOMAINS)}"
            )
        if self.type is not None and self.type.upper() not in EVENT_TYPES:
            raise ValueError(f"type: {self.type!r} is not an event type ({', '.join(EventType)})")
        if self.lang is not None and not _LANG.match(self.lang.lower()):
            raise ValueError(f"lang: {self.lang!r} is not a language code like fa")

    @classmethod
    def given(
        cls,
        *,
        country: str | None = None,
        partners: Sequence[str] = (),
        pair: str | None = None,
        **others: str | None,
    ) -> EventFilter:
        """The filter a user asked for, as typed (a form's, the query string's or the
        command line's): codes in any case, blank values "any", `pair` two sides at once
        ("IRN-OMN"); the other parameters are the fields of the same names."""
        country = _given(country, str.upper)
        sides = [code for value in partners if (code := _given(value, str.upper))]
        if pair and pair.strip():
            found = _PAIR.match(pair)
            if not found:
                raise ValueError(f"pair: {pair!r} is not a pair of country codes like IRN-OMN")
            country, sides = found.group(1).upper(), [found.group(2).upper(), *sides]
        cased = {"type": str.upper, "lang": str.lower}
        return cls(
            country=country,
            partners=tuple(dict.fromkeys(sides)),
            **{name: _given(value, cased.get(name)) for name, value in others.items()},
        )

    @property
    def sides(self) -> tuple[str, ...]:
        """Every country the events must have as a side."""
        return tuple(dict.fromkeys(c for c in (self.country, *self.partners) if c))


def _given(value: str | None, case: Callable[[str], str] | None = None) -> str | None:
    value = (value or "").strip() or None
    return case(value) if value and case else value


def check_period(value: str, name: str) -> None:
    """ValueError naming `name` unless `value` is a year, a month or a day of the calendar."""
    if not _PERIOD.match(value):
        raise ValueError(f"{name}: {value!r} is not a date like 2023, 2023-01 or 2023-01-15")
    year, month, day = (int(part) for part in (value + "-01-01")[:10].split("-"))
    try:
        date(year, month, day)
    except ValueError:
        raise ValueError(f"{name}: {value!r} is not a day of the calendar") from None


def iter_events(
    connection: Connection, where: EventFilter = EventFilter(), limit: int | None = None
) -> Iterator[dict[str, Any]]:
    statement = select(
        events, articles.c.source, articles.c.lang, articles.c.title, articles.c.published
    ).join(articles, articles.c.id == events.c.article_id)
    statement = narrow(statement, where, dialect=connection.dialect.name)
    statement = statement.order_by(events.c.day.nulls_last(), events.c.id).limit(limit)
    for rows in in_batches(connection, statement):
        ids = [row.id for row in rows]
        people = actors_of(connection, ids)
        proofs = evidence_of(connection, ids)
        for row in rows:
            yield event_row(row, people, proofs)


def event_row(
    row: Any, people: dict[int, list[dict[str, Any]]], proofs: dict[int, list[dict[str, Any]]]
) -> dict[str, Any]:
    """A stored event as `accords extract` prints it, plus its ids and day."""
    spans = proofs.get(row.id, [])
    return {
        "id": row.id,
        "article_id": row.article_id,
        "doc": row.source,
        "lang": row.lang,
        "type": row.type,
        "mode": row.mode,
        "countries": row.countries.split(),
        "orgs": row.orgs.split(),
        "actors": people.get(row.id, []),
        "domains": row.domains.split(),
        "location": (
            {
                "id": row.location_id,
                "name": row.location_name,
                "name_latn": row.location_name_latn,
                "country": row.location_country,
            }
            if row.location_id or row.location_name
            else None
        ),
        "date": row.date,
        "day": row.day,
        "story": row.story,
        "gist": row.gist,
        "evidence": [span for span in spans if "field" not in span],
        "marks": sorted(
            (span for span in spans if "field" in span), key=lambda span: span["start"]
        ),
    }


def iter_articles(
    connection: Connection, *, query: str | None = None, limit: int | None = None
) -> Iterator[dict[str, Any]]:
    columns = (
        articles.c.id,
        articles.c.title,
        articles.c.url,
        articles.c.outlet,
        articles.c.lang,
        articles.c.published,
        articles.c.text,
    )
    statement: Select[Any] = select(*columns)
    if query is not None:
        statement = search.matching(statement, query, connection.dialect.name)
    else:
        statement = statement.order_by(articles.c.published, articles.c.id)
    for rows in in_batches(connection, statement.limit(limit)):
        for row in rows:
            yield {
                "id": row.id,
                "title": row.title,
                "url": row.url,
                "outlet": row.outlet,
                "lang": row.lang,
                "published": row.published.isoformat() if row.published else None,
                "text": row.text,
            }


def actors_statement() -> Select[Any]:
    """People with the number of events they took part in, the busiest first."""
    count = func.count(func.distinct(event_actors.c.event_id)).label("events")
    return (
        select(
            actors.c.id,
            actors.c.name,
            actors.c.name_latn,
            actors.c.country,
            actors.c.gazetteer_id,
            count,
        )
        .outerjoin(event_actors, event_actors.c.actor_id == actors.c.id)
        .group_by(
            actors.c.id, actors.c.name, actors.c.name_latn, actors.c.country, actors.c.gazetteer_id
        )
        .order_by(count.desc(), actors.c.name_latn, actors.c.id)
    )


def iter_actors(connection: Connection) -> Iterator[dict[str, Any]]:
    """People with the number of events they took part in, the busiest first."""
    for rows in in_batches(connection, actors_statement()):
        for row in rows:
            yield dict(row._mapping)  # the columns of actors_statement, by name


def narrow(
    statement: Select[Any], where: EventFilter, *, dialect: str = "sqlite", walking: bool = False
) -> Select[Any]:
    """`statement`, a select from events (joined with articles when the filter asks for a
    language or an outlet), narrowed to the events `where` selects; `dialect` is the
    database's, for a full-text `text`. A side or a domain is read from its index, whose
    events SQLite then looks up one by one; `walking`: the statement walks another index
    (the day's, for a page), and each event it meets is looked up among the codes' rows
    by their primary key (event, code), so that only the events walked are read, not every
    event of the code (200,000 of a side at a million events)."""
    for code in where.sides:
        statement = statement.where(has_code(event_sides.c.country, code, walking=walking))
    if where.domain:
        statement = statement.where(has_code(event_domains.c.domain, where.domain, walking=walking))
    if where.type:
        statement = statement.where(events.c.type == where.type.upper())
    if where.lang:
        statement = statement.where(articles.c.lang == where.lang.lower())
    if where.outlet:
        statement = statement.where(
            func.lower(articles.c.outlet).like(_pattern(where.outlet), escape="\\")
        )
    if where.person:
        linked = select(event_actors.c.event_id).where(
            event_actors.c.actor_id.in_(person_ids(where.person))
        )
        statement = statement.where(events.c.id.in_(linked))
    if where.text:
        found = search.matching(select(articles.c.id), where.text, dialect).order_by(None)
        statement = statement.where(events.c.article_id.in_(found))
    if where.place:
        statement = statement.where(events.c.location_id == where.place)
    if where.since:
        statement = statement.where(events.c.day >= where.since)
    if where.until:
        # compare as many characters as the bound has: 2023-06 takes 2023-06-30 too
        statement = statement.where(func.substr(events.c.day, 1, len(where.until)) <= where.until)
    return statement


def reads_articles(where: EventFilter) -> bool:
    """Whether `narrow` needs the events joined with their articles."""
    return bool(where.lang or where.outlet)


def person_ids(person: str) -> Select[Any]:
    """The ids of the actors `person` names: an id, or a part of any of their names in any
    script (the one stored first, the Latin one, or one a report gave)."""
    if person.isascii() and person.isdigit() and len(person) <= 9:  # within a 32-bit id
        return select(actors.c.id).where(actors.c.id == int(person))
    pattern = _pattern(person)
    written = select(event_actors.c.actor_id).where(
        func.lower(event_actors.c.name).like(pattern, escape="\\")
    )
    return select(actors.c.id).where(
        or_(
            func.lower(actors.c.name_latn).like(pattern, escape="\\"),
            func.lower(actors.c.name).like(pattern, escape="\\"),
            actors.c.id.in_(written),
        )
    )


def _pattern(part: str) -> str:
    """A LIKE pattern (escaped with a backslash) for a part of a lowercased value."""
    escaped = part.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def with_code(column: Column[str], code: str) -> Select[Any]:
    """The ids of the events with `code` in `column`, event_sides.c.country or
    event_domains.c.domain: read from its index, not from the events' lists."""
    assert column.table is not None
    return select(column.table.c.event_id).where(column == code)


def has_code(column: Column[str], code: str, *, walking: bool = False) -> ColumnElement[bool]:
    """Whether an event has `code` in `column` (see `with_code`): among the code's events
    read from its index, or (`walking`) its own row looked up by the primary key."""
    assert column.table is not None
    if walking:
        return exists().where(column.table.c.event_id == events.c.id, column == code)
    return events.c.id.in_(with_code(column, code))


def in_batches(connection: Connection, statement: Select[Any]) -> Iterator[Sequence[Any]]:
    """The rows of `statement`, BATCH at a time, streamed rather than read whole."""
    result = connection.execution_options(yield_per=BATCH).execute(statement)
    yield from result.partitions()


def actors_of(connection: Connection, event_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    statement = (
        select(
            event_actors.c.event_id,
            event_actors.c.name,
            event_actors.c.role,
            event_actors.c.org,
            actors.c.id,
            actors.c.name_latn,
            actors.c.country,
            actors.c.gazetteer_id,
        )
        .join(actors, actors.c.id == event_actors.c.actor_id)
        .where(event_actors.c.event_id.in_(event_ids))
        .order_by(event_actors.c.id)
    )
    for row in connection.execute(statement):
        found[row.event_id].append(
            {
                "id": row.id,
                "name": row.name,
                "name_latn": row.name_latn,
                "country": row.country,
                "role": row.role,
                "org": row.org,
                "gazetteer_id": row.gazetteer_id,
            }
        )
    return found


def evidence_of(
    connection: Connection, ids: list[int], owner: Column[int] = evidence.c.event_id
) -> dict[int, list[dict[str, Any]]]:
    """The spans of each of the events (or, by `owner`, commitments...) with these ids; the
    words of an event's field carry the field's name (event_row tells them apart)."""
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    statement = (
        select(owner, evidence.c.start_char, evidence.c.end_char, evidence.c.field)
        .where(owner.in_(ids))
        .order_by(evidence.c.id)
    )
    for owner_id, start, end, field in connection.execute(statement):
        span = {"start": start, "end": end}
        found[owner_id].append({"field": field, **span} if field else span)
    return found
