"""A batch job's result into the database (SQLite or PostgreSQL), as the store's own
rows: the same rows and keys as `accords ingest`, so an article already stored, by an
ingest or an earlier load, is not stored again. SQLite takes them as `accords ingest`
writes them (executemany); PostgreSQL by COPY (accords.store.copy), a stream per table.

Rows are read back chunk by chunk (a chunk holds all the rows of its articles, so no join
across the datasets is needed) with the stories the job linked. When the database held
articles before, the store links the stories of old and new together afterwards.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
from sqlalchemy import select

from accords import faults
from accords.pipeline import VERSION
from accords.scale.chunks import Layout
from accords.scale.tables import Row, article_from, extraction_from
from accords.store import Store, copy, write
from accords.store.followups import refollow
from accords.store.schema import articles
from accords.store.stories import relink

BATCH = 250  # articles per transaction: one statement (or COPY) per table for them all


@dataclass(slots=True)
class Loaded:
    new: int = 0
    known: int = 0
    relinked: bool = False


def load(
    db: str,
    layout: Layout,
    ids: Sequence[str],
    *,
    on_chunk: Callable[[str], None] = lambda chunk: None,
) -> Loaded:
    stories = _stories(layout)
    tally = Loaded()
    with Store.open(db) as store:
        with store.reading() as connection:
            had_articles = connection.scalar(select(articles.c.id).limit(1)) is not None
        add = _copied if store.dialect == "postgresql" else _inserted
        for chunk in ids:
            entries = list(_entries(layout, chunk, stories))
            for start in range(0, len(entries), BATCH):
                batch = entries[start : start + BATCH]
                added = add(store, batch)
                tally.new += added
                tally.known += len(batch) - added
                faults.point("batch:loading")
            on_chunk(chunk)
        if had_articles and tally.new:
            with store.writing() as connection:
                relink(connection)
            tally.relinked = True
        elif tally.new:  # the batch's own stories: their commitments followed up on them
            with store.writing() as connection:
                refollow(connection)
    return tally


def _inserted(store: Store, entries: list[write.Entry]) -> int:
    """How many of the entries were new, stored as an ingest stores them."""
    stored = store.add_many(entries, version=VERSION)
    return sum(1 for article_id in stored if article_id is not None)


def _copied(store: Store, entries: list[write.Entry]) -> int:
    """How many of the entries were new, copied into PostgreSQL in one transaction: those
    whose key is stored, or came earlier in the batch, are left out first."""
    firsts = {entry.key: entry for entry in reversed(entries)}  # the first of a key wins
    with store.writing() as connection:
        known = write.find_many(connection, set(firsts))
        fresh = [
            entry for entry in entries if entry.key not in known and firsts[entry.key] is entry
        ]
        return len(copy.add_many(connection, fresh, version=VERSION))


def _stories(layout: Layout) -> dict[str, str]:
    # the two columns as a schema: a batch with no story has a folder with no file
    columns = pa.schema([("doc", pa.string()), ("story", pa.string())])
    table = ds.dataset(layout.out / "stories", schema=columns, format="parquet").to_table()
    return dict(
        zip(table.column("doc").to_pylist(), table.column("story").to_pylist(), strict=True)
    )


def _entries(layout: Layout, chunk: str, stories: dict[str, str]) -> Iterator[write.Entry]:
    def rows(name: str) -> list[Row]:
        found: list[Row] = pq.read_table(layout.staged(name, [chunk])[0]).to_pylist()
        return found

    events: dict[str, list[Row]] = defaultdict(list)
    for row in rows("events"):
        events[row["doc"]].append({**row, "story": stories.get(row["doc"])})
    commitments: dict[str, list[Row]] = defaultdict(list)
    for row in rows("commitments"):
        commitments[row["doc"]].append(row)
    for row in rows("articles"):
        doc = row["doc"]
        article = article_from(row)
        extraction = extraction_from(row, events[doc], commitments[doc])
        yield write.Entry(article, extraction, write.article_hash(article.text))
