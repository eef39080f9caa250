"""Summaries of the whole store, kept as the events change, so that a page reads a few rows
instead of grouping every event on each request (schema.tallies and events.lead).

A real event is a story, or an event of no story: lists, counts and charts count them
(`accords events` prints one row each). For each real event, and for each scope (the whole
store "", and each country among its sides, where only the story's events with that side
count, as a filter `country=IRN` selects them), `tallies` counts one for each of:

    stories  ""              the real event itself (the total of a list)
    linked   ""              the same, for a story only (the home page, /stories' total)
    events   ""              each of its events (the home page's "events")
    pair     "IRN OMN"       each pair among its events' sides (the network, busiest pairs)
    side     "IRN"           each of its events' sides (the network's countries)
    domain   "terrorism"     each domain of its events (the total of a list of one domain)
    lang     "fa"            each language of its reports (the home page), scope "" only
    day      "2024-01-15 terrorism"  its first day and each of its domains (the timeline)
    placed   ""              when any of its events has a venue (the map's "placed")
    venue    "muscat"        each venue of its events (the map)
    venue_as '["muscat", "Muscat", "OMN"]'  each event's venue id, name and country: the
                             map shows the least name and country of a venue's events

and `events.lead` marks the event a list of one row a story shows (its first: the oldest
day, undated last, then the lowest id), walked by a page through its index instead of
testing each event it meets against the others of its story.

What reads them (store.views): the unfiltered lists' totals and pages, the home page, and
the network, timeline and map unfiltered or filtered on one country; the total of a list
filtered on a country, a domain or both. Any other filter (two sides, a date, a language,
a person, a text) is still a query: its combinations are too many to keep, and it selects
fewer events, which its indexes find. So is the page of a filtered list (it walks the day
index from the newest and stops at its last row) and its CSV (every row it selects).

Who keeps them: each writer, in its own transaction, takes away what the real events it
touches counted and adds what they count after it (`changing`): add articles
(write.add_extractions, the batch loader's COPY too), replace an extraction
(write.remove_extraction), link a few new reports (store.increment). A full relink counts
everything again (`recount`), and so does migration 0007 for a store written before.
"""

from __future__ import annotations

import contextlib
import itertools
import json
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, and_, delete, select

from accords.store.engine import bound_chunks
from accords.store.schema import articles, events, tallies

WHOLE = ""  # the scope of the whole store
Key = tuple[str, str, str]  # (fact, scope, key)

_COLUMNS = (
    events.c.id,
    events.c.story,
    events.c.countries,
    events.c.domains,
    events.c.day,
    events.c.location_id,
    events.c.location_name_latn,
    events.c.location_country,
    events.c.lead,
    articles.c.lang,
)
_SET_LEAD = "UPDATE events SET lead = {m} WHERE id = {m}"
_UPSERT = (
    "INSERT INTO tallies (fact, scope, key, n) VALUES ({m}, {m}, {m}, {m}) "
    "ON CONFLICT (fact, scope, key) DO UPDATE SET n = tallies.n + excluded.n"
)
_NONE_LEFT = "DELETE FROM tallies WHERE fact = {m} AND scope = {m} AND key = {m} AND n = 0"
_WRITTEN_AT_ONCE = 5_000


def whole_day(day: str) -> str:
    """A day as "2024-01-15": a stored month or year ("2024-01") taken at its first day."""
    return (day + "-01-01")[:10] if len(day) < 10 else day[:10]


def counted(rows: Sequence[Any]) -> Counter[Key]:
    """What one real event (the rows of its events) counts in the tallies."""
    found: Counter[Key] = Counter()
    split = [(row, row.countries.split(), row.domains.split()) for row in rows]
    scopes = [WHOLE, *dict.fromkeys(c for _, codes, _ in split for c in codes)]
    for scope in scopes:
        chosen = [(r, c, d) for r, c, d in split if scope == WHOLE or scope in c]
        found["stories", scope, ""] += 1
        sides = sorted({code for _, codes, _ in chosen for code in codes})
        for side in sides:
            found["side", scope, side] += 1
        for first, second in itertools.combinations(sides, 2):
            found["pair", scope, f"{first} {second}"] += 1
        domains = {domain for _, _, named in chosen for domain in named}
        for domain in domains:
            found["domain", scope, domain] += 1
        first = min((row.day for row, _, _ in chosen if row.day), default=None)
        if first:
            for domain in domains or {"none"}:
                found["day", scope, f"{whole_day(first)} {domain}"] += 1
        placed = [row for row, _, _ in chosen if row.location_id]
        if placed:
            found["placed", scope, ""] += 1
        for venue in {row.location_id for row in placed}:
            found["venue", scope, venue] += 1
        for row in placed:
            named = [row.location_id, row.location_name_latn, row.location_country]
            found["venue_as", scope, json.dumps(named, ensure_ascii=False)] += 1
    if rows[0].story:
        found["linked", WHOLE, ""] += 1
    found["events", WHOLE, ""] += len(rows)
    for lang in {row.lang for row in rows if row.lang}:
        found["lang", WHOLE, lang] += 1
    return found


def lead_of(rows: Sequence[Any]) -> int:
    """The id of the event a list of one row a story shows for these events of a story."""
    return int(min(rows, key=lambda row: (row.day is None, row.day or "", row.id)).id)


def _grouped(rows: Iterable[Any]) -> Iterator[list[Any]]:
    """Rows ordered by story into the real events they make: a story's, or one of none."""
    for story, group in itertools.groupby(rows, key=lambda row: row.story):
        if story:
            yield list(group)
        else:
            yield from ([row] for row in group)


def _tally(connection: Connection, groups: Iterable[list[Any]]) -> Counter[Key]:
    """The tallies of the real events, setting `lead` where it is not what it should be."""
    found: Counter[Key] = Counter()
    moved: list[tuple[bool, int]] = []
    for rows in groups:
        found.update(counted(rows))
        lead = lead_of(rows)
        moved += [(row.id == lead, row.id) for row in rows if bool(row.lead) != (row.id == lead)]
    statement = _SET_LEAD.format(m=_mark(connection))
    for start in range(0, len(moved), _WRITTEN_AT_ONCE):
        connection.exec_driver_sql(statement, moved[start : start + _WRITTEN_AT_ONCE])
    return found


def recount(connection: Connection) -> None:
    """Count every tally again, and mark every lead, from the events as stored."""
    statement = (
        select(*_COLUMNS)
        .join(articles, articles.c.id == events.c.article_id)
        .order_by(events.c.story, events.c.id)
    )
    # streamed (an option of this statement: one of the connection would stream the
    # writes that follow too, which PostgreSQL refuses)
    rows = connection.execute(statement, execution_options={"yield_per": 10_000})
    found = _tally(connection, _grouped(rows))
    connection.execute(delete(tallies))
    _write(connection, found)


def _rows_of(
    connection: Connection, stories: Collection[str], loose: Collection[int]
) -> list[list[Any]]:
    """The real events of `stories`, and the events of `loose` that have no story."""
    base = select(*_COLUMNS).join(articles, articles.c.id == events.c.article_id)
    found: list[Any] = []
    for chunk in bound_chunks(stories):
        found += connection.execute(base.where(events.c.story.in_(chunk)))
    for ids in bound_chunks(loose):
        found += connection.execute(
            base.where(and_(events.c.id.in_(ids), events.c.story.is_(None)))
        )
    found.sort(key=lambda row: (row.story or "", row.id))
    return list(_grouped(found))


@contextlib.contextmanager
def changing(
    connection: Connection, stories: Collection[str], loose: Collection[int] = ()
) -> Iterator[dict[str, set[Any]]]:
    """Around a change of the events of `stories` (and of the events of `loose`, which
    have no story before it): what they counted is taken away before, and what they count
    after is added. The block may name more in the dict it is given: "stories" and
    "loose" (events of no story after the change, new ones among them)."""
    before = _tally(connection, _rows_of(connection, stories, loose))
    after: dict[str, set[Any]] = {"stories": set(stories), "loose": set(loose)}
    yield after
    now = _tally(connection, _rows_of(connection, after["stories"], after["loose"]))
    now.subtract(before)
    _write(connection, now)


def _write(connection: Connection, found: Counter[Key]) -> None:
    """Add the counts to those stored: rows of their own, or added to the rows there.
    Statements of the driver's own: SQLAlchemy's work for each row of an executemany
    would cost more than the rest of a write of new articles."""
    rows = [(fact, scope, key, n) for (fact, scope, key), n in found.items() if n]
    mark = _mark(connection)
    for start in range(0, len(rows), _WRITTEN_AT_ONCE):
        connection.exec_driver_sql(_UPSERT.format(m=mark), rows[start : start + _WRITTEN_AT_ONCE])
    fallen = [row[:3] for row in rows if row[3] < 0]  # those that may have come to none
    if fallen:
        connection.exec_driver_sql(_NONE_LEFT.format(m=mark), fallen)


def _mark(connection: Connection) -> str:
    """The driver's mark of a parameter in a statement of its own."""
    return "?" if connection.dialect.paramstyle == "qmark" else "%s"


def read(connection: Connection, fact: str, scope: str = WHOLE) -> dict[str, int]:
    """The tallies of a fact in a scope, by key."""
    statement = select(tallies.c.key, tallies.c.n).where(
        tallies.c.fact == fact, tallies.c.scope == scope
    )
    return {key: int(n) for key, n in connection.execute(statement)}


def one(connection: Connection, fact: str, scope: str = WHOLE, key: str = "") -> int:
    """One tally: of a fact that has no key (stories, linked, events, placed), or of
    `key`."""
    statement = select(tallies.c.n).where(
        tallies.c.fact == fact, tallies.c.scope == scope, tallies.c.key == key
    )
    return int(connection.scalar(statement) or 0)
