from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, delete, func, select, text

from accords.pipeline import VERSION
from accords.scale import load as loader
from accords.scale.batch import batch
from accords.scale.chunks import Layout
from accords.scale.plan import Chunk, expand_inputs, plan
from accords.store import Store, copy
from accords.store.schema import (
    actors,
    articles,
    commitments,
    event_actors,
    events,
    evidence,
    quantities,
)
from tests.scale.helpers import rows
from tests.store_fixtures import db_url

__all__ = ["db_url"]


def _count(db: str, table: object) -> int:
    with Store.open(db) as store, store.reading() as connection:
        return int(connection.scalar(select(func.count()).select_from(table)) or 0)  # type: ignore[arg-type]


def test_load_stores_what_the_job_found_once(corpus: Path, tmp_path: Path, db_url: str) -> None:
    out = tmp_path / "out"
    summary = batch([str(corpus)], out=out, workers=1, to_db=db_url)
    # the Uzbek text is both a Parquet row and a text file: one article in the store
    assert (summary.articles, summary.stored) == (8, 7)
    assert _count(db_url, articles) == 7
    with Store.open(db_url) as store, store.reading() as connection:
        stored = dict(connection.execute(select(articles.c.source, articles.c.outlet)).all())
        story_of = {
            row.source: row.story
            for row in connection.execute(
                select(articles.c.source, events.c.story).join(
                    events, events.c.article_id == articles.c.id
                )
            )
        }
    assert stored[f"{corpus}/news.jsonl:1"] == "Gulf Wire"
    assert story_of.items() <= {r["doc"]: r["story"] for r in rows(out, "events")}.items()
    assert len(story_of) == 6  # the weather has no event

    again = batch([str(corpus)], out=out, workers=1, to_db=db_url)
    assert again.stored == 0
    assert _count(db_url, articles) == 7


def test_load_rows_are_those_an_ingest_stores(corpus: Path, tmp_path: Path, db_url: str) -> None:
    """On PostgreSQL the loader copies; the rows must be the very rows the store's own
    inserts make, full-text index included, whatever ids they were given."""
    out = tmp_path / "out"
    batch([str(corpus)], out=out, workers=1, to_db=db_url)
    with Store.open(db_url) as store:
        with store.reading() as connection:
            loaded = _contents(connection)
        with store.writing() as connection:
            _empty(connection)
        layout = Layout(out)
        stories = loader._stories(layout)
        for chunk in _chunk_ids(corpus, out):  # in the job's order: the first of a text wins
            store.add_many(list(loader._entries(layout, chunk, stories)), version=VERSION)
        with store.reading() as connection:
            inserted = _contents(connection)
    assert loaded["events"] and loaded["evidence"] and loaded["event_actors"]
    assert loaded == inserted


def test_load_copy_skips_an_article_stored_meanwhile(
    corpus: Path, tmp_path: Path, db_url: str
) -> None:
    """Another process may store an article between the loader's look and its COPY: that
    article is left as it is, with no second extraction, and the others go in."""
    if not db_url.startswith("postgresql"):
        pytest.skip("COPY is PostgreSQL's")
    out = tmp_path / "out"
    batch([str(corpus)], out=out, workers=1)
    layout = Layout(out)
    entries = [
        entry
        for chunk in _chunk_ids(corpus, out)
        for entry in loader._entries(layout, chunk, loader._stories(layout))
    ]
    unique = list({entry.key: entry for entry in entries}.values())
    with Store.open(db_url) as store:
        first = unique[0]
        store.add(first.article, first.extraction, version=VERSION, key=first.key)
        with store.writing() as connection:
            added = copy.add_many(connection, unique, version=VERSION)
        assert len(added) == len(unique) - 1
        with store.reading() as connection:
            assert connection.scalar(select(func.count()).select_from(articles)) == len(unique)
            first_events = connection.scalar(
                select(func.count())
                .select_from(events.join(articles, events.c.article_id == articles.c.id))
                .where(articles.c.hash == first.key)
            )
    assert first.extraction.events  # the case that matters: its events are not stored twice
    assert first_events == len(first.extraction.events)


def _chunk_ids(corpus: Path, out: Path) -> list[str]:
    found = plan(expand_inputs([str(corpus)], skip=out.resolve()))
    return [chunk.id for chunk in found if isinstance(chunk, Chunk)]


def _contents(connection: Connection) -> dict[str, list[Any]]:
    """Every table's rows with ids replaced by what they stand for, sorted."""
    article = {r.id: r.hash for r in connection.execute(select(articles.c.id, articles.c.hash))}
    person = {r.id: r.key for r in connection.execute(select(actors.c.id, actors.c.key))}
    event = {
        r.id: (article[r.article_id], r.position)
        for r in connection.execute(select(events.c.id, events.c.article_id, events.c.position))
    }
    link = {
        r.id: (event[r.event_id], person[r.actor_id], r.name)
        for r in connection.execute(
            select(event_actors.c.id, event_actors.c.event_id, event_actors.c.actor_id,
                   event_actors.c.name)
        )
    }  # fmt: skip
    owned = {
        table.name: {
            r.id: (article[r.article_id], r.position)
            for r in connection.execute(select(table.c.id, table.c.article_id, table.c.position))
        }
        for table in (commitments, quantities)
    }
    refs = {"article_id": article, "actor_id": person, "event_id": event,
            "event_actor_id": link, "commitment_id": owned["commitments"],
            "quantity_id": owned["quantities"]}  # fmt: skip

    def plain(table: Any) -> list[Any]:
        found = []
        for row in connection.execute(select(table)).mappings():
            found.append(
                repr(sorted(
                    (name, refs[name].get(value) if name in refs else value)
                    for name, value in row.items()
                    if name not in ("id", "ingested_at")
                ))
            )  # fmt: skip
        return sorted(found)

    tables = (articles, events, actors, event_actors, commitments, quantities, evidence)
    contents = {table.name: plain(table) for table in tables}
    contents["search"] = sorted(
        (article[r[0]], r[1]) for r in connection.execute(text(_SEARCH[connection.dialect.name]))
    )
    return contents


_SEARCH = {
    "postgresql": "SELECT article_id, document::text FROM article_search",
    "sqlite": "SELECT rowid, title || '|' || body || '|' || joined FROM article_search",
}


def _empty(connection: Connection) -> None:
    connection.execute(text("DELETE FROM article_search"))
    for table in (evidence, event_actors, quantities, commitments, events, articles, actors):
        connection.execute(delete(table))
