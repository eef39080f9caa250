"""The web's queries: the events the store's filter (`queries.narrow`, as `accords events`
uses it) selects, newest first with the undated last, on every page, whichever way a page
is read."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from accords.model import EventType
from accords.store import Store, views
from accords.store.queries import EventFilter, narrow
from accords.store.schema import articles, events
from tests.store.builders import article, event, extraction
from tests.watch.synthetic import add, reports

FILTERS = [
    EventFilter(),
    EventFilter(country="IRN"),
    EventFilter(country="IRN", partners=("OMN",)),
    EventFilter(domain="cybercrime"),
    EventFilter(domain="smuggling"),  # not migrant_smuggling
    EventFilter(type="AGREE"),
    EventFilter(lang="fa"),
    EventFilter(since="2024-03"),
    EventFilter(country="OMN", since="2024"),
    EventFilter(until="2023"),
    EventFilter(country="IRN", lang="en", since="2023-06", until="2024-02"),
]


@pytest.fixture
def many(store: Store) -> Store:
    sides = [("IRN", "OMN"), ("IRN", "RUS"), ("IRQ", "KWT"), ("OMN", "IND")]
    domains = [("cybercrime",), ("migrant_smuggling",), ("smuggling", "drug_trafficking")]
    for number in range(40):
        when = None if number % 9 == 0 else f"{2023 + number % 2}-{1 + number % 12:02d}-10"
        found = event(
            EventType.AGREE if number % 4 == 0 else EventType.CONSULT,
            sides[number % len(sides)],
            when=when,
            domains=domains[number % len(domains)],
        )
        store.add(
            article(f"Report {number}.", lang=("en", "fa", "ar")[number % 3],
                    published=None if when is None else date(2024, 6, 1)),
            extraction(found),
            version="1",
        )  # fmt: skip
    return store


def newest_first(found: list[dict[str, Any]]) -> list[int]:
    dated = sorted((e for e in found if e["day"]), key=lambda e: (e["day"], e["id"]))
    undated = [e for e in found if not e["day"]]
    return [e["id"] for e in [*reversed(dated), *reversed(undated)]]


@pytest.mark.parametrize("where", FILTERS, ids=str)
@pytest.mark.parametrize("deep", [False, True], ids=["walked", "sorted"])
def test_views_events_pages_hold_the_filtered_events(
    many: Store, where: EventFilter, deep: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if deep:  # the way a page deep into a narrowed list is read, on a small store
        monkeypatch.setattr(views, "DEEP_OFFSET", 0)
    with many.reading() as connection:
        chosen = select(events.c.id, events.c.day).join(
            articles, articles.c.id == events.c.article_id
        )
        expected = newest_first(
            [row._asdict() for row in connection.execute(narrow(chosen, where))]
        )
        assert views.count_events(connection, where) == len(expected)
        pages = [
            [e["id"] for e in views.events_page(connection, where, offset=start, limit=7)]
            for start in range(0, len(expected) + 7, 7)
        ]
    assert [i for page in pages for i in page] == expected
    assert pages[-1] == []


def test_views_undated_events_come_last(many: Store) -> None:
    with many.reading() as connection:
        found = views.events_page(connection, limit=100)
    days = [e["day"] for e in found]
    assert None in days
    assert all(day is None for day in days[days.index(None) :])


def test_views_stories_pages_walked_by_day_as_grouped(store: Store) -> None:
    """The pages of all stories, walked from the newest event, are those of the query that
    groups every event: ties on a last day by id, stories of no day last."""
    add(store, reports(400, years=1), link=True)
    with store.reading() as connection:
        ordered = views._stories_ordered(connection, views.ANY, 1)
        grouped = [row.story for row in connection.execute(ordered)]
        walked = [
            story["id"]
            for offset in range(0, len(grouped) + 7, 7)
            for story in views.stories_page(connection, offset=offset, limit=7)
        ]
        last_days = [row.last_day for row in connection.execute(ordered)]
    assert walked == grouped
    assert len(set(last_days)) < len(last_days) and None in last_days  # ties, and no day


@pytest.mark.parametrize("where", FILTERS, ids=repr)
def test_views_stories_counted_as_listed(store: Store, where: EventFilter) -> None:
    """The total of a list of stories under a filter is the number of stories it lists,
    counted apart from the grouping that lists them (and with the grouping when a story
    must have more than one report)."""
    add(store, reports(120, years=2), link=True)
    with store.reading() as connection:
        for least in (1, 2):
            listed = list(views.iter_stories_listed(connection, where, min_reports=least))
            assert views.count_stories(connection, where, min_reports=least) == len(listed)
        assert where == views.ANY or len(listed) < views.count_stories(connection)
