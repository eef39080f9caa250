from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy import event as sa_event

from accords.store import Store
from accords.store.engine import BOUND_AT_ONCE
from accords.store.followups import follow_ups
from accords.store.schema import events, pending
from accords.store.stories import LEFT_UNLINKED, relink
from tests.store.builders import article, event, extraction, person
from tests.watch.synthetic import add, reports


def test_stories_link_reports_across_the_store(store: Store) -> None:
    minister = person("Kamran Farahani", "IRN")
    # the same meeting reported twice, a day apart, and an unrelated event
    store.add(article("Report one."), extraction(event(people=(minister,))), version="1")
    store.add(
        article("Report two."),
        extraction(event(when="2024-01-16", people=(minister,))),
        version="1",
    )
    store.add(article("Other."), extraction(event(countries=("IRQ", "KWT"))), version="1")
    with store.writing() as connection:
        assert relink(connection) == 3
    with store.reading() as connection:
        stories = connection.scalars(select(events.c.story).order_by(events.c.id)).all()
    assert stories[0] == stories[1] and stories[0] != stories[2]
    assert all(stories)
    with store.writing() as connection:
        assert relink(connection) == 0  # stable: nothing changes a second time


def _stories(store: Store) -> list[str | None]:
    with store.reading() as connection:
        return list(connection.scalars(select(events.c.story).order_by(events.c.id)))


def _add_unlinked(store: Store) -> None:
    """Two reports of one meeting, stored as an ingest stores them before it links."""
    minister = person("Kamran Farahani", "IRN")
    for text, day in (("Report one.", "2024-01-15"), ("Report two.", "2024-01-16")):
        store.add(article(text), extraction(event(when=day, people=(minister,))), version="1")


def test_stories_a_stop_before_linking_is_repaired_when_the_store_opens_to_write(
    db_url: str,
) -> None:
    with Store.open(db_url) as store:
        _add_unlinked(store)  # and the process stops here
        assert store.linking_due()
    with Store.open(db_url, create=False) as store:
        assert _stories(store) == [None, None]  # a query does not write
    notes: list[str] = []
    with Store.open(db_url, on_notice=notes.append) as store:
        stories = _stories(store)
        assert stories[0] and stories[0] == stories[1]
        assert not store.linking_due()
    assert notes == [LEFT_UNLINKED]
    with Store.open(db_url, on_notice=notes.append):
        assert len(notes) == 1  # nothing left to do, nothing said


def test_stories_a_store_an_older_version_left_half_linked_is_repaired(store: Store) -> None:
    _add_unlinked(store)
    with store.writing() as connection:
        connection.execute(delete(pending))  # an older version kept no mark
    assert store.linking_due()  # its events without a story tell
    assert store.finish_linking()
    assert all(_stories(store)) and not store.linking_due()


def test_stories_linking_clears_the_mark_a_write_set(store: Store) -> None:
    _add_unlinked(store)
    with store.reading() as connection:
        assert connection.scalar(select(pending.c.task)) == "stories"
    with store.writing() as connection:
        relink(connection)
    with store.reading() as connection:
        assert connection.scalar(select(pending.c.task)) is None
    store.add(article("No event."), extraction(), version="1")
    assert not store.linking_due()  # an article without events changes no story


@pytest.mark.parametrize(
    ("published", "when"),
    [
        (date(9999, 12, 31), "9999-12-31"),
        (date(9999, 12, 31), None),
        (date(9999, 12, 31), "--01-02"),
        (date(1, 1, 1), "0001-01-01"),
        (date(1, 1, 1), "--12-30"),
        (None, "9999-12-30"),
    ],
)
def test_stories_a_date_at_the_end_of_the_calendar_never_breaks_linking(
    store: Store, published: date | None, when: str | None
) -> None:
    store.add(
        article("At the edge of time.", published=published),
        extraction(event(when=when)),
        version="1",
    )
    assert store.finish_linking()
    _add_unlinked(store)  # and the store goes on taking articles
    assert store.finish_linking()
    stories = _stories(store)
    assert all(stories) and stories[1] == stories[2] != stories[0]


def test_stories_a_story_that_holds_the_same_reports_keeps_its_id(store: Store) -> None:
    """As when `batch --to-db` loads stories with the batch's ids: a relink that finds the
    same stories keeps them; a story that gains a report takes the id linking gives."""
    minister = person("Kamran Farahani", "IRN")
    for text, day in (("Report one.", "2024-01-15"), ("Report two.", "2024-01-16")):
        found = event(when=day, people=(minister,))
        found.story = "s-from-batch"
        store.add(article(text), extraction(found), version="1")
    store.add(article("Other."), extraction(event(countries=("IRQ", "KWT"))), version="1")
    assert store.finish_linking()
    stories = _stories(store)
    assert stories[:2] == ["s-from-batch", "s-from-batch"] and stories[2]
    store.add(article("Report three."), extraction(event(people=(minister,))), version="1")
    assert store.finish_linking()
    grown = _stories(store)
    assert grown[0] == grown[1] == grown[3] != "s-from-batch"
    assert grown[2] == stories[2]


def test_stories_a_store_larger_than_one_statement_binds_links_and_follows_up(
    tmp_path: Path,
) -> None:
    """A store of a million reports holds more ids than SQLite binds in one statement
    (250,000 here, 32,766 in other builds): linking and follow-up read it without naming
    every id. The limit is lowered to what the store binds at once, on 8,000 reports."""
    made = reports(8_000, dated=True)
    with Store.open(str(tmp_path / "a.db")) as store:

        @sa_event.listens_for(store.engine, "connect")
        def _few_parameters(connection: sqlite3.Connection, _: object) -> None:
            connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, BOUND_AT_ONCE)

        store.engine.dispose()  # the connections opened from now on bind no more
        add(store, made)
        with store.writing() as connection:
            assert relink(connection) > 0
        with store.reading() as connection:
            assert connection.scalar(select(func.count()).where(events.c.story.is_(None))) == 0
            assert len(follow_ups(connection)) > BOUND_AT_ONCE
