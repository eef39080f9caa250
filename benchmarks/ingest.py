"""Ingest throughput as a ratio to extraction alone on the same texts: what reading files,
hashing, storing (one transaction per article, with the full-text index) and linking stories
add to the extractor's own cost. Into SQLite, and into PostgreSQL when ACCORDS_TEST_PG names
a server.

    python benchmarks/ingest.py [--articles 300]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy

from accords.jobs.ingest import ingest
from accords.lexicon import load
from accords.model import Article
from accords.pipeline import extract
from accords.store import Store
from accords.store.engine import database_url

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def texts(count: int) -> list[str]:
    """Sample texts, each made unique by a number so that none is "already stored"."""
    found = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.rglob("*.txt"))]
    for path in sorted(SAMPLES.rglob("*.jsonl")):
        found += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()]
    return [found[i % len(found)] + f"\n\n{i}\n" for i in range(count)]


Seconds = tuple[float, float]  # wall clock, and this process's CPU time


def extraction_seconds(corpus: list[str]) -> Seconds:
    lexicon = load()
    start, cpu = time.perf_counter(), time.process_time()
    for i, text in enumerate(corpus):
        extract(Article(text=text, doc=str(i)), lexicon)
    return time.perf_counter() - start, time.process_time() - cpu


def ingest_seconds(source: Path, db: str) -> Seconds:
    lexicon = load()
    with Store.open(db) as store:
        start, cpu = time.perf_counter(), time.process_time()
        tally = ingest(store, [str(source)], lexicon=lexicon)
        seconds = time.perf_counter() - start, time.process_time() - cpu
    assert tally.failed == 0 and tally.known == 0, tally
    return seconds


def postgres_schema(url: str) -> tuple[str, str]:
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    engine = sqlalchemy.create_engine(database_url(url))
    with engine.begin() as connection:
        connection.execute(sqlalchemy.text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    separator = "&" if "?" in url else "?"
    return schema, f"{url}{separator}options=-csearch_path%3D{schema}"


def drop_schema(url: str, schema: str) -> None:
    engine = sqlalchemy.create_engine(database_url(url))
    with engine.begin() as connection:
        connection.execute(sqlalchemy.text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    corpus = texts(args.articles)
    extract(Article(text=corpus[0]), load())  # warm caches: not part of the steady rate
    baseline, baseline_cpu = min(extraction_seconds(corpus) for _ in range(3))
    print(f"articles:            {len(corpus)}")
    print(f"extraction alone:    {len(corpus) / baseline:,.0f} articles/s")
    with tempfile.TemporaryDirectory() as folder:
        news = Path(folder) / "news"
        news.mkdir()
        for i, text in enumerate(corpus):
            (news / f"{i:05}.txt").write_text(text, encoding="utf-8")
        # warm the store's caches too (the linker builds its index of names once)
        ingest_seconds(news / "00000.txt", str(Path(folder) / "warm.db"))
        targets = [("sqlite", str(Path(folder) / "bench.db"), None)]
        server = os.environ.get("ACCORDS_TEST_PG")
        if server:
            schema, url = postgres_schema(server)
            targets.append(("postgresql", url, schema))
        for name, db, schema in targets:
            try:
                seconds, cpu = ingest_seconds(news, db)
            finally:
                if schema and server:
                    drop_schema(server, schema)
            # CPU time is steadier than the clock on a shared machine; the clock also
            # counts the round trips to a PostgreSQL server
            print(
                f"ingest, {name + ':':11} {len(corpus) / seconds:,.0f} articles/s, "
                f"{seconds / baseline:.2f}x extraction alone by the clock, "
                f"{cpu / baseline_cpu:.2f}x by this process's CPU time"
            )


if __name__ == "__main__":
    main()
