"""event_sides and event_domains, the rows that filters on a side or a domain read, agree
with the events' own lists after every write: an ingest (one article or many, and the batch
loader's COPY on PostgreSQL), a reextraction, a relink, and the migration that fills them
for a store written before them."""

from __future__ import annotations

import pytest
from sqlalchemy import Connection, select

from accords.model import Extraction
from accords.store import Store, copy, stories, write
from accords.store.queries import EventFilter
from accords.store.schema import event_domains, event_sides, events
from accords.store.views import count_events
from tests.store.builders import article, event, extraction, store_at

MIXED = extraction(
    event(countries=("IRN", "OMN"), domains=("drug_trafficking", "smuggling")),
    event(countries=("IRQ", "KWT", "IRN"), domains=()),
    event(countries=("IRN", "IRN", "OMN"), domains=("terrorism", "terrorism")),  # repeated
)
OTHER = extraction(event(countries=("CHN", "RUS"), domains=("cybercrime",)))


def codes_of_events(connection: Connection) -> tuple[set[tuple[int, str]], set[tuple[int, str]]]:
    rows = connection.execute(select(events.c.id, events.c.countries, events.c.domains)).all()
    return (
        {(row.id, code) for row in rows for code in row.countries.split()},
        {(row.id, code) for row in rows for code in row.domains.split()},
    )


def codes_stored(connection: Connection) -> tuple[set[tuple[int, str]], set[tuple[int, str]]]:
    return (
        {tuple(row) for row in connection.execute(select(event_sides))},
        {tuple(row) for row in connection.execute(select(event_domains))},
    )


def assert_agree(store: Store) -> None:
    with store.reading() as connection:
        expected = codes_of_events(connection)
        assert expected[0]  # something to compare
        assert codes_stored(connection) == expected


def entry(text: str, found: Extraction) -> write.Entry:
    return write.Entry(article(text), found, write.article_hash(text))


def test_codes_agree_after_ingest_of_one_and_of_many(store: Store) -> None:
    store.add(article("One report."), MIXED, version="1")
    store.add_many([entry("Two.", OTHER), entry("Three.", MIXED)], version="1")
    assert_agree(store)
    with store.reading() as connection:
        sides = connection.scalars(select(event_sides.c.country)).all()
        assert sides.count("IRN") == 6  # three events in each of two articles, once each
        assert count_events(connection, EventFilter(country="IRN", domain="terrorism")) == 2
        assert count_events(connection, EventFilter(country="IRQ", partners=("KWT",))) == 2
        assert count_events(connection, EventFilter(domain="cybercrime")) == 1


def test_codes_agree_after_reextraction(store: Store) -> None:
    article_id = store.add(article("One report."), MIXED, version="1")
    store.add(article("Two."), OTHER, version="1")
    assert article_id is not None
    with store.writing() as connection:
        write.replace_extraction(connection, article_id, OTHER, version="2")
    assert_agree(store)
    with store.reading() as connection:
        assert count_events(connection, EventFilter(country="IRN")) == 0
        assert count_events(connection, EventFilter(country="CHN", domain="cybercrime")) == 2


def test_codes_agree_after_relink(store: Store) -> None:
    store.add_many(
        [entry("One.", MIXED), entry("Two.", MIXED), entry("Three.", OTHER)], version="1"
    )
    with store.writing() as connection:
        stories.relink(connection)
    assert_agree(store)


def test_codes_agree_after_the_batch_loaders_copy(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("COPY is PostgreSQL's")
    with Store.open(db_url) as store:
        with store.writing() as connection:
            copy.add_many(connection, [entry("One.", MIXED), entry("Two.", OTHER)], version="1")
        assert_agree(store)


def test_codes_are_filled_by_the_migration_for_a_store_written_before_them(db_url: str) -> None:
    store_at(db_url, "0003", *((f"Report {n}.", f) for n, f in enumerate((MIXED, OTHER, MIXED))))
    with Store.open(db_url) as store:
        assert_agree(store)
        with store.reading() as connection:
            assert count_events(connection, EventFilter(country="IRN", domain="smuggling")) == 2
