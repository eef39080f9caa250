from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from accords.scale.batch import batch
from accords.store import Store
from accords.store.schema import articles, events
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
