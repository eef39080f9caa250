from __future__ import annotations

from pathlib import Path
from threading import Thread

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import insert, select, text

from accords.store import Store, migrate
from accords.store import engine as engines
from accords.store.schema import events, evidence, metadata, pending
from tests.store.builders import event, extraction, person, store_at


def test_migrate_result_matches_schema_py(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "include_object": lambda obj, name, kind, reflected, compare_to: (
                    not (name or "").startswith(("article_search", "alembic_version"))
                )
            },
        )
        assert compare_metadata(context, metadata) == []
        assert migrate.current(connection) == migrate.head()


def test_migrate_reopening_is_a_no_op(db_url: str) -> None:
    for _ in range(3):
        Store.open(db_url).close()
    with Store.open(db_url) as store, store.reading() as connection:
        assert connection.scalar(text("SELECT count(*) FROM alembic_version")) == 1


def test_migrate_sqlite_is_set_up_for_concurrent_writers(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "a.db")) as store, store.reading() as connection:
        assert connection.scalar(text("PRAGMA journal_mode")) == "wal"
        assert int(connection.scalar(text("PRAGMA busy_timeout")) or 0) >= 10_000
        assert connection.scalar(text("PRAGMA foreign_keys")) == 1


def test_migrate_two_processes_opening_a_new_file_at_once(tmp_path: Path) -> None:
    path = str(tmp_path / "new.db")
    failures: list[BaseException] = []

    def open_it() -> None:
        try:
            Store.open(path).close()
        except BaseException as error:
            failures.append(error)

    threads = [Thread(target=open_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_migrate_marks_a_store_an_older_version_left_half_linked(db_url: str) -> None:
    """A store at the first schema, whose last ingest stopped before linking its stories:
    the upgrade marks the linking as due, and the first store opened to write does it."""
    kamran = (person("Kamran Farahani", "IRN"),)
    store_at(
        db_url, "0001", *((f"Report {n}.", extraction(event(when=f"2024-01-1{n}", people=kamran)))
                          for n in (1, 2))
    )  # fmt: skip
    with Store.open(db_url, create=False) as store, store.reading() as connection:
        assert migrate.current(connection) == migrate.head()
        assert connection.scalar(select(pending.c.task)) == "stories"
    with Store.open(db_url) as store, store.reading() as connection:
        stories = connection.scalars(select(events.c.story)).all()
        assert stories[0] and stories[0] == stories[1]
        assert connection.scalar(select(pending.c.task)) is None


def test_migrate_a_linked_store_of_the_first_schema_is_not_marked(db_url: str) -> None:
    store_at(db_url, "0001")
    with Store.open(db_url, create=False) as store, store.reading() as connection:
        assert connection.scalar(select(pending.c.task)) is None


def test_migrate_evidence_of_an_older_store_stays_the_sentences_of_its_event(db_url: str) -> None:
    """A store of the schema before evidence had fields: its rows keep their offsets and
    read as the sentences of their event, as they were."""
    store_at(db_url, "0005", ("Report.", extraction(event())))
    engine = engines.create(engines.database_url(db_url))
    with engine.begin() as connection:
        article_id, event_id = connection.execute(select(events.c.article_id, events.c.id)).one()
        connection.execute(
            insert(evidence).values(
                article_id=article_id, event_id=event_id, start_char=0, end_char=7
            )
        )
    engine.dispose()
    with Store.open(db_url) as store, store.reading() as connection:
        from accords.store.views import article_evidence

        assert connection.scalar(select(evidence.c.field)) is None
        assert article_evidence(connection, article_id) == [
            {"start": 0, "end": 7, "kind": "event", "event_id": event_id, "commitment_id": None}
        ]
