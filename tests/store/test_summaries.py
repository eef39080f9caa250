"""The summaries of the store (store/summaries.py) equal a recount of what is stored after
every kind of write that keeps them, and the pages that read them answer what the queries
answer over the events themselves."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from sqlalchemy import Connection, func, select

from accords.model import EventType
from accords.store import Store, summaries, views, write
from accords.store.increment import link_new
from accords.store.queries import EventFilter
from accords.store.schema import events, tallies
from accords.store.stories import relink
from tests.store.builders import (
    MUSCAT,
    TEHRAN,
    article,
    event,
    extraction,
    person,
    store_at,
)
from tests.watch.synthetic import add, reports

KAMRAN = person("Kamran Farahani", "IRN")


def _stored(store: Store) -> list[int]:
    """Reports of several kinds: one meeting in three languages (one report naming a
    third side, one undated), a story of no venue, an event of no domain, a lone event
    of no date."""
    given = [
        ("Report one.", "en", extraction(event(people=(KAMRAN,)), lang="en")),
        ("Report two.", "fa", extraction(
            event(countries=("IRN", "OMN", "QAT"), when="2024-01-16", where=TEHRAN,
                  people=(KAMRAN,)), lang="fa")),
        ("Report three.", "ar", extraction(event(when=None, people=(KAMRAN,)), lang="ar")),
        ("Other.", "en", extraction(
            event(EventType.AGREE, ("IRQ", "KWT"), when="2023-05", where=None,
                  domains=("terrorism", "cybercrime")),
            event(EventType.AID, ("IRN", "IRQ"), when="2023-06-02", domains=()))),
        ("Undated.", None, extraction(event(countries=("TUR", "IRN"), when=None, where=None))),
    ]  # fmt: skip
    return [
        added
        for text, lang, found in given
        if (added := store.add(article(text, lang=lang), found, version="1")) is not None
    ]


def _held(connection: Connection) -> tuple[list[Any], list[int]]:
    rows = connection.execute(select(tallies).order_by(*tallies.primary_key.columns)).all()
    leads = connection.scalars(select(events.c.id).where(events.c.lead).order_by(events.c.id))
    return [tuple(row) for row in rows], list(leads)


def assert_as_recounted(store: Store) -> None:
    """The tallies and the leads as stored are those a recount gives."""
    with store.writing() as connection:
        kept = _held(connection)
        summaries.recount(connection)
        assert _held(connection) == kept
        assert kept[0] and kept[1]


def assert_views_as_queried(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the views read from the summaries is what they count over the events."""
    filters = [views.ANY, EventFilter(country="IRN"), EventFilter(country="OMN")]
    with store.reading() as connection:
        summed = [_answers(connection, where) for where in filters]
        leads = set(connection.scalars(select(events.c.id).where(events.c.lead)))
        first = set(
            connection.scalars(select(events.c.id).where(views._first_among(connection, views.ANY)))
        )
        assert leads == first
        with monkeypatch.context() as patched:
            patched.setattr(views, "_scope", lambda where: None)
            assert summed == [_answers(connection, where) for where in filters]
            assert views.stories_by_language(connection) == _languages(connection)


def _answers(connection: Connection, where: EventFilter) -> dict[str, Any]:
    return {
        "total": views.count_stories_of_events(connection, where),
        "of a domain": [
            views.count_stories_of_events(connection, dataclasses.replace(where, domain=domain))
            for domain in ("drug_trafficking", "terrorism", "cybercrime")
        ],
        "pairs": views.country_pairs(connection, where),
        "countries": views.country_events(connection, where),
        "days": views.days(connection, where),
        "venues": views.venues(connection, where),
        "placed": views.count_stories_placed(connection, where),
    }


def _languages(connection: Connection) -> dict[str, int]:
    """Real events by language, counted over the events."""
    found: dict[str, set[str]] = {}
    for row in views.events_page(connection, limit=1_000, per_story=False):
        found.setdefault(row["lang"], set()).add(row["story"] or f"#{row['id']}")
    counted = {lang: len(keys) for lang, keys in found.items() if lang}
    return dict(sorted(counted.items(), key=lambda item: (-item[1], item[0])))


def test_summaries_after_ingest_and_relink(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    _stored(store)
    assert_as_recounted(store)  # before linking: every event a real event of its own
    assert_views_as_queried(store, monkeypatch)
    with store.writing() as connection:
        relink(connection)
    assert_as_recounted(store)
    assert_views_as_queried(store, monkeypatch)
    with store.reading() as connection:
        counts = views.counts(connection)
        stories = connection.scalar(select(func.count(func.distinct(events.c.story))))
        assert (counts["events"], counts["stories"]) == (6, stories)
        assert views.count_stories_of_events(connection) == stories  # each event has one
        assert views.count_stories(connection) == stories
        assert views.count_stories_of_events(connection, EventFilter(country="QAT")) == 1


def test_summaries_after_a_reextraction(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = _stored(store)
    with store.writing() as connection:
        relink(connection)
    changed = extraction(event(countries=("IRN", "PAK"), when="2024-01-15", where=None), lang="fa")
    with store.writing() as connection:
        write.replace_extraction(connection, ids[1], changed, version="2")
    assert_as_recounted(store)  # the story it left, and its new lone event
    assert_views_as_queried(store, monkeypatch)
    with store.writing() as connection:
        relink(connection)
    assert_as_recounted(store)


def test_summaries_after_incremental_rounds(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    made = reports(600)
    add(store, made[:-30], link=True)
    for start in range(len(made) - 30, len(made), 10):
        ids = add(store, made[start : start + 10])
        with store.writing() as connection:
            link_new(connection, ids)
        assert_as_recounted(store)
    assert_views_as_queried(store, monkeypatch)


def test_summaries_of_a_batch_with_its_own_stories(store: Store) -> None:
    """Events stored with the stories a batch gave them join those stories at once."""
    told = [dataclasses.replace(event(when=f"2024-01-1{n}"), story="batch-1") for n in range(1, 4)]
    for n, found in enumerate(told):
        store.add(article(f"Batch {n}."), extraction(found), version="1")
        assert_as_recounted(store)
    with store.reading() as connection:
        assert views.count_stories_of_events(connection) == 1
        assert views.events_page(connection, per_story=True)[0]["date"] == "2024-01-11"


def test_summaries_filled_by_the_migration(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    store_at(
        db_url, "0003",  # written before event_sides, which 0005 fills
        ("Report one.", extraction(event(people=(KAMRAN,)))),
        ("Report two.", extraction(event(countries=("IRN", "OMN", "QAT"), when="2024-01-16",
                                         where=MUSCAT, people=(KAMRAN,)))),
        ("Other.", extraction(event(countries=("IRQ", "KWT"), when=None, where=None))),
    )  # fmt: skip
    with Store.open(db_url) as store:  # migrated, then linked: the stories were never
        assert_as_recounted(store)
        assert_views_as_queried(store, monkeypatch)
        with store.reading() as connection:
            assert views.count_stories_of_events(connection) == 2
