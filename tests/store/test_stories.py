from __future__ import annotations

from sqlalchemy import select

from accords.store import Store
from accords.store.schema import events
from accords.store.stories import relink
from tests.store.builders import article, event, extraction, person


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
