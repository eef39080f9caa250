"""The same articles make the same stories whatever the route: `accords ingest`, `accords
batch`, `batch --to-db`, and an ingest into the database a batch loaded."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from accords.jobs.ingest import ingest
from accords.lexicon import Lexicon
from accords.scale.batch import batch
from accords.store import Store
from accords.store.schema import articles, events
from tests.scale.helpers import rows
from tests.scale.texts import IRAQ_REPORT, OMAN_REPORT
from tests.store_fixtures import db_url

__all__ = ["db_url"]

# days of January, in the order the lines come: a chain of meetings a day or two apart,
# read out of date order, which is where linking in reading order and linking in date
# order part ways
OMAN_DAYS = (9, 1, 5, 3, 7, 2, 8, 4, 6, 12, 10)
IRAQ_DAYS = (6, 2, 4, 1, 3, 5)

Groups = set[frozenset[str]]


def news(path: Path) -> Path:
    first = date(2024, 1, 1)
    records = [
        {"text": OMAN_REPORT.format(n=n), "published": str(first + timedelta(days=day - 1))}
        for n, day in enumerate(OMAN_DAYS)
    ]
    records += [
        {"text": IRAQ_REPORT.format(n=100 + n), "published": str(first + timedelta(days=day - 1))}
        for n, day in enumerate(IRAQ_DAYS)
    ]
    records.append({"text": OMAN_REPORT.format(n=200)})  # no date at all
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def groups(pairs: Iterable[tuple[str, str | None]]) -> Groups:
    """The stories as sets of texts, whatever their ids."""
    members: dict[str, set[str]] = {}
    for text, story in pairs:
        assert story, f"an event without a story: {text}"
        members.setdefault(story, set()).add(text)
    return {frozenset(found) for found in members.values()}


def stored(db: str) -> Groups:
    with Store.open(db, create=False) as store, store.reading() as connection:
        joined = select(articles.c.text, events.c.story).join(
            events, events.c.article_id == articles.c.id
        )
        return groups((row.text, row.story) for row in connection.execute(joined))


def batched(out: Path) -> Groups:
    texts = {row["doc"]: row["text"] for row in rows(out, "articles")}
    return groups((texts[row["doc"]], row["story"]) for row in rows(out, "events"))


def test_routes_ingest_batch_and_load_make_the_same_stories(
    tmp_path: Path, db_url: str, lexicon: Lexicon
) -> None:
    source = news(tmp_path / "news.jsonl")
    ingested = str(tmp_path / "ingested.db")
    with Store.open(ingested) as store:
        ingest(store, [str(source)], lexicon=lexicon)
    by_ingest = stored(ingested)
    assert 2 < len(by_ingest) < len(OMAN_DAYS) + len(IRAQ_DAYS)  # some joined, not all

    out = tmp_path / "out"
    batch([str(source)], out=out, workers=1)
    assert batched(out) == by_ingest
    batch([str(source)], out=out, workers=1, to_db=db_url)
    assert stored(db_url) == by_ingest

    # a later ingest into what the batch loaded links the old articles as they were
    later = tmp_path / "later.txt"
    later.write_text(IRAQ_REPORT.format(n=300).replace("Baghdad", "Tehran"), encoding="utf-8")
    with Store.open(db_url) as store:
        assert ingest(store, [str(source), str(later)], lexicon=lexicon).new == 1
    with Store.open(ingested) as store:
        ingest(store, [str(later)], lexicon=lexicon)
    assert stored(db_url) == stored(ingested)
