"""A batch job's result into the database (SQLite or PostgreSQL), through the store's own
writes: the same rows, keys and transactions as `accords ingest`, so an article already
stored, by an ingest or an earlier load, is not stored again.

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

from accords.pipeline import VERSION
from accords.scale.chunks import Layout
from accords.scale.tables import Row, article_from, extraction_from
from accords.store import Store, write
from accords.store.schema import articles
from accords.store.stories import relink

BATCH = 200  # articles per transaction: one statement per table for them all


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
        for chunk in ids:
            entries = list(_entries(layout, chunk, stories))
            for start in range(0, len(entries), BATCH):
                stored = store.add_many(entries[start : start + BATCH], version=VERSION)
                added = sum(1 for article_id in stored if article_id is not None)
                tally.new += added
                tally.known += len(stored) - added
            on_chunk(chunk)
        if had_articles and tally.new:
            with store.writing() as connection:
                relink(connection)
            tally.relinked = True
    return tally


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
