from __future__ import annotations

import pytest
from sqlalchemy import func, select

from accords.errors import StoreError
from accords.model import EventType, Evidence, Quantity
from accords.store import Store, search
from accords.store.schema import (
    actors,
    articles,
    commitments,
    event_actors,
    events,
    evidence,
    quantities,
)
from tests.http_server import closed_port
from tests.store.builders import article, event, extraction, person, pledge

TEXT = (
    "Iran and Oman step up maritime security\n\nThe interior ministers of Iran and Oman "
    "met in Muscat on Monday and agreed to sign a memorandum on maritime security."
)


def count(store: Store, table: object) -> int:
    with store.reading() as connection:
        return int(connection.scalar(select(func.count()).select_from(table)) or 0)  # type: ignore[arg-type]


def test_store_add_twice_stores_once(store: Store) -> None:
    found = extraction(event(people=(person("Kamran Farahani", "IRN"),)), commitments=(pledge(),))
    first = store.add(article(TEXT), found, version="1")
    again = store.add(article(TEXT, doc="elsewhere.html"), found, version="1")
    assert isinstance(first, int) and again is None
    assert [count(store, t) for t in (articles, events, commitments, event_actors)] == [1, 1, 1, 1]


def test_store_same_text_written_differently_is_one_article(store: Store) -> None:
    persian = "همکاری‌های امنیتی ایران و عمان در دریای عمان گسترش می‌یابد"
    assert store.add(article(persian), extraction(), version="1")
    variants = [
        persian.replace("\u200c", " "),
        "  " + persian.replace(" ", "\n") + "\n",
        persian.replace("ی", "ي").replace("ک", "ك"),
    ]
    for variant in variants:
        assert store.add(article(variant), extraction(), version="1") is None
    assert count(store, articles) == 1


def test_store_add_writes_every_part_of_the_extraction(store: Store) -> None:
    minister = person("Kamran Farahani", "IRN", name="کامران فراهانی")
    found = extraction(
        event(people=(minister, person("Khalid Al Rawahi", "OMN"))),
        event(EventType.AGREE, mode="sign", when="--01-15", people=(minister,)),
        commitments=(pledge(),),
        quantities=(Quantity(2.0, "t", "narcotics", Evidence(5, 12)),),
    )
    article_id = store.add(article(TEXT, title="Ministers meet"), found, version="7")
    with store.reading() as connection:
        row = connection.execute(select(articles).where(articles.c.id == article_id)).one()
        assert (row.title, row.lang, row.extractor_version, row.source) == (
            "Ministers meet",
            "en",
            "7",
            "t.txt",
        )
        stored = connection.execute(select(events).order_by(events.c.position)).all()
        assert [(e.type, e.countries, e.day) for e in stored] == [
            ("CONSULT", "IRN OMN", "2024-01-15"),
            ("AGREE", "IRN OMN", "2024-01-15"),
        ]
        assert connection.scalar(select(func.count()).select_from(actors)) == 2
        assert connection.scalar(select(func.count()).select_from(event_actors)) == 3
        (quantity,) = connection.execute(select(quantities)).all()
        assert (quantity.value, quantity.unit) == (2.0, "t")
        owners = connection.execute(
            select(
                evidence.c.event_id,
                evidence.c.commitment_id,
                evidence.c.quantity_id,
                evidence.c.event_actor_id,
            )
        ).all()
        # two events, one commitment, one quantity, three actor mentions
        assert len(owners) == 7
        assert all(sum(v is not None for v in owner) == 1 for owner in owners)


def test_store_add_is_all_or_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(search, "add_many", broken)
    with pytest.raises(RuntimeError):
        store.add(article(TEXT), extraction(event(), commitments=(pledge(),)), version="1")
    assert [count(store, t) for t in (articles, events, commitments, evidence)] == [0, 0, 0, 0]


def test_store_open_missing_file_without_create(tmp_path: pytest.TempPathFactory) -> None:
    path = f"{tmp_path}/none.db"
    with pytest.raises(StoreError, match="accords ingest SOURCE --db"):
        Store.open(path, create=False)


def test_store_open_refuses_other_databases_and_bad_places(
    tmp_path: pytest.TempPathFactory,
) -> None:
    with pytest.raises(StoreError, match="SQLite or PostgreSQL"):
        Store.open("mysql://me@localhost/db")
    with pytest.raises(StoreError, match="no folder"):
        Store.open(f"{tmp_path}/missing/folder/accords.db")


def test_store_open_unreachable_postgresql_is_one_line() -> None:
    with pytest.raises(StoreError) as raised:
        Store.open(f"postgresql://nobody:secret@127.0.0.1:{closed_port()}/accords")
    message = str(raised.value)
    assert "\n" not in message and "secret" not in message
    assert "refused" in message or "connect" in message


def test_store_add_many_in_one_transaction_known_and_repeated_ones_none(store: Store) -> None:
    from accords.store.write import Entry, article_hash

    def entry(text: str) -> Entry:
        return Entry(article(text), extraction(event()), article_hash(text))

    store.add(article("Stored before."), extraction(), version="1")
    ids = store.add_many(
        [entry("One."), entry("Stored before."), entry("Two."), entry("One.")], version="1"
    )
    assert isinstance(ids[0], int) and isinstance(ids[2], int) and ids[0] < ids[2]
    assert ids[1] is None and ids[3] is None
    assert count(store, articles) == 3 and count(store, events) == 2
